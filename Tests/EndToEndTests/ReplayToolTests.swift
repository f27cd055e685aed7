import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// export, import, replay, rebuild and follow through the built binary.
@Suite struct ReplayToolTests {
    let directory = TemporaryDirectory()

    /// A small ledger through the CLI, with a few reports, and its export lines.
    func exported() throws -> (cli: CLI, lines: [String]) {
        let cli = CLI(db: directory.file("source.sqlite"))
        try cli.initialiseStandard()
        for (i, status) in ["on-track", "at-risk", "off-track", "on-track"].enumerated() {
            var call = cli
            call.now = "2023-04-0\(4 + i)T09:00:00Z"
            #expect(
                try call("action", "progress", "A-1", "--status", status, "--note", "report \(i) — O'Brien 🚓", "--actor", "police.lead")
                    .status == 0)
        }
        let file = directory.file("all.jsonl")
        let export = try cli("export", "--output", file)
        #expect(export.status == 0, "\(export)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 19)
        return (cli, lines)
    }

    func write(_ lines: [String], _ name: String, trailingNewline: Bool = true) throws -> String {
        let path = directory.file(name)
        try Data((lines.joined(separator: "\n") + (trailingNewline ? "\n" : "")).utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func anExportReimportedGivesTheSameDigestAndTheSameExport() throws {
        let (cli, lines) = try exported()
        let copy = CLI(db: directory.file("copy.sqlite"))
        let result = try copy("import", directory.file("all.jsonl"))
        #expect(result.status == 0, "\(result)")
        #expect(try copy("digest").stdout == cli("digest").stdout)
        #expect(try copy("verify").status == 0)
        #expect(try copy("export").stdout == lines.joined(separator: "\n") + "\n")
        #expect(try copy("state", "--format", "json").stdout == cli("state", "--format", "json").stdout)
    }

    @Test func exportLinesMatchTheirSchema() throws {
        guard let python = which("python3"), (try? run(python, ["-c", "import jsonschema"]).status) == 0 else { return }
        _ = try exported()
        let result = try run(python, [packageRoot + "/Tools/check_schemas.py", "export", directory.file("all.jsonl")])
        #expect(result.status == 0, "\(result)")
    }

    @Test func tamperedOrTruncatedExportsAreRefusedNamingTheLineAndWritingNothing() throws {
        let (_, lines) = try exported()
        var cases: [(String, [String], String, Bool)] = []
        var altered = lines
        altered[16] = altered[16].replacingOccurrences(of: "report 1", with: "report 7")
        cases.append(("altered payload", altered, "line 17: the hash does not match", true))
        var badHash = lines
        // The hash's first digit changed to another digit (a fixed replacement would be a
        // no-op for a hash that already starts with it).
        let digit = badHash[5].range(of: "\"hash\":\"")!.upperBound
        badHash[5].replaceSubrange(digit...digit, with: badHash[5][digit] == "0" ? "1" : "0")
        cases.append(("altered hash", badHash, "line 6", true))
        var swapped = lines
        swapped.swapAt(9, 10)
        cases.append(("reordered", swapped, "line 10: position 11 where 10 was expected", true))
        var gap = lines
        gap.remove(at: 12)
        cases.append(("gap", gap, "line 13: position 14 where 13 was expected", true))
        var repeated = lines
        repeated.insert(lines[3], at: 4)
        cases.append(("repeated", repeated, "line 5: position 4 where 5 was expected", true))
        var truncated = lines
        truncated[18] = String(truncated[18].prefix(truncated[18].count / 2))
        cases.append(("truncated", truncated, "line 19: invalid JSON", false))
        var unknown = lines
        unknown[2] = unknown[2].replacingOccurrences(of: "{\"actor\"", with: "{\"extra\":1,\"actor\"")
        cases.append(("unknown key", unknown, "line 3: unknown key 'extra'", true))
        cases.append(("empty", [], "holds no events", false))
        for (name, content, message, newline) in cases {
            let file = try write(content, "\(name).jsonl", trailingNewline: newline)
            let target = directory.file("\(name).sqlite")
            let result = try CLI(db: target)("import", file)
            #expect(result.status == 1, "\(name): \(result)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: target), "\(name): nothing written")
        }
    }

    @Test func anInterruptedImportIsContinuedByRunningItAgain() throws {
        let (cli, lines) = try exported()
        let target = CLI(db: directory.file("target.sqlite"))
        let first = try target("import", try write(Array(lines.prefix(11)), "first.jsonl"))
        #expect(first.status == 0, "\(first)")
        let partial = try target("digest").stdout
        // A different file claiming the same ledger is refused without touching it.
        var other = lines
        other[3] = other[3].replacingOccurrences(of: "Test Police", with: "Fake Police")
        #expect(try target("import", try write(other, "other.jsonl")).status == 1)
        #expect(try target("digest").stdout == partial)
        let rest = try target("import", directory.file("all.jsonl"))
        #expect(rest.status == 0, "\(rest)")
        #expect(rest.stdout.contains("(8 appended)"))
        #expect(try target("digest").stdout == cli("digest").stdout)
        #expect(try target("verify").status == 0)
        // Importing it once more checks it again and appends nothing.
        let again = try target("import", directory.file("all.jsonl"))
        #expect(again.status == 0 && again.stdout.contains("(0 appended)"), "\(again)")
        #expect(try target("export").stdout == lines.joined(separator: "\n") + "\n")
        #expect(try target("verify").status == 0)
    }

    @Test func aReplayEqualsTheOriginalAtThatPoint() throws {
        let (cli, _) = try exported()
        // Points whose recording time no later event shares (the set-up's 15 events share one).
        for (point, arguments) in [
            ("15", ["--as-of", "2023-04-03"]), ("16", ["--to-position", "16"]), ("17", ["--as-of", "2023-04-05"]),
            ("19", ["--to-position", "19"]),
        ] {
            let output = directory.file("replay-\(point).sqlite")
            let result = try cli.run(["replay", "--output", output] + arguments)
            #expect(result.status == 0, "\(result)")
            let copy = CLI(db: output)
            #expect(try copy("verify").status == 0)
            let original = try cli("log", "--format", "json").stdout
            guard case .array(let events) = try JSONValue.parse(original), case .object(let at) = events[Int(point)! - 1],
                case .string(let recorded) = at["recordedAt"]
            else { Issue.record("no event \(point)"); continue }
            #expect(
                try copy("state", "--as-of", recorded, "--format", "json").stdout
                    == cli("state", "--as-of", recorded, "--format", "json").stdout)
            #expect(try copy("digest").stdout.hasPrefix("\(point):"))
            let head = try copy("digest").stdout.split(separator: " ")[0]
            #expect(try cli("verify", "--digest", String(head)).status == 0, "the copy's digest is the original's at \(point)")
        }
        let again = try cli.run(["replay", "--to-position", "3", "--output", directory.file("replay-16.sqlite")])
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        #expect(try cli("replay", "--to-position", "99", "--output", directory.file("r99.sqlite")).status == 1)
    }

    @Test func aRebuildKilledMidwayLeavesAUsableLedgerAndAFinishedOneEqualsTheInlineProjection() throws {
        let demo = directory.file("demo.sqlite")
        #expect(try CLI(db: demo).run(["demo", "--db", demo], withDB: false).status == 0)
        let cli = CLI(db: demo)
        let before = try cli("state", "--format", "json").stdout
        for delay in [0.0, 0.005, 0.01, 0.02, 0.04] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["rebuild", "--db", demo]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try cli("verify")
            #expect(verify.status == 0, "after a kill at \(delay) s: \(verify)")
            #expect(try cli("state", "--format", "json").stdout == before, "the old versioned rows answer after a kill at \(delay) s")
        }
        let rebuilt = try cli("rebuild")
        #expect(rebuilt.status == 0)
        #expect(rebuilt.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        #expect(try cli("verify").status == 0)
        #expect(try cli("state", "--format", "json").stdout == before)
    }

    @Test func followPrintsEachNewEventOnceInOrder() throws {
        let cli = CLI(db: directory.file("follow.sqlite"))
        try cli.initialiseStandard()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["follow", "--db", cli.db, "--from-position", "14"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // SIGKILL: the test runner's threads may block SIGTERM, and a child inherits that.
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        for i in 0..<5 {
            #expect(
                try cli("action", "progress", "A-1", "--status", "on-track", "--percent", String(i * 10), "--actor", "police.lead").status
                    == 0)
        }
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while text.split(separator: "\n").count < 7, Date() < deadline {
            text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        let positions = try text.split(separator: "\n").map { line -> Int64 in
            guard case .object(let o) = try JSONValue.parse(String(line)), case .int(let p) = o["position"] else { return -1 }
            return p
        }
        #expect(positions == Array(14...20))
    }
}
