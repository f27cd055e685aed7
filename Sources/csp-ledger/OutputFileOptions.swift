import ArgumentParser
import Foundation
import LedgerStore

/// `--output FILE`, offered by every command that prints a document.
struct OutputFileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write to this new file instead of standard output; it appears complete or not at all, and an existing file is never replaced.",
            valueName: "file"))
    var output: String?

    /// Whether the document would go to a terminal, where people read it.
    var toTerminal: Bool { output == nil && isatty(STDOUT_FILENO) != 0 }

    /// Hands `body` a writer to standard output, or to the new file named by `--output`.
    /// - Parameter command: the command's name, as a refusal of an existing file says it.
    func write(by command: String, _ body: (LineWriter) throws -> Void) throws {
        guard let output else {
            let writer = LineWriter(.standardOutput, name: "standard output")
            try body(writer)
            return try writer.flush()
        }
        try AtomicFile.create(output, by: command) { handle in
            let writer = LineWriter(handle, name: output)
            try body(writer)
            try writer.flush()
        }
    }
}
