import LedgerCore
import LedgerStore

extension Phases {
    /// Merkle proofs at seeded random points of the whole ledger: the time to produce an
    /// inclusion and a consistency proof through the library (reading the stored tree)
    /// and to verify each, and a proof's size.
    mutating func proofs(_ count: Int, seed: UInt64) throws {
        say("proofs …")
        let ledger = try Ledger.open(at: ledgerPath, access: .readOnly)
        let size = try ledger.head(asOf: nil).position
        let root = try ledger.treeRoot(size: size)
        var random = SeededGenerator(seed: seed)
        var (produce, check, bytes) = ([Double](), [Double](), [Double]())
        var (produceConsistency, checkConsistency, bytesConsistency) = ([Double](), [Double](), [Double]())
        for _ in 0..<count {
            let position = Int64.random(in: 1...size, using: &random)
            let leaf = MerkleHash.leaf(chainHash: try ledger.entries(from: position, to: position)[0].hash)!
            var watch = Stopwatch()
            let proof = try ledger.inclusionProof(position: position, size: size)
            produce.append(watch.milliseconds)
            watch = Stopwatch()
            guard MerkleTree.verifyInclusion(leaf: leaf, index: position - 1, size: size, proof: proof, root: root) else {
                throw BenchError("the inclusion proof of position \(position) does not check")
            }
            check.append(watch.milliseconds)
            bytes.append(Double(proof.count * 32))

            let old = Int64.random(in: 1...size, using: &random)
            let oldRoot = try ledger.treeRoot(size: old)
            watch = Stopwatch()
            let consistency = try ledger.consistencyProof(old: old, new: size)
            produceConsistency.append(watch.milliseconds)
            watch = Stopwatch()
            guard MerkleTree.verifyConsistency(old: old, new: size, proof: consistency, oldRoot: oldRoot, newRoot: root) else {
                throw BenchError("the consistency proof from \(old) does not check")
            }
            checkConsistency.append(watch.milliseconds)
            bytesConsistency.append(Double(consistency.count * 32))
        }
        report.add(Figure("inclusion proof: produce (stored tree)", .milliseconds, samples: produce))
        report.add(Figure("inclusion proof: verify", .milliseconds, samples: check))
        report.add(Figure("inclusion proof: size", .bytes, samples: bytes))
        report.add(Figure("consistency proof: produce (stored tree)", .milliseconds, samples: produceConsistency))
        report.add(Figure("consistency proof: verify", .milliseconds, samples: checkConsistency))
        report.add(Figure("consistency proof: size", .bytes, samples: bytesConsistency))
    }
}

extension Phases {
    /// What the Merkle tree costs, apart from the rest of a write: hashing it over the
    /// whole log's chain hashes in memory (what append, import, rebuild and verify each
    /// compute), writing its rows into a plain SQLite table shaped like `merkle_nodes` in
    /// one transaction (what import and rebuild write), and the bytes its rows take in
    /// the ledger file. The hashed root must equal the ledger's, or the figure is wrong.
    mutating func treeCost(runs: Int) throws {
        say("Merkle tree cost …")
        let hashes = try PlainTable(path: ledgerPath, create: false).column("hash")
        let expected = try Ledger.open(at: ledgerPath, access: .readOnly).treeRoot(size: Int64(hashes.count))
        var (hashing, writing) = ([Double](), [Double]())
        for _ in 0..<runs {
            let watch = Stopwatch()
            var frontier = MerkleFrontier()
            var nodes: [MerkleFrontier.Node] = []
            nodes.reserveCapacity(hashes.count * 2)
            for hash in hashes {
                guard let leaf = MerkleHash.leaf(chainHash: hash) else { throw BenchError("a chain hash is not 64 hex digits") }
                nodes += frontier.append(leaf)
            }
            hashing.append(Double(hashes.count) / watch.seconds)
            guard frontier.root == expected else { throw BenchError("the tree hashed here differs from the ledger's root") }

            folder.remove("tree.sqlite")
            let table = try PlainTable(path: folder.file("tree.sqlite"), create: true)
            let write = Stopwatch()
            try table.insertNodes(nodes)
            writing.append(Double(hashes.count) / write.seconds)
        }
        report.add(Figure("Merkle tree hashed from the chain hashes, in memory", .eventsPerSecond, samples: hashing))
        report.add(Figure("Merkle tree rows into plain SQLite, one transaction", .eventsPerSecond, samples: writing))
        let table = try PlainTable(path: ledgerPath, create: false)
        if let bytes = table.number("SELECT sum(pgsize) FROM dbstat WHERE name = 'merkle_nodes'") {
            report.add(Figure("storage, Merkle tree rows in the ledger file", .bytesPerEvent, samples: [bytes / events]))
        } else {
            say("SQLite here has no dbstat table: the tree's storage is not measured")
        }
    }
}
