import LedgerCore
import Testing

/// Every event type states its type name and stream once, in its payload; these are the
/// `type` and `stream_id` columns of the log, so they are pinned here as text.
@Suite struct EventCatalogueTests {
    static let instant = Instant(millisecondsSince1970: 1_680_000_000_000)
    static let day = try! LocalDate(iso8601: "2023-04-01")
    static let action = try! ActionID("SOC-3")

    /// One event of every type, in catalogue order, with its type name and stream.
    static let catalogue: [(Event, String, String)] = [
        (
            .partnershipEstablished(.init(name: "CSP", timeZone: "Europe/London", testClock: false, rules: 2)),
            "PartnershipEstablished", "partnership"
        ),
        (
            .partnerRegistered(.init(partner: try! PartnerID("kent-police"), name: "Kent Police", responsibleAuthority: true)),
            "PartnerRegistered", "partner-kent-police"
        ),
        (
            .actorRegistered(.init(actor: try! ActorID("a.morgan"), name: "Alex", partner: try! PartnerID("p"), role: .coordinator)),
            "ActorRegistered", "actor-a.morgan"
        ),
        (.actorDeactivated(.init(actor: try! ActorID("a.morgan"), reason: nil)), "ActorDeactivated", "actor-a.morgan"),
        (
            .strategicAssessmentRecorded(.init(assessment: try! AssessmentID("SA-2022"), year: 2022, title: "SA", summary: nil)),
            "StrategicAssessmentRecorded", "assessment-SA-2022"
        ),
        (
            .planAdopted(.init(plan: try! PlanID("CSP-2022-23"), title: "Plan", from: day, to: day, assessment: nil)),
            "PlanAdopted", "plan-CSP-2022-23"
        ),
        (
            .priorityAdded(.init(priority: try! PriorityID("SOC"), plan: try! PlanID("P"), title: "SOC", scope: nil)),
            "PriorityAdded", "priority-SOC"
        ),
        (.actionCreated(.init(action: action, priority: try! PriorityID("SOC"), title: "T", due: nil)), "ActionCreated", "action-SOC-3"),
        (
            .actionAssigned(.init(action: action, lead: try! PartnerID("p"), supporting: [], owner: nil)),
            "ActionAssigned", "action-SOC-3"
        ),
        (.actionProgressed(.init(action: action, status: .onTrack, note: nil, percent: 5)), "ActionProgressed", "action-SOC-3"),
        (.actionReviewed(.init(action: action, outcome: .continue, note: nil, nextReview: nil)), "ActionReviewed", "action-SOC-3"),
        (.actionAmended(.init(action: action, title: "New", due: nil)), "ActionAmended", "action-SOC-3"),
        (
            .planReviewed(.init(plan: try! PlanID("CSP-2022-23"), note: "n", confirmed: [], retired: [])),
            "PlanReviewed", "plan-CSP-2022-23"
        ),
        (
            .actionCorrected(
                .init(
                    action: action, corrects: "e1", original: "e1", originalType: "ActionProgressed", originalPosition: 9,
                    originalEffectiveAt: instant, reason: "r", status: .atRisk, note: nil, percent: nil, outcome: nil,
                    nextReview: nil)),
            "ActionCorrected", "action-SOC-3"
        ),
        (.rulesAdopted(.init(version: 2)), "RulesAdopted", "partnership"),
        (.clockBehindAccepted(.init(clockAt: instant, lastRecordedAt: instant)), "ClockBehindAccepted", "partnership"),
        (
            .tokenIssued(
                .init(
                    token: TokenID(trusted: "0123456789abcdef"), actor: try! ActorID("d.okafor"), sha256: String(repeating: "a", count: 64),
                    expiresAt: instant, label: nil)),
            "TokenIssued", "token-0123456789abcdef"
        ),
        (.tokenRevoked(.init(token: TokenID(trusted: "0123456789abcdef"), reason: nil)), "TokenRevoked", "token-0123456789abcdef"),
        (.ledgerKeyRegistered(.init(key: "k+00000000+AQ==")), "LedgerKeyRegistered", "partnership"),
        (.ledgerKeyRevoked(.init(key: "k+00000000+AQ==", reason: nil)), "LedgerKeyRevoked", "partnership"),
        (.checkpointSigned(.init(checkpoint: "note")), "CheckpointSigned", "partnership"),
        (.witnessRegistered(.init(partner: try! PartnerID("police"), key: "w+00000000+BA==")), "WitnessRegistered", "partnership"),
        (.witnessRemoved(.init(key: "w+00000000+BA==", reason: nil)), "WitnessRemoved", "partnership"),
        (.witnessThresholdSet(.init(threshold: 2)), "WitnessThresholdSet", "partnership"),
        (.checkpointCosigned(.init(checkpoint: "e9", cosignature: "— w AAAA")), "CheckpointCosigned", "partnership"),
    ]

    @Test func theCatalogueListsEveryTypeOnceInOrder() {
        #expect(Self.catalogue.map(\.1) == Event.typeNames)
        #expect(Event.payloadTypes.map { $0.typeName } == Event.typeNames)
        #expect(Set(Event.typeNames).count == Event.typeNames.count)
    }

    @Test(arguments: catalogue)
    func everyEventsPayloadNamesItsTypeAndStream(_ event: Event, _ typeName: String, _ stream: String) throws {
        #expect(event.typeName == typeName)
        #expect(type(of: event.payload).typeName == typeName)
        #expect(event.streamID.text == stream)
        #expect(event.payload.event == event)
        #expect(event.action == (typeName.hasPrefix("Action") ? Self.action : nil))
        #expect(try Event(type: typeName, schemaVersion: event.schemaVersion, payload: event.canonicalPayload().utf8) == event)
    }

    @Test func theCurrentSchemaVersionsAreThePayloadsOwn() {
        let versions = Dictionary(uniqueKeysWithValues: Event.payloadTypes.map { ($0.typeName, $0.schemaVersion) })
        #expect(versions.filter { $0.value != 1 } == ["ActionProgressed": 2, "PartnershipEstablished": 2])
    }

    @Test func anUnknownTypeOrVersionIsAnErrorNotACrash() {
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionTeleported", schemaVersion: 1, payload: "{}".utf8) }
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionCreated", schemaVersion: 2, payload: "{}".utf8) }
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionCreated", schemaVersion: 0, payload: "{}".utf8) }
    }
}
