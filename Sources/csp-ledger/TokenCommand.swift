import ArgumentParser
import CanonicalJSON
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Issue, revoke and list the access tokens that sign people in to the partnership's server.",
        subcommands: [Issue.self, Revoke.self, List.self])

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue an access token to an active actor (coordinator only), and print it once.",
            discussion:
                "The token is printed once and never stored: the ledger records only its SHA-256, in a TokenIssued event. It expires after 90 days unless --expires says otherwise (at most 366 days), and ends earlier if it is revoked or its actor is deactivated."
        )
        @Argument(help: "The actor the token signs in as.") var actorID: String
        @Option(
            help: ArgumentHelp(
                "When it expires: a date (the end of that day in the partnership's zone) or an instant with an offset.",
                valueName: "date-or-instant"))
        var expires: String?
        @Option(help: "What the token is for, for the list of tokens.") var label: String?
        @Option(help: "Output format: table (for people) or json (for scripts).") var format: OutputFormat = .table
        @OptionGroup var write: WriteOptions

        func validate() throws {
            if write.acceptClockBehind {
                throw ValidationError("token issue takes effect when recorded; it takes no --accept-clock-behind")
            }
            if format == .csv || format == .markdown { throw ValidationError("token issue prints table or json") }
        }

        func run() throws {
            let ledger = try write.database.open(.readWrite)
            let expiry = try queryInstant(expires, ledger, .end)
            let issued = try ledger.issueToken(to: ActorID(actorID), by: write.declaredActor(), expiresAt: expiry, label: label)
            let id = issued.token.id.rawValue
            if format == .json {
                JSONValue.object([
                    "token": .string(issued.token.text), "id": .string(id), "actor": .string(issued.actor.rawValue),
                    "expiresAt": .string(issued.expiresAt.iso8601), "position": .int(issued.entries.last?.position ?? 0),
                ]).writePretty { print($0, terminator: "") }
                print()
                return
            }
            print(issued.token.text)
            print(
                "token \(id) for \(issued.actor), expires \(ReportClock(calendar: ledger.calendar).text(issued.expiresAt)); "
                    + "give it to \(issued.actor) now: it is shown only this once, and the ledger keeps only its SHA-256")
            print(WriteSummary.line(for: issued.entries))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke an access token (coordinator only): from now on it signs nobody in.")
        @Argument(help: "The token's id (16 hexadecimal digits, as token issue and token list print it).") var id: String
        @Option(help: "Why, for the record.") var reason: String?
        @OptionGroup var write: StreamWriteOptions

        func run() throws {
            try write.execute(.revokeToken(TokenID(id), reason: reason))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the access tokens ever issued, with their status (coordinators and auditors only).",
            discussion: "Never prints a token or its hash. Statuses: live, expired, revoked, ended (its actor was deactivated).")
        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The coordinator or auditor asking (default: $CSP_LEDGER_ACTOR).", valueName: "id"))
        var actor: String?
        @OptionGroup var output: FormatOptions

        func run() throws {
            guard let reader = actor ?? ProcessInfo.processInfo.environment["CSP_LEDGER_ACTOR"] else {
                throw CommandLineError(
                    .invalidInput, "no actor given; name the coordinator or auditor asking with --actor ID or CSP_LEDGER_ACTOR")
            }
            let ledger = try database.open(.readOnly)
            let state = try ledger.state()
            try state.requireTokenReader(ActorID(reader))
            let view = TokenView(state: state, now: ledger.clock.now, clock: ReportClock(calendar: ledger.calendar))
            try output.render(by: "token list", calendar: ledger.calendar, json: view.json, tables: [view.table])
        }
    }
}
