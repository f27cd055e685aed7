/// A value written in JSON as one string and read back through its own rule: how a
/// user of CanonicalJSON plugs in ids, dates and times without CanonicalJSON knowing
/// them.
///
/// The rule is the type's, so text from a file is checked exactly as text from a person.
/// ``CanonicalJSONDecoder`` reads such a value straight from its string, without a
/// decoding container; other decoders use the `Codable` conformance given here.
///
/// ```swift
/// struct Colour: JSONStringCodable {
///     let name: String
///     init(jsonString: String) throws(JSONError) {
///         guard ["red", "green"].contains(jsonString) else {
///             throw JSONError(.invalidValue, "'\(jsonString)' is not a colour; use red or green")
///         }
///         name = jsonString
///     }
///     var jsonString: String { name }
/// }
/// ```
public protocol JSONStringCodable: Codable {
    /// - Throws: ``JSONError`` `.invalidValue` with a message saying which rule the text
    ///   breaks; a decoder reports it as `DecodingError.dataCorrupted` at the value's path.
    init(jsonString: String) throws(JSONError)
    var jsonString: String { get }
}

extension JSONStringCodable {
    public init(from decoder: any Decoder) throws {
        let string = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(jsonString: string) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(jsonString)
    }
}
