import CanonicalJSON
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import LedgerWorkload
import Synchronization
import Testing

/// `diff` and the governance report work out each event's changes from the records the
/// fold says it touched, and the window's net differences from the same records; these
/// tests hold both to the whole-plan comparison they replaced: a copy of the plan before
/// every event, every record of it compared.
@Suite struct ChangesFromTouchedRecordsTests {
    @Test func everyQuarterOfTheDemoAndItsWholeLogMatchTheWholePlanComparison() throws {
        let calendar = demoLedger.calendar
        let entries = try demoLedger.entries()
        let first = calendar.date(of: entries.first!.recorded.recordedAt)
        let last = calendar.date(of: entries.last!.recorded.recordedAt)
        var retiredPriorities = 0
        var start = first
        while start <= last {
            let set = try expectTheWholePlanComparison(
                demoLedger, from: calendar.startOfDay(start), to: calendar.endOfDay(start.adding(days: 90)))
            retiredPriorities += set.changes.filter { $0.kind == "priority" && $0.field == "retired" }.count
            start = start.adding(days: 91)
        }
        _ = try expectTheWholePlanComparison(demoLedger, from: nil, to: entries.last!.recorded.recordedAt)
        // The demo's plan review retires five priorities: the case where one event changes records of another stream.
        #expect(retiredPriorities == 5)
    }

    @Test func quartersThroughAGeneratedLedgerMatchTheWholePlanComparison() throws {
        let directory = TemporaryDirectory()
        let workload = Workload(events: 6_000, seed: 15)
        let now = Mutex(workload.createdAt)
        let ledger = try workload.createLedger(at: directory.file("generated.sqlite"), clock: LedgerClock { now.withLock { $0 } })
        try workload.forEachBatch { batch in
            now.withLock { $0 = batch.recordedAt }
            try ledger.append(batch.events)
        }
        let first = workload.createdAt.millisecondsSince1970
        let last = try ledger.digest().recordedAt!.millisecondsSince1970
        let quarter: Int64 = 91 * 86_400_000
        var compared = 0
        for i: Int64 in 0..<4 {
            let from = first + (last - quarter - first) * i / 3
            let set = try expectTheWholePlanComparison(
                ledger, from: Instant(millisecondsSince1970: from), to: Instant(millisecondsSince1970: from + quarter - 1))
            compared += set.entries.count
            #expect(!set.differences.isEmpty)
        }
        print("ChangesFromTouchedRecordsTests: seed 15, \(compared) events in four quarters compared")
        #expect(compared > 500)
    }

    /// The changes of the window from `from` to `to`, after checking them against the
    /// whole-plan comparison: per event, the plan copied before it and every record of
    /// the event's own kind (a plan's events: plans and priorities) compared after it;
    /// net, every record of the plan before the window against the plan at its end.
    func expectTheWholePlanComparison(_ ledger: Ledger, from: Instant?, to: Instant) throws -> ChangeSet {
        let set = try AuditQueries(ledger).changes(from: from, to: to)
        let before = try from.map { try ledger.state(asOf: $0.adding(milliseconds: -1)) } ?? PlanState()
        #expect(set.beforePosition == before.position)
        var plan = before
        var expected: [String] = []
        for entry in set.entries {
            let old = plan
            plan.apply(entry.recorded)
            let stream = entry.streamID
            expected += FieldChange.between(old, plan).filter { c in
                stream.kind == .plan ? c.kind == "plan" || c.kind == "priority" : c.kind == stream.kind.rawValue && c.id == stream.id
            }.map { Self.line(entry.position, $0.kind, $0.id, $0.field, $0.before, $0.after) }
        }
        let got = set.changes.map { Self.line($0.position, $0.kind, $0.id, $0.field, $0.before, $0.after) }
        #expect(got == expected, "from \(from?.iso8601 ?? "the start") to \(to.iso8601)")
        #expect(set.differences == FieldChange.between(before, plan))
        #expect(set.after == plan)
        #expect(set.after == (try ledger.state(asOf: to)))
        return set
    }

    static func line(_ position: Int64, _ kind: String, _ id: String, _ field: String, _ before: JSONValue?, _ after: JSONValue?)
        -> String
    {
        "\(position) \(kind) \(id) \(field) \(before?.canonical ?? "absent") \(after?.canonical ?? "absent")"
    }
}
