import Foundation
import LedgerCore
import Testing

/// The ledger's own JSON coders against Foundation's, which they replace on the hot
/// paths, and the one-pass canonical check against parsing and re-writing.
@Suite struct FastCodingTests {
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

    @Test func theDecoderReadsEscapesAndWhitespaceAndRefusesWhatIsNotItsShape() throws {
        struct Shape: Codable, Equatable {
            var text: String
            var count: Int
            var flag: Bool?
            var list: [Int64]
        }
        let text = #" { "list" : [ 1 , -2 ] , "flag" : null, "text" : "a\u00e9\ud83d\ude93\n\/" , "count" : 7 } "#
        #expect(try CanonicalJSONDecoder().decode(Shape.self, from: text) == Shape(text: "aé🚓\n/", count: 7, flag: nil, list: [1, -2]))
        for bad in [
            #"{"text":"x","count":1.5,"list":[]}"#, #"{"text":"x","count":"1","list":[]}"#, #"{"text":"x","list":[]}"#,
            #"{"text":"x","count":1,"list":[]} extra"#, #"{"text":"x","count":99999999999999999999,"list":[]}"#,
            #"{"text":"\ud800","count":1,"list":[]}"#, #"{"text":"x","count":1,"list":[1,]}"#,
        ] {
            #expect(throws: DecodingError.self, "\(bad)") { try CanonicalJSONDecoder().decode(Shape.self, from: bad) }
        }
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#, #"[]"#, #"{}"#, #""\u0000\u001f\b\f\n\r\t\"\\""#, "\"é🚓\u{7F}\"", "-12", "0",
        #"{"":1,"a":2}"#,
        // Not canonical: each differs from what JSONValue.canonical writes, or is not JSON.
        #"{"b":1,"a":2}"#, #"{"a":1,"a":1}"#, #"{"a": 1}"#, " 1", "1 ", "01", "-0", "+1", "1.0", #""\/""#, #""\u0041""#,
        #""\u000A""#, #""\u001F""#, "\"\u{1}\"", #"[1,]"#, #"{"a":1,}"#, "tru", "nul", #""\ud83d\ude93""#, "\"\u{FF}\"",
        "99999999999999999999", "",
    ])
    func theCanonicalCheckAgreesWithParsingAndRewriting(_ text: String) {
        let oracle = (try? JSONValue.parse(text))?.canonical == text
        #expect(JSONValue.isCanonical(text) == oracle)
    }

    @Test func theCanonicalCheckAgreesOnRandomDocuments() {
        var random = SeededGenerator(seed: 11)
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0...(depth > 3 ? 3 : 5), using: &random) {
            case 0: return .null
            case 1: return .bool(Bool.random(using: &random))
            case 2: return .int(Int64.random(in: -1000...1000, using: &random))
            case 3:
                let alphabet = Array("aZ \"\\\n\t\u{1}é🚓/")
                return .string(String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }))
            case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in value(depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<Int.random(in: 0...4, using: &random) {
                    members[["a", "b", "B", "é", "a\n"].randomElement(using: &random)!] = value(depth + 1)
                }
                return .object(members)
            }
        }
        for _ in 0..<500 {
            let text = value(0).canonical
            #expect(JSONValue.isCanonical(text), "\(text)")
            // One byte removed or doubled: the check must agree with the parser either way.
            let bytes = Array(text.utf8)
            let at = Int.random(in: 0..<bytes.count, using: &random)
            for changed in [bytes.enumerated().filter { $0.offset != at }.map(\.element), bytes[..<at] + [bytes[at]] + bytes[at...]] {
                let mutated = String(decoding: changed, as: UTF8.self)
                #expect(JSONValue.isCanonical(mutated) == ((try? JSONValue.parse(mutated))?.canonical == mutated), "\(mutated)")
            }
        }
    }
}
