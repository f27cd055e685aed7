import LedgerStore
import Synchronization

extension EventIDGenerator {
    /// Ids `prefix1`, `prefix2`, … in the order they are asked for, from any thread:
    /// two logs given the same writes then hold the same events.
    public static func numbered(_ prefix: String) -> EventIDGenerator {
        let counter = Atomic<Int>(0)
        return EventIDGenerator { "\(prefix)\(counter.add(1, ordering: .relaxed).newValue)" }
    }
}
