import LedgerCore
import Testing

/// Stream ids are stored and hashed as text, so their text is the contract: it reads
/// back as the same stream, and text that names no stream is refused, never crashes.
@Suite struct StreamIDTests {
    static let streams: [(StreamID, String)] = [
        (.partnership, "partnership"),
        (.partner(try! PartnerID("kent-police")), "partner-kent-police"),
        (.actor(try! ActorID("a.morgan")), "actor-a.morgan"),
        (.assessment(try! AssessmentID("SA-2022")), "assessment-SA-2022"),
        (.plan(try! PlanID("CSP-2022-23")), "plan-CSP-2022-23"),
        (.priority(try! PriorityID("SOC")), "priority-SOC"),
        (.action(try! ActionID("SOC-3")), "action-SOC-3"),
        (.action(try! ActionID("a_1.2-")), "action-a_1.2-"),
    ]

    @Test(arguments: streams)
    func aStreamsTextReadsBackAsTheSameStream(_ stream: StreamID, _ text: String) throws {
        #expect(stream.text == text)
        #expect("\(stream)" == text)
        let read = try StreamID(text: text)
        #expect(read == stream)
        #expect(read.kind == stream.kind && read.id == stream.id)
    }

    @Test func anActionsStreamNamesItsAction() throws {
        #expect(StreamID.action(try ActionID("SOC-3")).action == (try ActionID("SOC-3")))
        #expect(StreamID.plan(try PlanID("SOC-3")).action == nil)
        #expect(StreamID.partnership.action == nil && StreamID.partnership.id == nil)
    }

    @Test(arguments: [
        "", "action", "action-", "partnership-x", "partnership-", "Action-A-1", "actions-A-1", "widget-x", "token", "-A-1", "action--A",
        "action-A 1", "action-A\u{202E}1", "action-é", "partner-" + String(repeating: "x", count: 65), " partnership", "partnership\n",
    ])
    func textThatNamesNoStreamIsRefused(_ text: String) {
        #expect {
            try StreamID(text: text)
        } throws: { error in
            (error as? LedgerError)?.code == .invalidInput && (error as? LedgerError)?.message.contains("stream '") == true
        }
    }

    /// The range of a kind's texts, which a store reads through an index, holds that
    /// kind's streams and no others.
    @Test(arguments: StreamID.Kind.allCases)
    func aKindsTextRangeHoldsItsStreamsAndNoOthers(_ kind: StreamID.Kind) {
        for (stream, text) in Self.streams {
            #expect(kind.texts.contains(text) == (stream.kind == kind), "\(kind) \(text)")
        }
    }
}
