import CanonicalJSON
import LedgerCore
import Yams

/// Turns a YAML document into the JSON tree a plan file is checked as.
///
/// Plain scalars keep YAML's core meanings for null, booleans and integers; every
/// other scalar (dates included) stays text, so `2023-03-31` is the date a person
/// wrote, not a timestamp.
enum YAMLTree {
    static func json(from text: String) throws -> JSONValue {
        if let anchor = YAMLAnchors.first(in: text) {
            throw LedgerError(
                .invalidInput,
                "line \(anchor.line): '\(anchor.name)' reads as a YAML anchor or alias, which plan files do not accept (they can make a small file expand without limit); write each value out, and put a space after an '&' or '*' that begins a word"
            )
        }
        guard let node = try Yams.compose(yaml: text) else {
            throw LedgerError(.invalidInput, "the file is empty")
        }
        // Every node of a document without aliases stands on at least one byte of it; more
        // nodes than bytes means something repeats, which the walk does not expand.
        var budget = text.utf8.count + 16
        return try json(node, depth: 0, budget: &budget)
    }

    private static func json(_ node: Node, depth: Int, budget: inout Int) throws -> JSONValue {
        guard depth <= JSONValue.maximumDepth else {
            throw LedgerError(.invalidInput, "nested deeper than \(JSONValue.maximumDepth) levels")
        }
        budget -= 1
        guard budget >= 0 else { throw LedgerError(.invalidInput, "the document repeats nodes (YAML aliases); write each value out") }
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int:
                // Only plain decimal: YAML 1.1's octal, hex and base-60 forms are refused
                // (reading base 60 through Yams traps on overflow, as fuzzing found).
                let text = scalar.string.hasPrefix("+") ? String(scalar.string.dropFirst()) : scalar.string
                guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }), let value = Int64(text) else {
                    throw LedgerError(.invalidInput, "'\(scalar.string.prefix(40))' is not a whole number in plain decimal")
                }
                return .int(value)
            case .float: throw LedgerError(.invalidInput, "'\(scalar.string)': only whole numbers are accepted")
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else { throw LedgerError(.invalidInput, "a mapping key is not plain text") }
                guard members.updateValue(try json(value, depth: depth + 1, budget: &budget), forKey: keyScalar.string) == nil else {
                    throw LedgerError(
                        .invalidInput, "the key '\(keyScalar.string)' appears twice in one mapping (line \(key.mark?.line ?? 0))")
                }
            }
            return .object(members)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for item in sequence { items.append(try json(item, depth: depth + 1, budget: &budget)) }
            return .array(items)
        case .alias:
            throw LedgerError(.invalidInput, "YAML aliases are not accepted in plan files; write the value out")
        }
    }
}
