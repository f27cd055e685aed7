import Foundation
import LedgerTestSupport
import Testing

/// The fuzzing corpus (seeds, and every input that ever crashed a parser) replayed
/// through the harness on every test run: a crash found once stays fixed.
@Suite struct FuzzCorpusTests {
    static var harness: String {
        URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("csp-ledger-fuzz").path
    }

    @Test(arguments: ["plan", "event", "export"])
    func theCorpusReplaysWithoutACrash(_ target: String) throws {
        let corpus = packageRoot + "/Tools/fuzz-corpus/" + target
        let inputs = try FileManager.default.contentsOfDirectory(atPath: corpus).count
        #expect(inputs > 0)
        let result = try run(Self.harness, [target, corpus])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "\(target): \(inputs) inputs replayed, no crash\n")
    }
}
