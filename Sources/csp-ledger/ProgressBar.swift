import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal, so
/// logs and pipes get no control characters.
struct ProgressBar {
    let enabled = isatty(2) != 0

    func show(_ done: Int64, of total: Int64, label: String) {
        guard enabled, total > 0 else { return }
        let width = 40
        let filled = Int(Double(done) / Double(total) * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
