import CanonicalJSON
import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing

/// Concurrent writers and crashes: nothing lost, nothing half-written.
@Suite(.serialized) struct ReliabilityTests {
    let directory = TemporaryDirectory()

    static var stressWriter: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("ledger-stress-writer").path
    }

    @Test func eightWritersAndAReaderLoseNothingAndSeeNothingHalfDone() async throws {
        let fixture = try Fixture()
        try await fixture.ledger.execute(
            .assignAction(Fixture.unassigned, lead: PartnerID("police"), support: [], owner: nil), by: Fixture.coordinator)
        for n in 3...20 {
            let id = try ActionID("A-\(n)")
            try await fixture.ledger.execute(
                .createAction(id, priority: PriorityID("PR-1"), title: "Action \(n)", due: nil), by: Fixture.coordinator)
            try await fixture.ledger.execute(.assignAction(id, lead: PartnerID("police"), support: [], owner: nil), by: Fixture.coordinator)
        }
        let base = try fixture.ledger.count()
        let path = fixture.path
        let perWriter = 300
        let done = Atomic(false)
        async let reads: [ProcessResult] = Task.detached {
            var results: [ProcessResult] = []
            while !done.load(ordering: .relaxed) {
                results.append(try run(CLI.binary, ["verify", "--db", path, "--format", "json"]))
            }
            return results
        }.value
        let outputs = try await withThrowingTaskGroup(of: ProcessResult.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    let actor = writer % 2 == 0 ? "police.lead" : "police.helper"
                    return try run(
                        Self.stressWriter, [path, actor, String(writer), String(perWriter), "20"] + (writer < 4 ? ["--expect"] : []))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        done.store(true, ordering: .relaxed)
        let readerRuns = try await reads

        var succeeded: [(Int64, String)] = []
        var refusals: [String] = []
        for output in outputs {
            #expect(output.status == 0, "\(output)")
            for line in output.stdout.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 2).map(String.init)
                if parts[0] == "ok" { succeeded.append((Int64(parts[1])!, parts[2])) } else { refusals.append(String(line)) }
            }
        }
        #expect(succeeded.count + refusals.count == 8 * perWriter)
        for refusal in refusals {
            #expect(refusal.hasPrefix("refused conflict ") || refusal.hasPrefix("refused busy "), "\(refusal)")
        }
        let log = try await fixture.ledger.entries()
        #expect(log.count == base + succeeded.count)
        let byID = Dictionary(grouping: log, by: \.recorded.eventID)
        for (position, eventID) in succeeded {
            #expect(byID[eventID]?.count == 1 && byID[eventID]?.first?.position == position, "\(eventID) at \(position)")
        }
        #expect(log.map(\.position) == Array(1...Int64(log.count)))
        let verify = try fixture.ledger.verify()
        #expect(verify.isSound, "\(String(describing: verify.problem))")
        #expect(!readerRuns.isEmpty)
        for read in readerRuns { #expect(read.status == 0, "a reader saw an inconsistent ledger: \(read)") }
        #expect(refusals.count < 8 * perWriter / 2, "most appends get through")
        let conflicts = refusals.filter { $0.hasPrefix("refused conflict") }.count
        print(
            "8 writers × \(perWriter): \(succeeded.count) appended, \(conflicts) conflicts, \(refusals.count - conflicts) busy; a reader verified \(readerRuns.count) times meanwhile"
        )
    }

    /// `state` reads its plan and its position in one transaction: while a writer
    /// appends progress reports to A-1, each read's `position` is exactly the events it
    /// reflects (the set-up's other events plus the actions' versions).
    @Test func stateAgreesWithItsPositionWhileAWriterAppends() throws {
        let cli = CLI(db: directory.file("state-race.sqlite"))
        try cli.initialiseStandard()
        func read() throws -> (position: Int64, versions: Int64) {
            let result = try cli("state", "--format", "json")
            try #require(result.status == 0, "\(result)")
            guard case .object(let root) = try JSONValue.parse(result.stdout), case .int(let position) = root["position"],
                case .array(let actions) = root["actions"]
            else {
                Issue.record("not a state: \(result.stdout.prefix(200))")
                return (-1, 0)
            }
            let versions = actions.reduce(Int64(0)) { sum, action in
                guard case .object(let a) = action, case .int(let version) = a["version"] else { return sum }
                return sum + version
            }
            return (position, versions)
        }
        let start = try read()
        let otherEvents = start.position - start.versions
        // Short runs of the writer, one after another, keep it appending throughout while
        // the ledger stays small enough for each read to be quick. A thread of its own, so
        // that tests running meanwhile cannot hold it back.
        let done = Atomic(false), runs = Atomic(0)
        let finished = DispatchSemaphore(value: 0)
        let path = cli.db
        Thread {
            while !done.load(ordering: .relaxed) {
                _ = try? run(Self.stressWriter, [path, "police.lead", "0", "20", "1"])
                runs.add(1, ordering: .relaxed)
            }
            finished.signal()
        }.start()
        var positions: Set<Int64> = []
        var disagreements: [String] = []
        for _ in 0..<100 {
            let (position, versions) = try read()
            positions.insert(position)
            if position != otherEvents + versions { disagreements.append("position \(position), \(otherEvents + versions) events") }
        }
        done.store(true, ordering: .relaxed)
        finished.wait()
        #expect(disagreements.isEmpty, "\(disagreements.count) of 100 reads disagreed: \(disagreements.prefix(5))")
        #expect(positions.count > 10, "the writer appended while the reads ran: \(positions.count) positions seen")
        print(
            "state read 100 times while \(runs.load(ordering: .relaxed)) writer runs appended: \(positions.count) positions seen, up to \(positions.max() ?? 0)"
        )
    }

    /// A plan file with `actions` assigned actions under five priorities.
    func bigPlan(actions: Int, id: String = "BIG") throws -> String {
        var yaml = "plan:\n  id: \(id)\n  title: Big plan\n  from: 2023-04-01\n  to: 2024-03-31\n  priorities:\n"
        for p in 1...5 {
            yaml += "    - id: \(id)-P\(p)\n      title: Priority \(p)\n      actions:\n"
            for a in 1...(actions / 5) {
                yaml +=
                    "        - {id: \(id)-\(p)-\(a), title: \"Action \(a) of priority \(p)\", lead: police, support: [fire], owner: police.lead}\n"
            }
        }
        let path = directory.file("\(id)-plan.yaml")
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func killingAPlanImportLeavesAllOrNoneAndARerunCompletesIt() throws {
        let baseDB = directory.file("base.sqlite")
        try CLI(db: baseDB).initialiseStandard()
        let plan = try bigPlan(actions: 1000)
        let baseCount = try Ledger.open(at: baseDB, access: .readOnly).count()

        // One full import, to know how many events it appends and how long it takes.
        let reference = directory.file("reference.sqlite")
        try FileManager.default.copyItem(atPath: baseDB, toPath: reference)
        let started = Date()
        #expect(try CLI(db: reference)("plan", "import", plan, "--actor", "coord").status == 0)
        let duration = Date().timeIntervalSince(started)
        let full = try Ledger.open(at: reference, access: .readOnly).count()
        #expect(full == baseCount + 1 + 5 + 2000)

        var random = SeededGenerator(seed: 6)
        var outcomes: [Int: Int] = [:]
        for trial in 0..<20 {
            let db = directory.file("trial-\(trial).sqlite")
            try FileManager.default.copyItem(atPath: baseDB, toPath: db)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["plan", "import", plan, "--actor", "coord", "--db", db]
            process.environment = ProcessInfo.processInfo.environment.merging(["CSP_LEDGER_NOW": CLI(db: db).now]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...(duration * 1.1), using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let ledger = try Ledger.open(at: db, access: .readOnly)
            let count = try ledger.count()
            #expect(count == baseCount || count == full, "trial \(trial): \(count) events, neither none nor all")
            #expect(try ledger.verify().isSound, "trial \(trial)")
            outcomes[count, default: 0] += 1
            let rerun = try CLI(db: db)("plan", "import", plan, "--actor", "coord")
            #expect(rerun.status == 0, "trial \(trial): \(rerun)")
            #expect(try Ledger.open(at: db, access: .readOnly).count() == full)
            #expect(try CLI(db: db)("verify").status == 0)
        }
        print("plan import killed 20 times (seed 6): \(outcomes[baseCount] ?? 0) left nothing, \(outcomes[full] ?? 0) left everything")
    }

    /// An `import` killed part-way leaves a prefix of its source with the import mark:
    /// it takes no ordinary write, so it cannot fork from its source; importing again
    /// finishes it with the source's head, and `--abandon` keeps the prefix instead.
    @Test func aKilledImportTakesNoWritesUntilFinishedOrAbandoned() throws {
        let source = CLI(db: directory.file("source.sqlite"))
        try source.initialiseStandard()
        for i in 1...6 { #expect(try source("plan", "import", try bigPlan(actions: 1000, id: "B\(i)"), "--actor", "coord").status == 0) }
        let export = directory.file("source.jsonl")
        #expect(try source("export", "--output", export).status == 0)
        let head = try Ledger.open(at: source.db, access: .readOnly).digest()
        let hashes = try Ledger.open(at: source.db, access: .readOnly).entries().map(\.hash)

        var random = SeededGenerator(seed: 10)
        var prefixes: [Int] = []
        for trial in 0..<10 where prefixes.count < 2 {
            let target = CLI(db: directory.file("import-\(trial).sqlite"))
            // The move into the log commits 5,000 events at a time once the whole file has
            // checked out: the kill comes just after its first batch is seen committed.
            try ImportKillTests.killedImport(export, into: target.db, growingFrom: 0, then: Double.random(in: 0...0.05, using: &random))
            let count = try ImportKillTests.count(target.db)
            guard count > 0, count < hashes.count else { continue }
            prefixes.append(count)
            #expect(count % 5000 == 0, "trial \(trial): whole batches only, not \(count)")
            let write = try target("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead")
            #expect(
                write.status == 1 && write.stderr.contains("an unfinished import of \(export): \(count) of its \(head.position) events"),
                "\(write)")
            #expect(try target("verify").status == 1)
            if trial % 2 == 0 {
                #expect(try target("import", export).status == 0)
                #expect(try Ledger.open(at: target.db, access: .readOnly).digest().text == head.text, "trial \(trial)")
            } else {
                #expect(try target("import", "--abandon").status == 0)
                #expect(try target("verify", "--digest", "\(count):\(hashes[count - 1])").status == 0, "a true prefix of the source")
                #expect(try target("action", "progress", "A-1", "--status", "at-risk", "--actor", "police.lead").status == 0)
            }
            #expect(try target("verify").status == 0)
        }
        print("import of \(hashes.count) events killed (seed 10) until two kills left prefixes: \(prefixes)")
        #expect(!prefixes.isEmpty, "at least one kill landed during the move")
    }
}
