import Foundation

/// Stored text made safe for the programs that show or interpret an output: a
/// terminal, a Markdown renderer, a spreadsheet.
///
/// The ledger refuses control characters other than line feed and tab on the way in,
/// but an output is made from whatever the file holds, and a file can be written by
/// other tools. So no output passes a stored control character through: a terminal
/// would obey it (clear the screen, move the cursor, retitle the window).
enum DisplayText {
    /// One line for a terminal or a Markdown table: a line feed shows as `↵`, a tab as
    /// `→`, and any other control character (C0, DEL, C1) as its `U+XXXX`.
    static func oneLine(_ text: String) -> String {
        showingControls(text, keepingLineBreaks: false)
    }

    /// Text for Markdown: one line, with `<`, `>` and `&` as character references and
    /// link, image and table syntax backslash-escaped, so that a rendered report
    /// carries no HTML, no image that loads from elsewhere and no link.
    ///
    /// `[click](javascript:alert(1))` becomes `\[click\]\(javascript:alert\(1\)\)`,
    /// which renders as the text it is.
    static func markdown(_ text: String) -> String {
        var out = ""
        for scalar in oneLine(text).unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "[", "]", "(", ")", "!", "|", "`", "@":
                out += "\\"
                out.unicodeScalars.append(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return unlinked(out)
    }

    /// Breaks what GitHub-flavoured Markdown would turn into a link by itself
    /// (`https://…`, `www.…`; e-mail addresses lose theirs with their escaped `@`) with a
    /// backslash before punctuation, which renders as the text it was.
    private static func unlinked(_ text: String) -> String {
        guard text.contains("://") || text.range(of: "www.", options: .caseInsensitive) != nil else { return text }
        var out = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("://") {
                out += "\\://"
                rest = rest.dropFirst(3)
            } else if rest.prefix(4).lowercased() == "www." {
                out += rest.prefix(3) + "\\."
                rest = rest.dropFirst(4)
            } else {
                out.append(rest.removeFirst())
            }
        }
        return out
    }

    /// A CSV field (RFC 4180), guarded against formula injection (OWASP): a field that
    /// begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so
    /// a spreadsheet shows it as text instead of evaluating it. Control characters other
    /// than line feed and tab show as `U+XXXX`. A field holding a comma, a quote or a
    /// line break is quoted.
    static func csvField(_ text: String) -> String {
        let guarded = text.unicodeScalars.first.map(formulaStarts.contains) == true ? "'" + text : text
        let shown = showingControls(guarded, keepingLineBreaks: true)
        guard shown.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return shown }
        return "\"" + shown.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// What a spreadsheet takes as the start of a formula.
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// Text with every control character (C0, DEL, C1) shown as `U+XXXX`; line feeds
    /// and tabs are kept when `keepingLineBreaks`, else shown as `↵` and `→`.
    static func showingControls(_ text: String, keepingLineBreaks: Bool) -> String {
        // Most text holds no control character and is returned as it is.
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keepingLineBreaks, "\t" where keepingLineBreaks: out.unicodeScalars.append(scalar)
            case "\n": out += "↵"
            case "\t": out += "→"
            case _ where isControl(scalar): out += codePoint(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Control characters, and the characters that reorder or break what a terminal
    /// shows without being seen: bidirectional overrides and isolates, U+2028, U+2029.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x2028 || v == 0x2029
    }

    /// `U+0007` for the bell.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
