import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// Tamper evidence: after the triggers are dropped and one byte changed with sqlite3,
/// both verifiers (Swift and the independent Python one) fail and name the position.
@Suite(.enabled(if: which("sqlite3") != nil && which("python3") != nil, "needs sqlite3 and python3; .ci/run installs them"))
struct TamperTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    func pythonVerify(_ path: String) throws -> ProcessResult {
        try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", path])
    }

    func sqlite(_ sql: String) throws {
        let result = try run(which("sqlite3")!, [cli.db, sql])
        #expect(result.status == 0, "\(result)")
    }

    func prepare() throws {
        try cli.initialiseStandard()
        let note = "Line one\nline two — O'Brien's \"quote\" 🚓 שלום"
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--note", note, "--actor", "police.lead").status == 0)
    }

    @Test func anUntouchedLedgerGivesTheSameDigestInBothVerifiers() throws {
        try prepare()
        let swift = try cli("verify")
        let python = try pythonVerify(cli.db)
        #expect(swift.status == 0, "\(swift)")
        #expect(python.status == 0, "\(python)")
        let swiftHead = swift.stdout.split(separator: "\n").last.map(String.init)
        let pythonHead = python.stdout.split(separator: "\n").last.map(String.init)
        #expect(swiftHead != nil && swiftHead == pythonHead)
        #expect(swift.stdout.contains("position 16"))
    }

    @Test(arguments: [
        ("UPDATE events SET payload = replace(payload, 'Do the thing', 'Do the thinG') WHERE position = 13", 13),
        ("UPDATE events SET actor_id = 'c0ord' WHERE position = 5", 5),
        ("UPDATE events SET effective_at = effective_at - 1 WHERE position = 16", 16),
        ("UPDATE events SET payload = replace(payload, 'on-track', 'off-track') WHERE position = 16", 16),
    ])
    func oneChangedByteIsFoundAndNamedByBothVerifiers(_ sql: String, _ position: Int) throws {
        try prepare()
        try sqlite("DROP TRIGGER events_no_update; \(sql);")
        let swift = try cli("verify")
        #expect(swift.status == 65, "\(swift)")
        #expect(swift.stderr.contains("position \(position)"), "\(swift)")
        let python = try pythonVerify(cli.db)
        #expect(python.status == 65, "\(python)")
        #expect(python.stderr.contains("position \(position)"), "\(python)")
    }

    @Test func bothVerifiersAgreeOnTimesBeforeTheYear1000() throws {
        var ancient = cli
        ancient.now = "0999-06-01T09:00:00Z"
        #expect(
            try ancient(
                "init", "--partnership", "Old", "--coordinator", "c", "--coordinator-name", "C", "--partner", "p", "--partner-name", "P",
                "--test-clock"
            ).status == 0)
        let swift = try cli("verify")
        let python = try pythonVerify(cli.db)
        #expect(python.status == 0, "\(python)")
        #expect(swift.stdout.split(separator: "\n").last == python.stdout.split(separator: "\n").last)
    }

    static let textColumns = ["event_id", "stream_id", "type", "actor_id", "partner_id", "payload", "prev_hash", "hash"]
    static let integerColumns = ["position", "stream_version", "schema_version", "recorded_at", "effective_at"]

    @Test(arguments: [1, 5, 13, 16])
    func aChangeToAnyColumnAtAnyPositionIsNamedByBothVerifiers(_ position: Int) throws {
        try prepare()
        let base = directory.file("base-\(position).sqlite")
        try FileManager.default.copyItem(atPath: cli.db, toPath: base)
        for column in Self.textColumns + Self.integerColumns {
            let copy = directory.file("p\(position)-\(column).sqlite")
            try FileManager.default.copyItem(atPath: base, toPath: copy)
            let change =
                Self.textColumns.contains(column)
                ? "\(column) = CASE WHEN substr(\(column), 1, 1) = 'a' THEN 'b' ELSE 'a' END || substr(\(column), 2)"
                // effective_at moves back: the table's CHECK keeps it no later than recorded_at.
                : "\(column) = \(column) \(column == "effective_at" ? "-" : "+") \(column == "position" ? 100_000 : 1000)"
            let sql = "DROP TRIGGER events_no_update; UPDATE events SET \(change) WHERE position = \(position);"
            let edit = try run(which("sqlite3")!, [copy, sql])
            #expect(edit.status == 0, "\(column): \(edit)")
            let swift = try CLI(db: copy)("verify")
            #expect(swift.status == 65 && swift.stderr.contains("position \(position)"), "\(column) at \(position): \(swift)")
            let quick = try CLI(db: copy)("verify", "--quick")
            #expect(quick.status == 65 && quick.stderr.contains("position \(position)"), "quick, \(column) at \(position): \(quick)")
            let python = try pythonVerify(copy)
            #expect(python.status == 65 && python.stderr.contains("position \(position)"), "\(column) at \(position): \(python)")
        }
    }

    @Test func swappedRowsAreFoundByBothVerifiers() throws {
        try prepare()
        // Rows 11 and 12 change places: each keeps its hashes, but the chain no longer runs.
        let sql = """
            DROP TRIGGER events_no_update;
            UPDATE events SET position = 1000000 WHERE position = 11;
            UPDATE events SET position = 11 WHERE position = 12;
            UPDATE events SET position = 12 WHERE position = 1000000;
            """
        #expect(try run(which("sqlite3")!, [cli.db, sql]).status == 0)
        #expect(try cli("verify").stderr.contains("position 11"))
        #expect(try pythonVerify(cli.db).stderr.contains("position 11"))
    }

    @Test func aDeletedRowIsFoundByBothVerifiers() throws {
        try prepare()
        try sqlite("DROP TRIGGER events_no_delete; DELETE FROM events WHERE position = 7;")
        #expect(try cli("verify").stderr.contains("position 7 is missing"))
        #expect(try pythonVerify(cli.db).stderr.contains("position 7 is missing"))
    }

    @Test func quickVerifyChecksTheChainAndTreeAndSaysWhatItSkipped() throws {
        try prepare()
        let full = try cli("verify")
        let quick = try cli("verify", "--quick")
        #expect(quick.status == 0, "\(quick)")
        let lines = quick.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "ok (quick): 16 events, hash chain and Merkle tree verified", "\(quick)")
        #expect(
            lines.dropFirst().first
                == "not checked: every event's form and rules, snapshots, versioned rows, projection, the file's protection (triggers and indexes) and recording times against this clock; run verify without --quick for those"
        )
        #expect(lines.last == full.stdout.split(separator: "\n").last.map(String.init), "the same head")
        let csv = try cli("verify", "--quick", "--format", "csv")
        #expect(csv.status == 0 && csv.stdout.contains(",hash chain and Merkle tree only (quick)"), "\(csv)")
        #expect(try cli("verify", "--format", "csv").stdout.contains(",everything"))
        guard case .object(let fullJSON) = try json(try cli("verify", "--format", "json")),
            case .object(let quickJSON) = try json(try cli("verify", "--quick", "--format", "json"))
        else { Issue.record("verify --format json prints an object"); return }
        for key in ["ok", "events", "position", "hash", "problem", "badPosition", "treeRoot", "testClock", "checkpoint"] {
            #expect(quickJSON[key] != nil && quickJSON[key] == fullJSON[key], "\(key)")
        }
        #expect(quickJSON["quick"] == .bool(true) && fullJSON["quick"] == .bool(false))
        #expect(quickJSON["checks"] == .array([.string("hash-chain"), .string("merkle-tree")]))
        guard case .array(let skipped) = quickJSON["skipped"], case .array(let allChecks) = fullJSON["checks"] else {
            Issue.record("checks and skipped are arrays")
            return
        }
        #expect(skipped.contains(.string("projection")) && skipped.contains(.string("rules")) && skipped.count == 6)
        #expect(fullJSON["skipped"] == .array([]) && allChecks.count == 8)
        let digest = try cli("digest").stdout.split(separator: " ").first.map(String.init) ?? ""
        let proved = try cli("verify", "--quick", "--digest", digest)
        #expect(proved.status == 0 && proved.stdout.contains("digest: the log up to position 16 matches"), "\(proved)")
        let wrong = try cli("verify", "--quick", "--digest", "16:" + String(repeating: "0", count: 64))
        #expect(wrong.status == 65 && wrong.stderr.contains("position 16: it does not match the published digest"), "\(wrong)")

        // The documented limit: a tampered projection row passes, full verify names it.
        try sqlite("UPDATE actions SET rag = 'green' WHERE id = 'A-2';")
        #expect(try cli("verify", "--quick").status == 0)
        #expect(try cli("verify").status == 65)

        try sqlite(
            "DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, 'on-track', 'off-track') WHERE position = 16;")
        let failed = try cli("verify", "--quick", "--format", "json")
        #expect(failed.status == 65, "\(failed)")
        #expect(failed.stderr.contains("verify --quick found a mismatch: position 16"), "\(failed)")
        guard case .object(let failedJSON) = try JSONValue.parse(failed.stdout) else { Issue.record("\(failed)"); return }
        #expect(failedJSON["ok"] == .bool(false) && failedJSON["badPosition"] == .int(16) && failedJSON["quick"] == .bool(true))
        let markdown = try cli("verify", "--quick", "--format", "markdown")
        #expect(
            markdown.status == 65 && markdown.stdout.contains(#"## Verify FAILED \(quick: hash chain and Merkle tree only\)"#),
            "\(markdown)")
    }

    @Test func aChangedProjectionIsFoundBySwiftVerify() throws {
        try prepare()
        try sqlite("UPDATE actions SET rag = 'green' WHERE id = 'A-2';")
        let swift = try cli("verify", "--format", "json")
        #expect(swift.status == 65)
        #expect(swift.stdout.contains("row 'A-2', column rag"))
    }
}

