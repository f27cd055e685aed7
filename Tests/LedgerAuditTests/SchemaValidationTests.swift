import CanonicalJSON
import Foundation
import LedgerAudit
import LedgerCore
import LedgerTestSupport
import Testing

/// Checks what the ledger writes and prints against Schemas/ with an independent
/// validator: Python's `jsonschema`, which .ci/run installs.
@Suite(.enabled(if: pythonWithJSONSchema, "needs python3 with the jsonschema package; .ci/run installs it"))
struct SchemaValidationTests {
    func check(_ kind: String, _ value: JSONValue) throws -> ProcessResult {
        let directory = TemporaryDirectory()
        let file = directory.file("\(kind).json")
        try Data(value.pretty.utf8).write(to: URL(fileURLWithPath: file))
        return try run(which("python3")!, [packageRoot + "/Tools/check_schemas.py", kind, file])
    }

    @Test func everyDemoEventMatchesItsSchemas() throws {
        let result = try check("events", EventView.json(try demoLedger.entries()))
        #expect(result.status == 0, "\(result)")
        #expect(
            result.stdout.contains("\(Event.typeNames.count - 7) event types"),
            "all but RulesAdopted, ClockBehindAccepted, TokenIssued, TokenRevoked, LedgerKeyRevoked, WitnessRemoved and WitnessThresholdSet, which the demo does not record"
        )
    }

    @Test func stateOutputMatchesItsSchemaAtSeveralPoints() throws {
        for asOf in ["2021-01-01T00:00:00Z", "2022-04-05T23:00:00Z", "2023-03-31T22:59:59.999Z", "2030-01-01T00:00:00Z"] {
            let instant = try Instant(iso8601: asOf)
            let view = StateView(state: try demoLedger.state(asOf: instant), asOf: instant, effective: nil)
            let result = try check("state", view.json)
            #expect(result.status == 0, "\(asOf): \(result)")
        }
    }

    @Test func theSchemaRefusesWhatItShould() throws {
        // A validator that accepts anything proves nothing: break one field and expect a refusal.
        let view = StateView(state: try demoLedger.state(), asOf: try Instant(iso8601: "2024-04-01T00:00:00Z"), effective: nil)
        guard case .object(var root) = view.json else { return }
        root["position"] = .string("seven")
        #expect(try check("state", .object(root)).status != 0)
    }
}

let pythonWithJSONSchema: Bool = {
    guard let python = which("python3") else { return false }
    return (try? run(python, ["-c", "import jsonschema"]).status) == 0
}()
