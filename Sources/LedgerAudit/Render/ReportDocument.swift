import Foundation

/// A report as headed sections of tables, rendered to Markdown or to one
/// self-contained HTML page (no scripts, no external assets, A4 print styles).
public struct ReportDocument: Sendable {
    public var title: String
    /// Lines under the title: what the report covers, its time zone, its ledger position.
    public var meta: [String]
    public var sections: [Section]

    public struct Section: Sendable {
        public var table: TextTable
        /// A sentence saying what the table lists and by which rule.
        public var note: String?
        /// Inline SVG shown above the table in HTML.
        public var svg: String?
        /// A table with too many columns for a portrait A4 page: printed on landscape
        /// pages in a smaller type.
        public var wide: Bool

        public init(_ table: TextTable, note: String? = nil, svg: String? = nil, wide: Bool = false) {
            (self.table, self.note, self.svg, self.wide) = (table, note, svg, wide)
        }
    }

    public init(title: String, meta: [String], sections: [Section]) {
        (self.title, self.meta, self.sections) = (title, meta, sections)
    }

    /// The report for a terminal: its title and lines, then each section's table with
    /// aligned columns (``TextTable/aligned``) and its note.
    public var aligned: String { aligned(width: nil) }

    /// ``aligned``, every line cut to `width` columns with `…` (nil: nothing cut), as
    /// ``TextTable/aligned(width:)`` cuts its tables.
    public func aligned(width: Int?) -> String {
        func fit(_ line: String) -> String { width.map { DisplayText.cut(line, to: $0) } ?? line }
        var parts = [([title] + meta.map { "  \($0)" }).map { fit(DisplayText.oneLine($0)) }.joined(separator: "\n")]
        for section in sections {
            var lines = section.table.aligned(width: width).components(separatedBy: "\n")
            if let note = section.note { lines.insert(fit(DisplayText.oneLine(note)), at: 1) }
            if section.table.rows.isEmpty { lines = Array(lines.prefix(section.note == nil ? 1 : 2)) + ["None."] }
            parts.append(lines.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    /// Markdown whose every text is inert (`DisplayText.markdown`): no HTML, images or
    /// links from stored text.
    public var markdown: String {
        var parts = ["# \(DisplayText.markdown(title))", meta.map { "- \(DisplayText.markdown($0))" }.joined(separator: "\n")]
        for section in sections {
            var text = section.table.markdown
            if let note = section.note { text = text.replacingFirst("\n\n", with: "\n\n\(DisplayText.markdown(note))\n\n") }
            if section.table.rows.isEmpty { text += "\n\n_None._" }
            parts.append(text)
        }
        return parts.joined(separator: "\n\n") + "\n"
    }

    public var html: String {
        var body = "<h1>\(HTML.escape(title))</h1>\n<ul class=\"meta\">"
        body += meta.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n"
        for section in sections {
            body += (section.wide ? "<section class=\"wide\">" : "<section>") + "\n<h2>\(HTML.escape(section.table.title))</h2>\n"
            if let note = section.note { body += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
            if let svg = section.svg { body += "<figure>\(svg)</figure>\n" }
            body += section.table.rows.isEmpty ? "<p class=\"none\">None.</p>\n" : HTML.table(section.table)
            body += "</section>\n"
        }
        return HTML.page(title: title, body: body)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
