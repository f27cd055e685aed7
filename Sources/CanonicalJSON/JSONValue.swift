/// A JSON document, in the form that is stored and hashed.
///
/// Only integers, strings, booleans, nulls, arrays and objects: a number here is
/// always an integer, and a fraction or exponent is refused on reading rather than
/// rounded, so that a document's canonical text is one and the same everywhere.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The canonical text of Schemas/README.md: keys sorted by code point, no
    /// whitespace, minimal escaping (`"`, `\`, and control characters; `\b \f \n \r \t`
    /// short, the rest as `\u00xx`), everything else as UTF-8. It is what Python's
    /// `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
    /// prints, so an auditor can reproduce it without Swift.
    public var canonical: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            // UTF-8 byte order is code point order.
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// Writes `s` as a canonical JSON string literal.
    ///
    /// With `escapingDELAndC1` it also escapes DEL and the C1 controls (U+007F–U+009F),
    /// which canonical JSON leaves as they are: output for a terminal, which would obey
    /// them. The string read back is the same.
    public static func writeString(_ s: String, to out: inout String, escapingDELAndC1: Bool = false) {
        out += "\""
        // Most strings need no escaping and are copied whole. (0xC2 leads every C1 control.)
        if !s.utf8.contains(where: {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || (escapingDELAndC1 && ($0 == 0x7F || $0 == 0xC2))
        }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (escapingDELAndC1 && (0x7F...0x9F).contains(scalar.value)) {
                    out += "\\u00" + pad(String(scalar.value, radix: 16), 2)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func pad(_ digits: String, _ width: Int) -> String {
        String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
