import CanonicalJSON
import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerStore
import LedgerTestSupport
import Logging
import Synchronization

@testable import LedgerServer

/// A server over a fresh fixture ledger, with its log lines captured.
struct ServerHarness {
    let fixture: Fixture
    let settings: ServerSettings
    let logs = CapturedLogs()
    let metrics = ServerMetrics()

    init(settings: ServerSettings = ServerSettings(port: 0)) throws {
        fixture = try Fixture()
        self.settings = settings
    }

    /// The server, counting failed sign-ins on a stopped clock: a loaded machine cannot
    /// stretch a test's requests past the minute in which failures are counted.
    var application: some ApplicationProtocol {
        buildApplication(
            ledger: fixture.ledger, settings: settings, logger: logs.logger, metrics: metrics, failures: SignInFailures(now: { 0 }),
            onRunning: { _ in })
    }

    /// Runs `body` with a client of the server through the router (no socket).
    func router<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.test(.router, body)
    }
}

/// Every log line a server wrote, with its metadata, as one string each.
final class CapturedLogs: Sendable {
    let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(label: "test") { _ in Handler(logs: self) }
    }

    var all: String { lines.withLock { $0.joined(separator: "\n") } }

    struct Handler: LogHandler {
        let logs: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            let text = "\(event.level) \(event.message) " + merged.sorted { $0.key < $1.key }.map { "\($0)=\($1)" }.joined(separator: " ")
            logs.lines.withLock { $0.append(text) }
        }
    }
}

extension TestResponse {
    /// The body as JSON.
    var json: JSONValue { get throws { try JSONValue.parse(String(buffer: body)) } }

    /// The error code of a JSON error body.
    var errorCode: String? {
        guard case .object(let root)? = try? json, case .object(let error)? = root["error"], case .string(let code)? = error["code"]
        else { return nil }
        return code
    }
}
