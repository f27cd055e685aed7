import Foundation
import LedgerTestSupport
import Testing

/// `csp-ledger-bench` still runs end to end and reports every figure. Its figures are
/// never asserted: the machine is shared and a debug build is not what it measures.
@Suite struct BenchmarkToolTests {
    @Test func theBenchmarkRunsAtASmallSizeAndWritesEveryFigure() throws {
        let bench = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("csp-ledger-bench").path
        let directory = TemporaryDirectory()
        let json = directory.file("bench.json")
        let result = try run(
            bench,
            [
                "--events", "1000", "--runs", "1", "--queries", "2", "--cli-queries", "1", "--appends", "3", "--json", json, "--work",
                directory.file("work"),
            ])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("| measure | value |"))
        // Figures have fractions, which the ledger's own strict reader refuses by design.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any]
        let figures = report?["figures"] as? [[String: Any]] ?? []
        let names = figures.compactMap { $0["name"] as? String }
        #expect(figures.allSatisfy { ($0["value"] as? Double ?? -1) >= 0 }, "\(figures)")
        for expected in [
            "bulk import, Ledger.importExport", "plain SQLite insert, same rows, one transaction", "storage, ledger file",
            "full rebuild (projection and snapshots)", "verify (chain, snapshots, projection)", "verify --quick (chain and tree)",
            "verify --quick, one csp-ledger process",
            "peak RSS, verify --quick process", "state --as-of, library",
            "state --as-of, one csp-ledger process", "history of one action, library", "log of one partner over a quarter, library",
            "one-event durable append, library", "plain SQLite durable commit of one row", "one-event append, one csp-ledger process",
            "peak RSS, import process", "inclusion proof: produce (stored tree)", "inclusion proof: verify", "inclusion proof: size",
            "consistency proof: produce (stored tree)", "consistency proof: verify", "consistency proof: size",
        ] {
            #expect(names.contains(expected), "\(expected) is missing from \(names)")
        }
        let refused = try run(bench, ["--events", "10"])
        #expect(refused.status != 0 && refused.stderr.contains("--events must be at least 1000"), "\(refused)")
    }
}
