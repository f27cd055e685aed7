import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// `Tools/verify_evidence.py` folds an export with a definition of meaning of its own,
/// so that an auditor trusts no Swift code. These tests keep its answers equal, byte
/// for byte, to `csp-ledger state --format json` at every day of the demo, at the
/// recording and effective times of a ledger written at older schema versions, and at
/// random points of a generated ledger holding every other event type.
@Suite(.enabled(if: which("python3") != nil, "needs python3; .ci/run installs it"))
struct PythonFoldTests {
    let directory = TemporaryDirectory()

    /// One question to both: recorded by `asOf`, took effect by `effective`.
    struct Point: CustomStringConvertible {
        var asOf: Instant
        var effective: Instant?
        var description: String { "--as-of \(asOf.iso8601)" + (effective.map { " --effective \($0.iso8601)" } ?? "") }
    }

    @Test func theFoldAgreesAtEveryDayOfTheDemo() throws {
        let db = directory.file("demo.sqlite")
        let made = try CLI(db: db)("demo")
        #expect(made.status == 0, "\(made)")
        let ledger = try Ledger.open(at: db, access: .readOnly)
        let entries = try ledger.entries(from: 1, to: .max)
        let first = ledger.calendar.date(of: entries.first!.recorded.recordedAt)
        let last = ledger.calendar.date(of: entries.last!.recorded.recordedAt)
        var points: [Point] = []
        for day in first.daysSince1970 - 1...last.daysSince1970 + 1 {
            let end = ledger.calendar.endOfDay(LocalDate(daysSince1970: day))
            points.append(Point(asOf: end))
            // Every seventh day also as known then of what had taken effect three weeks before.
            if day % 7 == 0 { points.append(Point(asOf: end, effective: end.adding(milliseconds: -21 * 86_400_000))) }
        }
        try expectAgreement(db: db, at: points)
    }

    @Test func theFoldUpcastsOlderSchemaVersionsAndPlacesBackDatedReports() throws {
        let db = directory.file("v1.sqlite")
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/LedgerStoreTests/Fixtures/v1-ledger.sqlite", toPath: db)
        // A write of this release adopts its rules and reports at the current version, beside the old ones.
        let wrote = try run(
            CLI.binary, ["action", "progress", "A-1", "--status", "on-track", "--percent", "50", "--actor", "pat", "--db", db])
        try #require(wrote.status == 0, "\(wrote)")
        let entries = try Ledger.open(at: db, access: .readOnly).entries(from: 1, to: .max)
        #expect(Set(entries.filter { $0.schemaVersion == 1 }.map(\.type)).isSuperset(of: ["PartnershipEstablished", "ActionProgressed"]))
        #expect(entries.map(\.type).contains("RulesAdopted"))
        #expect(entries.contains { $0.recorded.recordedAt > $0.recorded.effectiveAt }, "a back-dated report")
        let recorded = Set(entries.map(\.recorded.recordedAt)), effective = Set(entries.map(\.recorded.effectiveAt))
        // As recorded at each time, and as known at each time of what had taken effect by each earlier one.
        let points = recorded.sorted().flatMap { asOf in
            [Point(asOf: asOf)] + effective.filter { $0 < asOf }.sorted().suffix(3).map { Point(asOf: asOf, effective: $0) }
        }
        try expectAgreement(db: db, at: points)
    }

