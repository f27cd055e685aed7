import Foundation
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// Events keep the schema version they were written with; readers upcast. A ledger
/// written when `ActionProgressed` was at version 1 keeps replaying and verifying.
@Suite struct SchemaEvolutionTests {
    let directory = TemporaryDirectory()

    /// A copy of the checked-in fixture, so opening it never changes the original.
    func fixture() throws -> String {
        let copy = directory.file("v1.sqlite")
        try FileManager.default.copyItem(atPath: packageRoot + "/Tests/LedgerStoreTests/Fixtures/v1-ledger.sqlite", toPath: copy)
        return copy
    }

    @Test func aVersionOneReportIsReadAsVersionTwoWithNoEvidence() throws {
        let payload = Data(#"{"action":"A-1","note":"n","percent":20,"status":"on-track"}"#.utf8)
        let event = try Event(type: "ActionProgressed", schemaVersion: 1, payload: payload)
        #expect(event == .actionProgressed(.init(action: try ActionID("A-1"), status: .onTrack, note: "n", percent: 20, evidence: [])))
        #expect(event.schemaVersion == 2)
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionProgressed", schemaVersion: 2, payload: payload) }
        #expect(throws: EventDecodingError.self) { try Event(type: "ActionProgressed", schemaVersion: 3, payload: payload) }
    }

    @Test func theVersionOneFixtureReplaysAndVerifies() throws {
        let ledger = try Ledger.open(at: fixture(), access: .readOnly)
        let report = try ledger.verify()
        #expect(report.isSound, "\(String(describing: report.problem))")
        #expect(report.digest.text == "12:2b053968672372e9d28af7e0570121bb81e470d46a442cf0f4c0bb26735bd90e")
        let progress = try ledger.entries(LogFilter(type: "ActionProgressed"))
        #expect(progress.map(\.schemaVersion) == [1, 1], "stored as written")
        #expect(!progress[0].payload.contains("evidence"))
        guard case .actionProgressed(let first) = progress[0].recorded.event else { Issue.record("not a report"); return }
        #expect(first.evidence == [])
        #expect(first.note == "First report, schema v1")
        let state = try ledger.state()
        #expect(state.actions[try ActionID("A-1")]?.status == .atRisk, "the back-dated report took effect after the first")
        #expect(state.actions[try ActionID("A-1")]?.percent == 35)
    }

    @Test func newReportsAreWrittenAtVersionTwoBesideTheOldOnes() throws {
        let path = try fixture()
        #expect {
            try Ledger.open(at: path, access: .readWrite, clock: .constant(try Instant(iso8601: "2022-07-01T09:00:00Z")))
        } throws: { ($0 as? StoreError)?.code == .setClock }
        let ledger = try Ledger.open(at: path, access: .readWrite)
        let written = try ledger.execute(
            .reportProgress(
                try ActionID("A-1"), status: .atRisk, note: "with evidence", percent: 40,
                evidence: ["Minutes of 30 June 2022, item 4", "https://example.org/report.pdf"]),
            by: try ActorID("pat"))
        #expect(written.map(\.type) == ["RulesAdopted", "ActionProgressed"], "the first write of this release adopts its rules")
        #expect(written[0].recorded.event == .rulesAdopted(RulesAdopted(version: 2)))
        let entries = Array(written.dropFirst())
        #expect(entries[0].schemaVersion == 2)
        #expect(entries[0].payload.contains(#""evidence":["Minutes of 30 June 2022, item 4","https://example.org/report.pdf"]"#))
        let report = try ledger.verify()
        #expect(report.isSound, "\(String(describing: report.problem))")
        #expect(try ledger.entries(LogFilter(type: "ActionProgressed")).map(\.schemaVersion) == [1, 1, 2])
    }
}
