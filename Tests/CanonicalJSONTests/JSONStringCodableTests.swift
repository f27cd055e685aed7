import CanonicalJSON
import Foundation
import Testing

/// A value coded as one string is read through its own rule by CanonicalJSON's decoder
/// and by Foundation's alike, and a refusal carries the rule's message at its key path.
@Suite struct JSONStringCodableTests {
    struct Colour: JSONStringCodable, Equatable {
        let name: String

        init(jsonString: String) throws(JSONError) {
            guard ["red", "green"].contains(jsonString) else {
                throw JSONError(.invalidValue, "'\(jsonString)' is not a colour; use red or green")
            }
            name = jsonString
        }

        var jsonString: String { name }
    }

    struct Paint: Codable, Equatable {
        var colour: Colour
        var layers: [Colour]
    }

    @Test func aValueIsWrittenAsItsStringAndReadBack() throws {
        let paint = Paint(colour: try Colour(jsonString: "red"), layers: [try Colour(jsonString: "green")])
        let json = try JSONValueEncoder().encode(paint)
        #expect(json.canonical == #"{"colour":"red","layers":["green"]}"#)
        #expect(try CanonicalJSONDecoder().decode(Paint.self, from: json.canonical) == paint)
        #expect(try JSONDecoder().decode(Paint.self, from: Data(json.canonical.utf8)) == paint)
    }

    @Test(arguments: [#"{"colour":"blue","layers":[]}"#, #"{"colour":"red","layers":["green","blue"]}"#])
    func aStringThatBreaksTheRuleIsRefusedWithItsMessageAtItsPath(_ text: String) {
        for decode in [
            { try CanonicalJSONDecoder().decode(Paint.self, from: text) },
            { try JSONDecoder().decode(Paint.self, from: Data(text.utf8)) },
        ] {
            #expect {
                _ = try decode()
            } throws: { error in
                guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
                let path = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
                return context.debugDescription == "'blue' is not a colour; use red or green"
                    && (path == ["colour"] || path == ["layers", "1"])
            }
        }
    }

    @Test func aStringIsRequired() {
        #expect(throws: DecodingError.self) { try CanonicalJSONDecoder().decode(Paint.self, from: #"{"colour":1,"layers":[]}"#) }
    }
}