/// Two processes appending to the same streams at once lose nothing.
@Suite struct ConcurrentWriterTests {
    @Test func twoProcessesAppendingAtOnceLoseNothingAndKeepTheChainValid() async throws {
        let directory = TemporaryDirectory()
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        let perWriter = 12
        let results = try await withThrowingTaskGroup(of: [ProcessResult].self) { group in
            for (actor, action) in [("police.lead", "A-1"), ("police.helper", "A-1")] {
                group.addTask {
                    try (0..<perWriter).map { i in
                        try cli.run([
                            "action", "progress", action, "--status", "on-track", "--percent", String(i), "--note", "\(actor) \(i)",
                            "--actor", actor,
                        ])
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        for result in results { #expect(result.status == 0, "\(result)") }
        let history = try cli("history", "A-1", "--format", "json")
        let versions = try JSONDecoder().decode([[String: AnyDecodableValue]].self, from: Data(history.stdout.utf8)).compactMap {
            $0["streamVersion"]?.int
        }
        #expect(versions == Array(1...(2 + 2 * perWriter)))
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stdout.contains("ok: \(15 + 2 * perWriter) events"))
    }
}

/// Enough of a JSON value to read one integer field.
struct AnyDecodableValue: Decodable {
    let int: Int?
    init(from decoder: any Decoder) throws { int = try? decoder.singleValueContainer().decode(Int.self) }
}
