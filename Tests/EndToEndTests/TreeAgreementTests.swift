import Crypto
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// The Merkle tree agrees with two other implementations: Go's reference
/// (`golang.org/x/mod/sumdb/tlog`, through `Tools/tlogcheck`) and pymerkle 7
/// (`Tools/pymerkle_check.py`). Each runs once per test over one batch of checks.
/// `.ci/run` installs both; under `CI=1` a missing one fails instead of skipping.
@Suite struct TreeAgreementTests {
    static let ci = ProcessInfo.processInfo.environment["CI"] == "1"

    /// Go, with the x/mod sources of Debian's golang-golang-x-mod-dev.
    static let go: String? = {
        guard let go = which("go"), FileManager.default.fileExists(atPath: goPath + "/src/golang.org/x/mod/sumdb/tlog/tlog.go") else {
            return nil
        }
        return go
    }()
    static let goPath = "/usr/share/gocode"
    static let pymerkle: String? = {
        guard let python = which("python3"), (try? run(python, ["-c", "import pymerkle"]))?.status == 0 else { return nil }
        return python
    }()

    /// Runs the Go checker over `batch`; nil (after failing under CI) when Go is missing.
    static func runGo(_ batch: String) throws -> ProcessResult? {
        guard let go else {
            #expect(!ci, "go and golang-golang-x-mod-dev are needed; .ci/run installs them")
            return nil
        }
        return try run(
            go, ["run", packageRoot + "/Tools/tlogcheck/main.go"],
            environment: ["GOPATH": goPath, "GO111MODULE": "off", "GOCACHE": NSTemporaryDirectory() + "tlogcheck-cache"],
            input: batch)
    }

    static func runPymerkle(_ batch: String) throws -> ProcessResult? {
        guard let pymerkle else {
            #expect(!ci, "pymerkle is needed; .ci/run installs it")
            return nil
        }
        return try run(pymerkle, [packageRoot + "/Tools/pymerkle_check.py"], input: batch)
    }

    static func leaves(_ n: Int, seed: String) -> [[UInt8]] {
        (0..<n).map { Array(SHA256.hash(data: Array("\(seed) \($0)".utf8))) }
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    static func list(_ hashes: [MerkleHash]) -> String { hashes.isEmpty ? "-" : hashes.map(\.base64).joined(separator: ",") }

    /// The batch of checks: the leaves, then for each size its root, and the proofs
    /// asked for.
    static func batch(
        leaves: [[UInt8]], sizes: [Int64], indices: (Int64) -> [Int64], olds: (Int64) -> [Int64]
    ) throws -> (text: String, checks: Int) {
        let tree = MerkleLevels(leafData: leaves)
        var lines = leaves.map { "leaf \(hex($0))" }
        let start = lines.count
        for n in sizes {
            lines.append("root \(n) \(try MerkleTree.root(size: n, in: tree).base64)")
            for i in indices(n) {
                lines.append("inclusion \(n) \(i) \(list(try MerkleTree.inclusionProof(index: i, size: n, in: tree)))")
            }
            for m in olds(n) {
                lines.append("consistency \(m) \(n) \(list(try MerkleTree.consistencyProof(old: m, new: n, in: tree)))")
            }
        }
        return (lines.joined(separator: "\n") + "\n", lines.count - start)
    }

    static func expectAllPass(_ result: ProcessResult?, checks: Int, _ name: String) {
        guard let result else { return }
        #expect(result.status == 0, "\(name): \(result.stdout.split(separator: "\n").filter { $0 != "ok" }.prefix(5)) \(result.stderr)")
        #expect(result.stdout.split(separator: "\n").filter { $0 == "ok" }.count == checks, "\(name) ran every check")
    }

    @Test func theRFC6962TestVectorAgreesInGoAndPymerkle() throws {
        let leaves = [
            "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
        ].map { hex in stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! } }
        let root = "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg="
        #expect(try MerkleTree.root(size: 8, in: MerkleLevels(leafData: leaves)).base64 == root)
        let text = leaves.map { "leaf \(Self.hex($0))" }.joined(separator: "\n") + "\nroot 8 \(root)\n"
        Self.expectAllPass(try Self.runGo(text), checks: 1, "go")
        Self.expectAllPass(try Self.runPymerkle(text), checks: 1, "pymerkle")
    }

