import Foundation
import GRDB
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The ledger file's Merkle tree: derived from the chain hashes, so `verify` recomputes
/// every stored node and names one edited, added or removed, `rebuild` writes it again,
/// and a copy made by replay or import, or a file of an earlier release opened for
/// writing, gets the tree of its events.
@Suite struct MerkleTreeStoreTests {
    /// The tree the chain hashes of `ledger` give, computed apart from the file.
    static func reference(_ ledger: Ledger) throws -> MerkleLevels {
        MerkleLevels(leafData: try ledger.entries(from: 1, to: .max).map { MerkleHash.rawBytes(hex: $0.hash)! })
    }

    @Test(arguments: [
        ("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 1 AND idx = 2", "node at level 1, index 2 differs"),
        ("DELETE FROM merkle_nodes WHERE level = 0 AND idx = 7", "node at level 0, index 7 (the leaf of position 8) is missing"),
        ("INSERT INTO merkle_nodes (level, idx, hash) VALUES (9, 0, zeroblob(32))", "holds"),
    ])
    func verifyNamesAnEditedTreeAndRebuildWritesItAgain(_ sql: String, _ message: String) throws {
        let fixture = try Fixture()
        let size = try fixture.ledger.head(asOf: nil).position
        let root = try fixture.ledger.treeRoot(size: size)
        #expect(root == (try MerkleTree.root(size: size, in: Self.reference(fixture.ledger))))
        try DatabaseQueue(path: fixture.path).write { try $0.execute(sql: sql) }
        let report = try fixture.ledger.verify()
        #expect(report.problem?.message.contains(message) == true, "\(String(describing: report.problem))")
        #expect(report.problem?.hint == .rebuild)
        #expect(report.treeRoot == root, "verify recomputes the root from the chain hashes, not from the table")
        try fixture.ledger.rebuild()
        #expect(try fixture.ledger.verify().isSound)
        #expect(try fixture.ledger.treeRoot(size: size) == root)
    }

    @Test func aReplayedCopyHasTheTreeOfItsEvents() throws {
        let fixture = try Fixture()
        let head = try fixture.ledger.head(asOf: nil).position
        let copy = fixture.directory.file("copy.sqlite")
        _ = try fixture.ledger.replay(to: head - 3, into: copy)
        let replayed = try Ledger.open(at: copy, access: .readOnly)
        #expect(try replayed.treeRoot(size: head - 3) == (try fixture.ledger.treeRoot(size: head - 3)))
        #expect(try replayed.readingTree { $0.size } == head - 3)
        #expect(try replayed.verify().isSound)
    }

    @Test func aFileOfAnEarlierReleaseGetsItsTreeWhenOpenedForWriting() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("v1.sqlite")
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/LedgerStoreTests/Fixtures/v1-ledger.sqlite", toPath: path)
        let readOnly = try Ledger.open(at: path, access: .readOnly)
        #expect(throws: StoreError.self) { try readOnly.treeRoot(size: 1) }
        #expect(try readOnly.verify().isSound, "a file without a tree still verifies")
        let ledger = try Ledger.open(at: path, access: .readWrite)
        let size = try ledger.head(asOf: nil).position
        #expect(try ledger.treeRoot(size: size) == (try MerkleTree.root(size: size, in: Self.reference(ledger))))
        #expect(try ledger.verify().isSound)
    }
}
