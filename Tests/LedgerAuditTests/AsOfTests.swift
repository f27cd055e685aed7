import LedgerAudit
import LedgerCore
import LedgerDemo
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct AsOfTests {
    @Test func everyDayOfTheDemoEqualsTheFoldOfTheEventsRecordedByItsEnd() throws {
        let ledger = demoLedger
        let all = try ledger.entries()
        let calendar = ledger.calendar
        let first = calendar.date(of: all.first!.recorded.recordedAt).adding(days: -1)
        let last = calendar.date(of: all.last!.recorded.recordedAt).adding(days: 1)
        var day = first
        var days = 0
        var index = 0
        var expected = PlanState()
        while day <= last {
            let end = calendar.endOfDay(day)
            // The independent side: walk the log in order and fold what was recorded by the end of the day.
            while index < all.count, all[index].recorded.recordedAt <= end {
                expected.apply(all[index].recorded)
                index += 1
            }
            let state = try ledger.state(asOf: end)
            #expect(state == expected, "as of \(day)")
            #expect(state.position == Int64(index))
            day = day.adding(days: 1)
            days += 1
        }
        #expect(days > 700)
        #expect(index == all.count)
    }

    @Test func beforeTheFirstEventThePlanIsEmptyAtPositionZero() throws {
        let state = try demoLedger.state(asOf: Instant(iso8601: "2021-01-01T00:00:00Z"))
        #expect(state == PlanState())
        #expect(
            StateView(state: state, asOf: try Instant(iso8601: "2021-01-01T00:00:00Z"), effective: nil).json.canonical.contains(
                #""position":0"#))
    }

    @Test func effectiveQueriesCountOnlyWhatHadTakenEffect() throws {
        let ledger = demoLedger
        let backDated = try ledger.entries().filter { $0.recorded.effectiveAt < $0.recorded.recordedAt && $0.type == "ActionProgressed" }
        #expect(!backDated.isEmpty, "the demo has back-dated reports")
        let sample = backDated[0].recorded
        // Known at the moment it was recorded, the report had taken effect by its effective time...
        let bitemporal = try ledger.state(asOf: sample.recordedAt, effective: sample.effectiveAt)
        let expected = PlanState(
            folding: try ledger.entries().map(\.recorded).filter {
                $0.recordedAt <= sample.recordedAt && $0.effectiveAt <= sample.effectiveAt
            })
        #expect(bitemporal == expected)
        // ...but as known just before it was recorded, the plan at that effective time lacked it.
        let before = try ledger.state(asOf: sample.recordedAt.adding(milliseconds: -1), effective: sample.effectiveAt)
        #expect(before.position < bitemporal.position)
    }

    @Test func theDemoIsDeterministicAndVerifies() throws {
        let directory = TemporaryDirectory()
        let again = try DemoLedger.create(at: directory.file("again.sqlite"))
        #expect(try again.digest() == demoLedger.digest())
        let report = try demoLedger.verify()
        #expect(report.isSound)
        #expect(report.eventCount > 500)
    }

    @Test func theDemoHasTheStoryTheREADMETells() throws {
        let entries = try demoLedger.entries()
        let types = Set(entries.map(\.type))
        // The demo is made under this release's rules on a clock that never falls behind,
        // and its story is told from the command line, without tokens; its key and
        // witnesses serve throughout, at the default threshold.
        let unused: Set = [
            "RulesAdopted", "ClockBehindAccepted", "TokenIssued", "TokenRevoked", "LedgerKeyRevoked", "WitnessRemoved",
            "WitnessThresholdSet",
        ]
        #expect(types == Set(Event.typeNames).subtracting(unused), "every plan event type appears")
        let state = try demoLedger.state()
        #expect(state.actions[try ActionID("SOC-3")]?.status == .withdrawn)
        #expect(state.actors[try ActorID("l.chen")]?.active == false)
        #expect(state.plans.count == 2)
        #expect(entries.contains { $0.type == "PlanReviewed" })
        #expect(entries.filter { $0.type == "ActionAssigned" }.count > 40, "reassignments after the import")
        #expect(entries.first!.recorded.recordedAt.iso8601.hasPrefix("2022-04"))
        #expect(entries.last!.recorded.recordedAt.iso8601.hasPrefix("2024-03"))
        // Each quarter ends with a checkpoint both witnesses cosigned: eight of them.
        let checkpoints = try demoLedger.checkpoints()
        #expect(checkpoints.count == 8)
        #expect(checkpoints.allSatisfy { $0.isWitnessed && $0.cosigners.count == 2 })
        #expect(checkpoints.last?.summary == "witnessed by 2 of 2: kent-police, rising-sun")
    }
}