    @Test func everyRootAndProofOfEverySizeTo300AgreesWithGoAndPymerkle() throws {
        let all = try Self.batch(
            leaves: Self.leaves(300, seed: "small"), sizes: Array(1...300), indices: { n in Array(0..<n) }, olds: { n in Array(1...n) })
        Self.expectAllPass(try Self.runGo(all.text), checks: all.checks, "go")
        // pymerkle is slower: every root, and three proofs of each kind per size.
        let some = try Self.batch(
            leaves: Self.leaves(300, seed: "small"), sizes: Array(1...300), indices: { n in Array(Set([0, n / 3, n - 1])) },
            olds: { n in Array(Set([1, max(1, n / 2), n])) })
        Self.expectAllPass(try Self.runPymerkle(some.text), checks: some.checks, "pymerkle")
    }

    @Test func rootsAndProofsAtRandomSizesTo100000AgreeWithGoAndPymerkle() throws {
        var random = SeededGenerator(seed: 14)
        let sizes = (0..<25).map { _ in Int64.random(in: 1...100_000, using: &random) } + [65_536, 65_537, 100_000]
        var picks: [Int64: ([Int64], [Int64])] = [:]
        for n in sizes {
            picks[n] = (
                (0..<8).map { _ in Int64.random(in: 0..<n, using: &random) } + [0, n - 1],
                (0..<8).map { _ in Int64.random(in: 1...n, using: &random) } + [1, n]
            )
        }
        let batch = try Self.batch(
            leaves: Self.leaves(100_000, seed: "large"), sizes: sizes, indices: { picks[$0]!.0 }, olds: { picks[$0]!.1 })
        Self.expectAllPass(try Self.runGo(batch.text), checks: batch.checks, "go")
        Self.expectAllPass(try Self.runPymerkle(batch.text), checks: batch.checks, "pymerkle")
    }

    @Test func goRefusesAProofForTheWrongLeafSizeOrRoot() throws {
        let leaves = Self.leaves(300, seed: "wrong")
        let tree = MerkleLevels(leafData: leaves)
        var lines = leaves.map { "leaf \(Self.hex($0))" }
        var checks = 0
        for (n, i, m) in [(Int64(300), Int64(17), Int64(100)), (129, 128, 64), (7, 3, 4)] {
            let root = try MerkleTree.root(size: n, in: tree)
            let proof = Self.list(try MerkleTree.inclusionProof(index: i, size: n, in: tree))
            let otherRoot = try MerkleTree.root(size: n - 1, in: tree)
            lines += [
                "reject-inclusion \(n) \(i) \(root.base64) \(Self.hex(leaves[Int(i) - 1])) \(proof)",
                "reject-inclusion \(n - 1) \(i) \(otherRoot.base64) \(Self.hex(leaves[Int(i)])) \(proof)",
                "reject-inclusion \(n) \(i) \(otherRoot.base64) \(Self.hex(leaves[Int(i)])) \(proof)",
            ]
            let consistency = Self.list(try MerkleTree.consistencyProof(old: m, new: n, in: tree))
            let oldRoot = try MerkleTree.root(size: m, in: tree)
            lines += [
                "reject-consistency \(m) \(n) \(oldRoot.base64) \(otherRoot.base64) \(consistency)",
                "reject-consistency \(m - 1) \(n) \(try MerkleTree.root(size: m - 1, in: tree).base64) \(root.base64) \(consistency)",
                "reject-consistency \(m) \(n) \(try MerkleTree.root(size: m - 1, in: tree).base64) \(root.base64) \(consistency)",
            ]
            checks += 6
        }
        Self.expectAllPass(try Self.runGo(lines.joined(separator: "\n") + "\n"), checks: checks, "go")
    }
}
