import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore

/// `GET /api/actions/{id}` (with its version as `ETag`) and
/// `GET /api/actions/{id}/history`, as `state --action` and `history` answer them.
struct ActionRoutes {
    let ledger: Ledger

    func add(to router: Router<ServerContext>) {
        router.get("/api/actions/{id}") { request, context in
            let reader = try context.requireReader()
            let id = try ActionID(context.parameters.require("id"))
            let state = try await ledger.stateAndHead().state
            guard let action = (reader.isMember ? state : state.publicView).actions[id] else {
                throw LedgerError(.unknown, "there is no action '\(id)'; check the id", hint: .listActions)
            }
            var headers = HTTPFields()
            headers[.eTag] = ETag.text(action.version)
            return JSONResponse(StateView.json(action), headers: headers)
        }
        router.get("/api/actions/{id}/history") { request, context in
            try context.requireMember()
            let id = try ActionID(context.parameters.require("id"))
            let query = Query(request, ledger: ledger)
            let entries = try AuditQueries(ledger).history(of: id, asOf: try query.instant("asOf", .end))
            let limit: Int? = try query.integer("limit", in: 1...Int.max)
            return JSONResponse(EventView.json(limit.map { Array(entries.prefix($0)) } ?? entries))
        }
    }
}

/// An action's version as an HTTP entity tag, `"N"`, and back.
enum ETag {
    static func text(_ version: Int) -> String { "\"\(version)\"" }

    /// The version in `If-Match: "N"` (a weak `W/"N"` too); nil when absent.
    /// - Throws: ``ServerError`` `.preconditionFailed` for anything else.
    static func version(ifMatch value: String?) throws -> Int? {
        guard var text = value?.trimmingCharacters(in: .whitespaces) else { return nil }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        guard text.count >= 3, text.hasPrefix("\""), text.hasSuffix("\""), let version = Int(text.dropFirst().dropLast()), version >= 0
        else {
            throw ServerError(.preconditionFailed, "If-Match takes one version in quotes, as ETag gives it (\"3\"), not \(text)")
        }
        return version
    }
}
