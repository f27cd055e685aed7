import Foundation
import LedgerTestSupport
import Testing

/// The README's "Proving an answer": the auditor's three commands, run exactly as
/// written, on the demo.
@Suite(.enabled(if: which("python3") != nil && which("bash") != nil, "needs bash and python3 with cryptography; .ci/run installs them"))
struct ProvingAnAnswerTests {
    /// The first `sh` block under the README's heading.
    static func commands() throws -> String {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Proving an answer\n").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "\n```").first)
        return block
    }

    @Test func theAuditorsThreeCommandsRunAsWrittenAndProveTheAnswer() throws {
        let directory = TemporaryDirectory()
        let commands = try Self.commands()
        #expect(commands.split(separator: "\n").count == 3)
        try FileManager.default.createSymbolicLink(atPath: directory.file("Tools"), withDestinationPath: packageRoot + "/Tools")
        let binaries = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().path
        let path = binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try run(
            which("bash")!, ["-c", "set -euo pipefail; cd \"$0\"; " + commands, directory.path],
            environment: ["PATH": path])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("\nok: the plan as of 2023-03-31T22:59:59.999Z"), "\(result)")
        #expect(result.stdout.contains("witnessed by 2: kent-police"), "\(result)")
        let papers = try String(contentsOfFile: directory.file("papers.checkpoint"), encoding: .utf8)
        #expect(papers.hasPrefix("csp-ledger/canterbury-community-safety-partnership/"), "\(papers)")
    }
}
