import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

@main
struct CSPLedger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csp-ledger",
        abstract: "The event-sourced ledger of a Community Safety Partnership's action plan.",
        discussion: """
            Every change is an append-only event in one SQLite file, chained by SHA-256 hashes. \
            Read commands replay the plan as it stood at any past time.

            Exit codes: 0 success; 1 refused or failed (the ledger's rules, ids, text, dates, files); \
            64 malformed arguments, or a number outside its option's range; 65 verify found a mismatch.
            Environment: CSP_LEDGER_DB (default --db), CSP_LEDGER_ACTOR (default --actor), \
            CSP_LEDGER_NOW (an instant that fixes the clock, for tests and demos).
            """,
        subcommands: [
            InitCommand.self, PartnerCommand.self, ActorCommand.self, AssessmentCommand.self, PlanCommand.self,
            PriorityCommand.self, ActionCommand.self, StateCommand.self, HistoryCommand.self, LogCommand.self,
            DiffCommand.self, ReportCommand.self, VerifyCommand.self, DigestCommand.self, ExportCommand.self, ImportCommand.self,
            ReplayCommand.self, RebuildCommand.self, FollowCommand.self, DemoCommand.self,
        ]
    )

    /// Parses, runs, and turns every ledger refusal into one `Error:` line on stderr
    /// with exit code 1; argument errors keep ArgumentParser's usage and exit code 64.
    static func main() {
        // Swift would quietly repair invalid UTF-8 in arguments; the ledger refuses it instead,
        // so nothing is stored other than as it was typed.
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw))
            if String(validating: bytes, as: UTF8.self) == nil {
                fail("argument \(index) is not valid UTF-8 text; give names and notes as UTF-8")
            }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as LedgerError {
            fail(error.description)
        } catch let error as StoreError {
            fail(error.description)
        } catch let error as VerifyMismatch {
            FileHandle.standardError.write(Data("Error: verify found a mismatch: \(error.problem)\n".utf8))
            Foundation.exit(65)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}

/// `verify` found the chain or the projection wrong (exit code 65).
struct VerifyMismatch: Error {
    let problem: String
}
