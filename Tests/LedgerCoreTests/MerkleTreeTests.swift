import Crypto
import Foundation
import LedgerCore
import Testing

/// The Merkle tree of RFC 9162 §2.1: the RFC 6962 test vector, and every proof of every
/// small tree checked, with a wrong leaf, index, size or root refused.
@Suite struct MerkleTreeTests {
    /// The eight leaves of the RFC 6962 test vector (certificate-transparency-go).
    static let vectorLeaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map { hex in stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! } }

    /// A tree of `n` leaves of 32 bytes, like the ledger's chain hashes.
    static func tree(_ n: Int) -> (MerkleLevels, [[UInt8]]) {
        let data = (0..<n).map { Array(SHA256.hash(data: Array("leaf \($0)".utf8))) }
        return (MerkleLevels(leafData: data), data)
    }

    /// MTH straight from the RFC's definition, hashing every leaf, to hold the stored
    /// nodes' shortcut to.
    static func definition(_ leaves: ArraySlice<[UInt8]>) -> MerkleHash {
        if leaves.count == 1 { return .leaf(leaves.first!) }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let start = leaves.startIndex
        return .node(definition(leaves[start..<start + k]), definition(leaves[(start + k)...]))
    }

    @Test func theRFC6962TestVectorGivesItsRoot() throws {
        let tree = MerkleLevels(leafData: Self.vectorLeaves)
        #expect(try MerkleTree.root(size: 8, in: tree).hex == "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")
        #expect(MerkleHash.emptyTree.hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        var frontier = MerkleFrontier()
        for leaf in Self.vectorLeaves { frontier.append(.leaf(leaf)) }
        #expect(frontier.root == (try MerkleTree.root(size: 8, in: tree)))
    }

    @Test func everyRootAndProofOfTreesUpTo70LeavesChecksAndNoAlteredOneDoes() throws {
        let (tree, data) = Self.tree(70)
        let roots = try (0...70).map { try MerkleTree.root(size: Int64($0), in: tree) }
        for n in 1...70 {
            #expect(roots[n] == Self.definition(data[0..<n]))
            for i in 0..<n {
                let proof = try MerkleTree.inclusionProof(index: Int64(i), size: Int64(n), in: tree)
                let leaf = MerkleHash.leaf(data[i])
                #expect(MerkleTree.verifyInclusion(leaf: leaf, index: Int64(i), size: Int64(n), proof: proof, root: roots[n]))
                #expect(
                    !MerkleTree.verifyInclusion(
                        leaf: .leaf(data[(i + 1) % 70]), index: Int64(i), size: Int64(n), proof: proof, root: roots[n]))
                if n < 70 {
                    // A proof binds its size through the root: the root of another size refuses it.
                    #expect(!MerkleTree.verifyInclusion(leaf: leaf, index: Int64(i), size: Int64(n + 1), proof: proof, root: roots[n + 1]))
                }
                #expect(!MerkleTree.verifyInclusion(leaf: leaf, index: Int64(i), size: Int64(n), proof: proof, root: roots[n - 1]))
                if n > 1 {
                    #expect(
                        !MerkleTree.verifyInclusion(leaf: leaf, index: Int64((i + 1) % n), size: Int64(n), proof: proof, root: roots[n]))
                }
            }
            for m in 1...n {
                let proof = try MerkleTree.consistencyProof(old: Int64(m), new: Int64(n), in: tree)
                #expect(MerkleTree.verifyConsistency(old: Int64(m), new: Int64(n), proof: proof, oldRoot: roots[m], newRoot: roots[n]))
                if m < n {
                    #expect(
                        !MerkleTree.verifyConsistency(old: Int64(m), new: Int64(n), proof: proof, oldRoot: roots[m - 1], newRoot: roots[n]))
                    #expect(
                        !MerkleTree.verifyConsistency(old: Int64(m), new: Int64(n), proof: proof, oldRoot: roots[m], newRoot: roots[n - 1]))
                    if n < 70 {
                        #expect(
                            !MerkleTree.verifyConsistency(
                                old: Int64(m), new: Int64(n + 1), proof: proof, oldRoot: roots[m], newRoot: roots[n + 1]))
                    }
                    var altered = proof
                    altered[altered.count - 1] = roots[0]
                    #expect(
                        !MerkleTree.verifyConsistency(old: Int64(m), new: Int64(n), proof: altered, oldRoot: roots[m], newRoot: roots[n]))
                }
            }
        }
    }

    @Test func aTreeCutBackIsTheTreeOfItsPrefix() throws {
        var (tree, _) = Self.tree(37)
        tree.cut(to: 21)
        #expect(tree == Self.tree(21).0)
        tree.append(.leaf([1, 2, 3]))
        #expect(tree.size == 22)
    }

    @Test func hashesReadOnlyTheirOwnForms() {
        let hash = MerkleHash.leaf([1])
        #expect(MerkleHash(base64: hash.base64) == hash)
        #expect(MerkleHash(base64: hash.base64 + "=") == nil)
        #expect(MerkleHash(base64: String(hash.base64.dropLast(4))) == nil)
        #expect(MerkleHash.leaf(chainHash: String(repeating: "A", count: 64)) == nil)
        #expect(MerkleHash.leaf(chainHash: String(repeating: "a", count: 63)) == nil)
    }
}
