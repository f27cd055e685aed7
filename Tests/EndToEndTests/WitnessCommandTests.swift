import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// Partners as witnesses through the command line: keys, registration, cosigning on a
/// partner's machine without the ledger, recording the cosignatures, and the attacks a
/// witness catches: a split view, a replayed cosignature, a removed or unknown witness.
@Suite(.enabled(if: which("sqlite3") != nil && which("python3") != nil, "needs sqlite3 and python3; .ci/run installs them"))
struct WitnessCommandTests {
    let directory = TemporaryDirectory()
    /// The real time, as a witness's cosignatures carry it: the ledger records at it too,
    /// read afresh for each command, so that a slow machine never lets a witness's clock
    /// run more than the allowed 10 minutes ahead of the recording time.
    var now: String { Instant(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000)).iso8601 }
    var cli: CLI { CLI(db: directory.file("ledger.sqlite"), now: now) }
    func file(_ name: String) -> String { directory.file(name) }

    /// The standard ledger with a ledger key, police's and fire's witnesses, and a
    /// checkpoint in `cp1`.
    func witnessedLedger() throws {
        try cli.initialiseStandard()
        #expect(try cli("key", "generate", "--output", file("ledger.key")).status == 0)
        #expect(try cli("key", "register", file("ledger.key.pub"), "--actor", "coord").status == 0)
        for partner in ["police", "fire"] {
            let generated = try cli("witness", "key", "generate", "--output", file("\(partner).key"), "--partner", partner, withDB: false)
            #expect(generated.status == 0, "\(generated)")
            let registered = try cli("witness", "register", file("\(partner).key.pub"), "--partner", partner, "--actor", "coord")
            #expect(registered.status == 0, "\(registered)")
        }
        try sign("cp1")
    }

    func sign(_ name: String) throws {
        let signed = try cli("checkpoint", "--key", file("ledger.key"), "--actor", "coord", "--output", file(name))
        #expect(signed.status == 0, "\(signed)")
    }

    /// `partner`'s witness cosigns `checkpoint` (with a proof when given), keeping its
    /// state in `partner.state`, on a machine without the ledger.
    func cosign(_ partner: String, _ checkpoint: String, proof: String? = nil, output: String? = nil) throws -> ProcessResult {
        var arguments = ["witness", "cosign", file(checkpoint), "--key", file("\(partner).key"), "--state", file("\(partner).state")]
        if let proof { arguments += ["--proof", file(proof)] }
        if let output { arguments += ["--output", file(output)] }
        return try cli.run(arguments, withDB: false)
    }

    func prove(_ old: String, _ new: String, into name: String, cli: CLI? = nil) throws {
        let proof = try (cli ?? self.cli)("prove", "consistency", "--old", file(old), "--new", file(new))
        #expect(proof.status == 0, "\(proof)")
        try proof.stdout.write(toFile: file(name), atomically: true, encoding: .utf8)
    }

    func head() throws -> Digest { try Ledger.open(at: cli.db, access: .readOnly).digest() }

    @Test func twoWitnessesCosignAndVerifyAndThePythonVerifierAgree() throws {
        try witnessedLedger()
        let mode = try FileManager.default.attributesOfItem(atPath: file("police.key"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let pub = try String(contentsOfFile: file("police.key.pub"), encoding: .utf8)
        #expect(try NoteVerifierKey(text: pub.trimmingCharacters(in: .newlines)).type == .cosignature)
        #expect(try cosign("police", "cp1", output: "police.cp1").status == 0)
        #expect(try cosign("fire", "cp1", output: "fire.cp1").status == 0)
        #expect(
            try String(contentsOfFile: file("police.state"), encoding: .utf8) == String(contentsOfFile: file("police.cp1"), encoding: .utf8)
        )
        let recorded = try cli("checkpoint", "--cosignature", file("police.cp1"), file("fire.cp1"), "--actor", "coord")
        #expect(recorded.status == 0, "\(recorded)")
        #expect(recorded.stdout.contains("recorded 2 events"), "\(recorded)")
        let verify = try cli("verify")
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stdout.contains("is witnessed by 2 of 2: police, fire"), "\(verify)")
        let report = try cli("report", "plan", "--format", "json")
        #expect(report.stdout.contains("\"summary\": \"witnessed by 2 of 2: police, fire\""), "\(report)")
        let python = try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db])
        #expect(python.status == 0, "\(python)")
        // The next checkpoint: the witness needs the proof from the one it cosigned.
        #expect(try cli("partner", "add", "nhs", "--name", "NHS", "--actor", "coord").status == 0)
        try sign("cp2")
        let unproven = try cosign("police", "cp2")
        #expect(unproven.status == 1 && unproven.stderr.contains("give the consistency proof"), "\(unproven)")
        try prove("police.state", "cp2", into: "p12")
        // A cosignature's time is in whole seconds, and a witness's next one must be later
        // than its last recorded: on a fast machine cp1's and cp2's could share a second.
        Thread.sleep(until: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 1).rounded(.down) + 0.01))
        #expect(try cosign("police", "cp2", proof: "p12", output: "police.cp2").status == 0)
        #expect(try cli("witness", "threshold", "2", "--actor", "coord").status == 0)
        let second = try cli("checkpoint", "--cosignature", file("police.cp2"), "--actor", "coord")
        #expect(second.status == 0, "\(second)")
        let partly = try cli("verify")
        #expect(partly.stdout.contains("witnessed by 1 of 2: police (not yet witnessed: 2 needed)"), "\(partly)")
    }

    @Test func aSplitViewIsRefusedByTheSecondCosignAndShownByComparingWitnesses() throws {
        try witnessedLedger()
        #expect(try cosign("police", "cp1").status == 0)
        #expect(try cosign("fire", "cp1").status == 0)
        // The ledger's holder keeps two copies and lets them differ: one for each witness.
        let forkDB = file("fork.sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: cli.db + suffix) {
            try FileManager.default.copyItem(atPath: cli.db + suffix, toPath: forkDB + suffix)
        }
        let fork = CLI(db: forkDB, now: now)
        #expect(try cli("partner", "add", "nhs", "--name", "NHS", "--actor", "coord").status == 0)
        #expect(try fork("partner", "add", "probation", "--name", "Probation", "--actor", "coord").status == 0)
        try sign("real")
        let forked = try fork("checkpoint", "--key", file("ledger.key"), "--actor", "coord", "--output", file("forked"))
        #expect(forked.status == 0, "\(forked)")
        try prove("cp1", "real", into: "p-real")
        try prove("cp1", "forked", into: "p-forked", cli: fork)
        // Each witness, shown one history, finds it consistent with what it cosigned.
        #expect(try cosign("police", "real", proof: "p-real").status == 0)
        #expect(try cosign("fire", "forked", proof: "p-forked").status == 0)
        // Shown the other history, police's witness refuses: the log has forked.
        let before = try String(contentsOfFile: file("police.state"), encoding: .utf8)
        let refused = try cosign("police", "forked", proof: "p-forked")
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("the log has forked"), "\(refused)")
        #expect(try String(contentsOfFile: file("police.state"), encoding: .utf8) == before, "the state file is unchanged")
        // Two witnesses comparing what they cosigned find the fork with no ledger at all:
        // one size, two roots.
        let police = try SignedCheckpoint(parsing: before).checkpoint
        let fire = try SignedCheckpoint(parsing: String(contentsOfFile: file("fire.state"), encoding: .utf8)).checkpoint
        #expect(police.size == fire.size && police.root != fire.root)
        let compared = try cli.run(
            ["witness", "cosign", file("fire.state"), "--key", file("police.key"), "--state", file("police.state")], withDB: false)
        #expect(compared.status == 65, "\(compared)")
        #expect(compared.stderr.contains("but this witness cosigned"), "\(compared)")
    }

    @Test func aSmallerCheckpointIsRefusedAndTheStateKept() throws {
        try witnessedLedger()
        #expect(try cli("partner", "add", "nhs", "--name", "NHS", "--actor", "coord").status == 0)
        try sign("cp2")
        #expect(try cosign("police", "cp2").status == 0)
        let before = try String(contentsOfFile: file("police.state"), encoding: .utf8)
        let refused = try cosign("police", "cp1")
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.stderr.contains("fewer than"), "\(refused)")
        #expect(try String(contentsOfFile: file("police.state"), encoding: .utf8) == before)
    }

    @Test func recordingRefusesReplayedRemovedAndUnknownCosignaturesAndWritesNothing() throws {
        try witnessedLedger()
        #expect(try cosign("police", "cp1", output: "police.cp1").status == 0)
        #expect(try cli("partner", "add", "nhs", "--name", "NHS", "--actor", "coord").status == 0)
        try sign("cp2")
        let cp2 = try String(contentsOfFile: file("cp2"), encoding: .utf8)
        let line = try String(contentsOfFile: file("police.cp1"), encoding: .utf8).split(separator: "\n").last!
        // Police's cosignature of cp1, put under cp2.
        try (cp2 + line + "\n").write(toFile: file("replayed"), atomically: true, encoding: .utf8)
        // A stranger's key, named like police's witness.
        let stranger = try cli(
            "witness", "key", "generate", "--output", file("stranger.key"), "--partner", "police", withDB: false)
        #expect(stranger.status == 0)
        let strangerState = try cli.run(
            [
                "witness", "cosign", file("cp2"), "--key", file("stranger.key"), "--state", file("stranger.state"), "--output",
                file("stranger.cp2"),
            ],
            withDB: false)
        #expect(strangerState.status == 0)
        let before = try head()
        for (name, expected) in [("replayed", "not a valid cosignature"), ("stranger.cp2", "not by a registered witness")] {
            let refused = try cli("checkpoint", "--cosignature", file(name), "--actor", "coord")
            #expect(refused.status == 1, "\(name): \(refused)")
            #expect(refused.stderr.contains(expected), "\(name): \(refused)")
        }
        // A removed witness's later cosignature.
        try prove("police.state", "cp2", into: "p12")
        #expect(try cosign("police", "cp2", proof: "p12", output: "police.cp2").status == 0)
        #expect(try cli("witness", "remove", file("police.key.pub"), "--reason", "laptop lost", "--actor", "coord").status == 0)
        let removed = try cli("checkpoint", "--cosignature", file("police.cp2"), "--actor", "coord")
        #expect(removed.status == 1 && removed.stderr.contains("removed"), "\(removed)")
        #expect(try head().position == before.position + 1, "only the removal was recorded")
        let both = try cli("checkpoint", "--key", file("ledger.key"), "--cosignature", file("police.cp2"), "--actor", "coord")
        #expect(both.status == 64, "\(both)")
    }

    /// The forger's script (arguments: the ledger, Tools/): points the first recorded
    /// cosignature at another checkpoint, chains every hash anew and puts the file's
    /// protection back.
    static let forger = Forgery.script(
        edit: """
            ids = [r[0] for r in db.execute("SELECT event_id FROM events WHERE type = 'CheckpointSigned' ORDER BY position")]
            row = db.execute("SELECT position, payload FROM events WHERE type = 'CheckpointCosigned' ORDER BY position").fetchone()
            payload = json.loads(row[1]); payload["checkpoint"] = ids[0]
            db.execute("UPDATE events SET payload = ? WHERE position = ?", (v.canonical(payload), row[0]))
            """)

    @Test func aCosignatureMovedToAnotherCheckpointInTheFileFailsBothVerifiers() throws {
        try witnessedLedger()
        #expect(try cli("partner", "add", "nhs", "--name", "NHS", "--actor", "coord").status == 0)
        try sign("cp2")
        #expect(try cosign("police", "cp2", output: "police.cp2").status == 0)
        #expect(try cli("checkpoint", "--cosignature", file("police.cp2"), "--actor", "coord").status == 0)
        let forged = try run(which("python3")!, ["-c", Self.forger, cli.db, packageRoot + "/Tools"])
        #expect(forged.status == 0, "\(forged)")
        #expect(try cli("rebuild").status == 0)
        let swift = try cli("verify")
        #expect(swift.status == 65, "\(swift)")
        #expect(swift.stderr.contains("not a valid cosignature"), "\(swift)")
        let python = try run(which("python3")!, [packageRoot + "/Tools/verify_ledger.py", cli.db])
        #expect(python.status == 65, "\(python)")
        #expect(python.stderr.contains("does not verify for the checkpoint it names"), "\(python)")
    }
}
