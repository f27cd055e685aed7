import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// Executes one write asked for over HTTP: the preconditions (`If-Match`,
/// `If-None-Match: *`), the idempotency key, the execution as the credential's actor,
/// and the answer.
struct Writes: Sendable {
    let ledger: Ledger
    let idempotency: Idempotency
    let metrics: ServerMetrics

    /// - Parameters:
    ///   - creates: `If-None-Match: *` is allowed, meaning expected version 0.
    ///   - bytes: the body as sent, part of the idempotency fingerprint.
    /// - Returns: 201 with the appended events (200 for a retry answered from the log);
    ///   an action write also answers its new version as `ETag`.
    func execute(_ command: Command, request: Request, author: Credential, effective: Instant?, creates: Bool, bytes: [UInt8])
        async throws -> Response
    {
        let expectVersion = try self.expectVersion(request, creates: creates)
        let key = try Idempotency.key(request.headers[.idempotencyKey])
        guard let key else {
            let entries = try await ledger.execute(command, by: author, effective: effective, expectVersion: expectVersion)
            metrics.appended(entries.count)
            return try answer(entries, command: command, status: .created)
        }
        let fingerprint = Idempotency.fingerprint(
            [
                author.token.rawValue, request.method.rawValue, request.uri.path, request.headers[.ifMatch] ?? "",
                request.headers[.ifNoneMatch] ?? "",
            ],
            body: bytes)
        return try await idempotency.turn.run {
            if let earlier = try await idempotency.earlier(key: key, fingerprint: fingerprint, in: ledger) {
                var response = try answer(earlier, command: command, status: .ok)
                response.headers[.idempotentReplayed] = "true"
                return response
            }
            let entries = try await ledger.execute(
                command, by: author, effective: effective, expectVersion: expectVersion, ids: Idempotency.ids(for: key))
            idempotency.remember(key: key, fingerprint: fingerprint, entries: entries)
            metrics.appended(entries.count)
            return try answer(entries, command: command, status: .created)
        }
    }

    /// The expected version from `If-Match: "N"`, or 0 from `If-None-Match: *` on a create.
    private func expectVersion(_ request: Request, creates: Bool) throws -> Int? {
        let ifMatch = try ETag.version(ifMatch: request.headers[.ifMatch])
        guard let noneMatch = request.headers[.ifNoneMatch] else { return ifMatch }
        guard creates, noneMatch.trimmingCharacters(in: .whitespaces) == "*", ifMatch == nil else {
            throw ServerError(.preconditionFailed, "If-None-Match: * is for creating something new, without If-Match")
        }
        return 0
    }

    private func answer(_ entries: [LogEntry], command: Command, status: HTTPResponse.Status) throws -> Response {
        var headers = HTTPFields()
        if command.targetStream?.action != nil, let last = entries.last(where: { $0.streamID == command.targetStream }) {
            headers[.eTag] = ETag.text(last.recorded.streamVersion)
        }
        let json = JSONValue.object(["events": EventView.json(entries)])
        return JSONResponse(json, status: status, headers: headers).response
    }
}

extension HTTPField.Name {
    static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
