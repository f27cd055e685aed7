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
    @Option(help: "First position to export (default 1).") var from: Int64 = 1
    @Option(help: "Last position to export (default: the head), not before --from.") var to: Int64?
    @Option(
        help: ArgumentHelp(
            "Export what was recorded up to and including this (date or instant), instead of --to.", valueName: "date-or-instant"))
    var asOf: String?
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func validate() throws {
        if to != nil, asOf != nil { throw ValidationError("give --to or --as-of, not both") }
        try requireRange(from, 1...Int64.max, "--from")
        try requireRange(to, 1...Int64.max, "--to")
    }

    func run() throws {
        try requireOrdered(from: from, to: to)
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger)?.note()
        let last = try asOfInstant.map { try ledger.digest(asOf: $0).position } ?? to ?? .max
        if let output, FileManager.default.fileExists(atPath: output) {
            throw StoreError(.exists, "\(output) already exists; export writes a new file")
        }
        let handle: FileHandle
        if let output {
            let descriptor = open(output, O_WRONLY | O_CREAT | O_EXCL, 0o666)
            guard descriptor >= 0 else { throw StoreError.file("cannot create", output, errno: errno) }
            handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        } else {
            handle = .standardOutput
        }
        let writer = LineWriter(handle, name: output ?? "standard output")
        // Lines printed to the terminal itself would tear a bar drawn between them.
        let bar = ProgressBar(enabled: output != nil || isatty(STDOUT_FILENO) == 0)
        defer { bar.finish() }
        do {
            let count = try ledger.export(from: from, to: last, progress: { bar.show($0, of: $1, label: "exporting") }) {
                try writer.write($0)
            }
            try writer.flush()
            bar.finish()
            if let output { FileHandle.standardError.write(Data("exported \(count) events to \(output)\n".utf8)) }
        } catch {
            if let output { try? FileManager.default.removeItem(atPath: output) }
            throw error
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
    @Option(help: "Last position to include.") var to: Int64?
    @Option(help: ArgumentHelp("Include what was recorded up to and including this (date or instant).", valueName: "date-or-instant"))
    var asOf: String?
    @Option(help: ArgumentHelp("The new ledger file.", valueName: "file")) var output: String

    func validate() throws {
        if (to == nil) == (asOf == nil) { throw ValidationError("give exactly one of --to POSITION and --as-of TIME") }
        try requireRange(to, 1...Int64.max, "--to")
    }

    func run() throws {
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)
        if let before = try BeforeFirstEvent.check(asOf, asOfInstant, in: ledger) {
            throw CommandLineError(.invalidInput, "\(before.sentence); there is nothing to replay")
        }
        let position = try to ?? ledger.digest(asOf: asOfInstant).position
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
            --from one past the last position printed. The file is asked for new events every quarter second \
            when there were none, and at once while there are.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "First position to print (default: the next one appended).") var from: Int64?

    func validate() throws {
        try requireRange(from, 1...Int64.max, "--from")
    }

    func run() async throws {
        let ledger = try database.open(.readOnly)
        let head = try await ledger.digest()
        let start = from ?? head.position + 1
        let writer = LineWriter(.standardOutput, name: "standard output")
        for try await batch in ledger.follow(from: start) {
            for entry in batch { try writer.write(ExportLine.text(entry)) }
            try writer.flush()
        }
    }
}
