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
        let conditions = Conditions(
            method: request.method.rawValue, path: request.uri.path, ifMatch: request.headers[.ifMatch],
            ifNoneMatch: request.headers[.ifNoneMatch], idempotencyKey: request.headers[.idempotencyKey])
        let (entries, replayed) = try await append(
            command, conditions: conditions, author: author, effective: effective, creates: creates, bytes: bytes)
        var response = try answer(entries, command: command, status: replayed ? .ok : .created)
        if replayed { response.headers[.idempotentReplayed] = "true" }
        return response
    }

    /// What a write is asked to hold to, from an API request's headers or a page form's
    /// hidden fields (the version the form showed, the key it was drawn with).
    struct Conditions: Sendable {
        var method: String
        var path: String
        /// `"N"`: the version the writer saw.
        var ifMatch: String?
        var ifNoneMatch: String?
        var idempotencyKey: String?
    }

    /// Appends `command` as `author` under `conditions`: the one path every write of the
    /// API and the pages takes.
    /// - Returns: the write's events, and whether they were an earlier write's with the
    ///   same idempotency key (nothing appended this time).
    func append(
        _ command: Command, conditions: Conditions, author: Credential, effective: Instant?, creates: Bool, bytes: [UInt8]
    ) async throws -> (entries: [LogEntry], replayed: Bool) {
        let expectVersion = try self.expectVersion(conditions, creates: creates)
        let key = try Idempotency.key(conditions.idempotencyKey)
        guard let key else {
            let entries = try await ledger.execute(command, by: author, effective: effective, expectVersion: expectVersion)
            metrics.appended(entries.count)
            return (entries, false)
        }
        let fingerprint = Idempotency.fingerprint(
            [author.token.rawValue, conditions.method, conditions.path, conditions.ifMatch ?? "", conditions.ifNoneMatch ?? ""],
            body: bytes)
        return try await idempotency.turn.run {
            if let earlier = try await idempotency.earlier(key: key, fingerprint: fingerprint, in: ledger) {
                return (earlier, true)
            }
            let entries = try await ledger.execute(
                command, by: author, effective: effective, expectVersion: expectVersion, ids: Idempotency.ids(for: key))
            idempotency.remember(key: key, fingerprint: fingerprint, entries: entries)
            metrics.appended(entries.count)
            return (entries, false)
        }
    }

    /// The expected version from `If-Match: "N"`, or 0 from `If-None-Match: *` on a create.
    private func expectVersion(_ conditions: Conditions, creates: Bool) throws -> Int? {
        let ifMatch = try ETag.version(ifMatch: conditions.ifMatch)
        guard let noneMatch = conditions.ifNoneMatch else { return ifMatch }
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
