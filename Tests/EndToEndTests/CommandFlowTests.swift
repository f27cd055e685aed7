import CanonicalJSON
import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

/// Every command, run through the built binary on a temporary file, as a new user would.
@Suite struct CommandFlowTests {
    let directory = TemporaryDirectory()
    var cli: CLI { CLI(db: directory.file("ledger.sqlite")) }

    @Test func aCoordinatorRecordsThePlanAndAnAuditorReadsItBack() throws {
        try cli.initialiseStandard()
        var later = cli
        later.now = "2023-05-10T10:00:00+01:00"
        var result = try later(
            "action", "progress", "A-1", "--status", "at-risk", "--percent", "30", "--note", "O'Brien: venue\nlost", "--actor",
            "police.helper")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "recorded ActionProgressed on action-A-1 at position 16 (version 3)\n")
        #expect(result.stderr.isEmpty)

        later.now = "2023-06-30T16:00:00+01:00"
        result = try later("action", "review", "A-1", "--outcome", "continue", "--next-review", "2023-09-30", "--actor", "coord")
        #expect(result.status == 0, "\(result)")
        result = try later("action", "amend", "A-1", "--due", "2024-06-30", "--actor", "coord", "--effective", "2023-06-29")
        #expect(result.status == 0, "\(result)")
        result = try later(
            "action", "assign", "A-1", "--lead", "police", "--support", "fire", "--support", "council", "--actor", "coord",
            "--expect-version", "5")
        #expect(result.status == 0, "\(result)")
        result = try later("plan", "review", "P-1", "--note", "Mid-year check", "--actor", "coord")
        #expect(result.status == 0, "\(result)")
        result = try later("actor", "deactivate", "fire.lead", "--reason", "Moved on", "--actor", "coord")
        #expect(result.status == 0, "\(result)")

        // The plan now, for a script.
        guard case .object(let state) = try json(try later("state", "--format", "json")),
            case .array(let actions) = state["actions"], case .object(let a1) = actions[0]
        else { Issue.record("state JSON has no actions"); return }
        #expect(a1["status"] == .string("at-risk"))
        #expect(a1["rag"] == .string("amber"))
        #expect(a1["supporting"] == .array([.string("council"), .string("fire")]))
        #expect(a1["owner"] == .null)
        #expect(a1["due"] == .string("2024-06-30"))
        #expect(a1["version"] == .int(6))
        #expect(a1["lastProgressNote"] == .string("O'Brien: venue\nlost"))
        #expect(state["asOf"] == .string("2023-06-30T15:00:00.000Z"))

        // With an effective cut-off the position is still the last one recorded by the as-of point.
        guard case .object(let effective) = try json(try later("state", "--effective", "2023-05-01", "--format", "json")) else { return }
        #expect(effective["position"] == .int(21))
        #expect(effective["effective"] == .string("2023-05-01T22:59:59.999Z"))

        // As it stood at the end of 31 May 2023 (London), before the review.
        guard case .object(let may) = try json(try later("state", "--as-of", "2023-05-31", "--format", "json")),
            case .array(let mayActions) = may["actions"], case .object(let mayA1) = mayActions[0]
        else { Issue.record("no as-of state"); return }
        #expect(may["asOf"] == .string("2023-05-31T22:59:59.999Z"))
        #expect(may["position"] == .int(16))
        #expect(mayA1["version"] == .int(3))
        #expect(mayA1["due"] == .string("2024-03-31"))

