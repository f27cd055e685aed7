import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// `verify --quick`: the hash chain and the Merkle tree, recomputed without a fold. It
/// names an edited event, an event re-chained after the tree was written, and an edited
/// tree; it passes over a tampered derived row and a rule-breaking event, which only
/// full `verify` names (the limit the README states).
@Suite struct QuickVerifyTests {
    /// The fixture with five progress reports on A-1 ("r0" … "r4"); returns the
    /// position of each.
    func reported() throws -> (Fixture, [Int64]) {
        let fixture = try Fixture()
        var positions: [Int64] = []
        for i in 0..<5 {
            fixture.clock.advance(minutes: 5)
            let entries = try fixture.ledger.execute(
                .reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i * 10), by: Fixture.policeLead)
            positions.append(entries[0].position)
        }
        return (fixture, positions)
    }

    /// Writes every hash of the log anew from position 1, as the forger does.
    func rechain(_ db: Database) throws {
        var prevHash = HashChain.genesis
        for var entry in try EventRows.fetch(db) {
            entry.prevHash = prevHash
            let hash = HashChain.expectedHash(of: entry)
            try db.execute(
                sql: "UPDATE events SET prev_hash = ?, hash = ? WHERE position = ?", arguments: [prevHash, hash, entry.position])
            prevHash = hash
        }
    }

    func editNote(_ db: Database, at position: Int64) throws {
        try db.execute(sql: "UPDATE events SET payload = replace(payload, '\"r', '\"forged r') WHERE position = ?", arguments: [position])
        #expect(db.changesCount == 1)
    }

    @Test func aSoundLedgerPassesWithTheDigestRootAndTestClockOfFullVerify() throws {
        let (fixture, _) = try reported()
        let head = try fixture.ledger.digest()
        let full = try fixture.ledger.verify(rootsAt: [3, head.position])
        var seen: [Int64] = []
        let quick = try fixture.ledger.verifyChainAndTree(rootsAt: [3, head.position]) { done, total in
            #expect(total == head.position)
            seen.append(done)
        }
        #expect(quick.isSound, "\(String(describing: quick.problem))")
        #expect(quick.quick && !full.quick)
        #expect(quick.checks == [.hashChain, .merkleTree])
        #expect(quick.skipped == [.rules, .snapshots, .versionedRows, .projection, .protection, .clock])
        #expect(full.checks == VerifyReport.Check.allCases && full.skipped.isEmpty)
        #expect(quick.digest == full.digest && quick.digest.position == head.position && quick.digest.hash == head.hash)
        #expect(quick.eventCount == full.eventCount)
        #expect(quick.treeRoot == full.treeRoot && quick.roots == full.roots && quick.roots.count == 2)
        #expect(quick.testClock && quick.testClock == full.testClock)
        #expect(seen == Array(0...head.position), "progress after each event")
        #expect(try fixture.ledger.verifyChainAndTree(against: Digest(position: 4, hash: full.digest.hash)).problem?.position == 4)
        let atFour = try fixture.ledger.entries(from: 4, to: 4)[0]
        #expect(try fixture.ledger.verifyChainAndTree(against: Digest(position: 4, hash: atFour.hash)).isSound)
    }

    @Test func anEditedPayloadIsNamedAtItsPosition() throws {
        let (fixture, positions) = try reported()
        try tamper(fixture.path) { db in try editNote(db, at: positions[2]) }
        let quick = try fixture.ledger.verifyChainAndTree()
        #expect(quick.problem?.position == positions[2])
        #expect(
            quick.problem?.message == "position \(positions[2]): the hash does not match the event's contents; the row was altered")
        #expect(quick.digest.position == positions[2] - 1, "the digest up to the last good position")
        #expect(try fixture.ledger.verify().problem == quick.problem, "full verify names the same")
    }

    @Test func anEventChainedAnewAfterTheTreeWasWrittenIsNamedByItsLeaf() throws {
        let (fixture, positions) = try reported()
        let position = positions[1]
        let published = try fixture.ledger.digest()
        try tamper(fixture.path) { db in
            try editNote(db, at: position)
            try rechain(db)
        }
        let quick = try fixture.ledger.verifyChainAndTree()
        #expect(
            quick.problem?.message
                == "the Merkle tree's node at level 0, index \(position - 1) (the leaf of position \(position)) differs from the chain hashes"
        )
        #expect(quick.problem?.hint == .rebuild)
        // A forger who writes the tree again too is caught by a digest published before.
        try DatabaseQueue(path: fixture.path).write { db in try MerkleRows.rebuild(db) }
        #expect(try fixture.ledger.verifyChainAndTree().isSound, "a whole-file rewrite is consistent by itself")
        let against = try fixture.ledger.verifyChainAndTree(against: published)
        #expect(against.problem?.position == published.position)
        #expect(against.problem?.message.contains("does not match the published digest") == true)
    }

    @Test(arguments: [
        ("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 2", "node at level 1, index 2 differs"),
        ("DELETE FROM merkle_nodes WHERE level = 0 AND idx = 7", "node at level 0, index 7 (the leaf of position 8) is missing"),
        ("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 0 AND idx = 12", "index 12 (the leaf of position 13) differs"),
        ("INSERT INTO merkle_nodes (level, idx, hash) VALUES (9, 0, zeroblob(32))", "holds"),
        ("INSERT INTO merkle_nodes (level, idx, hash) VALUES (0, 1000, zeroblob(32))", "holds"),
    ])
    func anEditedTreeIsNamed(_ sql: String, _ message: String) throws {
        let (fixture, _) = try reported()
        try DatabaseQueue(path: fixture.path).write { try $0.execute(sql: sql) }
        let quick = try fixture.ledger.verifyChainAndTree()
        #expect(quick.problem?.message.contains(message) == true, "\(String(describing: quick.problem))")
        #expect(quick.problem?.hint == .rebuild)
        #expect(try fixture.ledger.verify().problem == quick.problem, "full verify names the same")
    }

    @Test func aTamperedProjectionOrVersionedRowPassesQuickVerifyButNotFull() throws {
        let attacks = [
            "UPDATE actions SET title = 'A title nobody wrote' WHERE id = 'A-1'",
            "DELETE FROM record_versions WHERE kind = 'action' AND id = 'A-2'",
        ]
        for sql in attacks {
            let (fixture, _) = try reported()
            try DatabaseQueue(path: fixture.path).write { try $0.execute(sql: sql) }
            let quick = try fixture.ledger.verifyChainAndTree()
            #expect(quick.isSound, "the documented limit: \(sql)")
            #expect(quick.skipped.contains(.projection) && quick.skipped.contains(.versionedRows))
            #expect(try !fixture.ledger.verify().isSound, "\(sql)")
        }
    }

    @Test func aRuleBreakingEventChainedCorrectlyPassesQuickVerifyButNotFull() throws {
        let fixture = try Fixture()
        let forgery = ForgedEventTests.forgeries[0]
        let position = try fixture.ledger.append(forgery.events)[0].position
        #expect(try fixture.ledger.verifyChainAndTree().isSound, "meaning is not checked: the documented limit")
        #expect(try fixture.ledger.verify().problem?.position == position)
    }

    @Test func anUnfinishedImportIsNotVerified() throws {
        let (fixture, _) = try reported()
        try DatabaseQueue(path: fixture.path).write { db in
            try ImportMark(source: "x.jsonl", sourceHead: Digest(position: 99, hash: HashChain.genesis), importedTo: 3).write(db)
        }
        #expect { try fixture.ledger.verifyChainAndTree() } throws: { ($0 as? StoreError)?.code == .importIncomplete }
    }
}
