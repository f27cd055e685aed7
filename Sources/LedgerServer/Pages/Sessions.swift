import Foundation
import LedgerCore
import Synchronization

/// The web pages' sign-ins, kept in memory only: a restart signs everyone out.
///
/// A session holds the token its holder signed in with, and every page request
/// authenticates that token again (``LedgerStore/Ledger/authenticate(token:)``), so a
/// session is never worth more than its token: once the token expires or is revoked, or
/// its actor is deactivated, the session ends. Its cookie carries only a random id; the
/// session also has its own random CSRF token, which every form posts back.
final class Sessions: Sendable {
    struct Session: Sendable {
        let id: String
        /// The token signed in with, to authenticate each request as that token.
        let token: String
        /// Posted back by every form of the session (``PageForm``).
        let csrf: String
        let started: ContinuousClock.Instant
    }

    /// A session lasts at most this long, even with a longer-lived token.
    static let lifetime = Duration.seconds(12 * 3600)
    /// At most this many sessions; the oldest make way.
    static let capacity = 10_000
    /// The cookie's name.
    static let cookie = "csp_session"

    private let sessions = Mutex<[String: Session]>([:])

    /// Starts a session for `token`, already authenticated.
    func start(token: String) -> Session {
        let session = Session(id: Self.randomText(), token: token, csrf: Self.randomText(), started: .now)
        sessions.withLock { sessions in
            if sessions.count >= Self.capacity, let oldest = sessions.values.min(by: { $0.started < $1.started }) {
                sessions[oldest.id] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with cookie value `id`, or nil (an ended or too old one is dropped).
    func session(_ id: String) -> Session? {
        sessions.withLock { sessions in
            guard let session = sessions[id] else { return nil }
            guard ContinuousClock.now - session.started < Self.lifetime else {
                sessions[id] = nil
                return nil
            }
            return session
        }
    }

    func end(_ id: String) { sessions.withLock { $0[id] = nil } }

    var count: Int { sessions.withLock { $0.count } }

    /// 256 random bits as 64 hexadecimal digits: a cookie value and a CSRF token.
    static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `a` equals `b`, in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
