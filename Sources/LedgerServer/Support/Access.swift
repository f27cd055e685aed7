import LedgerCore
import LedgerStore

/// Who may read what: every credential of the partnership reads the plan, histories,
/// the log and the reports; token metadata, metrics and verify are for coordinators and
/// auditors; without a credential, nothing, unless `--public-read` opens the plan and
/// the plan report (without notes or people's names).
enum Reader {
    case member(Credential)
    case anonymous

    var isMember: Bool { if case .member = self { true } else { false } }
}

extension ServerContext {
    /// Whoever may read the plan: a credential, or anyone under `--public-read`.
    /// - Throws: ``ServerError`` `.unauthenticated`.
    func requireReader() throws -> Reader {
        if let credential { return .member(credential) }
        guard publicRead else { throw Self.signInFirst }
        return .anonymous
    }

    /// A credential of the partnership.
    /// - Throws: ``ServerError`` `.unauthenticated`.
    @discardableResult
    func requireMember() throws -> Credential {
        guard let credential else { throw Self.signInFirst }
        return credential
    }

    /// A credential whose actor has one of `roles`.
    /// - Throws: ``ServerError`` `.unauthenticated`, or `.forbidden` for another role.
    @discardableResult
    func requireRole(_ roles: Role...) throws -> Credential {
        let credential = try requireMember()
        guard roles.contains(credential.role) else {
            throw ServerError(
                .forbidden,
                "this is for \(roles.map(\.rawValue).joined(separator: " and ")) tokens; yours is a \(credential.role.rawValue)'s")
        }
        return credential
    }

    private static let signInFirst = ServerError(.unauthenticated, "this needs a token: send Authorization: Bearer TOKEN")
}
