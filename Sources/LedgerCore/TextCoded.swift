import CanonicalJSON

/// A value written as one string in JSON (ids, dates, instants), checked by the same
/// rule whether it comes from a person or from a file.
///
/// The domain's side of ``JSONStringCodable``: its types state their rule with
/// ``LedgerError``, and CanonicalJSON sees the same message as a ``JSONError``.
public protocol TextCoded: JSONStringCodable {
    /// - Throws: ``LedgerError`` `.invalidInput` when the text breaks the type's rule.
    init(text: String) throws(LedgerError)
    var text: String { get }
}

extension TextCoded {
    public init(jsonString: String) throws(JSONError) {
        do { try self.init(text: jsonString) } catch { throw JSONError(.invalidValue, error.message) }
    }

    public var jsonString: String { text }
}