        // History: every event of the action, with its effective time.
        guard case .array(let history) = try json(try later("history", "A-1", "--format", "json")) else { return }
        #expect(history.count == 6)
        guard case .object(let amended) = history[4] else { return }
        #expect(amended["type"] == .string("ActionAmended"))
        #expect(amended["effectiveAt"] == .string("2023-06-28T23:00:00.000Z"))
        #expect(amended["recordedAt"] == .string("2023-06-30T15:00:00.000Z"))
        #expect(
            Set(amended.keys) == [
                "position", "eventId", "type", "stream", "streamVersion", "recordedAt", "effectiveAt", "actor", "partner", "payload",
                "credential",
            ])
        #expect(amended["credential"] == .null, "a command-line write declares its actor")

        // Who changed what: filtered by actor, partner, type and time.
        guard case .array(let byHelper) = try json(try later("log", "--by", "police.helper", "--format", "json")) else { return }
        #expect(byHelper.count == 1)
        guard case .array(let police) = try json(try later("log", "--partner", "police", "--format", "json")) else { return }
        #expect(police.count == 1)
        guard
            case .array(let june) = try json(
                try later("log", "--from", "2023-06-01", "--to", "2023-06-30", "--type", "ActionReviewed", "--format", "json"))
        else { return }
        #expect(june.count == 1)

        let verify = try later("verify")
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stdout.hasPrefix("ok: 21 events"))
    }

    @Test func readFormatsAreParseable() throws {
        try cli.initialiseStandard()
        let csv = try cli("state", "--format", "csv")
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\r\n")
        #expect(
            lines.first
                == "id,priority,status,rag,lead,supporting,owner,due,version,title,percent,owner name,next review,closed,last progress,last progress note"
        )
        #expect(lines.count == 3)
        let markdown = try cli("state", "--format", "markdown")
        #expect(markdown.stdout.contains("## Actions"))
        #expect(
            markdown.stdout.contains("| A-1 | PR-1 | not-started | grey | police | council | police.lead | 2024-03-31 | 2 | Do the thing |")
        )
        let table = try cli("history", "A-1")
        #expect(table.stdout.contains("\n\nHistory of action A-1\nposition"), "after the as-of line: \(table.stdout)")
        let logCSV = try cli("log", "--format", "csv", "--type", "ActionAssigned")
        #expect(logCSV.stdout.split(separator: "\r\n").count == 2)
    }

    @Test func planImportIsAtomicAndIdempotent() throws {
        try cli.initialiseStandard()
        let file = directory.file("plan.yaml")
        try Data(
            """
            partners:
              - {id: nhs, name: NHS Kent and Medway, responsibleAuthority: true}
            actors:
              - {id: nhs.lead, name: Nia Lead, partner: nhs, role: lead}
            plan:
              id: P-2
              title: Health plan
              from: 2024-04-01
              to: 2025-03-31
              priorities:
                - id: H
                  title: Health
                  actions:
                    - {id: H-1, title: Hospital pathway, due: 2025-03-31, lead: nhs, support: [council], owner: nhs.lead}
            """.utf8
        ).write(to: URL(fileURLWithPath: file))
        var result = try cli("plan", "import", file, "--actor", "coord")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "recorded 6 events at positions 16-21\n")
        let after = try cli.fingerprint()
        result = try cli("plan", "import", file, "--actor", "coord")
        #expect(result.status == 0)
        #expect(result.stdout.contains("nothing to append"))
        #expect(try cli.fingerprint() == after)
    }

    @Test func theShippedCanterburyPlanImports() throws {
        try cli.initialiseStandard()
        let result = try cli("plan", "import", packageRoot + "/Examples/canterbury-2022-23.yaml", "--actor", "coord")
        #expect(result.status == 0, "\(result)")
        guard case .object(let state) = try json(try cli("state", "--format", "json")), case .array(let actions) = state["actions"] else {
            return
        }
        #expect(actions.count == 2 + 35)
    }

    @Test func environmentVariablesStandInForDbAndActor() throws {
        try cli.initialiseStandard()
        let result = try cli.run(
            ["partner", "add", "nhs", "--name", "NHS"], environment: ["CSP_LEDGER_DB": cli.db, "CSP_LEDGER_ACTOR": "coord"], withDB: false)
        #expect(result.status == 0, "\(result)")
    }

    @Test func demoBuildsItsOwnFileAndNeverOverwritesWithoutForce() throws {
        let demoPath = directory.file("demo.sqlite")
        let other = directory.file("real.sqlite")
        var result = try cli.run(["demo", "--db", demoPath], environment: ["CSP_LEDGER_DB": other], withDB: false)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("The plan on 2023-03-31"))
        #expect(result.stdout.contains("verify: ok"))
        #expect(!FileManager.default.fileExists(atPath: other), "demo ignores CSP_LEDGER_DB")
        let before = try CLI(db: demoPath).fingerprint()
        result = try cli.run(["demo", "--db", demoPath], withDB: false)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Error: ") && result.stderr.contains("--force"))
        #expect(try CLI(db: demoPath).fingerprint() == before)
        result = try cli.run(["demo", "--db", demoPath, "--force"], withDB: false)
        #expect(result.status == 0)
        #expect(try CLI(db: demoPath).fingerprint() != before, "replaced: its sign-in tokens are new")
        // The story is deterministic; only the two sign-in tokens after it differ.
        let story = "765:e03d56b69bc47b8a98872104a0f28be4ce19ae916d41ff9af9499cce44365612"
        #expect(try CLI(db: demoPath)("verify", "--digest", story).status == 0, "the demo's story is deterministic")
    }

    @Test func aCorrectionIsLinkedInHistoryAndInvisibleBeforeItsRecording() throws {
        try cli.initialiseStandard()
        var call = cli
        call.now = "2023-05-10T09:00:00Z"
        #expect(try call("action", "progress", "A-1", "--status", "at-risk", "--percent", "30", "--actor", "police.lead").status == 0)
        guard case .array(let history) = try json(try call("history", "A-1", "--format", "json")),
            case .object(let report) = history.last, case .string(let reportID) = report["eventId"]
        else { Issue.record("no report in history"); return }
        call.now = "2023-05-12T09:00:00Z"
        let corrected = try call("action", "correct", reportID, "--reason", "Wrong quarter's figure", "--percent", "20", "--actor", "coord")
        #expect(corrected.status == 0, "\(corrected)")
        #expect(corrected.stdout.contains("recorded ActionCorrected on action-A-1"))

        guard case .array(let after) = try json(try call("history", "A-1", "--format", "json")),
            case .object(let correction) = after.last, case .object(let payload) = correction["payload"]
        else { Issue.record("no correction in history"); return }
        #expect(after.count == history.count + 1)
        #expect(payload["corrects"] == .string(reportID))
        #expect(payload["original"] == .string(reportID))
        #expect(payload["percent"] == .int(20))
        #expect(payload["reason"] == .string("Wrong quarter's figure"))

        func percent(asOf: String) throws -> JSONValue? {
            guard case .object(let state) = try json(try call("state", "--as-of", asOf, "--format", "json")),
                case .array(let actions) = state["actions"], case .object(let a1) = actions[0]
            else { return nil }
            return a1["percent"]
        }
        #expect(try percent(asOf: "2023-05-11") == .int(30))
        #expect(try percent(asOf: "2023-05-12") == .int(20))
        #expect(try call("verify").status == 0)
    }

    @Test func anEventIsNamedForCorrectionByItsPositionAsWellAsItsID() throws {
        try cli.initialiseStandard()
        var call = cli
        call.now = "2023-05-10T09:00:00Z"
        #expect(try call("action", "progress", "A-1", "--status", "at-risk", "--percent", "30", "--actor", "police.lead").status == 0)
        guard case .array(let history) = try json(try call("history", "A-1", "--format", "json")),
            case .object(let report) = history.last, case .string(let reportID) = report["eventId"],
            case .int(let position) = report["position"]
        else { Issue.record("no report in history"); return }
        call.now = "2023-05-12T09:00:00Z"
        let before = try call.fingerprint()
        for (reference, status, words) in [
            ("@0", Int32(1), "is not a position"), ("@x1", 1, "is not a position"), ("@99999", 1, "no event at position 99999"),
        ] {
            let refused = try call("action", "correct", reference, "--reason", "Wrong", "--percent", "20", "--actor", "coord")
            #expect(refused.status == status && refused.stderr.contains(words), "\(reference): \(refused)")
        }
        #expect(try call.fingerprint() == before, "a refused reference writes nothing")
        let corrected = try call("action", "correct", "@\(position)", "--reason", "Wrong", "--percent", "20", "--actor", "coord")
        #expect(corrected.status == 0, "\(corrected)")
        guard case .array(let after) = try json(try call("history", "A-1", "--format", "json")),
            case .object(let correction) = after.last, case .object(let payload) = correction["payload"]
        else { Issue.record("no correction in history"); return }
        #expect(payload["corrects"] == .string(reportID))
        #expect(try call("verify").status == 0)
    }
}
