import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// What the rules allow comes back byte for byte; what they refuse, and damaged files,
/// give one clear line and change nothing.
@Suite struct HostileInputTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    static let texts = [
        "O'Brien", "'; DROP TABLE events; --", "Robert\"); DELETE FROM actions; --", "🚓🚒🚑 patrol", "Dydd Gŵyl Dewi Sant",
        "Łódź, Gdańsk, Kraków", "שלום עליכם", "مرحبا بالعالم", "line one\nline two\n\ttabbed", "\\ backslash / slash", "日本語のメモ",
    ]

    @Test func allowedTextIsReturnedExactlyByStateHistoryAndExport() throws {
        try cli.initialiseStandard()
        for (i, text) in Self.texts.enumerated() {
            var call = cli
            call.now = "2023-04-0\(4 + i / 10)T1\(i % 10):00:00Z"
            let result = try call("action", "progress", "A-1", "--status", "on-track", "--note", text, "--actor", "police.lead")
            #expect(result.status == 0, "\(text): \(result)")
            guard case .object(let state) = try JSONValue.parse(try call("state", "--format", "json").stdout),
                case .array(let actions) = state["actions"], case .object(let a1) = actions[0]
            else { Issue.record("no state"); return }
            #expect(a1["lastProgressNote"] == .string(text))
        }
        let title = Self.texts.filter { !$0.contains("\n") && !$0.contains("\t") }.joined(separator: " · ")
        var later = cli
        later.now = "2023-04-06T09:00:00Z"
        #expect(try later("action", "amend", "A-1", "--title", String(title.prefix(300)), "--actor", "coord").status == 0)
        guard case .array(let history) = try JSONValue.parse(try cli("history", "A-1", "--format", "json").stdout) else { return }
        let notes = history.compactMap { event -> String? in
            guard case .object(let e) = event, case .object(let p) = e["payload"], case .string(let note) = p["note"] else { return nil }
            return note
        }
        #expect(notes == Self.texts)
        let export = try cli("export").stdout.split(separator: "\n").compactMap { line -> String? in
            guard case .object(let e) = try? JSONValue.parse(String(line)), case .object(let p) = e["payload"],
                case .string(let note) = p["note"]
            else { return nil }
            return note
        }
        #expect(export == Self.texts)
        #expect(try cli("verify").status == 0)
    }

    @Test func aHugePlanFileIsRefusedBeforeParsing() throws {
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let path = directory.file("huge.yaml")
        let line = "# " + String(repeating: "x", count: 1022) + "\n"
        try Data(String(repeating: line, count: 50 * 1024).utf8).write(to: URL(fileURLWithPath: path))
        let result = try cli("plan", "import", path, "--actor", "coord")
        #expect(result.status == 1)
        #expect(result.stderr.contains("plan files are at most"), "\(result)")
        #expect(try cli.fingerprint() == before)
    }

    @Test func aTruncatedLedgerGivesOneClearLine() throws {
        let db = directory.file("demo.sqlite")
        #expect(try CLI(db: db).run(["demo", "--db", db], withDB: false).status == 0)
        let size = try FileManager.default.attributesOfItem(atPath: db)[.size] as! Int
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        try handle.truncate(atOffset: UInt64(size / 3))
        try handle.close()
        for command in [["state"], ["verify"], ["log"], ["action", "progress", "SOC-1", "--status", "on-track", "--actor", "a.morgan"]] {
            let result = try CLI(db: db).run(command)
            #expect(result.status == 1 || result.status == 65, "\(command): \(result)")
            #expect(result.stderr.hasPrefix("Error: ") && result.stderr.filter { $0 == "\n" }.count == 1, "\(command): \(result.stderr)")
        }
    }

    @Test func aLedgerFromANewerReleaseIsRefusedByTheCLI() throws {
        try cli.initialiseStandard()
        guard let sqlite3 = which("sqlite3") else { return }
        #expect(try run(sqlite3, [cli.db, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future');"]).status == 0)
        let result = try cli("state")
        #expect(result.status == 1)
        #expect(result.stderr.contains("newer release of csp-ledger"))
    }
}

@Suite struct ArgumentEncodingTests {
    @Test func invalidUTF8InAnArgumentIsRefusedNotRepaired() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        // A shell passes the bytes as they are; Process needs them as a C string.
        let script = "\"$0\" action progress A-1 --status on-track --note \"$(printf 'caf\\351')\" --actor police.lead --db \"$1\""
        let result = try run("/bin/sh", ["-c", script, CLI.binary, cli.db], environment: ["CSP_LEDGER_NOW": cli.now])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("is not valid UTF-8"), "\(result)")
        #expect(try cli.fingerprint() == before)
    }
}

/// A writer that cannot get the lock within the busy timeout gives up with a clear,
/// retryable message, and writes nothing.
@Suite(.enabled(if: which("python3") != nil, "needs python3 to hold the write lock"))
struct BusyTests {
    @Test func aWriterHeldOffPastTheBusyTimeoutIsToldToRetry() throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: which("python3")!)
        holder.arguments = [
            "-c",
            "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN IMMEDIATE'); print('held', flush=True); time.sleep(14)",
            cli.db,
        ]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        defer { holder.terminate() }
        _ = out.fileHandleForReading.availableData  // wait until the lock is held
        let result = try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead")
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("busy with another writer; try again"), "\(result)")
        holder.terminate()
        holder.waitUntilExit()
        #expect(try cli.fingerprint() == before)
        #expect(
            try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0,
            "it works once the lock is free")
    }
}
