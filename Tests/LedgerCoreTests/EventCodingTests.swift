import CanonicalJSON
import Foundation
import LedgerCore
import Testing

/// Event payloads as the log stores them: canonical JSON, the bytes Foundation's
/// encoder gave before the ledger had its own, read back to the same event.
@Suite struct EventCodingTests {
    static let events: [Event] = [
        .partnershipEstablished(.init(name: "Canterbury \"CSP\"", timeZone: "Europe/London", testClock: false, rules: 2)),
        .actorRegistered(.init(actor: try! ActorID("a.b"), name: "Zoë\u{7}\n", partner: try! PartnerID("p"), role: .lead)),
        .planAdopted(
            .init(
                plan: try! PlanID("P"), title: "Plan", from: try! LocalDate(iso8601: "2023-04-01"),
                to: try! LocalDate(iso8601: "2024-03-31"), assessment: nil)),
        .planReviewed(
            .init(plan: try! PlanID("P"), note: "🚓 review", confirmed: [], retired: [try! PriorityID("PR-1"), try! PriorityID("PR-2")])),
        .actionAssigned(.init(action: try! ActionID("A-1"), lead: try! PartnerID("p"), supporting: [], owner: nil)),
        .actionProgressed(
            .init(action: try! ActionID("A-1"), status: .atRisk, note: "back\\slash \t tab", percent: 0, evidence: ["x", ""])),
        .actionReviewed(
            .init(action: try! ActionID("A-1"), outcome: .continue, note: nil, nextReview: try! LocalDate(iso8601: "2024-01-31"))),
        .actionCorrected(
            .init(
                action: try! ActionID("A-1"), corrects: "e1", original: "e0", originalType: "ActionProgressed", originalPosition: 12,
                originalEffectiveAt: Instant(millisecondsSince1970: -1), reason: "typo", status: .onTrack, note: nil, percent: 100,
                outcome: nil, nextReview: nil)),
    ]

    /// What the ledger stored before its own encoder: Foundation's bytes, made canonical.
    func foundationCanonical(_ event: Event) throws -> String {
        let data: Data =
            switch event {
            case .partnershipEstablished(let e): try JSONEncoder().encode(e)
            case .actorRegistered(let e): try JSONEncoder().encode(e)
            case .planAdopted(let e): try JSONEncoder().encode(e)
            case .planReviewed(let e): try JSONEncoder().encode(e)
            case .actionAssigned(let e): try JSONEncoder().encode(e)
            case .actionProgressed(let e): try JSONEncoder().encode(e)
            case .actionReviewed(let e): try JSONEncoder().encode(e)
            case .actionCorrected(let e): try JSONEncoder().encode(e)
            default: Data()
            }
        return try JSONValue.parse(data).canonical
    }

    @Test(arguments: events)
    func payloadsEncodeAsFoundationWouldAndDecodeBack(_ event: Event) throws {
        let payload = event.canonicalPayload()
        #expect(payload == (try foundationCanonical(event)))
        #expect(try Event(type: event.typeName, schemaVersion: event.schemaVersion, payload: payload.utf8) == event)
        #expect(JSONValue.isCanonical(payload))
    }

    @Test func eventPayloadsAreCanonicalAndRoundTrip() throws {
        let event = Event.actionProgressed(
            .init(action: try ActionID("A-1"), status: .atRisk, note: "O'Brien said \"late\"\nsee notes", percent: 40))
        let payload = event.canonicalPayload()
        #expect(payload == #"{"action":"A-1","evidence":[],"note":"O'Brien said \"late\"\nsee notes","percent":40,"status":"at-risk"}"#)
        #expect(try Event(type: "ActionProgressed", schemaVersion: 1, payload: Data(payload.utf8)) == event)
    }

    @Test func unknownTypesAndVersionsAreNamed() {
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionTeleported", schemaVersion: 1, payload: Data("{}".utf8)) }
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionCreated", schemaVersion: 9, payload: Data("{}".utf8)) }
    }

    /// An id in a payload is checked by the id rule, and the refusal names the key and
    /// the rule in the words a person typing the id would get.
    @Test func aBadIdInAPayloadIsNamedWithTheIdRule() throws {
        let payload = #"{"action":"A 1","priority":"P","title":"T"}"#
        let error = #expect(throws: EventDecodingError.self) { try Event(type: "ActionCreated", schemaVersion: 1, payload: payload.utf8) }
        let rule = try #require(throws: LedgerError.self) { try ActionID("A 1") }
        #expect(error?.reason.contains(rule.message) == true, "\(String(describing: error))")
    }
}
