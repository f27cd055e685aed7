/// The text rules of the ledger: what a name or a note may hold.
///
/// Any Unicode is stored exactly, except what would make a stored value lie about
/// itself when printed: control characters (line feed and tab are allowed in long
/// text, carriage return never) and bidirectional override and isolate characters.
/// Rules version 2 also refuses text that looks like something else: the separators
/// U+2028 and U+2029, noncharacters and invisible format characters (category Cf),
/// except a zero-width joiner or non-joiner between two visible characters and tag
/// characters inside an emoji tag sequence, which emoji and some scripts need; and a
/// name, title or scope needs at least one visible character.
public enum Text {
    /// Which limits apply: names and titles are one line of 1–300 code points; notes,
    /// summaries and reasons are up to 10,000 and may break lines; a scope is long text
    /// that, when given, needs something visible.
    public enum Kind: Sendable {
        case name
        case long
        case scope

        var range: ClosedRange<Int> { self == .name ? 1...300 : 0...10_000 }
        var needsVisible: Bool { self != .long }
    }

    /// Returns `value` unchanged if it follows the rules of version `rules` for `kind`.
    /// - Throws: ``LedgerError`` `.invalidInput` naming the field and the rule broken.
    @discardableResult
    public static func check(_ value: String, _ field: String, as kind: Kind, rules: Int) throws(LedgerError) -> String {
        let scalars = Array(value.unicodeScalars)
        if !kind.range.contains(scalars.count) {
            throw .invalid(
                scalars.isEmpty
                    ? "\(field) is empty; give 1-\(kind.range.upperBound) characters"
                    : "\(field) is \(scalars.count) characters long; the limit is \(kind.range.upperBound)")
        }
        var visible = false
        for (index, scalar) in scalars.enumerated() {
            let v = scalar.value
            if v >= 0x20, v < 0x7F {
                // Printable ASCII, most of every text: visible unless a space.
                visible = visible || v != 0x20
            } else if v == 0x0A || v == 0x09 {
                if kind == .name { throw .invalid("\(field) must be one line: line feeds and tabs are not allowed") }
            } else if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) {
                throw .invalid("\(field) contains the control character \(describe(scalar)); remove it")
            } else if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) {
                throw .invalid("\(field) contains the bidirectional control character \(describe(scalar)); remove it")
            } else if rules >= 2 {
                try checkLooksLikeItself(scalars, at: index, field)
                visible = visible || isVisible(scalar)
            }
        }
        if rules >= 2, kind.needsVisible, !visible, !scalars.isEmpty {
            throw .invalid("\(field) has no visible character; give text a reader can see")
        }
        return value
    }

    /// Checks an optional long text; `nil` stays `nil`.
    public static func checkOptional(_ value: String?, _ field: String, as kind: Kind = .long, rules: Int) throws(LedgerError)
        -> String?
    {
        guard let value else { return nil }
        return try check(value, field, as: kind, rules: rules)
    }

    /// Version 2: refuses separators, noncharacters and invisible format characters
    /// that are not part of a joined character or an emoji tag sequence.
    private static func checkLooksLikeItself(_ scalars: [Unicode.Scalar], at index: Int, _ field: String) throws(LedgerError) {
        let scalar = scalars[index]
        if scalar.value == 0x2028 || scalar.value == 0x2029 {
            throw .invalid("\(field) contains the separator \(describe(scalar)); use a line feed in notes, or remove it")
        }
        if scalar.properties.isNoncharacterCodePoint {
            throw .invalid("\(field) contains the noncharacter \(describe(scalar)); remove it")
        }
        guard scalar.properties.generalCategory == .format else { return }
        if scalar.value == 0x200C || scalar.value == 0x200D, index > 0, index + 1 < scalars.count,
            isVisible(scalars[index - 1]), isVisible(scalars[index + 1])
        {
            return
        }
        if isTag(scalar), inEmojiTagSequence(scalars, at: index) { return }
        throw .invalid("\(field) contains the invisible character \(describe(scalar)); remove it")
    }

    /// Letters, marks, numbers, punctuation and symbols: what a reader can see.
    static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            true
        default:
            false
        }
    }

    private static func isTag(_ scalar: Unicode.Scalar) -> Bool { (0xE0020...0xE007F).contains(scalar.value) }
    private static func isTagSpec(_ scalar: Unicode.Scalar) -> Bool { (0xE0020...0xE007E).contains(scalar.value) }

    /// Whether the tag character at `index` belongs to an emoji tag sequence: an emoji,
    /// one or more tag characters, and the cancel tag U+E007F (the flags of England,
    /// Scotland and Wales).
    private static func inEmojiTagSequence(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var start = index
        while start > 0, isTagSpec(scalars[start - 1]) { start -= 1 }
        var end = index
        while end < scalars.count, isTagSpec(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end].value == 0xE007F, end > start, start > 0 else { return false }
        return scalars[start - 1].properties.isEmoji
    }

    /// `U+200B ZERO WIDTH SPACE`: the code point and, where Unicode names it, its name.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return scalar.properties.name.map { "\(code) \($0)" } ?? code
    }
}
