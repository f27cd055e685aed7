import Foundation
import LedgerCore

/// Where the ledger's recording time comes from; injected so tests and the demo can
/// fix or move it.
public struct LedgerClock: Sendable {
    private let read: @Sendable () -> Instant

    public init(_ read: @escaping @Sendable () -> Instant) { self.read = read }

    public var now: Instant { read() }

    /// The system clock, to the millisecond.
    public static let system = LedgerClock {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// A clock that always reads `instant` (`CSP_LEDGER_NOW`).
    public static func constant(_ instant: Instant) -> LedgerClock { LedgerClock { instant } }
}

/// Where event ids come from: random UUIDs, or a fixed sequence for reproducible ledgers.
public struct EventIDGenerator: Sendable {
    private let make: @Sendable () -> String

    public init(_ make: @escaping @Sendable () -> String) { self.make = make }

    public func next() -> String { make() }

    public static let random = EventIDGenerator { UUID().uuidString.lowercased() }
}
