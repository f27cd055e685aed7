import ArgumentParser
import Testing

@testable import csp_ledger

/// The first level of CLI tests: what the parser makes of the arguments, without
/// running anything.
@Suite struct ArgumentParsingTests {
    @Test func repeatedSupportOptionsAreAllKept() throws {
        let command = try CSPLedger.parseAsRoot([
            "action", "assign", "A-1", "--lead", "police", "--support", "fire", "--support", "council",
        ])
        let assign = try #require(command as? ActionCommand.Assign)
        #expect(assign.support == ["fire", "council"])
        #expect(assign.owner == nil)
    }

    @Test func writeOptionsAreSharedByEveryWriteCommand() throws {
        let command = try CSPLedger.parseAsRoot([
            "action", "progress", "A-1", "--status", "at-risk", "--actor", "pat", "--effective", "2023-05-01", "--expect-version", "4",
            "--db", "x.sqlite",
        ])
        let progress = try #require(command as? ActionCommand.Progress)
        #expect(progress.status == .atRisk)
        #expect(progress.write.stream.write.actor == "pat")
        #expect(progress.write.effective == "2023-05-01")
        #expect(progress.write.stream.expectVersion == 4)
        #expect(progress.write.stream.write.database.path == "x.sqlite")
    }

    @Test func readCommandsDefaultToTheTableFormat() throws {
        let state = try #require(try CSPLedger.parseAsRoot(["state"]) as? StateCommand)
        #expect(state.output.format == .table)
        let log = try #require(try CSPLedger.parseAsRoot(["log", "--format", "json", "--by", "pat"]) as? LogCommand)
        #expect(log.output.format == .json)
        #expect(log.by == "pat")
    }

    @Test func choicesOutsideTheListAreRejectedByTheParser() {
        #expect(throws: (any Error).self) { try CSPLedger.parseAsRoot(["action", "progress", "A-1", "--status", "sideways"]) }
        #expect(throws: (any Error).self) { try CSPLedger.parseAsRoot(["state", "--format", "xml"]) }
        #expect(CSPLedger.exitCode(for: ValidationError("x")) == .validationFailure)
    }

    @Test func demoHasItsOwnDefaultFile() throws {
        let demo = try #require(try CSPLedger.parseAsRoot(["demo"]) as? DemoCommand)
        #expect(demo.db == "csp-ledger-demo.sqlite")
        #expect(!demo.force)
    }
}
