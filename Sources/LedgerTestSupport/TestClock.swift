import LedgerCore
import LedgerStore
import Synchronization

/// A clock that tests set and advance by hand.
public final class TestClock: Sendable {
    private let current: Mutex<Instant>

    public init(_ start: String = "2023-01-10T09:00:00Z") { current = Mutex(try! Instant(iso8601: start)) }

    public init(_ start: Instant) { current = Mutex(start) }

    public var now: Instant { current.withLock { $0 } }

    public func set(_ iso8601: String) { set(try! Instant(iso8601: iso8601)) }

    public func set(_ instant: Instant) { current.withLock { $0 = instant } }

    public func advance(minutes: Int64) { current.withLock { $0 = $0.adding(milliseconds: minutes * 60_000) } }

    public var ledgerClock: LedgerClock { LedgerClock { [self] in now } }
}
