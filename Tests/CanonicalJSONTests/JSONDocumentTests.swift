import CanonicalJSON
import Testing

@Suite struct JSONDocumentTests {
    /// A document with arrays of no, one and many elements made as they are written,
    /// beside plain members, some sorting before the arrays and some after.
    static func document(_ count: Int) -> JSONDocument {
        func items(_ n: Int) -> () -> AnyIterator<JSONValue> {
            {
                AnyIterator(
                    (0..<n).lazy.map { i in .object(["i": .int(Int64(i)), "nested": .array([.string("é \u{7F}"), .null])]) }.makeIterator())
            }
        }
        return JSONDocument([
            "a": .value(.string("first")), "empty": .elements(items(0)), "events": .elements(items(count)), "one": .elements(items(1)),
            "z": .value(.object(["k": .array([])])),
        ])
    }

    @Test(arguments: [0, 1, 2, 3_000])
    func writtenAsMadeItIsByteForByteTheWholeValuesPrettyForm(count: Int) {
        let document = Self.document(count)
        var pieces: [String] = []
        document.writePretty { pieces.append($0) }
        #expect(pieces.joined() == document.value.pretty)
        if count == 3_000 { #expect(pieces.count > 1, "a large document is handed over in pieces") }
    }

    @Test func anEmptyDocumentIsAnEmptyObject() {
        var text = ""
        JSONDocument([:]).writePretty { text += $0 }
        #expect(text == JSONValue.object([:]).pretty)
    }
}
