import CanonicalJSON
import Testing

@Suite struct JSONTests {
    @Test func canonicalFormSortsKeysAndEscapesMinimally() throws {
        let value = JSONValue.object([
            "b": .array([.int(1), .int(-2), .null, .bool(true)]),
            "a": .string("quote \" backslash \\ slash / newline \n tab \t bell \u{7} é 🚓"),
            "B": .object([:]),
        ])
        #expect(value.canonical == #"{"B":{},"a":"quote \" backslash \\ slash / newline \n tab \t bell \u0007 é 🚓","b":[1,-2,null,true]}"#)
    }

    @Test func prettyOutputEscapesDELAndC1ButReadsBackTheSame() throws {
        let value = JSONValue.object(["note": .string("esc \u{1B}[2J del \u{7F} csi \u{9B}2J £")])
        #expect(value.canonical == "{\"note\":\"esc \\u001b[2J del \u{7F} csi \u{9B}2J £\"}", "the hashed form is unchanged")
        #expect(value.pretty == "{\n  \"note\": \"esc \\u001b[2J del \\u007f csi \\u009b2J £\"\n}")
        #expect(try JSONValue.parse(value.pretty) == value)
    }

    @Test func parsingTheCanonicalFormGivesTheSameValue() throws {
        let text = #"{"a":"x\u00e9\ud83d\ude93","n":[0,12,-3]}"#
        let value = try JSONValue.parse(text)
        #expect(value == .object(["a": .string("xé🚓"), "n": .array([.int(0), .int(12), .int(-3)])]))
        #expect(try JSONValue.parse(value.canonical) == value)
    }

    @Test(arguments: [
        #"{"a":1,"a":2}"#, #"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":01}"#, #"{"a":"\ud800"}"#, "[1,]", #"{"a" 1}"#,
        "\"unterminated", #"{"a":1} extra"#, "nul\u{0}", String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
    ])
    func invalidOrAmbiguousJSONIsRefused(_ text: String) {
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(text) }
        #expect(error?.code == .invalidJSON)
        #expect(error?.message.hasPrefix("invalid JSON at byte ") == true, "\(String(describing: error))")
    }
}
