import Foundation
import LedgerCore

/// The plan report's chart: for each priority, one stacked bar per quarter of its
/// actions' RAG counts. Plain SVG inside the page, so it prints and needs no script.
struct RAGChart {
    let quarters: [PlanReport.Quarter]
    let priorities: [PriorityRecord]

    static let colours: [(RAG, String)] = [
        ("red", "#d9534f"), ("amber", "#f0ad4e"), ("green", "#5cb85c"), ("blue", "#428bca"), ("grey", "#bbbbbb"),
    ]
    .map { (RAG(rawValue: $0.0)!, $0.1) }

    var svg: String {
        let label = 120.0, bar = 18.0, gap = 8.0, rowHeight = 64.0, top = 28.0, bottom = 40.0
        let maximum = max(1, quarters.flatMap { q in priorities.map { p in q.counts[p.id, default: [:]].values.reduce(0, +) } }.max() ?? 1)
        let width = max(label + 5 * 56, label + Double(quarters.count) * (bar + gap) + gap)
        let height = top + Double(priorities.count) * rowHeight + bottom
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="rag-chart" role="img" width="\(Int(width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(width)) \(Int(height))"><title>RAG counts per priority, quarter by quarter</title>
            """
        var x = label
        for (rag, colour) in Self.colours {
            out += "<rect x=\"\(Int(x))\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(Int(x) + 13)\" y=\"15\" font-size=\"10\">\(rag.rawValue)</text>"
            x += 56
        }
        for (row, priority) in priorities.enumerated() {
            let baseline = top + Double(row + 1) * rowHeight - 6
            out += "<text x=\"4\" y=\"\(Int(baseline - rowHeight / 2 + 10))\" font-size=\"10\">\(HTML.escape(priority.id.rawValue))</text>"
            out +=
                "<line x1=\"\(Int(label))\" y1=\"\(Int(baseline))\" x2=\"\(Int(width))\" y2=\"\(Int(baseline))\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            for (column, quarter) in quarters.enumerated() {
                var y = baseline
                let left = label + gap + Double(column) * (bar + gap)
                for (rag, colour) in Self.colours {
                    let count = quarter.counts[priority.id, default: [:]][rag, default: 0]
                    guard count > 0 else { continue }
                    let h = Double(count) / Double(maximum) * (rowHeight - 14)
                    y -= h
                    out += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y))\" width=\"\(Int(bar))\" height=\"\(fmt(h))\" fill=\"\(colour)\">"
                    out += "<title>\(HTML.escape(priority.id.rawValue)) \(quarter.label): \(count) \(rag.rawValue)</title></rect>"
                }
            }
        }
        for (column, quarter) in quarters.enumerated() {
            let cx = label + gap + Double(column) * (bar + gap) + bar / 2
            let y = top + Double(priorities.count) * rowHeight + 12
            out +=
                "<text x=\"\(fmt(cx))\" y=\"\(Int(y))\" font-size=\"9\" text-anchor=\"end\" transform=\"rotate(-45 \(fmt(cx)) \(Int(y)))\">\(quarter.label)</text>"
        }
        return out + "</svg>"
    }

    private func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
