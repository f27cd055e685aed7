import LedgerCore

/// Checks that entries read in order are the log's own, one after another: positions
/// without a gap, each `prev_hash` the hash before it, each hash that of its contents.
///
/// Export, replay, rebuild and follow hand on what they read; a row removed or edited in
/// the file is named here instead of being passed on. (`verify` checks far more: the
/// canonical form, times, stream versions and every event's rules.)
struct ChainLinks {
    private(set) var next: Int64
    /// The hash of the entry before `next`; nil where the walk starts before position 1.
    private var prevHash: String?

    /// - Parameter prevHash: the hash of position `from - 1`, or nil when the log has no
    ///   such position (or `from` is 1, whose predecessor is ``HashChain/genesis``).
    init(from: Int64, prevHash: String?) {
        next = max(1, from)
        self.prevHash = next == 1 ? HashChain.genesis : prevHash
    }

    /// - Throws: ``StoreError`` `.unreadable` naming the first entry that does not follow.
    mutating func check(_ batch: [LogEntry]) throws {
        for entry in batch {
            guard entry.position == next else { throw damage(at: next, "it is missing") }
            guard let expected = prevHash else { throw damage(at: next - 1, "it is missing") }
            guard entry.prevHash == expected else { throw damage(at: next, "its prev_hash is not the hash of the event before it") }
            guard entry.hash == HashChain.expectedHash(of: entry) else { throw damage(at: next, "its hash does not match its contents") }
            prevHash = entry.hash
            next += 1
        }
    }

    private func damage(at position: Int64, _ reason: String) -> StoreError {
        StoreError(.unreadable, "the log was altered at position \(position): \(reason)", hint: .verifyNamesDamage)
    }
}
