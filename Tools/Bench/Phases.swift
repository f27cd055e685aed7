import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerWorkload
import Synchronization

/// A clock the benchmark sets to each batch's day, as the ledger's recording time.
final class SettableClock: Sendable {
    let time: Mutex<Instant>
    init(_ start: Instant) { time = Mutex(start) }
    var ledgerClock: LedgerClock { LedgerClock { self.time.withLock { $0 } } }
    func set(_ instant: Instant) { time.withLock { $0 = instant } }
}

/// The measures, in the order they run; each adds its figures to the report.
struct Phases {
    var report: Report
    let workload: Workload
    let ledgerPath: String
    let folder: Folder
    let count: Int
    let cli: Child
    var plainInsert: Figure?
    var plainScan: Figure?

    var events: Double { Double(count) }

    /// The workload through the ledger's batch append, a new file each run; the last
    /// run's file is the ledger every later measure reads.
    mutating func bulkImport(_ batches: [Workload.Batch], runs: Int) throws {
        say("append by day through Ledger.append …")
        var rates: [Double] = []
        for _ in 0..<runs {
            folder.remove("ledger.sqlite")
            let clock = SettableClock(workload.createdAt)
            let watch = Stopwatch()
            let ledger = try workload.createLedger(at: ledgerPath, clock: clock.ledgerClock)
            for batch in batches {
                clock.set(batch.recordedAt)
                try ledger.append(batch.events)
            }
            rates.append(events / watch.seconds)
        }
        report.add(Figure("append by day, Ledger.append", .eventsPerSecond, samples: rates))

        // The same log as an export file, imported whole: how a partnership's history is loaded.
        say("bulk import of the export through Ledger.importExport …")
        let exportFile = folder.file("workload.jsonl")
        try Phases.export(ledgerPath, to: exportFile)
        var imports: [Double] = []
        for _ in 0..<runs {
            folder.remove("imported.sqlite")
            let watch = Stopwatch()
            _ = try Ledger.importExport(from: exportFile, into: folder.file("imported.sqlite"))
            imports.append(events / watch.seconds)
        }
        report.add(Figure("bulk import, Ledger.importExport", .eventsPerSecond, samples: imports))
    }

    /// Writes the ledger's export lines to `file`.
    static func export(_ path: String, to file: String) throws {
        _ = FileManager.default.createFile(atPath: file, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: file) else { throw BenchError("cannot write \(file)") }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        try Ledger.open(at: path, access: .readOnly).export { line in
            buffer.append(contentsOf: line.utf8)
            buffer.append(0x0A)
            if buffer.count > 1 << 20 {
                handle.write(Data(buffer))
                buffer.removeAll(keepingCapacity: true)
            }
        }
        handle.write(Data(buffer))
    }

    /// The same rows into a plain table, then read back: the baselines.
    mutating func plainBaseline(runs: Int) throws {
        say("plain SQLite baseline …")
        let rows = try PlainTable(path: ledgerPath, create: false).rows()
        var inserts: [Double] = []
        var scans: [Double] = []
        for _ in 0..<runs {
            folder.remove("plain.sqlite")
            let plain = try PlainTable(path: folder.file("plain.sqlite"), create: true)
            let milliseconds = try plain.insert(rows[...], oneTransaction: true)[0]
            inserts.append(events / (milliseconds / 1000))
            let watch = Stopwatch()
            _ = try plain.rows()
            scans.append(events / watch.seconds)
        }
        let insert = Figure("plain SQLite insert, same rows, one transaction", .eventsPerSecond, samples: inserts)
        let scan = Figure("plain SQLite scan of the same rows", .eventsPerSecond, samples: scans)
        plainInsert = insert
        plainScan = scan
        report.add(insert)
        report.add(scan)
        // The imports were measured before their baseline; compare them now.
        report.figures = report.figures.map { figure in
            switch figure.name {
            case "bulk import, Ledger.importExport": figure.compared(with: insert).target("≥ 0.30× plain insert") { ($0.ratio ?? 0) >= 0.3 }
            case "append by day, Ledger.append": figure.compared(with: insert)
            default: figure
            }
        }

        let ledgerBytes = try Phases.checkpointedSize(ledgerPath)
        let plainBytes = try Phases.checkpointedSize(folder.file("plain.sqlite"))
        let plainStorage = Figure("storage, plain table", .bytesPerEvent, samples: [plainBytes / events])
        report.add(
            Figure("storage, ledger file", .bytesPerEvent, samples: [ledgerBytes / events]).compared(with: plainStorage)
                .target("≤ 2.0× plain") { ($0.ratio ?? 9) <= 2.0 })
        report.add(plainStorage)
    }

    /// The file's size once its WAL is folded in.
    static func checkpointedSize(_ path: String) throws -> Double {
        try PlainTable(path: path, create: true).execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0
        return Double(size)
    }

