import Foundation
import LedgerTestSupport
import Testing

/// YAML anchors and aliases can make a few hundred bytes expand without limit; plan
/// files refuse them before the parser expands anything, within a bound of time and
/// memory, and the ledger is unchanged.
@Suite(.enabled(if: which("python3") != nil, "needs python3 to measure the child process; .ci/run installs it"))
struct PlanFileBombTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    /// Nine levels of nine aliases: 9^9 strings once expanded.
    static let levels = (1...8).map { level -> String in
        let name = "l\(level)", below = "l\(level - 1)"
        return "\(name): &\(name) [" + Array(repeating: "*\(below)", count: 9).joined(separator: ",") + "]"
    }
    static let aliasBomb = (["l0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"] + levels).joined(
        separator: "\n")
    /// The same, used as a mapping key, which the parser hashes before returning.
    static let keyBomb = aliasBomb + "\n? *l8\n: value\n"

    /// Runs `plan import` under a Python parent that reports the child's CPU seconds and
    /// peak resident memory (its own `RUSAGE_CHILDREN` holds only this child), and kills
    /// it after 20 seconds.
    func measuredImport(_ file: String) throws -> (status: Int32, stderr: String, seconds: Double, megabytes: Double) {
        let script = """
            import json, resource, subprocess, sys
            p = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=20)
            u = resource.getrusage(resource.RUSAGE_CHILDREN)
            print(json.dumps({"status": p.returncode, "stderr": p.stderr, "seconds": u.ru_utime + u.ru_stime, "kb": u.ru_maxrss}))
            """
        let result = try run(
            which("python3")!, ["-c", script, CLI.binary, "plan", "import", file, "--actor", "coord", "--db", cli.db],
            environment: ["CSP_LEDGER_NOW": cli.now])
        let fields = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        return (
            Int32(fields["status"] as! Int), fields["stderr"] as! String, fields["seconds"] as! Double,
            Double(fields["kb"] as! Int) / 1024
        )
    }

    @Test(arguments: ["alias", "key", "tag"])
    func aYAMLBombIsRefusedQuicklyInLittleMemory(_ kind: String) throws {
        try cli.initialiseStandard()
        let before = try cli.fingerprint()
        let file = directory.file("\(kind).yaml")
        let bomb = ["alias": Self.aliasBomb, "key": Self.keyBomb, "tag": Self.aliasBomb.replacingOccurrences(of: ": &", with: ": !!seq &")]
        try Data(bomb[kind]!.utf8).write(to: URL(fileURLWithPath: file))
        let measured = try measuredImport(file)
        #expect(measured.status == 1, "\(measured)")
        #expect(measured.stderr.contains("line 1: '&l0' reads as a YAML anchor or alias"), "\(measured.stderr)")
        #expect(measured.seconds < 1, "\(measured.seconds) s of CPU")
        #expect(measured.megabytes < 64, "\(measured.megabytes) MB at peak")
        #expect(try cli.fingerprint() == before)
    }
}
