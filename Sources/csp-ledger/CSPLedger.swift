import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore

@main
struct CSPLedger: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csp-ledger",
        abstract: "The event-sourced ledger of a Community Safety Partnership's action plan.",
        discussion: """
            Every change is an append-only event in one SQLite file, chained by SHA-256 hashes. \
            Read commands replay the plan as it stood at any past time.

            Exit codes: 0 success; 1 refused or failed (the ledger's rules, ids, text, dates, files); \
            64 malformed arguments, or a number outside its option's range; 65 verify found a mismatch. \
            --error-format json (with any command) prints an error as one line of JSON, {"error":{"code":...,"message":...}}.
            Environment: CSP_LEDGER_DB (default --db), CSP_LEDGER_ACTOR (default --actor), \
            CSP_LEDGER_NOW (an instant that fixes the clock; only on a ledger made with init --test-clock or by demo).
            """,
        version: "csp-ledger \(releaseVersion)",
        subcommands: [
            InitCommand.self, PartnerCommand.self, ActorCommand.self, AssessmentCommand.self, PlanCommand.self,
            PriorityCommand.self, ActionCommand.self, StateCommand.self, HistoryCommand.self, LogCommand.self,
            DiffCommand.self, ReportCommand.self, VerifyCommand.self, DigestCommand.self, ExportCommand.self, ImportCommand.self,
            ReplayCommand.self, RebuildCommand.self, FollowCommand.self, DemoCommand.self, TokenCommand.self, ProveCommand.self,
            KeyCommand.self, CheckpointCommand.self, WitnessCommand.self, EvidenceCommand.self, ServeCommand.self, BackupCommand.self,
        ]
    )

    /// Parses, runs, and turns every ledger refusal into one `Error:` line on stderr
    /// with exit code 1; argument errors keep ArgumentParser's usage and exit code 64.
    /// With `--error-format json` (anywhere among the arguments) every error is one
    /// line of JSON instead, `{"error":{"code":…,"message":…}}`, with the same exit codes.
    static func main() async {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let errors: ErrorFormat
        do { errors = try ErrorFormat.take(from: &arguments) } catch { ErrorFormat.text.fail(error) }
        // Swift would quietly repair invalid UTF-8 in arguments; the ledger refuses it instead,
        // so nothing is stored other than as it was typed.
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            if String(validating: bytes, as: UTF8.self) == nil {
                errors.fail(CommandLineError(.invalidInput, "argument \(index) is not valid UTF-8 text; give names and notes as UTF-8"))
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            if var waiting = command as? any AsyncParsableCommand {
                try await waiting.run()
            } else {
                try command.run()
            }
        } catch let error as LedgerError {
            errors.fail(code: error.code.description, error.line, status: 1)
        } catch let error as StoreError {
            errors.fail(code: error.code.description, error.line, status: 1)
        } catch let error as CommandLineError {
            errors.fail(error)
        } catch {
            let status = exitCode(for: error).rawValue
            guard errors == .json, status != 0 else { exit(withError: error) }
            let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            // ArgumentParser's own errors exit 64; anything else escaped translation.
            let code: CommandLineError.Code = status == CommandLineError.Code.usage.exitStatus ? .usage : .unexpected
            errors.fail(code: code.description, message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message, status: status)
        }
    }
}
