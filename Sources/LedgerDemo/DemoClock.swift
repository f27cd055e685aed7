import LedgerCore
import LedgerStore
import Synchronization

/// A clock the demo moves by hand, so two years of work are recorded at the times they
/// would have been, and every run builds the same ledger.
final class DemoClock: Sendable {
    private let current: Mutex<Instant>

    init(_ start: Instant) { current = Mutex(start) }

    var now: Instant { current.withLock { $0 } }

    func set(_ instant: Instant) { current.withLock { $0 = instant } }

    var ledgerClock: LedgerClock { LedgerClock { [self] in now } }
}

/// Event ids drawn from a seeded generator, formatted as version-4 UUIDs.
func seededEventIDs(seed: UInt64) -> EventIDGenerator {
    let generator = Mutex(SeededGenerator(seed: seed))
    return EventIDGenerator {
        let (a, b) = generator.withLock { ($0.next(), $0.next()) }
        let hex = String(a, radix: 16).leftPadded(16) + String(b, radix: 16).leftPadded(16)
        let chars = Array(hex)
        let variant = "89ab"[String.Index(utf16Offset: Int(b >> 62), in: "89ab")]
        return
            "\(String(chars[0..<8]))-\(String(chars[8..<12]))-4\(String(chars[13..<16]))-\(variant)\(String(chars[17..<20]))-\(String(chars[20..<32]))"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
