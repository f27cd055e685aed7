import Hummingbird
import LedgerStore
import NIOCore
import Synchronization

/// What the server knows about one request beside the request itself: the client's
/// address (through a trusted proxy, the one it names) and, once authenticated, who
/// is asking.
public struct ServerContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer of the connection; nil in the router tests, which have no socket.
    public let remoteAddress: SocketAddress?
    /// The client's address, set by ``ClientAddressMiddleware``.
    var clientAddress: String?
    /// Who is asking, set by ``AuthenticationMiddleware``; nil without a token.
    var credential: Credential?
    /// The web pages' sign-in the credential came from, set by ``SessionMiddleware``;
    /// nil for a bearer token or nobody.
    var session: Sessions.Session?
    /// Whether readers without a credential may read the plan (`--public-read`).
    var publicRead = false
    /// What inner middleware learns that outer middleware logs (the credential's id);
    /// shared, because each middleware passes its own copy of the context inward.
    let notes = RequestNotes()

    /// The id of the credential the request was authenticated with, once it is.
    var credentialID: String? {
        get { notes.credentialID.withLock { $0 } }
        nonmutating set { notes.credentialID.withLock { $0 = newValue } }
    }

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Bodies are read with the server's own caps (``Limits``); this stops anything
    /// larger before a handler sees it.
    public var maxUploadSize: Int { Limits.bodyBytes }
}

/// See ``ServerContext/notes``.
final class RequestNotes: Sendable {
    let credentialID = Mutex<String?>(nil)
}
