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
