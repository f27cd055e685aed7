import ArgumentParser
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the log as JSON Lines: one event per line with its hashes (Schemas/export-line.schema.json).",
        discussion:
            "Streams in batches, so memory stays flat whatever the ledger's size. `csp-ledger import` reads it back and checks every hash.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("First position to export (default 1).", valueName: "n")) var fromPosition: Int64 = 1
    @Option(help: ArgumentHelp("Last position to export (default: the head), not before --from-position.", valueName: "n"))
    var toPosition: Int64?
    @Option(
        help: ArgumentHelp(
            "Export what was recorded up to and including this (date or instant), instead of --to-position.",
            valueName: "date-or-instant"))
    var asOf: String?
    @OptionGroup var file: OutputFileOptions
    @OptionGroup var renamed: RenamedPositionOptions

    func validate() throws {
        try renamed.refuse(from: "--from-position", to: "--to-position")
        if toPosition != nil, asOf != nil { throw ValidationError("give --to-position or --as-of, not both") }
        try requireRange(fromPosition, 1...Int64.max, "--from-position")
        try requireRange(toPosition, 1...Int64.max, "--to-position")
    }

    func run() throws {
        try requireOrdered(from: fromPosition, to: toPosition, "range", flags: ("--from-position", "--to-position"))
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger)?.note()
        let last = try asOfInstant.map { try ledger.digest(asOf: $0).position } ?? toPosition ?? .max
        if let output = file.output { try AtomicFile.refuseExisting(output, by: "export") }
        // Lines printed to the terminal itself would tear a bar drawn between them.
        let bar = ProgressBar(enabled: file.output != nil || isatty(STDOUT_FILENO) == 0)
        defer { bar.finish() }
        var count = 0
        try file.write(by: "export") { writer in
            count = try ledger.export(from: fromPosition, to: last, progress: { bar.show($0, of: $1, label: "exporting") }) {
                try writer.write($0)
            }
        }
        bar.finish()
        if let output = file.output { FileHandle.standardError.write(Data("exported \(count) events to \(output)\n".utf8)) }
    }
}

/// The position flags' old names, `--from N` and `--to N` on `export`, `replay` and
/// `follow`, kept out of help so that using one says what it is called now.
///
/// `--from` and `--to` are dates on every other command; here they would silently mean
/// something else, so they are refused (exit 64) naming the new flag.
struct RenamedPositionOptions: ParsableArguments {
    @Option(help: .hidden) var from: String?
    @Option(help: .hidden) var to: String?

    /// Refuses `--from` or `--to`, naming the flag this command takes instead (nil: none).
    func refuse(from fromPosition: String?, to toPosition: String?) throws {
        for (old, value, new) in [("--from", from, fromPosition), ("--to", to, toPosition)] {
            guard let value else { continue }
            let instead = new.map { "give a position with \($0) \(value)" } ?? "this command takes no \(old)"
            throw ValidationError("\(old) takes a date, never a position; \(instead)")
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replay an export into a new ledger file, checking every line's hash and the chain.",
        discussion: """
            The whole file is checked before anything is written: a gap, lines out of order, an altered or \
            truncated line is refused naming the line, and the target is left as it was. Every event's meaning is \
            checked as it is written; a rule-breaking event stops the import naming its line and rule. Running the same \
            import again continues one that was interrupted; until it finishes the target takes no writes, and \
            --abandon keeps what was imported instead. The imported ledger has the same head digest as the exported one.
            """)

    @Argument(help: "The export file (JSON Lines).") var file: String?
    @OptionGroup var database: DatabaseOptions
    @Flag(
        help:
            "Do not finish an interrupted import: keep the events it wrote (a true prefix of its source) as an ordinary ledger, which takes writes from then on."
    )
    var abandon = false

    func validate() throws {
        if abandon, file != nil { throw ValidationError("--abandon takes no export file; give --db the unfinished ledger") }
        if !abandon, file == nil { throw ValidationError("give the export file to import, or --abandon") }
    }

    func run() throws {
        guard let file else {
            let mark = try Ledger.abandonImport(at: database.path)
            let digest = try Ledger.open(at: database.path, access: .readOnly).digest()
            print("abandoned \(mark); \(database.path) is now an ordinary ledger ending at \(digest.text)")
            return
        }
        let bar = ProgressBar()
        defer { bar.finish() }
        let report = try Ledger.importExport(from: file, into: database.path) { stage, done, total in
            bar.show(done, of: total, label: stage == .checking ? "checking" : "importing")
        }
        bar.finish()
        print("imported \(report.read) events into \(database.path) (\(report.appended) appended); head \(report.digest.text)")
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Write a new ledger file holding exactly the log up to a point, with its projection.",
        discussion: "The copy an auditor takes away: its head digest equals this ledger's digest at that position.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("Last position to include.", valueName: "n")) var toPosition: Int64?
    @Option(help: ArgumentHelp("Include what was recorded up to and including this (date or instant).", valueName: "date-or-instant"))
    var asOf: String?
    @Option(help: ArgumentHelp("The new ledger file.", valueName: "file")) var output: String
    @OptionGroup var renamed: RenamedPositionOptions

    func validate() throws {
        try renamed.refuse(from: nil, to: "--to-position")
        if (toPosition == nil) == (asOf == nil) { throw ValidationError("give exactly one of --to-position N and --as-of TIME") }
        try requireRange(toPosition, 1...Int64.max, "--to-position")
    }

    func run() throws {
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        if let before = try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger) {
            throw CommandLineError(.invalidInput, "\(before.sentence); there is nothing to replay")
        }
        let position = try toPosition ?? ledger.digest(asOf: asOfInstant).position
        let head = try ledger.digest().position
        guard position >= 1, position <= head else {
            throw CommandLineError(.invalidInput, "the ledger holds positions 1 to \(head); nothing to replay up to \(position)")
        }
        let bar = ProgressBar()
        defer { bar.finish() }
        let report = try ledger.replay(to: position, into: output) { stage, done, total in
            bar.show(done, of: total, label: stage == .checking ? "checking" : "replaying")
        }
        bar.finish()
        print("replayed positions 1-\(position) into \(output); head \(report.digest.text)")
    }
}

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Drop and rebuild every projection table and snapshot from the log.",
        discussion: "Safe to interrupt: the old projection stays until the new one is complete. Shows progress on a terminal.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let ledger = try database.open(.readWrite)
        let bar = ProgressBar()
        defer { bar.finish() }
        try ledger.rebuild { done, total in bar.show(done, of: total, label: "rebuilding") }
        bar.finish()
        print("rebuilt the projection and snapshots from \(try ledger.digest().position) events")
    }
}

struct FollowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Print new events as JSON Lines as other processes append them, until interrupted.",
        discussion: """
            Each event is printed once, in log order, in the export format. Resume after an interruption with \
            --from-position one past the last position printed. The file is asked for new events every quarter second \
            when there were none, and at once while there are.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("First position to print (default: the next one appended).", valueName: "n")) var fromPosition: Int64?
    @OptionGroup var renamed: RenamedPositionOptions

    func validate() throws {
        try renamed.refuse(from: "--from-position", to: nil)
        try requireRange(fromPosition, 1...Int64.max, "--from-position")
    }

    func run() async throws {
        let ledger = try database.open(.readOnly)
        let head = try await ledger.digest()
        let start = fromPosition ?? head.position + 1
        let writer = LineWriter(.standardOutput, name: "standard output")
        for try await batch in ledger.follow(from: start) {
            for entry in batch { try writer.write(ExportLine.text(entry)) }
            try writer.flush()
        }
    }
}
