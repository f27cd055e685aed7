import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// `csp-ledger evidence` and `Tools/verify_evidence.py`: a pack checks offline, with the
/// state reproduced byte for byte, and any change to it (an event, the state, a proof
/// hash, a signature, an event left out) fails with a message saying what.
@Suite(.enabled(if: which("python3") != nil, "needs python3 with cryptography; .ci/run installs them"))
struct EvidencePackTests {
    let directory = TemporaryDirectory()
    /// The ledger's clock at step `seconds` of a five-minute story: `300 - seconds` before
    /// the real time it is read at, so later steps record later, and the witnesses' real
    /// clock falls within the life of a checkpoint however slowly the machine runs (a
    /// time fixed when the test began lets a starved run drift past the allowance).
    func at(_ seconds: Int64) -> CLI { CLI(db: directory.file("ledger.sqlite"), now: instant(seconds)) }
    func instant(_ seconds: Int64) -> String {
        Instant(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000) - (300 - seconds) * 1000).iso8601
    }
    func file(_ name: String) -> String { directory.file(name) }

    /// The standard ledger, a key and two witnesses, a progress report after that, and a
    /// checkpoint both witnesses cosigned.
    /// - Returns: a time after the witnesses were registered and before the progress.
    func witnessedLedger() throws -> String {
        try at(0).initialiseStandard()
        let cli = at(10)
        #expect(try cli("key", "generate", "--output", file("ledger.key")).status == 0)
        #expect(try cli("key", "register", file("ledger.key.pub"), "--actor", "coord").status == 0)
        for partner in ["police", "fire"] {
            #expect(try cli("witness", "key", "generate", "--output", file(partner), "--partner", partner, withDB: false).status == 0)
            #expect(try cli("witness", "register", file(partner + ".pub"), "--partner", partner, "--actor", "coord").status == 0)
        }
        let registered = instant(30)
        let progress = try at(60)("action", "progress", "A-1", "--status", "at-risk", "--percent", "20", "--actor", "police.lead")
        #expect(progress.status == 0, "\(progress)")
        #expect(try at(120)("checkpoint", "--key", file("ledger.key"), "--actor", "coord", "--output", file("cp")).status == 0)
        for partner in ["police", "fire"] {
            let cosigned = try at(120).run(
                [
                    "witness", "cosign", file("cp"), "--key", file(partner), "--state", file(partner + ".state"), "--output",
                    file(partner + ".cp"),
                ],
                withDB: false)
            #expect(cosigned.status == 0, "\(cosigned)")
        }
        let recorded = try at(180)("checkpoint", "--cosignature", file("police.cp"), file("fire.cp"), "--actor", "coord")
        #expect(recorded.status == 0, "\(recorded)")
        return registered
    }

    func verify(_ pack: String, _ extra: [String] = []) throws -> ProcessResult {
        try run(which("python3")!, [packageRoot + "/Tools/verify_evidence.py", pack] + extra)
    }

    /// The pack as a dictionary, changed by `change`, written to `name`.
    func changed(_ name: String, _ change: (inout [String: Any]) throws -> Void) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: file("pack.json")))
        var pack = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        try change(&pack)
        try JSONSerialization.data(withJSONObject: pack).write(to: URL(fileURLWithPath: file(name)))
        return file(name)
    }

    @Test func aPackChecksOfflineAndReproducesTheStateByteForByte() throws {
        let asOf = try witnessedLedger()
        let written = try at(200)("evidence", "--as-of", asOf, "--output", file("pack.json"))
        #expect(written.status == 0, "\(written)")
        let result = try verify(file("pack.json"), ["--checkpoint", file("cp")])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("witnessed by 2: police"), "\(result)")
        #expect(result.stdout.contains("none was left out"), "\(result)")
        let data = try Data(contentsOf: URL(fileURLWithPath: file("pack.json")))
        let pack = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let state = try at(200)("state", "--as-of", asOf, "--format", "json")
        let packed = try JSONSerialization.data(withJSONObject: try #require(pack["state"]), options: [.sortedKeys])
        let answered = try JSONSerialization.data(
            withJSONObject: try JSONSerialization.jsonObject(with: Data(state.stdout.utf8)), options: [.sortedKeys])
        #expect(packed == answered, "the pack holds the state the ledger answers")
        #expect((pack["events"] as? [String])?.count == (pack["position"] as? Int))
        if which("python3").map({ try? run($0, ["-c", "import jsonschema, referencing"]) })??.status == 0 {
            let valid = try run(which("python3")!, [packageRoot + "/Tools/check_schemas.py", "evidence", file("pack.json")])
            #expect(valid.status == 0, "\(valid)")
        }
        // No witnessed checkpoint covers the events after it: refused, nothing written.
        let late = try at(200)("evidence", "--as-of", instant(190), "--output", file("late.json"))
        #expect(late.status == 1 && late.stderr.contains("no witnessed checkpoint covers"), "\(late)")
        #expect(!FileManager.default.fileExists(atPath: file("late.json")))
    }

    @Test func everyChangeToThePackFailsSayingWhat() throws {
        let asOf = try witnessedLedger()
        #expect(try at(200)("evidence", "--as-of", asOf, "--output", file("pack.json")).status == 0)
        let attacks: [(String, String, (inout [String: Any]) throws -> Void)] = [
            (
                "event", "hash does not match the event",
                { pack in
                    var events = pack["events"] as! [String]
                    events[4] = events[4].replacingOccurrences(of: "Test Fire", with: "Test Firf")
                    pack["events"] = events
                }
            ),
            (
                "state", "state: differs from the replay",
                { pack in
                    var state = pack["state"] as! [String: Any]
                    var partners = state["partners"] as! [[String: Any]]
                    partners[0]["name"] = "Someone Else"
                    state["partners"] = partners
                    pack["state"] = state
                }
            ),
            (
                "proof hash", "the consistency proof does not show",
                { pack in
                    var proof = pack["consistency"] as! [String]
                    proof[0] = Data(repeating: 7, count: 32).base64EncodedString()
                    pack["consistency"] = proof
                }
            ),
            (
                "next event's proof", "is not in the checkpoint's tree",
                { pack in
                    var next = pack["next"] as! [String: Any]
                    var proof = next["inclusion"] as! [String]
                    proof[0] = Data(repeating: 7, count: 32).base64EncodedString()
                    next["inclusion"] = proof
                    pack["next"] = next
                }
            ),
            ("ledger signature", "the ledger's signature", { pack in flipSignature(by: "csp-ledger/test-csp", in: &pack) }),
            (
                "cosignature", "the cosignature by csp-ledger/witness/police does not verify",
                { pack in flipSignature(by: "csp-ledger/witness/police", in: &pack) }
            ),
            (
                "last event left out", "an event was left out",
                { pack in
                    pack["events"] = Array((pack["events"] as! [String]).dropLast())
                    pack["position"] = (pack["position"] as! Int) - 1
                    var state = pack["state"] as! [String: Any]
                    state["position"] = pack["position"]
                    pack["state"] = state
                }
            ),
            (
                "middle event left out", "expected position",
                { pack in
                    var events = pack["events"] as! [String]
                    events.remove(at: 5)
                    pack["events"] = events
                }
            ),
            (
                "next event left out", "events recorded by then may have been left out",
                { pack in pack["next"] = NSNull() }
            ),
        ]
        for (name, expected, change) in attacks {
            let result = try verify(try changed(name.replacingOccurrences(of: " ", with: "-") + ".json", change))
            #expect(result.status == 65, "\(name): \(result)")
            #expect(result.stderr.hasPrefix("FAIL: ") && result.stderr.contains(expected), "\(name): \(result.stderr)")
        }
        // A checkpoint from the papers that is not the pack's.
        var lines = try String(contentsOfFile: file("cp"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        lines[1] = Substring(String(Int(lines[1])! - 1))
        try lines.joined(separator: "\n").write(toFile: file("other-cp"), atomically: true, encoding: .utf8)
        let mismatch = try verify(file("pack.json"), ["--checkpoint", file("other-cp")])
        #expect(mismatch.status == 65 && mismatch.stderr.contains("not the one given with --checkpoint"), "\(mismatch)")
    }
}

/// Changes one base64 character of the signature by the key named `name` on the pack's
/// checkpoint.
private func flipSignature(by name: String, in pack: inout [String: Any]) {
    var lines = (pack["checkpoint"] as! String).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = lines.firstIndex { $0.hasPrefix("\u{2014} \(name)") }!
    var characters = Array(lines[index])
    characters[characters.count - 10] = characters[characters.count - 10] == "A" ? "B" : "A"
    lines[index] = String(characters)
    pack["checkpoint"] = lines.joined(separator: "\n")
}
