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

    /// A table; a cell whose column is `rag` or `status` gets a class naming its value,
    /// so RAG colours show in print as well as on screen.
    static func table(_ table: TextTable) -> String {
        let classed = Set(["rag", "status"])
        var out = "<table>\n<thead><tr>" + table.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (column, cell) in zip(table.columns, row) {
                let cls = classed.contains(column) && !cell.isEmpty ? " class=\"\(column)-\(escape(cell))\"" : ""
                out += "<td\(cls)>\(escape(cell).replacingOccurrences(of: "\n", with: "<br>"))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func page(title: String, body: String) -> String {
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
        h2 { font-size: 12.5pt; margin: 1.4em 0 0.4em; border-bottom: 1px solid #999; padding-bottom: 2px; }
        ul.meta { list-style: none; padding: 0; margin: 0 0 1em; color: #444; }
        p.note, p.none { color: #555; margin: 0.2em 0 0.5em; }
        table { border-collapse: collapse; width: 100%; margin-bottom: 0.8em; }
        th, td { border: 1px solid #bbb; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        section.wide { page: wide; font-size: 8.5pt; }
        th { background: #eee; }
        tr { page-break-inside: avoid; }
        thead { display: table-header-group; }
        section { page-break-inside: auto; }
        figure { margin: 0.5em 0 1em; page-break-inside: avoid; }
        svg text { font-family: "DejaVu Sans", Arial, sans-serif; }
        .rag-red { background: #d9534f; color: #fff; } .rag-amber { background: #f0ad4e; }
        .rag-green { background: #5cb85c; color: #fff; } .rag-blue { background: #428bca; color: #fff; }
        .rag-grey { background: #bbb; }
        @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }
}
