import Foundation

/// The run's figures, printed as one table and written as JSON.
struct Report: Encodable {
    var events: Int
    var seed: UInt64
    /// The workload's shape (`wide` or `long-lived`).
    var shape: String
    var runs: Int
    var machine: Machine
    var figures: [Figure] = []

    struct Machine: Encodable {
        var cores: Int
        var memoryGiB: Double
        var date: String

        static var current: Machine {
            let info = ProcessInfo.processInfo
            let date = ISO8601DateFormatter().string(from: Date())
            return Machine(
                cores: info.activeProcessorCount, memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                date: date)
        }
    }

    mutating func add(_ figure: Figure) {
        figures.append(figure)
        var line = "  \(figure.name): \(Report.format(figure.value, figure.unit)) \(figure.unit.rawValue)"
        if let ratio = figure.ratio { line += " (\(Report.ratio(ratio)) of \(figure.baseline ?? ""))" }
        say(line)
    }

    /// The whole run as a Markdown table: measure, value, spread, ratio, target.
    var table: String {
        var lines = [
            "| measure | value | min–max | p99 | × plain SQLite | target | met |",
            "|---|--:|--:|--:|--:|---|---|",
        ]
        for f in figures {
            let value = "\(Report.format(f.value, f.unit)) \(f.unit.rawValue)"
            let spread = f.runs > 1 ? "\(Report.format(f.min, f.unit))–\(Report.format(f.max, f.unit))" : ""
            let p99 = f.p99.map { "\(Report.format($0, f.unit)) ms" } ?? ""
            let ratio = f.ratio.map(Report.ratio) ?? ""
            let met = f.target.map { $0.met ? "yes" : "no" } ?? ""
            lines.append("| \(f.name) | \(value) | \(spread) | \(p99) | \(ratio) | \(f.target?.text ?? "") | \(met) |")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double, _ unit: Figure.Unit) -> String {
        switch unit {
        case .eventsPerSecond, .bytesPerEvent, .bytes: grouped(Int(value.rounded()))
        case .milliseconds:
            value < 0.1 ? String(format: "%.3f", value) : value < 10 ? String(format: "%.2f", value) : String(format: "%.1f", value)
        case .megabytes: String(format: "%.0f", value)
        }
    }

    static func ratio(_ value: Double) -> String { String(format: "%.2f×", value) }

    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    func writeJSON(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    }
}

/// Writes a line to standard output at once: progress shows as each measure finishes,
/// also when the output goes to a file.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
