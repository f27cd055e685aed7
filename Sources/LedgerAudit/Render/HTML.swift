import LedgerCore

/// The HTML of reports: escaping, tables and the page around them.
enum HTML {
    /// Text as HTML character data or an attribute value: markup characters as
    /// references, control characters other than line feed and tab as `U+XXXX`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in DisplayText.showingControls(text, keepingLineBreaks: true) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A table. A cell of a `rag` column, and the header of a column named after a RAG
    /// colour (a count), get that colour's class; the word or count stays in the cell, so
    /// colour is never the only signal.
    static func writeTable(_ table: TextTable, _ emit: (String) -> Void) {
        func ragClass(_ text: String) -> String {
            RAG(rawValue: text).map { " class=\"rag-\($0.rawValue)\"" } ?? ""
        }
        emit("<table>\n<thead><tr>" + table.columns.map { "<th scope=\"col\"\(ragClass($0))>\(escape($0))</th>" }.joined())
        emit("</tr></thead>\n<tbody>\n")
        for index in 0..<table.count {
            var out = "<tr>"
            for (column, cell) in zip(table.columns, table.text(ofRow: index)) {
                let cls = column == "rag" ? ragClass(cell) : ""
                out += "<td\(cls)>\(breakable(cell))</td>"
            }
            emit(out + "</tr>\n")
        }
        emit("</tbody>\n</table>\n")
    }

    /// A cell's text, escaped, with its line feeds as line breaks and a place to break
    /// every 16 characters of a word longer than 32 (a hash, a long id), so that columns
    /// wrap between words and words are never broken in the middle, yet nothing runs off
    /// the page.
    static func breakable(_ text: String) -> String {
        var out = "", word = ""
        func flush() {
            if word.count > 32 {
                var rest = Substring(word)
                var pieces: [String] = []
                while !rest.isEmpty {
                    pieces.append(escape(String(rest.prefix(16))))
                    rest = rest.dropFirst(16)
                }
                out += pieces.joined(separator: "<wbr>")
            } else {
                out += escape(word)
            }
            word = ""
        }
        for character in text {
            if character.isWhitespace {
                flush()
                out += character == "\n" ? "<br>" : escape(String(character))
            } else {
                word.append(character)
            }
        }
        flush()
        return out
    }

    /// The RAG palette, one place for the table cells and the chart: fills that stay
    /// apart under deuteranopia and protanopia (red dark, amber light, green mid, blue
    /// dark, grey pale), each with the text colour that reads on it at 4.5:1 or more
    /// (WCAG 2.2 AA). The browser tests check both.
    static let palette: [(rag: RAG, fill: String, text: String)] = [
        (.red, "#9e1b1b", "#ffffff"), (.amber, "#f6c141", "#1a1a1a"), (.green, "#4daf4a", "#1a1a1a"), (.blue, "#1f4e99", "#ffffff"),
        (.grey, "#dddddd", "#1a1a1a"),
    ]

    /// The page around a body, as the text before the body and the text after it.
    static func page(title: String) -> (head: String, foot: String) {
        let marker = "\u{0}body\u{0}"
        let page = page(title: title, body: marker)
        let split = page.range(of: marker)!
        return (String(page[..<split.lowerBound]), String(page[split.upperBound...]))
    }

    private static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        @page { size: A4; margin: 14mm 12mm; }
        @page wide { size: A4 landscape; margin: 14mm 12mm; }
        body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1a1a1a; margin: 1.5em; }
        h1 { font-size: 17pt; margin: 0 0 0.3em; }
        h2 { font-size: 12.5pt; margin: 1.4em 0 0.4em; border-bottom: 1px solid #999; padding-bottom: 2px; break-after: avoid; }
        ul.meta { list-style: none; padding: 0; margin: 0 0 1em; color: #444; }
        p.note, p.none { color: #555; margin: 0.2em 0 0.5em; }
        p.note { break-after: avoid; break-inside: avoid; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 0.8em; }
        th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; }
        section.wide { page: wide; font-size: 8.5pt; }
        th { background: #eee; }
        tr { page-break-inside: avoid; }
        thead { display: table-header-group; }
        section { page-break-inside: auto; }
        figure { margin: 0.5em 0 1em; }
        figure svg { display: block; width: 100%; height: auto; margin-bottom: 0.6em; }
        svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
        \(palette.map { ".rag-\($0.rag.rawValue) { background: \($0.fill); color: \($0.text); }" }.joined(separator: "\n"))
        @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
