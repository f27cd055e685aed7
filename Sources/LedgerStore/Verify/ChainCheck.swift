import GRDB
import LedgerCore

/// The hash chain's own checks, on the columns of each row in log order: positions
/// without a gap, each `prev_hash` the hash before it, times that can be written, and
/// each stored hash that of the row's canonical envelope. Full `verify` runs them
/// before everything else it checks of an event; `verify --quick` runs only them (and
/// the tree), on columns read without decoding a payload.
struct ChainCheck {
    /// The last position checked; 0 before the first.
    private(set) var position: Int64 = 0
    /// The hash of the last position checked.
    private(set) var prevHash = HashChain.genesis
    private(set) var lastRecorded: Instant?

    /// The next position expected.
    var next: Int64 { position + 1 }

    /// The position a row selected with ``EventRows/columns(_:)`` and
    /// ``EventRows/typesHold(_:)`` stands at, after checking that every column holds its
    /// type (a row that does not is named at the position expected when its own cannot
    /// be read).
    /// - Throws: ``LogCheck/Failure`` naming the column of the wrong type.
    func rowPosition(_ row: Row) throws(LogCheck.Failure) -> Int64 {
        let position = if case .int64(let stored) = (row[0] as DatabaseValue).storage { stored } else { next }
        if !(row[14] as Bool), let column = EventRows.mistypedColumn(row) {
            throw LogCheck.Failure(position: position, reason: "\(column) holds a value of the wrong type")
        }
        return position
    }

    /// What a row's own columns show of its place in the chain, apart from the rows
    /// before it: whether its times can be written, and whether its stored hash is that
    /// of its envelope and stored `prev_hash`. It depends on nothing else, so many rows'
    /// seals can be computed at once, on any thread, and judged in order by
    /// ``check(position:prevHash:seal:)``.
    struct Seal {
        var timesInRange: Bool
        var hashMatches: Bool

        init(_ columns: EnvelopeColumns, prevHash: String, hash: String) {
            timesInRange = LogCheck.times.contains(columns.recordedAt) && LogCheck.times.contains(columns.effectiveAt)
            hashMatches = hash == HashChain.expectedHash(of: columns, prevHash: prevHash)
        }
    }

    /// Checks one row's place in the chain.
    /// - Throws: ``LogCheck/Failure`` naming the position and what is wrong.
    func check(_ columns: EnvelopeColumns, prevHash stored: String, hash: String) throws(LogCheck.Failure) {
        try check(position: columns.position, prevHash: stored, seal: Seal(columns, prevHash: stored, hash: hash))
    }

    /// Checks one row's place in the chain, from its position, its stored `prev_hash`
    /// and its ``Seal``.
    /// - Throws: ``LogCheck/Failure`` naming the position and what is wrong.
    func check(position: Int64, prevHash stored: String, seal: Seal) throws(LogCheck.Failure) {
        func fail(_ reason: String) -> LogCheck.Failure { LogCheck.Failure(position: position, reason: reason) }
        guard position == next else {
            throw LogCheck.Failure(
                position: next,
                reason:
                    "position \(position) where \(next) was expected: position \(next) is missing, or events are repeated or out of order")
        }
        guard stored == prevHash else { throw fail("prev_hash does not match the hash of position \(position - 1)") }
        guard seal.timesInRange else { throw fail("a recording or effective time lies outside the years 1 to 9999") }
        guard seal.hashMatches else {
            throw fail("the hash does not match the event's contents; the row was altered")
        }
    }

    /// Checks a checked row's hash against a published digest at its position.
    /// - Throws: ``LogCheck/Failure`` when the log up to the digest was changed.
    static func check(_ published: Digest?, position: Int64, hash: String) throws(LogCheck.Failure) {
        if let published, published.position == position, published.hash != hash {
            throw LogCheck.Failure(
                position: position,
                reason: "it does not match the published digest: the log up to it was changed since the digest was taken")
        }
    }

    /// Why the log, once walked to its end, falls short of a published digest; nil when
    /// it reaches the digest's position.
    func shortfall(of published: Digest?) -> LogCheck.Failure? {
        guard let published, published.position > position else { return nil }
        return LogCheck.Failure(
            position: position + 1,
            reason:
                "the log ends at position \(position), before the published digest's position \(published.position): events were removed")
    }

    /// Moves past a checked row.
    mutating func advance(position: Int64, hash: String, recordedAt: Instant) {
        (self.position, prevHash, lastRecorded) = (position, hash, recordedAt)
    }

    /// The head digest up to the last position checked.
    var digest: Digest { Digest(position: position, hash: prevHash, recordedAt: lastRecorded) }
}
