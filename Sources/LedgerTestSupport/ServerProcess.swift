import Foundation

/// `csp-ledger serve` run as a person runs it: its own process, on a real loopback
/// socket, answering `/healthz` before a test goes on.
public final class ServerProcess: @unchecked Sendable {
    public let process: Process
    public let port: Int
    /// Where the server's standard error (its request log) goes: a file, which a busy
    /// server cannot fill as it would a pipe nobody reads.
    public let logFile: String
    /// Where its standard output (the line naming its address) goes.
    public let outputFile: String

    public var url: String { "http://127.0.0.1:\(port)" }

    /// Starts a server of the ledger at `db` on a free port of loopback, trying a few
    /// random ports, and waits until it answers.
    /// - Parameters:
    ///   - arguments: more arguments of `serve`.
    ///   - environment: its environment (`CSP_LEDGER_NOW` with `--test-clock`, say).
    public init(db: String, arguments: [String] = [], environment: [String: String] = [:]) async throws {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<40_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["serve", "--db", db, "--port", String(port)] + arguments
            process.environment = environment
            let logFile = NSTemporaryDirectory() + "csp-ledger-serve-\(UUID().uuidString).log"
            let outputFile = logFile + ".out"
            guard FileManager.default.createFile(atPath: logFile, contents: nil), let log = FileHandle(forWritingAtPath: logFile),
                FileManager.default.createFile(atPath: outputFile, contents: nil), let output = FileHandle(forWritingAtPath: outputFile)
            else {
                throw ServerDidNotStart()
            }
            process.standardError = log
            process.standardOutput = output
            try process.run()
            for _ in 0..<150 where process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                if try run("/usr/bin/curl", ["-s", "http://127.0.0.1:\(port)/healthz"]).stdout.contains("\"ok\"") {
                    (self.process, self.port, self.logFile, self.outputFile) = (process, port, logFile, outputFile)
                    return
                }
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            for file in [logFile, outputFile] { try? FileManager.default.removeItem(atPath: file) }
        }
        throw ServerDidNotStart()
    }

    /// Stops the server with SIGTERM, as a service manager would, and returns its exit
    /// status and its request log.
    @discardableResult
    public func stop() -> (status: Int32, log: String) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return (process.terminationStatus, log)
    }

    /// What the server printed on standard output so far.
    public var printed: String { (try? String(contentsOfFile: outputFile, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning { process.terminate() }
        for file in [logFile, outputFile] { try? FileManager.default.removeItem(atPath: file) }
    }

    public struct ServerDidNotStart: Error, CustomStringConvertible {
        public var description: String { "csp-ledger serve did not answer /healthz on any of five ports" }
    }
}
