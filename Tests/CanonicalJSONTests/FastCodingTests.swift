import CanonicalJSON
import Testing

/// The decoder that replaces Foundation's on the hot paths, and the one-pass canonical
/// check against parsing and re-writing.
@Suite struct FastCodingTests {
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

/// SplitMix64, as LedgerCore's `SeededGenerator`: this target depends on CanonicalJSON
/// alone, and the same generator keeps the random documents the ones always checked.
private struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
