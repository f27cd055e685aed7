/// The text rules of the ledger: what a name or a note may hold.
///
/// Any Unicode is stored exactly, except what would make a stored value lie about
/// itself when printed: control characters (line feed and tab are allowed in long
/// text, carriage return never) and bidirectional override and isolate characters.
public enum Text {
    /// Which limits apply: names and titles are one line of 1–300 code points; notes,
    /// summaries, scopes and reasons are up to 10,000 and may break lines.
    public enum Kind: Sendable {
        case name
        case long

        var range: ClosedRange<Int> { self == .name ? 1...300 : 0...10_000 }
    }

    /// Returns `value` unchanged if it follows the rules for `kind`.
    /// - Throws: ``LedgerError`` `.invalidInput` naming the field and the rule broken.
    @discardableResult
    public static func check(_ value: String, _ field: String, as kind: Kind) throws(LedgerError) -> String {
        let count = value.unicodeScalars.count
        if !kind.range.contains(count) {
            throw .invalid(
                count == 0
                    ? "\(field) is empty; give 1-\(kind.range.upperBound) characters"
                    : "\(field) is \(count) characters long; the limit is \(kind.range.upperBound)")
        }
        for scalar in value.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x09 {
                if kind == .name { throw .invalid("\(field) must be one line: line feeds and tabs are not allowed") }
            } else if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                throw .invalid("\(field) contains the control character U+\(hex(v)); remove it")
            } else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                throw .invalid("\(field) contains the bidirectional control character U+\(hex(v)); remove it")
            }
        }
        return value
    }

    /// Checks an optional long text; `nil` stays `nil`.
    public static func checkOptional(_ value: String?, _ field: String) throws(LedgerError) -> String? {
        guard let value else { return nil }
        return try check(value, field, as: .long)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
