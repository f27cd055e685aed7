import ArgumentParser
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerWorkload
import Synchronization

@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csp-ledger-bench",
        abstract: "Measure the ledger against plain SQLite on a seeded workload.",
        discussion: """
            Build with `swift build -c release`; the csp-ledger binary is looked for beside this one.
            Every figure is printed as it is measured, then all of them as one Markdown table; --json writes
            the same figures for comparing runs. Rates are medians of --runs runs (with min–max); latencies
            are p50 and p99 of their samples. Nothing here is asserted: a target's "met" is information.
            """)

    @Option(help: "Events in the workload.") var events = 100_000
    @Option(help: "Runs of each whole-ledger measure (import, plain insert, rebuild, verify).") var runs = 3
    @Option(help: "As-of, history and log queries through the library.") var queries = 100
    @Option(help: "As-of queries and appends through csp-ledger processes.") var cliQueries = 20
    @Option(help: "Single durable appends through the library, and plain commits beside them.") var appends = 200
    @Option(help: "The workload's seed.") var seed: UInt64 = 7
    @Option(help: "The workload's shape: wide (many short actions) or long-lived (twenty years, weekly reports).")
    var shape: Workload.Shape = .wide
    @Option(help: ArgumentHelp("Write the figures as JSON to this file.", valueName: "file")) var json: String?
    @Option(help: ArgumentHelp("Folder for the benchmark's files (default: a new temporary folder, removed after).", valueName: "dir"))
    var work: String?

    /// The benchmark, or its launcher of measured child processes (``Child``).
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == Child.launchFlag { Child.launch(Array(arguments.dropFirst())) }
        main(arguments)
    }

    func validate() throws {
        guard events >= 1_000 else { throw ValidationError("--events must be at least 1000") }
        guard runs >= 1, queries >= 1, cliQueries >= 1, appends >= 2 else {
            throw ValidationError("--runs, --queries and --cli-queries must be at least 1, --appends at least 2")
        }
    }

    func run() throws {
        let folder = try Folder(work)
        defer { folder.removeIfTemporary() }
        let cli = try Bench.cliExecutable()
        var report = Report(events: events, seed: seed, shape: shape.rawValue, runs: runs, machine: .current)
        say("csp-ledger-bench: \(events) events, \(shape.rawValue) shape, seed \(seed), \(runs) runs; files in \(folder.path)")

        let workload = Workload(events: events, seed: seed, shape: shape)
        var batches: [Workload.Batch] = []
        let generated = Stopwatch()
        try workload.forEachBatch { batches.append($0) }
        let count = 3 + batches.reduce(0) { $0 + $1.events.count }
        say("workload: \(count) events in \(batches.count) daily batches, generated in \(String(format: "%.1f", generated.seconds)) s")

        let ledgerPath = folder.file("ledger.sqlite")
        var phases = Phases(
            report: report, workload: workload, ledgerPath: ledgerPath, folder: folder, count: count, cli: Child(executable: cli))
        try phases.bulkImport(batches, runs: runs)
        batches = []
        try phases.plainBaseline(runs: runs)
        try phases.rebuildAndVerify(runs: runs)
        try phases.queries(queries, cliQueries: cliQueries, seed: seed)
        try phases.changes(min(queries, 10))
        try phases.proofs(queries, seed: seed)
        try phases.treeCost(runs: runs)
        try phases.appends(appends, cliAppends: cliQueries)
        try phases.commands()
        report = phases.report

        say("\n" + report.table)
        if let json {
            try report.writeJSON(to: json)
            say("\nwrote \(json)")
        }
    }

    /// `csp-ledger` from the same build as this tool.
    static func cliExecutable() throws -> String {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let path = own.deletingLastPathComponent().appendingPathComponent("csp-ledger").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("no csp-ledger beside \(own.path); build both with swift build -c release")
        }
        return path
    }
}

/// Where the benchmark's files go.
struct Folder {
    let path: String
    let temporary: Bool

    init(_ given: String?) throws {
        if let given {
            try FileManager.default.createDirectory(atPath: given, withIntermediateDirectories: true)
            (path, temporary) = (given, false)
        } else {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("csp-ledger-bench-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            (path, temporary) = (url.path, true)
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Removes a SQLite file and its WAL companions.
    func remove(_ name: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file(name) + suffix) }
    }

    func removeIfTemporary() { if temporary { try? FileManager.default.removeItem(atPath: path) } }
}

extension Workload.Shape: ExpressibleByArgument {}
