import CanonicalJSON
import LedgerStore

/// The ledger's digest as `digest --format json` and the server's `/api/digest` print it.
public enum DigestView {
    public static func json(_ digest: Digest) -> JSONValue {
        .object([
            "digest": .string(digest.text), "position": .int(digest.position), "hash": .string(digest.hash),
            "recordedAt": digest.recordedAt.map { .string($0.iso8601) } ?? .null,
        ])
    }
}
