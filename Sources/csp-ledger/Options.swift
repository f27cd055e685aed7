import ArgumentParser
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

/// `--db`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger file (default: $CSP_LEDGER_DB, else csp-ledger.sqlite).", valueName: "path"))
    var db: String?

    var path: String { db ?? ProcessInfo.processInfo.environment["CSP_LEDGER_DB"] ?? "csp-ledger.sqlite" }

    /// The ledger's clock: `CSP_LEDGER_NOW` when set, else the system clock.
    static func clock() throws -> LedgerClock {
        guard let now = ProcessInfo.processInfo.environment["CSP_LEDGER_NOW"] else { return .system }
        do { return .constant(try Instant(iso8601: now)) } catch {
            throw CommandLineError(.invalidInput, "CSP_LEDGER_NOW: \(error.message)")
        }
    }

    /// Opens the ledger. One command per process writes once, so by default each write
    /// reads only what its decision needs; a server keeps the plan in memory between writes.
    func open(_ access: Ledger.Access, keepsPlanInMemory: Bool = false) throws -> Ledger {
        try Ledger.open(
            at: path, access: access, clock: DatabaseOptions.clock(), keepsPlanInMemory: keepsPlanInMemory,
            warn: { FileHandle.standardError.write(Data("Warning: \($0)\n".utf8)) })
    }
}

/// `--actor` and `--accept-clock-behind`, shared by every command that writes.
///
/// `--expect-version` and `--effective` are offered only where they apply
/// (``StreamWriteOptions``, ``BackDatedWriteOptions``): a command never offers an
/// option it would always refuse.
struct WriteOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The registered, active actor making the change (default: $CSP_LEDGER_ACTOR).", valueName: "id"))
    var actor: String?

    @Flag(
        help:
            "Coordinators only: record this write although this machine's clock is more than 10 minutes behind the ledger's last recording time. The write is stamped with that time, and a ClockBehindAccepted event records both."
    )
    var acceptClockBehind = false

    /// Opens the ledger, makes the command from what it holds (an event named by its
    /// position, say), and appends its events, printing what was recorded.
    func execute(effective: String? = nil, expectVersion: Int? = nil, _ command: (Ledger) throws -> Command) throws {
        let actorID = try declaredActor()
        let ledger = try database.open(.readWrite)
        let effectiveAt = try effective.map { try ledger.calendar.instant(from: $0, dateMeans: .start) }
        let entries = try ledger.execute(
            command(ledger), by: actorID, effective: effectiveAt, expectVersion: expectVersion,
            acceptClockBehind: acceptClockBehind)
        print(WriteSummary.line(for: entries))
    }

    /// The actor making the change: `--actor`, else `CSP_LEDGER_ACTOR`.
    func declaredActor() throws -> ActorID {
        guard let actorID = actor ?? ProcessInfo.processInfo.environment["CSP_LEDGER_ACTOR"] else {
            throw CommandLineError(.invalidInput, "no actor given; name who is making the change with --actor ID or CSP_LEDGER_ACTOR")
        }
        return try ActorID(actorID)
    }
}

/// What a command that writes one stream takes: ``WriteOptions`` and `--expect-version`.
struct StreamWriteOptions: ParsableArguments {
    @OptionGroup var write: WriteOptions

    @Option(
        help: ArgumentHelp(
            "The version of the stream you last saw; the write is refused if it has changed since (0: must not exist yet).", valueName: "n")
    )
    var expectVersion: Int?

    func validate() throws {
        try requireRange(expectVersion, 0...Int.max, "--expect-version")
    }

    /// Appends the events of `command`, printing what was recorded.
    func execute(_ command: Command) throws {
        try write.execute(expectVersion: expectVersion) { _ in command }
    }
}

/// What a change to an action's life that may be back-dated takes (assign, progress,
/// review, amend, correct): ``StreamWriteOptions`` and `--effective`.
struct BackDatedWriteOptions: ParsableArguments {
    @OptionGroup var stream: StreamWriteOptions

    @Option(
        help: ArgumentHelp(
            "When the change took effect: a date (the start of that day in the partnership's zone) or an instant with an offset; not after now.",
            valueName: "date-or-instant"))
    var effective: String?

    /// Appends the events of `command`, printing what was recorded.
    func execute(_ command: Command) throws {
        try execute { _ in command }
    }

    /// Makes the command from what the ledger holds, and appends its events.
    func execute(_ command: (Ledger) throws -> Command) throws {
        try stream.write.execute(effective: effective, expectVersion: stream.expectVersion, command)
    }
}

/// `--format` and `--output`, shared by every command that reads.
struct FormatOptions: ParsableArguments {
    @Option(help: "Output format: table (for people), json (for scripts), csv, markdown, or xlsx (a workbook, with --output).")
    var format: OutputFormat = .table

    @OptionGroup var file: OutputFileOptions
}

extension OutputFormat: ExpressibleByArgument {}

/// `--limit`, shared by the commands that list events (`log`, `history`).
struct LimitOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Print only the first N events, after the other filters, in the order printed (1 or more).", valueName: "n"))
    var limit: Int?

    func validate() throws {
        try requireRange(limit, 1...Int.max, "--limit")
    }

    /// The first `limit` of `rows`, all of them without a limit.
    func first<T>(of rows: [T]) -> [T] {
        limit.map { Array(rows.prefix($0)) } ?? rows
    }

    /// How many of `total` events are shown, for a table's title: `12 events`, or
    /// `first 10 of 12 events` when the limit left some out.
    func counted(_ total: Int) -> String {
        guard let limit, limit < total else { return "\(total) events" }
        return "first \(limit) of \(total) events"
    }
}

/// Reads a date-or-instant argument of a query in the ledger's calendar.
func queryInstant(_ text: String?, _ ledger: Ledger, _ boundary: PartnershipCalendar.DayBoundary) throws -> Instant? {
    try text.map { try ledger.calendar.instant(from: $0, dateMeans: boundary) }
}

/// Parses repeated id arguments.
func identifiers<K>(_ raw: [String]) throws -> [Identifier<K>] {
    try raw.map { try Identifier<K>($0) }
}

/// Reads an optional `YYYY-MM-DD` argument.
func date(_ raw: String?) throws -> LocalDate? {
    try raw.map { try LocalDate(iso8601: $0) }
}

/// Refuses a numeric option outside `range` as a malformed argument (exit 64), before
/// anything is read, and before a value too large for the arithmetic behind it can
/// trap. `--stale-days 106751991168` is refused, not an overflow.
func requireRange<T: FixedWidthInteger>(_ value: T?, _ range: ClosedRange<T>, _ option: String) throws {
    guard let value, !range.contains(value) else { return }
    let bounds = range.upperBound == T.max ? "\(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
    throw ValidationError("\(option) must be \(bounds), not \(value)")
}

/// The days a day-count option may give: up to a hundred years.
let dayCountRange = 0...36_500

/// Refuses a window that ends before it starts, as every command with `--from` and
/// `--to` does; instants are compared, after a date given to `--from` has become the
/// start of its day and one given to `--to` the end of its day. `export` compares its
/// positions the same way.
func requireOrdered<T: Comparable>(
    from start: T?, to end: T?, _ what: String = "window", flags: (from: String, to: String) = ("--from", "--to")
) throws {
    guard let start, let end, start > end else { return }
    throw CommandLineError(.invalidInput, "\(flags.from) is after \(flags.to); give a \(what) that starts before it ends")
}
