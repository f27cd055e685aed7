/// A value written as one string in JSON (ids, dates, instants), checked by the same
/// rule whether it comes from a person or from a file.
public protocol TextCoded: Codable {
    /// - Throws: ``LedgerError`` `.invalidInput` when the text breaks the type's rule.
    init(text: String) throws(LedgerError)
    var text: String { get }
}

extension TextCoded {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(text: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
