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
    public func aligned(width: Int?) -> String { collected { writeAligned(width: width, $0) } }

    /// ``aligned(width:)`` handed to `emit` in pieces, each table a row at a time.
    public func writeAligned(width: Int?, _ emit: (String) -> Void) {
        func fit(_ line: String) -> String { width.map { DisplayText.cut(line, to: $0) } ?? line }
        emit(([title] + meta.map { "  \($0)" }).map { fit(DisplayText.oneLine($0)) }.joined(separator: "\n"))
        for section in sections {
            emit("\n\n")
            let note = section.note.map { "\n" + fit(DisplayText.oneLine($0)) } ?? ""
            guard section.table.count > 0 else {
                emit(section.table.heading(width: width) + note + "\nNone.")
                continue
            }
            // The note goes under the table's heading, its first piece.
            var headed = false
            section.table.writeAligned(width: width) { piece in
                emit(piece)
                guard !headed else { return }
                headed = true
                emit(note)
            }
        }
        emit("\n")
    }

    /// Markdown whose every text is inert (`DisplayText.markdown`): no HTML, images or
    /// links from stored text.
    public var markdown: String { collected(writeMarkdown) }

    /// ``markdown`` handed to `emit` in pieces, each table a row at a time.
    public func writeMarkdown(_ emit: (String) -> Void) {
        emit("# \(DisplayText.markdown(title))\n\n" + meta.map { "- \(DisplayText.markdown($0))" }.joined(separator: "\n"))
        for section in sections {
            emit("\n\n")
            let note = section.note.map { "\n\n" + DisplayText.markdown($0) } ?? ""
            // The note goes under the table's heading, its first piece.
            var headed = false
            section.table.writeMarkdown { piece in
                emit(piece)
                guard !headed else { return }
                headed = true
                emit(note)
            }
            if section.table.count == 0 { emit("\n\n_None._") }
        }
        emit("\n")
    }

    public var html: String { collected(writeHTML) }

    /// ``html`` handed to `emit` in pieces, each table a row at a time.
    public func writeHTML(_ emit: (String) -> Void) {
        let page = HTML.page(title: title)
        emit(page.head)
        emit("<h1>\(HTML.escape(title))</h1>\n<ul class=\"meta\">" + meta.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>\n")
        for section in sections {
            var head = (section.wide ? "<section class=\"wide\">" : "<section>") + "\n<h2>\(HTML.escape(section.table.title))</h2>\n"
            if let note = section.note { head += "<p class=\"note\">\(HTML.escape(note))</p>\n" }
            if let svg = section.svg { head += "<figure>\(svg)</figure>\n" }
            emit(head)
            if section.table.count == 0 { emit("<p class=\"none\">None.</p>\n") } else { HTML.writeTable(section.table, emit) }
            emit("</section>\n")
        }
        emit(page.foot)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
