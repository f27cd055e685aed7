import CanonicalJSON
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import LedgerWorkload
import Synchronization
import Testing

/// `state --as-of` answers from the versioned rows, without a fold; these tests hold it
/// to the fold, byte for byte in its JSON, along one incremental fold of the whole log.
@Suite struct VersionedAsOfTests {
    static let seed: UInt64 = 15

    @Test func theVersionedRowsEqualAnIncrementalFoldAt500RandomPointsOfAGeneratedLedger() throws {
        let started = ContinuousClock.now
        let directory = TemporaryDirectory()
        let workload = Workload(events: 50_000, seed: Self.seed)
        let now = Mutex(workload.createdAt)
        let ledger = try workload.createLedger(at: directory.file("generated.sqlite"), clock: LedgerClock { now.withLock { $0 } })
        try workload.forEachBatch { batch in
            now.withLock { $0 = batch.recordedAt }
            try ledger.append(batch.events)
        }
        var random = SeededGenerator(seed: Self.seed)
        let entries = try ledger.entries()
        print("VersionedAsOfTests: seed \(Self.seed), \(entries.count) events, generated in \(ContinuousClock.now - started)")
        #expect(entries.count >= 50_000)
        let points = (0..<500).map { _ in entries.randomElement(using: &random)!.recorded.recordedAt }
        // Also a millisecond before a recording time, and before the first event.
        let between = points.prefix(20).map { $0.adding(milliseconds: -1) }
        let compared = try compareAlongTheLog(
            ledger, entries, at: points + between + [entries[0].recorded.recordedAt.adding(milliseconds: -1)])
        #expect(compared > 400)
        print("VersionedAsOfTests: \(compared) points compared; \(ContinuousClock.now - started) in all")
    }

    @Test func theVersionedRowsEqualAnIncrementalFoldAtTheEndOfEveryDayOfTheDemo() throws {
        let entries = try demoLedger.entries()
        let calendar = demoLedger.calendar
        let first = calendar.date(of: entries.first!.recorded.recordedAt)
        let last = calendar.date(of: entries.last!.recorded.recordedAt)
        let days = (0...Int(last.daysSince1970 - first.daysSince1970)).map { calendar.endOfDay(first.adding(days: $0)) }
        #expect(try compareAlongTheLog(demoLedger, entries, at: days) == days.count)
    }

    /// Compares `state --plan`, `--priority`, `--partner` and `--action` as of `instant`,
    /// for the first of each kind the fold holds and its last action, with the fold
    /// narrowed to the same scope: byte-identical JSON.
    func compareScopes(_ ledger: Ledger, _ fold: PlanState, at instant: Instant) throws {
        let scopes: [PlanScope] = [
            fold.plans.keys.min { $0.rawValue < $1.rawValue }.map(PlanScope.plan),
            fold.priorities.keys.min { $0.rawValue < $1.rawValue }.map(PlanScope.priority),
            fold.partners.keys.max { $0.rawValue < $1.rawValue }.map(PlanScope.partner),
            fold.actions.keys.max { $0.rawValue < $1.rawValue }.map(PlanScope.action),
        ].compactMap { $0 }
        for scope in scopes {
            let (scoped, head) = try AuditQueries(ledger).state(asOf: instant, effective: nil, fold: false, scope: scope)
            let want = StateView(state: fold.narrowed(to: scope), asOf: instant, effective: nil).json.canonical
            let got = StateView(state: scoped, asOf: instant, effective: nil, position: head.position).json.canonical
            #expect(got == want, "\(scope) as of \(instant), position \(head.position)")
        }
    }

    /// Folds `entries` once, in log order, and at each instant of `points` compares the
    /// JSON of the fold so far with the JSON of the state the ledger reads as of that
    /// instant; returns how many distinct instants were compared.
    func compareAlongTheLog(_ ledger: Ledger, _ entries: [LogEntry], at points: [Instant]) throws -> Int {
        let instants = Array(Set(points)).sorted()
        var fold = PlanState()
        var next = 0
        var compared = 0
        for instant in instants {
            while next < entries.count, entries[next].recorded.recordedAt <= instant {
                fold.apply(entries[next].recorded)
                next += 1
            }
            let (stored, head) = try ledger.stateAndHead(asOf: instant)
            #expect(head.position == fold.position, "as of \(instant)")
            let want = StateView(state: fold, asOf: instant, effective: nil).json.canonical
            let got = StateView(state: stored, asOf: instant, effective: nil, position: head.position).json.canonical
            #expect(got == want, "as of \(instant), position \(head.position)")
            #expect(stored == fold, "as of \(instant): every record, fold keys included")
            if instants.count < 50 || compared % 50 == 0 { try compareScopes(ledger, fold, at: instant) }
            compared += 1
        }
        return instants.count
    }
}
