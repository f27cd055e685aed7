import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// Export, replay, rebuild and follow hand on what they read; a row removed or edited
/// around the file's triggers is named, not passed on.
@Suite struct ChainLinksTests {
    enum Tampering: String, CaseIterable, CustomTestStringConvertible {
        case removed, edited, relinked
        var testDescription: String { rawValue }

        /// Alters the row at position 5 as someone with write access to the file could.
        func apply(to path: String) throws {
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete")
                switch self {
                case .removed: try db.execute(sql: "DELETE FROM events WHERE position = 5")
                case .edited: try db.execute(sql: "UPDATE events SET payload = replace(payload, 'Test', 'Best') WHERE position = 5")
                case .relinked: try db.execute(sql: "UPDATE events SET prev_hash = hash WHERE position = 5")
                }
            }
        }
    }

    @Test(arguments: Tampering.allCases)
    func exportAndFollowNameARowRemovedOrAltered(_ tampering: Tampering) async throws {
        let fixture = try Fixture()
        try tampering.apply(to: fixture.path)
        let ledger = try Ledger.open(at: fixture.path, access: .readOnly)
        #expect {
            try ledger.export { _ in }
        } throws: { error in
            (error as? StoreError)?.code == .unreadable && "\(error)".contains("the log was altered at position 5")
        }
        #expect(throws: StoreError.self) { try ledger.export(from: 5) { _ in } }
        if tampering == .removed {
            #expect(throws: StoreError.self) { try ledger.export(from: 6) { _ in } }
        } else {
            #expect(try ledger.export(from: 6) { _ in } > 0, "what follows the damage links on")
        }
        var following = ledger.follow(from: 2).makeAsyncIterator()
        await #expect(throws: StoreError.self) { _ = try await following.next() }
    }

    @Test func anUntouchedLogIsHandedOnWhole() async throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        var lines = 0
        try ledger.export(from: 3) { _ in lines += 1 }
        #expect(lines == (try ledger.count()) - 2)
        var following = ledger.follow(from: 1).makeAsyncIterator()
        #expect(try await following.next()?.count == (try ledger.count()))
    }
}
