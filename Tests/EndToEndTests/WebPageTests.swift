import CanonicalJSON
import Foundation
import LedgerTestSupport
import Testing

/// The web pages in a real browser, over a real `csp-ledger serve` of the demo ledger on
/// loopback: `Tools/check_web.py` signs in with the demo lead's token, uses the as-of
/// picker, sends a refused and then a good progress report through the form, runs
/// axe-core 4.12 (WCAG 2.0, 2.1 and 2.2, A and AA) on every page, and takes screenshots
/// at 360 and 1280 px wide. The progress must then be in `csp-ledger state` on the same
/// file. In CI (`CI` set) a missing browser fails instead of skipping.
///
/// The screenshots are kept in `.build/test-artifacts/web/` (printed by the test).
@Suite(.enabled(if: runsInCI || chromium != nil, "needs chromium, chromium-driver, selenium and axe-playwright-python"))
struct WebPageTests {
    let directory = TemporaryDirectory()
    static let artifacts = packageRoot + "/.build/test-artifacts/web"

    @Test(.timeLimit(.minutes(3))) func aLeadReportsProgressFromABrowser() async throws {
        let db = directory.file("demo.sqlite")
        let demo = try CLI(db: db).run(["demo", "--db", db], withDB: false)
        try #require(demo.status == 0, "\(demo)")
        let lead = try #require(Self.leadToken(in: demo.stdout), "the demo prints a lead's token")
        let action = try #require(try Self.openActionLed(by: lead.actor, db: db), "the demo lead's partner leads an open action")
        let server = try await ServerProcess(db: db)
        defer { server.stop() }
        try? FileManager.default.removeItem(atPath: Self.artifacts)
        let python = try #require(which("python3"), "python3 is needed")
        let checked = try run(
            "/usr/bin/timeout", ["110", python, packageRoot + "/Tools/check_web.py", server.url, lead.token, action, Self.artifacts])
        try #require(checked.status == 0, "\(checked)")
        print("web page screenshots: \(Self.artifacts)")
        let found = try #require(JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])

        let signIn = try #require(found["signIn"] as? [String: Any])
        #expect(signIn["redirectedTo"] as? String == "/sign-in")
        #expect((signIn["wrongTokenError"] as? String)?.hasPrefix("Error: The token is not valid") == true, "\(signIn)")
        #expect((signIn["wrongTokenDescribedBy"] as? String)?.contains("sign-in-token-error") == true)
        #expect(signIn["landedOn"] as? String == "/")
        let cookie = try #require(signIn["cookie"] as? [String: Any], "the session cookie is set over http://127.0.0.1")
        #expect(cookie["httpOnly"] as? Bool == true && cookie["sameSite"] as? String == "Strict", "\(cookie)")

        let plan = try #require(found["plan"] as? [String: Any])
        #expect(Set(plan["badges"] as? [String] ?? []).isSubset(of: ["Red", "Amber", "Green", "Blue", "Grey"]))
        #expect((plan["badges"] as? [String] ?? []).count >= 3, "\(plan)")
        let asOf = try #require(found["asOf"] as? [String: Any], "the demo had fewer actions at some earlier date")
        #expect((asOf["heading"] as? String)?.hasPrefix("The plan as it stood on") == true, "\(asOf)")
        #expect(asOf["actions"] as? Int == asOf["apiActions"] as? Int, "the earlier plan is the API's for that date: \(asOf)")
        #expect((asOf["actions"] as? Int ?? 0) < (asOf["nowActions"] as? Int ?? 0))
        #expect(asOf["pickerValue"] as? String == asOf["date"] as? String)
        let (pageRag, apiRag) = (asOf["pageRag"] as? [String: Int], asOf["apiRag"] as? [String: Int])
        #expect(pageRag != nil && pageRag == apiRag, "the RAG summary then is the API's: \(asOf)")

        let keyboard = try #require(found["keyboard"] as? [String: Any])
        #expect(keyboard["text"] as? String == "Skip to main content" && keyboard["href"] as? String == "#main", "\(keyboard)")
        #expect((keyboard["outline"] as? String)?.hasPrefix("solid 3px") == true, "\(keyboard)")

        let bad = try #require(found["badValue"] as? [String: Any])
        #expect((bad["error"] as? String)?.contains("Percent 150 is out of range") == true, "\(bad)")
        #expect((bad["describedBy"] as? String)?.contains("progress-percent-error") == true && bad["invalid"] as? String == "true")
        #expect(bad["keptPercent"] as? String == "150" && bad["keptNote"] as? String == "Typed before the refusal")
        #expect(bad["digestBefore"] as? String == bad["digestAfter"] as? String, "a refused form appends nothing")

        let progress = try #require(found["progress"] as? [String: Any])
        let note = try #require(progress["note"] as? String)
        #expect(progress["notice"] as? String == "Your progress report is recorded.", "\(progress)")
        #expect(progress["inTimeline"] as? Bool == true)
        #expect((progress["credentialLine"] as? String)?.contains("Written with credential") == true, "\(progress)")
        let (before, after) = (progress["digestBefore"] as? String ?? "", progress["digestAfter"] as? String ?? "")
        #expect(Int(after.prefix { $0 != ":" }) == Int(before.prefix { $0 != ":" }).map { $0 + 1 }, "one event: \(before) → \(after)")

        // The same file, read by the command line beside the running server.
        let reported = try #require(try Self.action(action, db: db), "\(action) is in the state")
        #expect(reported["lastProgressNote"] == .string(note), "\(reported)")
        #expect(reported["status"] == .string("at-risk") && reported["percent"] == .int(55))

        let printed = try #require(found["print"] as? [String: Any])
        #expect(printed["nav"] as? String == "none" && printed["forms"] as? Bool == true, "\(printed)")
        let digest = try #require(found["digest"] as? [String: Any])
        #expect((digest["page"] as? String)?.contains(digest["api"] as? String ?? "?") == true, "\(digest)")
        #expect(((found["planReport"] as? [String: Any])?["path"] as? String)?.hasPrefix("/reports/plan?asOf=") == true)
        #expect(((found["governanceReport"] as? [String: Any])?["path"] as? String)?.hasPrefix("/reports/governance?from=") == true)
        let signOut = try #require(found["signOut"] as? [String: Any])
        #expect(signOut["landedOn"] as? String == "/sign-in?from=sign-out" && signOut["afterwards"] as? String == "/sign-in")

        #expect(found["axeVersion"] as? String == "4.12.1")
        let axe = try #require(found["axe"] as? [String: [Any]])
        #expect(axe.count == 10, "every page was checked: \(axe.keys.sorted())")
        for (page, violations) in axe { #expect(violations.isEmpty, "\(page): \(violations)") }
        for (page, width) in try #require(found["overflow"] as? [String: Int]) where !page.hasSuffix("report") {
            #expect(width <= 360, "\(page) is \(width) px wide at 360")
        }
        let shots = try #require(found["screenshots"] as? [String])
        #expect(shots.count == 20)
        for shot in shots {
            let png = try Data(contentsOf: URL(fileURLWithPath: shot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 5_000, "\(shot)")
        }
    }

    /// The lead's actor and token from the demo's closing lines.
    static func leadToken(in output: String) -> (actor: String, token: String)? {
        for line in output.split(separator: "\n") where line.contains("(a partner lead, who reports progress): ") {
            let parts = line.components(separatedBy: " (a partner lead, who reports progress): ")
            guard parts.count == 2, let actor = parts[0].split(separator: " ").last else { continue }
            return (String(actor), parts[1].trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Action `id` as `state --format json` prints it.
    static func action(_ id: String, db: String) throws -> [String: JSONValue]? {
        let state = try CLI(db: db).run(["state", "--format", "json"])
        guard case .object(let root) = try JSONValue.parse(state.stdout), case .array(let actions)? = root["actions"] else { return nil }
        return actions.lazy.compactMap { value -> [String: JSONValue]? in
            guard case .object(let a) = value, a["id"] == .string(id) else { return nil }
            return a
        }.first
    }

    /// An open action led by `actor`'s partner, from `state --format json`.
    static func openActionLed(by actor: String, db: String) throws -> String? {
        let state = try CLI(db: db).run(["state", "--format", "json"])
        guard case .object(let root) = try JSONValue.parse(state.stdout) else { return nil }
        return find(root, actor: actor)
    }

    private static func find(_ root: [String: JSONValue], actor: String) -> String? {
        guard case .array(let actors)? = root["actors"], case .array(let actions)? = root["actions"] else { return nil }
        let partner = actors.compactMap { value -> String? in
            guard case .object(let a) = value, a["id"] == .string(actor), case .string(let p)? = a["partner"] else { return nil }
            return p
        }.first
        return actions.compactMap { value -> String? in
            guard case .object(let a) = value, let partner, a["lead"] == .string(partner), a["closed"] != .bool(true),
                case .string(let id)? = a["id"]
            else { return nil }
            return id
        }.sorted().first
    }
}
