import Foundation

/// A one-line progress bar on standard error for the commands that walk the whole log
/// (`import`, `verify`, `export`, `replay`, `rebuild`).
///
/// It is drawn only when standard error is a terminal, so logs and pipes get no carriage
/// returns, and it is erased when the work ends (``finish()``), so what stays on the
/// screen is what a pipe would have received. It fits the terminal's width (`COLUMNS`,
/// else the terminal's own) and is redrawn only when the percentage it shows changes,
/// a hundred writes at most for a log of any length.
final class ProgressBar {
    /// The line's width, or nil when nothing is drawn.
    private let columns: Int?
    /// What is on the screen now.
    private var shown: (label: String, percent: Int)?

    /// - Parameter enabled: false for a command whose own output shares the terminal
    ///   while it works (an export to standard output).
    init(enabled: Bool = true) {
        columns = enabled && isatty(STDERR_FILENO) != 0 ? Terminal.columns(of: STDERR_FILENO) : nil
    }

    /// Shows `done` of `total`, labelled with what is being done (`verifying`).
    func show(_ done: Int64, of total: Int64, label: String) {
        guard let columns, total > 0 else { return }
        let percent = Int(min(max(done, 0), total) * 100 / total)
        if let shown, shown.label == label, shown.percent == percent { return }
        shown = (label, percent)
        let figure = (percent < 10 ? "  " : percent < 100 ? " " : "") + "\(percent)%"
        // One column spare: a line that fills the last column makes some terminals wrap.
        let barWidth = min(40, columns - 1 - label.count - figure.count - 4)
        let line: String
        if barWidth >= 10 {
            let filled = barWidth * percent / 100
            line = "\(label) [\(String(repeating: "#", count: filled))\(String(repeating: ".", count: barWidth - filled))] \(figure)"
        } else {
            line = "\(label) \(figure)"
        }
        write("\r" + line)
    }

    /// Erases the bar, if one was drawn, so that what follows starts on a clean line.
    /// Call it before printing anything else, and on the way out of a failure.
    func finish() {
        guard let columns, shown != nil else { return }
        shown = nil
        write("\r" + String(repeating: " ", count: columns - 1) + "\r")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
