import Foundation
import LedgerCore

/// The plan report's chart, made to be read on paper: for each priority, under its
/// title, one horizontal bar per quarter of its actions' RAG counts, each segment
/// carrying its count and each bar its total, with the legend beside the bars. All
/// priorities share one scale, so their bars compare.
///
/// Plain SVG inside the page, so it prints and needs no script; it scales to the
/// page's width. Colours come from ``HTML/palette``, so a segment's count is written in
/// the text colour that reads on its fill.
struct RAGChart {
    let quarters: [PlanReport.Quarter]
    let priorities: [PriorityRecord]

    /// The drawing's width in its own units; the page scales it to its width.
    static let width = 700.0
    static let labelWidth = 70.0, legendWidth = 160.0, barHeight = 13.0, barGap = 3.0, titleHeight = 20.0, groupGap = 8.0
    /// Below this width a segment has no room for its count, which the bar's total and
    /// the table under the chart still give.
    static let narrowest = 13.0

    /// One drawing per priority, each with the legend beside its bars, so that each
    /// prints whole on a page; a priority is drawn for the quarters in which it existed.
    var svg: String {
        let maximum = max(1, quarters.flatMap { q in priorities.map { q.counts[$0.id, default: [:]].values.reduce(0, +) } }.max() ?? 1)
        return priorities.map { priority in
            drawing(priority, quarters: quarters.filter { $0.counts[priority.id] != nil }, maximum: maximum)
        }.joined(separator: "\n")
    }

    private func drawing(_ priority: PriorityRecord, quarters: [PlanReport.Quarter], maximum: Int) -> String {
        let barsLeft = Self.labelWidth, barsWidth = Self.width - Self.labelWidth - Self.legendWidth - 28
        let unit = barsWidth / Double(maximum)
        let legendHeight = Self.titleHeight + Double(HTML.palette.count) * 18 + 22
        let height = max(Self.titleHeight + Double(quarters.count) * (Self.barHeight + Self.barGap), legendHeight) + 4
        let title = "\(priority.id): \(priority.title)"
        var out = """
            <svg class="rag-chart" role="img" aria-label="\(HTML.escape(title)): actions by RAG \
            status, quarter by quarter; the table below gives every count" viewBox="0 0 \(Int(Self.width)) \(Int(height))">
            """
        out += text(x: 0, y: 14, title, size: 11, weight: "bold")
        for (row, quarter) in quarters.enumerated() {
            let y = Self.titleHeight + Double(row) * (Self.barHeight + Self.barGap)
            out += text(x: barsLeft - 6, y: y + 10, quarter.label, size: 9, anchor: "end")
            var x = barsLeft
            let counts = quarter.counts[priority.id, default: [:]]
            for (rag, fill, ink) in HTML.palette {
                let count = counts[rag, default: 0]
                guard count > 0 else { continue }
                let w = Double(count) * unit
                out += "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"\(fmt(w))\" height=\"\(Int(Self.barHeight))\" fill=\"\(fill)\""
                out += " stroke=\"#ffffff\" stroke-width=\"0.5\"/>"
                if w >= Self.narrowest { out += text(x: x + w / 2, y: y + 10, String(count), size: 9, anchor: "middle", fill: ink) }
                x += w
            }
            out += text(x: x + 4, y: y + 10, String(counts.values.reduce(0, +)), size: 9)
        }
        let legendLeft = Self.width - Self.legendWidth
        for (index, (rag, fill, _)) in HTML.palette.enumerated() {
            let y = Self.titleHeight + Double(index) * 18
            out +=
                "<rect x=\"\(fmt(legendLeft))\" y=\"\(fmt(y))\" width=\"12\" height=\"12\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"0.5\"/>"
            out += text(x: legendLeft + 17, y: y + 10, "\(rag.rawValue): \(rag.meaning)", size: 8.5)
        }
        out += text(x: legendLeft, y: Self.titleHeight + Double(HTML.palette.count) * 18 + 10, "Numbers count actions", size: 8.5)
        return out + "</svg>"
    }

    private func text(
        x: Double, y: Double, _ content: String, size: Double, anchor: String = "start", weight: String = "normal", fill: String = "#1a1a1a"
    ) -> String {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"\(fmt(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(fill)\">"
            + HTML.escape(content) + "</text>"
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
