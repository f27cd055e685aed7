/// Finds YAML anchors and aliases (`&name`, `*name`) before the YAML parser sees the text.
///
/// Anchors and aliases let 400 bytes stand for gigabytes: each alias repeats the node
/// its anchor names, and nested ones multiply (the "billion laughs"). The parser hashes
/// mapping keys while it composes the document, so a tree handed back is too late to
/// refuse them, and telling YAML's syntax apart from text needs YAML's own tokenizer
/// (quotes, tags, comments and line breaks all change what `&` means).
///
/// So the scan is deliberately wider than YAML, and needs no tokenizer: an `&` or `*`
/// directly followed by a name is refused unless it stands inside a word (after an
/// ASCII letter or digit, as in `R&D` or `5*3`). Every YAML anchor and alias stands after
/// a space, a line break or an indicator, so none gets through; text that reads like one
/// (`'&quoted'`, `see *this*`) is refused with a line that says how to write it.
enum YAMLAnchors {
    /// The line (from 1) and text of the first anchor or alias in `text`, or nil.
    static func first(in text: String) -> (line: Int, name: String)? {
        let scalars = Array(text.unicodeScalars)
        var line = 1
        for (index, c) in scalars.enumerated() {
            if c == "\n" { line += 1 }
            guard c == "&" || c == "*", index + 1 < scalars.count, isNameStart(scalars[index + 1]) else { continue }
            if index > 0, isWordCharacter(scalars[index - 1]) { continue }
            let name = scalars[(index + 1)...].prefix(while: isNameStart)
            return (line, String(c) + String(String.UnicodeScalarView(name.prefix(40))))
        }
        return nil
    }

    /// A character an anchor's name may start with: anything but a space, a line break
    /// or a flow indicator.
    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        !c.properties.isWhitespace && !",[]{}".unicodeScalars.contains(c) && c.value >= 0x20
    }

    private static func isWordCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))
    }
}
