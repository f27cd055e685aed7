extension JSONValue {
    /// The canonical form with line breaks and two-space indentation, for people; the
    /// same keys in the same order, so scripts read either alike. DEL and the C1
    /// controls are escaped too (`\u007f`), so no control character reaches a terminal.
    public var pretty: String {
        var result = ""
        writePretty { result += $0 }
        return result
    }

    /// ``pretty``, handed to `emit` in pieces of about 64 KiB, so that a large document
    /// is printed without ever being one string.
    public func writePretty(_ emit: (String) -> Void) {
        var out = ""
        writePretty(to: &out, indent: "", emit: emit)
        emit(out)
    }

    func writePretty(to out: inout String, indent: String, emit: (String) -> Void) {
        if out.utf8.count > 1 << 16 {
            emit(out)
            out = ""
        }
        switch self {
        case .array(let items) where !items.isEmpty:
            let inner = indent + "  "
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.writePretty(to: &out, indent: inner, emit: emit)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += indent + "]"
        case .object(let members) where !members.isEmpty:
            let inner = indent + "  "
            out += "{\n"
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (i, key) in keys.enumerated() {
                out += inner
                JSONValue.writeString(key, to: &out, escapingDELAndC1: true)
                out += ": "
                members[key]!.writePretty(to: &out, indent: inner, emit: emit)
                out += i < keys.count - 1 ? ",\n" : "\n"
            }
            out += indent + "}"
        case .string(let s):
            JSONValue.writeString(s, to: &out, escapingDELAndC1: true)
        default:
            write(to: &out)
        }
    }
}