    mutating func rebuildAndVerify(runs: Int) throws {
        say("rebuild and verify …")
        var rebuilds: [Double] = []
        var verifies: [Double] = []
        var quickVerifies: [Double] = []
        for _ in 0..<runs {
            let ledger = try Ledger.open(at: ledgerPath, access: .readWrite)
            var watch = Stopwatch()
            try ledger.rebuild()
            rebuilds.append(events / watch.seconds)
            watch = Stopwatch()
            let verified = try ledger.verify()
            verifies.append(events / watch.seconds)
            guard verified.isSound else { throw BenchError("verify found a problem: \(verified.problem!)") }
            watch = Stopwatch()
            let quick = try ledger.verifyChainAndTree()
            quickVerifies.append(events / watch.seconds)
            guard quick.isSound else { throw BenchError("verify --quick found a problem: \(quick.problem!)") }
        }
        report.add(
            Figure("full rebuild (projection and snapshots)", .eventsPerSecond, samples: rebuilds).compared(with: plainScan!))
        report.add(
            Figure("verify (chain, snapshots, projection)", .eventsPerSecond, samples: verifies).compared(with: plainScan!)
                .target("≥ 150,000 events/s") { $0.value >= 150_000 })
        report.add(
            Figure("verify --quick (chain and tree)", .eventsPerSecond, samples: quickVerifies).compared(with: plainScan!)
                .target("≥ 1,000,000 events/s") { $0.value >= 1_000_000 })
    }

    func memory(_ name: String, _ megabytes: Double) -> Figure {
        Figure(name, .megabytes, samples: [megabytes]).target("≤ 256 MB") { $0.value <= 256 }
    }

    /// As-of, history and log queries at seeded random points of the ledger's life.
    mutating func queries(_ queries: Int, cliQueries: Int, seed: UInt64) throws {
        say("queries …")
        let ledger = try Ledger.open(at: ledgerPath, access: .readOnly)
        let first = workload.createdAt.millisecondsSince1970
        let last = try ledger.digest().recordedAt!.millisecondsSince1970
        var random = SeededGenerator(seed: seed)
        let instants = (0..<queries).map { _ in Instant(millisecondsSince1970: Int64.random(in: first...last, using: &random)) }

        var asOf: [Double] = []
        for instant in instants {
            let watch = Stopwatch()
            _ = try ledger.state(asOf: instant)
            asOf.append(watch.milliseconds)
        }
        report.add(
            Figure("state --as-of, library", .milliseconds, samples: asOf).target("p50 ≤ 120 ms, p99 ≤ 250 ms") {
                $0.value <= 120 && ($0.p99 ?? $0.value) <= 250
            })

        // One plan as of a point at or after its adoption: `state --as-of --plan`.
        let calendar = try PartnershipCalendar(timeZoneIdentifier: Workload.timeZone)
        let plans = try ledger.state().plans.values.sorted { $0.id < $1.id }
        let planPoints = instants.map { instant in
            let adopted = plans.filter { calendar.startOfDay($0.from) <= instant }
            return (adopted.isEmpty ? plans[0] : adopted[Int.random(in: 0..<adopted.count, using: &random)]).id
        }
        var scoped: [Double] = []
        var sizes: [Int] = []
        for (instant, plan) in zip(instants, planPoints) {
            let watch = Stopwatch()
            let answer = try AuditQueries(ledger).state(asOf: instant, effective: nil, fold: false, scope: .plan(plan))
            scoped.append(watch.milliseconds)
            sizes.append(answer.state.actions.count)
        }
        sizes.sort()
        say("  (the plans answered hold \(sizes[sizes.count / 2]) actions at the median, \(sizes.last ?? 0) at most)")
        report.add(
            Figure("state --as-of --plan, library", .milliseconds, samples: scoped).target("p99 ≤ 5 ms") { ($0.p99 ?? $0.value) <= 5 })

        var cliTimes: [Double] = []
        var cliPeak = 0.0
        for instant in instants.prefix(cliQueries) {
            let outcome = try cli.run(["state", "--db", ledgerPath, "--as-of", instant.iso8601, "--format", "json"])
            cliTimes.append(outcome.milliseconds)
            cliPeak = max(cliPeak, outcome.peakMegabytes)
        }
        report.add(Figure("state --as-of, one csp-ledger process", .milliseconds, samples: cliTimes))
        report.add(memory("peak RSS, state --as-of process", cliPeak))
        var scopedCLI: [Double] = []
        for (instant, plan) in zip(instants, planPoints).prefix(cliQueries) {
            let outcome = try cli.run([
                "state", "--db", ledgerPath, "--as-of", instant.iso8601, "--plan", plan.rawValue, "--format", "json",
            ])
            scopedCLI.append(outcome.milliseconds)
        }
        report.add(
            Figure("state --as-of --plan, one csp-ledger process", .milliseconds, samples: scopedCLI).target("p50 ≤ 40 ms") {
                $0.value <= 40
            })

        let head = try ledger.state()
        let actions = head.actions.keys.sorted()
        let partners = head.partners.keys.sorted()
        var history: [Double] = []
        var log: [Double] = []
        let quarter: Int64 = 91 * 86_400_000
        for _ in 0..<queries {
            let action = actions[Int.random(in: 0..<actions.count, using: &random)]
            var watch = Stopwatch()
            _ = try AuditQueries(ledger).history(of: action)
            history.append(watch.milliseconds)
            let partner = partners[Int.random(in: 0..<partners.count, using: &random)]
            let from = Int64.random(in: first...max(first, last - quarter), using: &random)
            watch = Stopwatch()
            _ = try ledger.entries(
                LogFilter(
                    from: Instant(millisecondsSince1970: from), to: Instant(millisecondsSince1970: from + quarter), partner: partner))
            log.append(watch.milliseconds)
        }
        report.add(Figure("history of one action, library", .milliseconds, samples: history))
        report.add(Figure("log of one partner over a quarter, library", .milliseconds, samples: log))
    }