    @Test func theFoldAgreesAtRandomPointsOfALedgerWithEveryEventType() throws {
        let db = directory.file("generated.sqlite")
        let seed = UInt64.random(in: 1...1_000_000)
        print("PythonFoldTests: generated ledger and points from seed \(seed)")
        let generator = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("csp-ledger-generate").path
        let generated = try run(generator, ["--events", "4000", "--db", db, "--seed", String(seed), "--every-event-type"])
        #expect(generated.status == 0, "\(generated)")
        let ledger = try Ledger.open(at: db, access: .readOnly)
        let entries = try ledger.entries(from: 1, to: .max)
        // RulesAdopted needs a ledger begun under older rules: the test above has one.
        // The workload signs no checkpoints and has no witnesses.
        let unused: Set = [
            "RulesAdopted", "LedgerKeyRegistered", "LedgerKeyRevoked", "CheckpointSigned", "WitnessRegistered", "WitnessRemoved",
            "WitnessThresholdSet", "CheckpointCosigned",
        ]
        #expect(Set(entries.map(\.type)) == Set(Event.typeNames).subtracting(unused), "every other type, seed \(seed)")
        #expect(entries.contains { $0.recorded.recordedAt > $0.recorded.effectiveAt }, "back-dated reports")
        let start = entries.first!.recorded.recordedAt.millisecondsSince1970 - 86_400_000
        let end = entries.last!.recorded.recordedAt.millisecondsSince1970 + 86_400_000
        var random = SeededGenerator(seed: seed)
        let points = (0..<200).map { i in
            let asOf = Instant(millisecondsSince1970: Int64.random(in: start...end, using: &random))
            let effective = Instant(millisecondsSince1970: Int64.random(in: start...asOf.millisecondsSince1970, using: &random))
            return Point(asOf: asOf, effective: i % 2 == 0 ? nil : effective)
        }
        try expectAgreement(db: db, at: points, seed: seed)
    }

    @Test func aChangedOrMissingLineIsRefused() throws {
        let db = directory.file("refused.sqlite")
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/LedgerStoreTests/Fixtures/v1-ledger.sqlite", toPath: db)
        let export = directory.file("refused.jsonl")
        try #require(try run(CLI.binary, ["export", "--output", export, "--db", db]).status == 0)
        let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var changed = lines
        changed[4] = Substring(changed[4].replacingOccurrences(of: #""name":""#, with: #""name":"Not "#))
        var missing = lines
        missing.remove(at: 5)
        for (broken, reason) in [(changed, "FAIL: position 5: hash does not match"), (missing, "FAIL: line 6: expected position 6")] {
            try broken.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
            let result = try run(
                which("python3")!, [packageRoot + "/Tools/verify_evidence.py", "--replay", export, "--at", "2023-01-01T00:00:00Z"])
            #expect(result.status == 65 && result.stderr.hasPrefix(reason) && result.stdout.isEmpty, "\(result)")
        }
    }

    /// Asks `csp-ledger state` once per point and the Python fold once for all points,
    /// and names the first point where they differ.
    func expectAgreement(db: String, at points: [Point], seed: UInt64? = nil) throws {
        // Without CSP_LEDGER_NOW, which only a test-clock ledger takes: every question names its times.
        func cli(_ arguments: [String]) throws -> ProcessResult { try run(CLI.binary, arguments + ["--db", db]) }
        let export = directory.file(URL(fileURLWithPath: db).lastPathComponent + ".jsonl")
        let exported = try cli(["export", "--output", export])
        try #require(exported.status == 0, "\(exported)")
        var expected: [String] = []
        for point in points {
            let state = try cli(
                ["state", "--as-of", point.asOf.iso8601] + (point.effective.map { ["--effective", $0.iso8601] } ?? []) + [
                    "--format", "json",
                ])
            try #require(state.status == 0, "\(point): \(state)")
            expected.append(state.stdout)
        }
        let at = points.flatMap { ["--at", $0.asOf.iso8601 + ($0.effective.map { "/" + $0.iso8601 } ?? "")] }
        let replayed = try run(which("python3")!, [packageRoot + "/Tools/verify_evidence.py", "--replay", export] + at)
        try #require(replayed.status == 0, "\(replayed.stderr)")
        // Each document ends with a closing brace at the start of a line; nothing inside one does.
        let answers = replayed.stdout.components(separatedBy: "\n}\n").dropLast().map { $0 + "\n}\n" }
        #expect(answers.count == points.count)
        let context = seed.map { ", seed \($0)" } ?? ""
        if let i = (0..<min(answers.count, expected.count)).first(where: { answers[$0] != expected[$0] }) {
            Issue.record("the fold differs from csp-ledger state \(points[i])\(context):\nPython:\n\(answers[i])\nSwift:\n\(expected[i])")
        }
    }
}
