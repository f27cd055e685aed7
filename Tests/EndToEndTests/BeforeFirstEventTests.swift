import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// A time asked about before the ledger's first event: one line on stderr saying so.
/// `state`, `report plan` and `export` exit 0 (nothing recorded is an answer), printing
/// nothing else in the formats for people and the empty answer in those for programs;
/// `history` and `replay`, which need something that existed, refuse (exit 1).
@Suite struct BeforeFirstEventTests {
    let directory = TemporaryDirectory()
    /// `initialiseStandard` records everything at 2023-04-03T09:00:00Z, 10:00 in London.
    let note = "Note: nothing was recorded by 2023-04-01; the ledger's first event was recorded at 2023-04-03 10:00 +01:00\n"

    func ledger() throws -> CLI {
        let cli = CLI(db: directory.file("ledger.sqlite"))
        try cli.initialiseStandard()
        return cli
    }

    @Test func stateSaysSoInsteadOfPrintingEmptyTables() throws {
        let cli = try ledger()
        for format in ["table", "markdown"] {
            let result = try cli("state", "--as-of", "2023-04-01", "--format", format)
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.isEmpty, "\(format): \(result.stdout)")
            #expect(result.stderr == note)
        }
        let effective = try cli("state", "--effective", "2023-04-01")
        #expect(effective.status == 0 && effective.stdout.isEmpty, "\(effective)")
        #expect(
            effective.stderr
                == "Note: nothing had taken effect by 2023-04-01; the ledger's first event was recorded at 2023-04-03 10:00 +01:00\n")
        let instant = try cli("state", "--as-of", "2023-04-03T08:59:59.999Z")
        #expect(instant.stdout.isEmpty && instant.stderr.contains("nothing was recorded by 2023-04-03T08:59:59.999Z;"), "\(instant)")
    }

    @Test func scriptsStillGetTheEmptyPlanAtPositionZero() throws {
        let cli = try ledger()
        let json = try cli("state", "--as-of", "2023-04-01", "--format", "json")
        #expect(json.status == 0, "\(json)")
        #expect(json.stderr == note)
        guard case .object(let state) = try JSONValue.parse(json.stdout) else {
            Issue.record("not an object: \(json.stdout)")
            return
        }
        #expect(state["position"] == .int(0))
        #expect(state["actions"] == .array([]) && state["partners"] == .array([]))
        let csv = try cli("state", "--as-of", "2023-04-01", "--format", "csv")
        #expect(csv.status == 0 && csv.stderr == note, "\(csv)")
        #expect(csv.stdout.split(whereSeparator: \.isNewline).count == 1, "the header alone")
    }

    @Test func fromTheFirstEventOnNothingIsSaid() throws {
        let cli = try ledger()
        for asOf in ["2023-04-03", "2023-04-03T09:00:00Z"] {
            let result = try cli("state", "--as-of", asOf)
            #expect(result.status == 0 && result.stderr.isEmpty, "\(result)")
            #expect(result.stdout.contains("Test Police"))
        }
        #expect(try cli("state", "--effective", "2023-04-03").stderr.isEmpty)
    }

    @Test func thePlanReportSaysSoAndPrintsOnlyForPrograms() throws {
        let cli = try ledger()
        for format in ["markdown", "html"] {
            let result = try cli("report", "plan", "--as-of", "2023-04-01", "--format", format)
            #expect(result.status == 0 && result.stdout.isEmpty && result.stderr == note, "\(format): \(result)")
        }
        let json = try cli("report", "plan", "--as-of", "2023-04-01", "--format", "json")
        #expect(json.status == 0 && json.stderr == note, "\(json)")
        #expect(try JSONValue.parse(json.stdout) != .null)
    }

    @Test func anExportSaysSoAndWritesNoLines() throws {
        let cli = try ledger()
        let result = try cli("export", "--as-of", "2023-04-01")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == note)
    }

    @Test func historyAndReplayRefuseNamingTheFirstEvent() throws {
        let cli = try ledger()
        let before = try cli.fingerprint()
        let history = try cli("history", "A-1", "--as-of", "2023-04-01")
        #expect(history.status == 1, "\(history)")
        #expect(
            history.stderr
                == "Error: action 'A-1' has no events: nothing was recorded by 2023-04-01; the ledger's first event was recorded at 2023-04-03 10:00 +01:00\n"
        )
        let output = directory.file("copy.sqlite")
        let replay = try cli("replay", "--as-of", "2023-04-01", "--output", output)
        #expect(replay.status == 1, "\(replay)")
        #expect(
            replay.stderr
                == "Error: nothing was recorded by 2023-04-01; the ledger's first event was recorded at 2023-04-03 10:00 +01:00; there is nothing to replay\n"
        )
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try cli.fingerprint() == before)
    }
}
