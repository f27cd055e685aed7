import LedgerCore
import LedgerStore
import Synchronization

/// An event log held in memory: the second implementation of ``EventLog``, which the
/// contract suite runs beside the SQLite ledger so that the contract, not one
/// backend's habits, is what the tests hold to. The Core tests and the benchmark's
/// workload decide their commands through it, with the same loop as the ledger.
///
/// Lookups by event id and stream are indexed and the plan at the head is kept, so a
/// write costs the same at any size; a write that fails is undone by cutting the log
/// back to where it began.
public final class InMemoryEventLog: EventLog {
    private let contents: Mutex<Contents>
    public let clock: LedgerClock
    public let ids: EventIDGenerator
    public let readsWholePlan: Bool
    /// A snapshot is kept each time the log crosses a snapshot position of this
    /// interval, as the ledger stores one.
    public let snapshotInterval: Int64

    public init(
        clock: LedgerClock, ids: EventIDGenerator = .random, readsWholePlan: Bool = true,
        snapshotInterval: Int64 = Snapshots.defaultInterval
    ) {
        (self.clock, self.ids, self.readsWholePlan, self.snapshotInterval) = (clock, ids, readsWholePlan, snapshotInterval)
        contents = Mutex(Contents())
    }

    /// A log holding what `other` holds, which then changes apart from it.
    public init(copying other: InMemoryEventLog) {
        (clock, ids, readsWholePlan, snapshotInterval) = (other.clock, other.ids, other.readsWholePlan, other.snapshotInterval)
        contents = Mutex(other.contents.withLock { $0 })
    }

    /// The entries, the indexes over them and the plan at the head.
    public struct Contents: Sendable {
        var entries: [LogEntry] = []
        var byEventID: [String: Int] = [:]
        var byStream: [StreamID: [Int]] = [:]
        /// The whole plan at the head; nil while a write has taken it.
        var plan: PlanState? = PlanState()
        var snapshots: [Int64: PlanState] = [:]
        /// The Merkle tree over the entries' chain hashes.
        var tree = MerkleLevels()

        /// Cuts the log back to its first `count` entries: the plan no longer matches.
        mutating func cut(to count: Int) {
            for entry in entries[count...] {
                byEventID[entry.recorded.eventID] = nil
                byStream[entry.streamID]?.removeLast()
                snapshots[entry.position] = nil
            }
            entries.removeSubrange(count...)
            tree.cut(to: Int64(count))
            plan = nil
        }

        /// The whole plan at the head, folded again if a write took it and did not
        /// give it back.
        mutating func wholePlan() -> PlanState {
            plan ?? PlanState(folding: entries.lazy.map(\.recorded))
        }
    }

    public func writing<T>(_ body: (inout Writer) throws -> T) throws -> T {
        try contents.withLock { contents in
            let start = contents.entries.count
            // The writer owns the contents meanwhile, so that appending does not copy them.
            var writer = Writer(contents: contents, snapshotInterval: snapshotInterval)
            contents = Contents()
            defer {
                contents = writer.contents
                contents.plan = contents.wholePlan()
            }
            do { return try body(&writer) } catch {
                writer.contents.cut(to: start)
                throw error
            }
        }
    }

    /// The whole plan at the head.
    public func plan() -> PlanState { contents.withLock { $0.wholePlan() } }

    public func entries(from: Int64, to: Int64) throws -> [LogEntry] {
        contents.withLock { contents in
            let entries = contents.entries
            guard from <= to, from <= Int64(entries.count), to >= 1 else { return [] }
            return Array(entries[Int(max(from, 1) - 1)..<Int(min(to, Int64(entries.count)))])
        }
    }

    public func entries(stream: StreamID) throws -> [LogEntry] {
        contents.withLock { contents in (contents.byStream[stream] ?? []).map { contents.entries[$0] } }
    }

    public func head(asOf: Instant?) throws -> Digest {
        contents.withLock { contents in
            guard let last = contents.entries.last(where: { asOf == nil || $0.recorded.recordedAt <= asOf! }) else {
                return Digest(position: 0, hash: HashChain.genesis)
            }
            return Digest(position: last.position, hash: last.hash, recordedAt: last.recorded.recordedAt)
        }
    }

    public func snapshot(atOrBefore position: Int64) throws -> PlanState? {
        contents.withLock { contents in
            contents.snapshots.keys.filter { $0 <= position }.max().flatMap { contents.snapshots[$0] }
        }
    }

    public func readingTree<T>(_ body: (any MerkleNodeSource) throws -> T) throws -> T {
        try body(contents.withLock { $0.tree })
    }

    /// One write on the log in memory.
    public struct Writer: EventLogWriter {
        var contents: Contents
        let snapshotInterval: Int64

        public mutating func wholePlan() throws -> PlanState {
            defer { contents.plan = nil }
            return contents.wholePlan()
        }

        public func plan(actions: [ActionID], effectiveBy: Instant?) throws -> PlanState {
            let streams = Set(actions.map(StreamID.action))
            var plan = PlanState(
                folding: contents.entries.lazy.map(\.recorded).filter { recorded in
                    (recorded.event.action == nil || streams.contains(recorded.event.streamID))
                        && recorded.effectiveAt <= effectiveBy ?? recorded.effectiveAt
                })
            plan.position = Int64(contents.entries.count)
            plan.lastRecordedAt = contents.entries.last?.recorded.recordedAt
            return plan
        }

        public func head() throws -> Digest {
            guard let last = contents.entries.last else { return Digest(position: 0, hash: HashChain.genesis) }
            return Digest(position: last.position, hash: last.hash, recordedAt: last.recorded.recordedAt)
        }

        public func entry(eventID: String) throws -> LogEntry? {
            contents.byEventID[eventID].map { contents.entries[$0] }
        }

        public func streamVersion(_ stream: StreamID) throws -> Int { contents.byStream[stream]?.count ?? 0 }

        public func events(of stream: StreamID, effectiveAfter instant: Instant) throws -> [RecordedEvent] {
            (contents.byStream[stream] ?? []).map { contents.entries[$0].recorded }.filter { $0.effectiveAt > instant }
                .sorted { $0.foldKey < $1.foldKey }
        }

        public mutating func store(_ entries: [LogEntry], applyingTo plan: inout PlanState, wholePlan: Bool) throws {
            guard !entries.isEmpty else { return }
            let before = plan.position
            for entry in entries {
                contents.byEventID[entry.recorded.eventID] = contents.entries.count
                contents.byStream[entry.streamID, default: []].append(contents.entries.count)
                contents.entries.append(entry)
                contents.tree.append(MerkleHash.leaf(chainHash: entry.hash)!)
                plan.apply(entry.recorded)
                // A write that reads only part of the plan leaves the whole plan here.
                if !wholePlan { contents.plan?.apply(entry.recorded) }
            }
            if Snapshots.due(from: before, to: plan.position, interval: snapshotInterval) {
                contents.snapshots[plan.position] =
                    wholePlan ? plan : contents.wholePlan()
            }
        }

        public mutating func keep(_ plan: consuming PlanState) { contents.plan = plan }

        public func tree() throws -> any MerkleNodeSource { contents.tree }
    }
}
