/// Finds YAML anchors (`&name`) before the YAML parser sees the text.
///
/// Anchors and aliases let 400 bytes stand for gigabytes: each alias repeats the node
/// its anchor names, and nested ones multiply (the "billion laughs"). The parser
/// expands them while it composes the document, and hashes mapping keys while it
/// checks them for duplicates, so a tree handed back is too late to refuse them.
/// Without an anchor an alias names nothing and the parser refuses it, so finding
/// every anchor is enough.
///
/// The scan is deliberately wider than YAML: an `&` followed by a name where a node can
/// start (at the start of a line, or after `:`, `-`, `?`, `[`, `{` or `,`), outside
/// quotes and comments, counts as an anchor, even inside a block scalar. A plan file
/// whose text reads like that is refused with a line that says to quote it.
enum YAMLAnchors {
    /// The line (from 1) and name of the first anchor in `text`, or nil.
    static func first(in text: String) -> (line: Int, name: String)? {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        var quote: Unicode.Scalar?
        var comment = false
        var previous: Unicode.Scalar?  // the last character that is not a space, outside quotes
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if c == "\n" {
                (line, comment, previous) = (line + 1, false, nil)
                continue
            }
            if comment { continue }
            if let open = quote {
                if open == "\"", c == "\\" {
                    index += 1
                } else if c == open {
                    quote = nil
                }
                continue
            }
            switch c {
            case " ", "\t", "\r": continue
            case "\"", "'":
                if startsNode(after: previous) {
                    quote = c
                    continue
                }
            case "#" where index == 1 || [" ", "\t", "\n"].contains(scalars[index - 2]):
                comment = true
                continue
            case "&" where startsNode(after: previous):
                let name = scalars[index...].prefix { !" \t\r\n,[]{}".unicodeScalars.contains($0) }
                if !name.isEmpty { return (line, String(String.UnicodeScalarView(name))) }
            default:
                break
            }
            previous = c
        }
        return nil
    }

    private static func startsNode(after previous: Unicode.Scalar?) -> Bool {
        guard let previous else { return true }
        return ":-?[{,".unicodeScalars.contains(previous)
    }
}
