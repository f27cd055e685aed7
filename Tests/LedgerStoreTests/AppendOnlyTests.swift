import Foundation
import GRDB
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct AppendOnlyTests {
    @Test func updateAndDeleteOnTheLogAreAbortedByTheDatabase() throws {
        let fixture = try Fixture()
        let before = try fixture.fingerprint()
        let queue = try DatabaseQueue(path: fixture.path)
        for sql in ["UPDATE events SET payload = '{}' WHERE position = 3", "DELETE FROM events WHERE position = 3", "DELETE FROM events"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { try $0.execute(sql: sql) } }
        }
        do {
            try queue.write { try $0.execute(sql: "UPDATE events SET type = 'X'") }
        } catch let error as DatabaseError {
            #expect(error.message?.contains("append-only") == true)
        }
        #expect(try fixture.fingerprint() == before)
    }

    @Test(.enabled(if: which("sqlite3") != nil, "needs the sqlite3 command-line tool; .ci/run installs it"))
    func updateAndDeleteFailThroughTheSqlite3Tool() throws {
        let fixture = try Fixture()
        let before = try fixture.fingerprint()
        for sql in ["UPDATE events SET payload = '{}' WHERE position = 2;", "DELETE FROM events WHERE position = 2;"] {
            let result = try run(which("sqlite3")!, [fixture.path, sql])
            #expect(result.status != 0)
            #expect(result.stderr.contains("append-only"), "\(result)")
        }
        #expect(try fixture.fingerprint() == before)
    }

    @Test func insertsOutOfPlaceAreRefusedByTheDatabase() throws {
        let fixture = try Fixture()
        let queue = try DatabaseQueue(path: fixture.path)
        let row = try queue.read { try Row.fetchOne($0, sql: "SELECT * FROM events ORDER BY position DESC LIMIT 1")! }
        let position: Int64 = row["position"]
        // A gap, a wrong prev_hash, and a recording time before the last are all refused.
        let attempts: [(Int64, String, Int64)] = [
            (position + 2, row["hash"], row["recorded_at"]),
            (position + 1, String(repeating: "f", count: 64), row["recorded_at"]),
            (position + 1, row["hash"], (row["recorded_at"] as Int64) - 1),
        ]
        for (newPosition, prevHash, recordedAt) in attempts {
            #expect(throws: DatabaseError.self) {
                try queue.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO events (position, event_id, stream_id, stream_version, type, schema_version, recorded_at,
                              effective_at, actor_id, partner_id, payload, prev_hash, hash)
                            VALUES (?, 'forged', 'x', 1, 'PartnerRegistered', 1, ?, ?, 'coord', 'council', '{}', ?, ?)
                            """, arguments: [newPosition, recordedAt, recordedAt, prevHash, String(repeating: "a", count: 64)])
                }
            }
        }
    }
}
