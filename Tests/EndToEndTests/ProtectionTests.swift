import Foundation
import LedgerTestSupport
import Testing

/// The file's own protections, as a partner with sqlite3 and write access could remove
/// them: dropped or changed triggers, values of the wrong type, a planted import mark.
@Suite(.enabled(if: which("sqlite3") != nil && which("python3") != nil, "needs sqlite3 and python3; .ci/run installs them"))
struct ProtectionTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    func sqlite(_ sql: String) throws -> ProcessResult { try run(which("sqlite3")!, [cli.db, sql]) }
    func python() throws -> ProcessResult { try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db]) }

    @Test(arguments: [
        ("DROP TRIGGER events_no_update;", "the trigger events_no_update of the ledger's schema was dropped"),
        ("DROP TRIGGER events_no_delete;", "the trigger events_no_delete of the ledger's schema was dropped"),
        ("DROP TRIGGER events_column_types;", "the trigger events_column_types of the ledger's schema was dropped"),
        (
            "DROP TRIGGER events_no_delete; CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END;",
            "the trigger events_no_delete of the ledger's schema was changed"
        ),
        (
            "CREATE TRIGGER sneaky AFTER INSERT ON events BEGIN DELETE FROM actions; END;",
            "the file has the trigger sneaky, which csp-ledger did not create"
        ),
        ("CREATE INDEX sneaky ON events(actor_id);", "the file has the index sneaky, which csp-ledger did not create"),
        ("DELETE FROM grdb_migrations;", "the file's record of its migrations (grdb_migrations) was removed"),
        (
            "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%';",
            "the file's record of its migrations (grdb_migrations) does not match its tables"
        ),
        (
            "DELETE FROM grdb_migrations WHERE identifier LIKE 'v3%'; DROP TRIGGER events_column_types;",
            "the file's record of its migrations (grdb_migrations) does not match its tables"
        ),
    ])
    func removedProtectionIsNamedByVerifyAndStopsWrites(_ sql: String, _ message: String) throws {
        try cli.initialiseStandard()
        #expect(try sqlite(sql).status == 0)
        let before = try sqlite("SELECT count(*), max(hash) FROM events;").stdout
        let verify = try cli("verify")
        #expect(verify.status == 65 && verify.stderr.contains(message), "\(verify)")
        let write = try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead")
        #expect(write.status == 1, "\(write)")
        #expect(
            write.stderr
                == "Error: \(message) in \(cli.db); nothing was written: restore the ledger from a verified copy (csp-ledger verify names the damage)\n"
        )
        #expect(try sqlite("SELECT count(*), max(hash) FROM events;").stdout == before)
    }

    @Test func aValueOfTheWrongTypeIsRefusedByTheFileAndNamedByBothVerifiers() throws {
        try cli.initialiseStandard()
        let insert = try sqlite(
            "INSERT INTO events SELECT position + 1, event_id || 'x', stream_id, 13.5, type, schema_version, recorded_at, effective_at, actor_id, partner_id, payload, hash, hash, NULL FROM events WHERE position = (SELECT max(position) FROM events);"
        )
        #expect(insert.status != 0 && insert.stderr.contains("stores integers in position, stream_version"), "\(insert)")
        #expect(try sqlite("DROP TRIGGER events_no_update; UPDATE events SET stream_version = 13.5 WHERE position = 9;").status == 0)
        let swift = try cli("verify")
        #expect(swift.status == 65 && swift.stderr.contains("position 9: stream_version holds a value of the wrong type"), "\(swift)")
        let python = try python()
        #expect(python.status == 65 && python.stderr.contains("position 9") && !python.stderr.contains("Traceback"), "\(python)")
        // Reads answer, or refuse in one line; none crashes.
        for read in [["state"], ["log"], ["history", "A-1"], ["export"], ["state", "--fold"]] {
            let result = try cli.run(read)
            #expect(result.status == 0 || (result.status == 1 && result.stderr.filter { $0 == "\n" }.count == 1), "\(read): \(result)")
        }
    }

    @Test func anInterruptedImportIsNamedAndCanBeAbandoned() throws {
        try cli.initialiseStandard()
        #expect(
            try sqlite(
                "INSERT INTO import_progress (id, source, source_position, source_hash, imported_to) VALUES (1, 'big.jsonl', 90, '\(String(repeating: "a", count: 64))', 14);"
            ).status == 0)
        let mark = "an unfinished import of big.jsonl: 14 of its 90 events are here"
        let write = try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead")
        #expect(write.status == 1 && write.stderr.contains(mark) && write.stderr.contains("csp-ledger import --abandon"), "\(write)")
        for read in [["state"], ["digest"]] {
            let result = try cli.run(read)
            #expect(result.status == 0 && result.stderr.hasPrefix("Warning: ") && result.stderr.contains(mark), "\(read): \(result)")
        }
        let verify = try cli("verify")
        #expect(verify.status == 1 && verify.stderr.contains(mark), "\(verify)")
        let abandon = try cli("import", "--abandon")
        #expect(abandon.status == 0 && abandon.stdout.contains("is now an ordinary ledger ending at "), "\(abandon)")
        #expect(try cli("verify").status == 0)
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let again = try cli("import", "--abandon")
        #expect(again.status == 1 && again.stderr.contains("has no unfinished import"), "\(again)")
    }
}