    /// One-event durable appends: through the library, as plain commits of the same
    /// rows, and one csp-ledger process each.
    mutating func appends(_ appends: Int, cliAppends: Int) throws {
        say("single appends …")
        let ledger = try Ledger.open(at: ledgerPath, access: .readWrite)
        let head = try ledger.state()
        let open = head.actions.values.filter { !$0.closed && $0.owner != nil }.sorted { $0.id < $1.id }
        guard open.count >= 2 else { throw BenchError("the workload left fewer than two open, owned actions to report on") }
        func progress(_ i: Int) -> (Command, ActorID) {
            let action = open[i % open.count]
            return (.reportProgress(action.id, status: .onTrack, note: "Benchmark report \(i)", percent: i % 101), action.owner!)
        }
        // The first write of a process reads the ledger in; it is timed with the CLI figures, not here.
        let (warmUp, warmUpActor) = progress(0)
        try ledger.execute(warmUp, by: warmUpActor)
        let before = try ledger.digest().position
        var library: [Double] = []
        for i in 1..<appends {
            let (command, actor) = progress(i)
            let watch = Stopwatch()
            try ledger.execute(command, by: actor)
            library.append(watch.milliseconds)
        }
        let rows = try PlainTable(path: ledgerPath, create: false).rows(after: before)
        let plain = try PlainTable(path: folder.file("plain.sqlite"), create: true).insert(rows[...], oneTransaction: false)
        let commit = Figure("plain SQLite durable commit of one row", .milliseconds, samples: plain)
        report.add(
            Figure("one-event durable append, library", .milliseconds, samples: library).compared(with: commit)
                .target("≤ 1.5× plain commit") { ($0.ratio ?? 9) <= 1.5 })
        report.add(commit)

        var processes: [Double] = []
        var peak = 0.0
        for i in 0..<cliAppends {
            let (command, actor) = progress(appends + i)
            guard case .reportProgress(let id, _, let note, let percent, _) = command else { continue }
            let outcome = try cli.run([
                "action", "progress", id.rawValue, "--status", "on-track", "--note", note!, "--percent", String(percent!), "--db",
                ledgerPath, "--actor", actor.rawValue,
            ])
            processes.append(outcome.milliseconds)
            peak = max(peak, outcome.peakMegabytes)
        }
        report.add(
            Figure("one-event append, one csp-ledger process", .milliseconds, samples: processes).compared(with: commit)
                .target("p50 ≤ 40 ms") { $0.value <= 40 })
        report.add(memory("peak RSS, action progress process", peak))
    }

    /// Whole-ledger commands as separate processes: wall time and peak memory.
    mutating func commands() throws {
        say("whole-ledger commands …")
        let exportFile = folder.file("export.jsonl")
        let export = try cli.run(["export", "--db", ledgerPath, "--output", exportFile])
        report.add(Figure("export, one csp-ledger process", .eventsPerSecond, samples: [events / (export.milliseconds / 1000)]))
        report.add(memory("peak RSS, export process", export.peakMegabytes))
        folder.remove("imported.sqlite")
        let imported = try cli.run(["import", exportFile, "--db", folder.file("imported.sqlite")])
        report.add(
            Figure("import of the export, one csp-ledger process", .eventsPerSecond, samples: [events / (imported.milliseconds / 1000)])
                .compared(with: plainInsert!))
        report.add(memory("peak RSS, import process", imported.peakMegabytes))
        for command in [["rebuild"], ["verify"], ["verify", "--quick"]] {
            let outcome = try cli.run(command + ["--db", ledgerPath])
            let name = command.joined(separator: " ")
            report.add(Figure("\(name), one csp-ledger process", .eventsPerSecond, samples: [events / (outcome.milliseconds / 1000)]))
            report.add(memory("peak RSS, \(name) process", outcome.peakMegabytes))
        }
    }
}
