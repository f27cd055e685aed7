import CanonicalJSON
import Foundation
import LedgerCore

/// How errors are printed: one `Error:` line for people, or one JSON object for
/// scripts, with the codes the server's API uses too.
enum ErrorFormat: Equatable {
    case text, json

    /// Removes `--error-format FORMAT` (or `--error-format=FORMAT`) from `arguments`.
    static func take(from arguments: inout [String]) throws(CommandLineError) -> ErrorFormat {
        guard let index = arguments.firstIndex(where: { $0 == "--error-format" || $0.hasPrefix("--error-format=") }) else { return .text }
        let value: String?
        if arguments[index].hasPrefix("--error-format=") {
            value = String(arguments[index].dropFirst("--error-format=".count))
            arguments.remove(at: index)
        } else {
            value = index + 1 < arguments.count ? arguments[index + 1] : nil
            arguments.removeSubrange(index..<min(index + 2, arguments.count))
        }
        switch value {
        case "text": return .text
        case "json": return .json
        default: throw CommandLineError(.usage, "--error-format takes text or json")
        }
    }

    /// Prints the command line's own `error` and exits with its code's status.
    func fail(_ error: CommandLineError) -> Never {
        fail(code: error.code.description, error.message, status: error.code.exitStatus)
    }

    func fail(code: String, _ message: String, status: Int32) -> Never {
        let line =
            self == .json
            ? JSONValue.object(["error": .object(["code": .string(code), "message": .string(message)])]).canonical
            : "Error: \(message)"
        FileHandle.standardError.write(Data((line + "\n").utf8))
        Foundation.exit(status)
    }
}
