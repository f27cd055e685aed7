import Foundation
import LedgerCore

/// Where the ledger's recording time comes from; injected so tests and the demo can
/// fix or move it.
///
/// Only the system clock may write to an ordinary ledger: a clock set by whoever runs
/// the ledger could stamp a change as recorded on an earlier day. Any other clock is
/// refused by ``Ledger/open(at:access:clock:ids:snapshotInterval:keepsPlanInMemory:warn:)``
/// unless the ledger was made as a test-clock ledger.
public struct LedgerClock: Sendable {
    private let read: @Sendable () -> Instant
    /// Whether this is the system clock.
    public let isSystem: Bool

    /// A clock that is not the system's: allowed on test-clock ledgers only.
    public init(_ read: @escaping @Sendable () -> Instant) { (self.read, self.isSystem) = (read, false) }

    private init(system read: @escaping @Sendable () -> Instant) { (self.read, self.isSystem) = (read, true) }

    public var now: Instant { read() }

    /// The system clock, to the millisecond.
    public static let system = LedgerClock(system: {
        Instant(millisecondsSince1970: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    })

    /// A clock that always reads `instant` (`CSP_LEDGER_NOW`).
    public static func constant(_ instant: Instant) -> LedgerClock { LedgerClock({ instant }) }
}

/// Where event ids come from: random UUIDs, or a fixed sequence for reproducible ledgers.
public struct EventIDGenerator: Sendable {
    private let make: @Sendable () -> String

    public init(_ make: @escaping @Sendable () -> String) { self.make = make }

    public func next() -> String { make() }

    public static let random = EventIDGenerator { UUID().uuidString.lowercased() }
}
