import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The README's command reference runs as written: every shell example of the section,
/// in order, on a new practice ledger, with the practice steps the section itself
/// gives (read from its text, so that the test and the README cannot drift apart).
@Suite struct ReadmeExamplesTests {
    let directory = TemporaryDirectory()

    /// The README's section under `## title`, up to the next section.
    static func section(_ title: String) throws -> String {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "\n## \(title)\n"), "the README has a section '\(title)'")
        let rest = readme[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The text of each ```sh block of `text` that is not indented (an indented one
    /// belongs to a list item, which explains rather than runs), in order.
    static func shellBlocks(_ text: String) -> [String] {
        text.components(separatedBy: "\n```sh\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }

    /// The first capture of `pattern` in `text`, its lines joined by single spaces as a
    /// reader sees them.
    static func capture(_ pattern: String, in text: String) throws -> String {
        let prose = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let match = try #require(prose.firstMatch(of: try Regex(pattern)), "the README says '\(pattern)'")
        return try #require(match.output[1].substring.map(String.init))
    }

    /// Runs `blocks` in order in a fresh folder that has the checkout's `Examples` and
    /// `Tools` (the examples name them by relative paths), with the built binaries on
    /// `PATH`, stopping at the first command that fails; expects none to fail.
    func runInCheckout(_ blocks: [String]) throws -> ProcessResult {
        for folder in ["Examples", "Tools"] {
            try FileManager.default.createSymbolicLink(atPath: directory.file(folder), withDestinationPath: packageRoot + "/" + folder)
        }
        let binaries = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        let script = (["set -e -o pipefail", "cd '\(directory.path)'"] + blocks).joined(separator: "\n")
        let result = try run("/bin/bash", ["-c", script], environment: ["PATH": binaries + ":/usr/local/bin:/usr/bin:/bin"])
        #expect(result.status == 0, "\(result)")
        #expect(!result.stderr.contains("Error"), "\(result.stderr)")
        return result
    }

    @Test func theCommandReferenceRunsAsWrittenOnAPracticeLedger() throws {
        let section = try Self.section("Command reference")
        var blocks = Self.shellBlocks(section)
        try #require(blocks.count >= 2, "a practice preamble and the reference")
        // The practice steps, as the prose around the blocks words them.
        #expect(try Self.capture("add `(--test-clock)` to the `init` below", in: section) == "--test-clock")
        let marker = try Self.capture(#"before `(# [^`]+)` move the clock on"#, in: section)
        let moveClock = try Self.capture(#"move the clock on a year with `(export CSP_LEDGER_NOW=[^`]+)`"#, in: section)
        let reference = blocks.removeLast()
        #expect(reference.contains("\ncsp-ledger init") || reference.contains("csp-ledger init"))
        #expect(!reference.contains("--test-clock"), "the reference itself keeps a production init")
        #expect(reference.contains("\n\(marker)\n"))
        let practised =
            reference
            .replacingOccurrences(of: "csp-ledger init ", with: "csp-ledger init --test-clock ")
            .replacingOccurrences(of: "\n\(marker)\n", with: "\n\(moveClock)\n\(marker)\n")
        let result = try runInCheckout(blocks + [practised])

        // What the examples say they did, they did.
        let ledger = try Ledger.open(at: directory.file("practice.sqlite"), access: .readOnly)
        let state = try ledger.state()
        let soc6 = try #require(state.actions[try ActionID("SOC-6")])
        #expect(soc6.version == 6, "created, assigned, two reports, a review and an amendment")
        #expect(soc6.due?.description == "2023-06-30")
        #expect(soc6.status == .onTrack && soc6.percent == 40, "the late report took effect before the on-track one")
        #expect(state.tokens.values.allSatisfy { $0.ended?.byDeactivation == true }, "deactivating d.okafor ended both tokens")
        #expect(state.tokens.count == 2)
        #expect(state.partnership?.testClock == true)
        #expect(try ledger.verify().isSound)
        #expect(result.stdout.contains("ok: \(try ledger.digest().position) events"))
    }

    @Test(.enabled(if: which("python3") != nil || runsInCI, "needs python3; .ci/run installs it"))
    func theAuditorsExamplesRunAsWrittenOnTheDemosLedger() throws {
        let section = try Self.section("For auditors")
        let setUp = try Self.capture(#"made from a checkout with `(csp-ledger demo --db [^`]+)`"#, in: section)
        let name = try Self.capture(#"named for every command by `(export CSP_LEDGER_DB=[^`]+)`"#, in: section)
        let blocks = Self.shellBlocks(section)
        try #require(!blocks.isEmpty)
        let result = try runInCheckout(["\(setUp) > /dev/null", name] + blocks)
        #expect(result.stdout.contains("the log up to position 765 matches"), "\(result.stdout.suffix(2000))")
        #expect(FileManager.default.fileExists(atPath: directory.file("governance.html")))
        #expect(FileManager.default.fileExists(atPath: directory.file("plan.html")))
    }
}
