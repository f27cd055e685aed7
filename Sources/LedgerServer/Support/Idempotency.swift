import Crypto
import Foundation
import LedgerStore
import Synchronization

/// `Idempotency-Key`: a retried write appends once.
///
/// Event *i* of a write made with key K gets the id UUIDv5(K, "i"), so the log itself
/// knows which writes a key made, across restarts. The server also keeps, in memory,
/// a fingerprint of the request each key was used with, so that the same key with a
/// different request is refused (`idempotency-key-reused`) instead of answered with
/// another request's events; after a restart, a key found in the log is answered with
/// its events.
final class Idempotency: Sendable {
    private struct Use: Sendable {
        var fingerprint: String
        var eventIDs: [String]
    }

    private let uses = Mutex<[String: Use]>([:])
    /// Writes with a key run one at a time, so a retry that races the original waits
    /// for it and then finds its events.
    let turn = WriteTurn()

    /// The key of a request, checked: a UUID, in lower case.
    /// - Throws: ``ServerError`` `.badRequest` for anything else.
    static func key(_ header: String?) throws -> String? {
        guard let header else { return nil }
        guard let uuid = UUID(uuidString: header.trimmingCharacters(in: .whitespaces)) else {
            throw ServerError(.badRequest, "Idempotency-Key must be a UUID (such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301)")
        }
        return uuid.uuidString.lowercased()
    }

    /// The event ids of a write made with `key`: UUIDv5(key, "0"), UUIDv5(key, "1") …
    static func ids(for key: String) -> EventIDGenerator {
        let next = Counter()
        return EventIDGenerator {
            let index = next.value.withLock { value in
                defer { value += 1 }
                return value
            }
            return uuid5(namespace: key, name: String(index))
        }
    }

    /// RFC 9562 UUID version 5: SHA-1 of the namespace's 16 bytes and the name.
    static func uuid5(namespace: String, name: String) -> String {
        let space = UUID(uuidString: namespace)!.uuid
        var bytes = withUnsafeBytes(of: space) { Array($0) }
        bytes += Array(name.utf8)
        var hash = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        hash[6] = (hash[6] & 0x0F) | 0x50
        hash[8] = (hash[8] & 0x3F) | 0x80
        let uuid = hash.withUnsafeBytes { $0.loadUnaligned(as: uuid_t.self) }
        return UUID(uuid: uuid).uuidString.lowercased()
    }

    /// A fingerprint of what a request asks: who, which route, which body.
    static func fingerprint(_ parts: [String], body: [UInt8]) -> String {
        var hasher = SHA256()
        for part in parts { hasher.update(data: Array((part + "\n").utf8)) }
        hasher.update(data: body)
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The events an earlier use of `key` appended, if it was used; nil if not.
    /// - Throws: ``ServerError`` `.idempotencyKeyReused` when it was used with another request.
    func earlier(key: String, fingerprint: String, in ledger: Ledger) async throws -> [LogEntry]? {
        if let use = uses.withLock({ $0[key] }) {
            guard use.fingerprint == fingerprint else {
                throw ServerError(
                    .idempotencyKeyReused, "this Idempotency-Key was used for a different request; use a new key for a new request")
            }
            var entries: [LogEntry] = []
            for id in use.eventIDs { if let entry = try await ledger.entry(eventID: id) { entries.append(entry) } }
            return entries
        }
        // Not seen by this process: the log says whether an earlier one wrote with it.
        var entries: [LogEntry] = []
        var index = 0
        while let entry = try await ledger.entry(eventID: Self.uuid5(namespace: key, name: String(index))) {
            entries.append(entry)
            index += 1
        }
        if entries.isEmpty { return nil }
        remember(key: key, fingerprint: fingerprint, entries: entries)
        return entries
    }

    func remember(key: String, fingerprint: String, entries: [LogEntry]) {
        uses.withLock { uses in
            // Bounded: when full, forget the fingerprints; the log still knows each key's events.
            if uses.count >= Self.capacity { uses.removeAll(keepingCapacity: true) }
            uses[key] = Use(fingerprint: fingerprint, eventIDs: entries.map(\.recorded.eventID))
        }
    }

    private static let capacity = 10_000
}

/// One write with an idempotency key at a time.
actor WriteTurn {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy { await withCheckedContinuation { waiting.append($0) } } else { busy = true }
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}

/// A number shared by the calls of one write's id generator.
private final class Counter: Sendable {
    let value = Mutex(0)
}
