import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// Ledger keys, signed checkpoints and proofs through the command line, opened by Go's
/// `sumdb/note` and checked by its `sumdb/tlog`; and the attacks a checkpoint catches
/// with no digest copied by hand.
@Suite(.enabled(if: which("sqlite3") != nil && which("python3") != nil, "needs sqlite3 and python3; .ci/run installs them"))
struct CheckpointTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }
    var key: String { directory.file("ledger.key") }

    /// The standard ledger with a registered key, and a checkpoint of it in `cp1`.
    func signedLedger() throws -> SignedCheckpoint {
        try cli.initialiseStandard()
        let generated = try cli("key", "generate", "--output", key)
        #expect(generated.status == 0, "\(generated)")
        #expect(try cli("key", "register", key + ".pub", "--actor", "coord").status == 0)
        let signed = try cli("checkpoint", "--key", key, "--actor", "coord", "--output", directory.file("cp1"))
        #expect(signed.status == 0, "\(signed)")
        let checkpoint = try SignedCheckpoint(parsing: signed.stdout)
        #expect(try String(contentsOfFile: directory.file("cp1"), encoding: .utf8) == signed.stdout)
        return checkpoint
    }

    func entries() throws -> [LogEntry] {
        try Ledger.open(at: cli.db, access: .readOnly).entries(from: 1, to: .max)
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func keysAreWrittenOnceWithThePrivateOneReadableOnlyByItsOwner() throws {
        try cli.initialiseStandard()
        let generated = try cli("key", "generate", "--output", key)
        #expect(generated.status == 0, "\(generated)")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8)
        let verifier = try NoteVerifierKey(text: pub.trimmingCharacters(in: .newlines))
        #expect(verifier.name == (try Ledger.open(at: cli.db, access: .readOnly).checkpointOrigin()))
        #expect(try NoteSigningKey(text: try String(contentsOfFile: key, encoding: .utf8)).verifierKey == verifier)
        let before = try String(contentsOfFile: key, encoding: .utf8)
        let again = try cli("key", "generate", "--output", key)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists"), "\(again)")
        #expect(try String(contentsOfFile: key, encoding: .utf8) == before)
        #expect(try String(contentsOfFile: key + ".pub", encoding: .utf8) == pub)
        #expect(try cli("key", "generate", "--output", directory.file("bad.key"), "--name", "has space").status == 1)
    }

    @Test func aCheckpointIsRecordedAfterTheEventsItCoversAndGoOpensIt() throws {
        let checkpoint = try signedLedger()
        let all = try entries()
        #expect(Int64(all.count) == checkpoint.checkpoint.size + 1)
        #expect(all.last?.type == "CheckpointSigned")
        #expect(checkpoint.checkpoint.origin.hasPrefix("csp-ledger/test-csp/\(all[0].hash.prefix(16))"))
        for quick in [[], ["--quick"]] {
            let verified = try cli.run(["verify", "--checkpoint", directory.file("cp1")] + quick)
            #expect(verified.status == 0, "\(verified)")
            #expect(verified.stdout.contains("checkpoint: the first \(checkpoint.checkpoint.size) events give its root"), "\(quick)")
        }
        // Go's note package opens it with FILE.pub.
        let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .newlines)
        let note = Data(checkpoint.note.serialized.utf8).base64EncodedString()
        if let go = try TreeAgreementTests.runGo("note \(pub) \(note)\n") {
            #expect(
                go.stdout == "ok \(checkpoint.checkpoint.origin) \(checkpoint.checkpoint.size) \(checkpoint.checkpoint.root.base64)\n",
                "\(go)")
        }
        // Another key of the same name does not open it.
        let other = try NoteSigningKey.generate(name: checkpoint.checkpoint.origin).verifierKey.text
        if let go = try TreeAgreementTests.runGo("note \(other) \(note)\n") { #expect(go.status == 1) }
    }

    @Test func inclusionAndConsistencyProofsCheckInSwiftAndGo() throws {
        let first = try signedLedger()
        #expect(try cli("action", "progress", "A-1", "--status", "on-track", "--actor", "police.lead").status == 0)
        let second = try cli("checkpoint", "--key", key, "--actor", "coord", "--output", directory.file("cp2"))
        #expect(second.status == 0, "\(second)")
        let newer = try SignedCheckpoint(parsing: second.stdout).checkpoint
        let leaves = try entries().map { "leaf \($0.hash)" }
        var batch = leaves
        for position in [1, 5, Int(first.checkpoint.size)] {
            let result = try cli("prove", "inclusion", String(position), "--checkpoint", directory.file("cp2"))
            #expect(result.status == 0, "\(result)")
            let proof = try InclusionProof(text: result.stdout)
            #expect(proof.index == Int64(position - 1))
            let leaf = MerkleHash.leaf(chainHash: try entries()[position - 1].hash)!
            #expect(MerkleTree.verifyInclusion(leaf: leaf, index: proof.index, size: newer.size, proof: proof.hashes, root: newer.root))
            batch.append("inclusion \(newer.size) \(proof.index) \(TreeAgreementTests.list(proof.hashes))")
        }
        let consistency = try cli("prove", "consistency", "--old", directory.file("cp1"), "--new", directory.file("cp2"))
        #expect(consistency.status == 0, "\(consistency)")
        let proof = try ConsistencyProof(text: consistency.stdout)
        #expect(proof.links(from: first.checkpoint))
        batch.append("consistency \(first.checkpoint.size) \(newer.size) \(TreeAgreementTests.list(proof.hashes))")
        batch.append("root \(newer.size) \(newer.root.base64)")
        TreeAgreementTests.expectAllPass(try TreeAgreementTests.runGo(batch.joined(separator: "\n") + "\n"), checks: 5, "go")
        // A position beyond the checkpoint, and checkpoints given the wrong way round, are refused.
        #expect(try cli("prove", "inclusion", String(newer.size + 1), "--checkpoint", directory.file("cp2")).status == 1)
        #expect(try cli("prove", "consistency", "--old", directory.file("cp2"), "--new", directory.file("cp1")).status == 1)
    }

    @Test func aTailDroppedAfterACheckpointIsFound() throws {
        let checkpoint = try signedLedger()
        for percent in [20, 30] {
            #expect(
                try cli("action", "progress", "A-1", "--status", "on-track", "--percent", String(percent), "--actor", "police.lead").status
                    == 0)
        }
        let copy = directory.file("short.sqlite")
        _ = try Ledger.open(at: cli.db, access: .readOnly).replay(to: checkpoint.checkpoint.size - 2, into: copy)
        #expect(try CLI(db: copy)("verify").status == 0, "the shortened copy is a sound ledger by itself")
        let result = try CLI(db: copy)("verify", "--checkpoint", directory.file("cp1"))
        #expect(result.status == 65, "\(result)")
        #expect(result.stderr.contains("before the checkpoint's size \(checkpoint.checkpoint.size): events it covers were removed"))
    }

    /// The forger's script (arguments: the ledger, Tools/, and 1 to delete the recorded
    /// checkpoints): edits position 5, chains every hash anew and puts the file's
    /// protection back.
    static let forger = Forgery.script(
        edit: """
            db.execute("UPDATE events SET payload = replace(payload, 'Test Fire', 'Test Firf') WHERE position = 5")
            if sys.argv[3] == "1":
                db.execute("DELETE FROM events WHERE type = 'CheckpointSigned'")
            """)

    @Test func aHistoryRewrittenAndChainedAnewIsFoundByAnEarlierCheckpoint() throws {
        let checkpoint = try signedLedger()
        let forged = try run(which("python3")!, ["-c", Self.forger, cli.db, packageRoot + "/Tools", "1"])
        #expect(forged.status == 0, "\(forged)")
        #expect(try cli("rebuild").status == 0)
        for percent in [20, 30] {
            #expect(
                try cli("action", "progress", "A-1", "--status", "on-track", "--percent", String(percent), "--actor", "police.lead").status
                    == 0)
        }
        #expect(try cli("verify").status == 0, "the forged file verifies by itself")
        #expect(try cli("verify", "--quick").status == 0, "the forged file verifies quickly by itself")
        for quick in [[], ["--quick"]] {
            let result = try cli.run(["verify", "--checkpoint", directory.file("cp1")] + quick)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("do not give the checkpoint's root"), "\(result)")
        }
        #expect(checkpoint.checkpoint.size > 5)
    }

    @Test func aHistoryRewrittenUnderARecordedCheckpointFailsBothVerifiers() throws {
        let checkpoint = try signedLedger()
        let forged = try run(which("python3")!, ["-c", Self.forger, cli.db, packageRoot + "/Tools", "0"])
        #expect(forged.status == 0, "\(forged)")
        #expect(try cli("rebuild").status == 0)
        let position = checkpoint.checkpoint.size + 1
        for quick in [[], ["--quick"]] {
            let swift = try cli.run(["verify"] + quick)
            #expect(swift.status == 65, "\(swift)")
            #expect(swift.stderr.contains("position \(position): the checkpoint it records has root"), "\(swift)")
        }
        let python = try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db])
        #expect(python.status == 65, "\(python)")
        #expect(python.stderr.contains("position \(position): CheckpointSigned has root"), "\(python)")
    }

    @Test func thePythonVerifierChecksARecordedCheckpointsRoot() throws {
        _ = try signedLedger()
        let python = try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db])
        #expect(python.status == 0, "\(python)")
    }

    @Test func aCheckpointByAnUnregisteredKeyIsRefusedAndNotRecorded() throws {
        _ = try signedLedger()
        let stranger = directory.file("stranger.key")
        #expect(try cli("key", "generate", "--output", stranger).status == 0)
        let before = try cli("digest").stdout
        let refused = try cli("checkpoint", "--key", stranger, "--actor", "coord")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not signed by a registered ledger key"), "\(refused)")
        #expect(try cli("digest").stdout == before, "nothing was recorded")
        // Only a coordinator signs.
        #expect(try cli("checkpoint", "--key", key, "--actor", "police.lead").status == 1)
        // A checkpoint of the true root, signed by the unregistered key, does not verify.
        let ledger = try Ledger.open(at: cli.db, access: .readOnly)
        let size = try ledger.head(asOf: nil).position
        let checkpoint = Checkpoint(origin: try ledger.checkpointOrigin(), size: size, root: try ledger.treeRoot(size: size))
        let forged = try NoteSigningKey(text: try String(contentsOfFile: stranger, encoding: .utf8)).sign(checkpoint.text)
        for quick in [[], ["--quick"]] {
            let result = try cli.run(["verify", "--checkpoint", try write(forged.serialized, "forged")] + quick)
            #expect(result.status == 65, "\(result)")
            #expect(result.stderr.contains("no signature on the checkpoint"), "\(result)")
        }
    }

    @Test func aRevokedKeySignsNoLaterCheckpointAndItsEarlierOnesStayValid() throws {
        _ = try signedLedger()
        #expect(try cli("key", "revoke", key + ".pub", "--reason", "laptop lost", "--actor", "coord").status == 0)
        let refused = try cli("checkpoint", "--key", key, "--actor", "coord")
        #expect(refused.status == 1, "\(refused)")
        #expect(try cli("verify", "--checkpoint", directory.file("cp1")).status == 0, "a checkpoint signed before stays valid")
        #expect(try cli("verify", "--quick", "--checkpoint", directory.file("cp1")).status == 0, "also to a quick verify")
        let ledger = try Ledger.open(at: cli.db, access: .readOnly)
        let size = try ledger.head(asOf: nil).position
        let checkpoint = Checkpoint(origin: try ledger.checkpointOrigin(), size: size, root: try ledger.treeRoot(size: size))
        let late = try NoteSigningKey(text: try String(contentsOfFile: key, encoding: .utf8)).sign(checkpoint.text)
        for quick in [[], ["--quick"]] {
            let result = try cli.run(["verify", "--checkpoint", try write(late.serialized, "late")] + quick)
            #expect(result.status == 65, "\(result)")
        }
        #expect(try cli("key", "revoke", key + ".pub", "--actor", "coord").status == 1, "a key is revoked once")
    }
}
