import CanonicalJSON
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import LedgerWorkload
import Synchronization
import Testing

/// `state --as-of` answers from the versioned rows, without a fold; these tests hold it
/// to the fold, whole ledger and every scope, in its JSON (by value at every point, and
/// byte for byte at every 25th), along one incremental fold of the whole log.
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
        // 500 distinct recording times (a day's events share one), drawn at random.
        var chosen = Set<Instant>()
        while chosen.count < 500 { chosen.insert(entries.randomElement(using: &random)!.recorded.recordedAt) }
        let points = chosen.sorted()
        // Also a millisecond before a recording time, and before the first event.
        let between = stride(from: 0, to: points.count, by: 25).map { points[$0].adding(milliseconds: -1) }
        let compared = try compareAlongTheLog(
            ledger, entries, at: points + between + [entries[0].recorded.recordedAt.adding(milliseconds: -1)])
        #expect(compared >= 500)
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

    /// Compares `state --plan`, `--priority`, `--partner` and `--action` as of `instant`
    /// with the fold narrowed to the same scope. The `turn`-th call takes the `turn`-th
    /// record of each kind (in id order, wrapping round), so that a run over hundreds of
    /// points compares every plan, priority and partner the fold holds, not only the first.
    func compareScopes(_ ledger: Ledger, _ fold: PlanState, at instant: Instant, turn: Int, bytes: Bool) throws {
        func pick<Kind>(_ ids: some Collection<Identifier<Kind>>) -> Identifier<Kind>? {
            ids.isEmpty ? nil : ids.sorted { $0.rawValue < $1.rawValue }[turn % ids.count]
        }
        let scopes: [PlanScope] = [
            pick(fold.plans.keys).map(PlanScope.plan), pick(fold.priorities.keys).map(PlanScope.priority),
            pick(fold.partners.keys).map(PlanScope.partner), pick(fold.actions.keys).map(PlanScope.action),
        ].compactMap { $0 }
        for scope in scopes {
            let (scoped, head) = try AuditQueries(ledger).state(asOf: instant, effective: nil, fold: false, scope: scope)
            let want = StateView(state: fold.narrowed(to: scope), asOf: instant, effective: nil).json
            let got = StateView(state: scoped, asOf: instant, effective: nil, position: head.position).json
            expectSame(got, want, bytes: bytes, "\(scope) as of \(instant), position \(head.position)")
        }
    }

    /// The JSON `state` writes is a function of its value, so equal values print
    /// identical bytes; every `bytes` call compares the printed bytes as well (the
    /// canonical form, which sorts every object's keys, is most of this test's time in a
    /// debug build when made at every point).
    func expectSame(
        _ got: JSONValue, _ want: JSONValue, bytes: Bool, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(got == want, comment, sourceLocation: sourceLocation)
        if bytes { #expect(got.canonical == want.canonical, comment, sourceLocation: sourceLocation) }
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
            let bytes = instants.count < 50 || compared % 25 == 0
            let want = StateView(state: fold, asOf: instant, effective: nil).json
            let got = StateView(state: stored, asOf: instant, effective: nil, position: head.position).json
            expectSame(got, want, bytes: bytes, "as of \(instant), position \(head.position)")
            #expect(stored == fold, "as of \(instant): every record, fold keys included")
            try compareScopes(ledger, fold, at: instant, turn: compared, bytes: bytes)
            compared += 1
        }
        return instants.count
    }
}
