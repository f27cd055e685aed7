import CanonicalJSON
import Foundation
import HTTPTypes
import Hummingbird
import LedgerAudit
import LedgerCore
import LedgerStore
import NIOCore

/// `POST` for every write the command line has, each decoded into the same LedgerCore
/// command and executed by the same library call, as the credential's actor.
struct WriteRoutes {
    let writes: Writes

    func add(to router: Router<ServerContext>) {
        post(router, "/api/partners", creates: true) { body, _ in
            .registerPartner(try body.id("id"), name: try body.string("name"), responsibleAuthority: try body.bool("responsibleAuthority"))
        }
        post(router, "/api/actors", creates: true) { body, _ in
            .registerActor(
                try body.id("id"), name: try body.string("name"), partner: try body.id("partner"),
                role: try body.enumValue("role", "coordinator, lead, contributor or auditor"))
        }
        post(router, "/api/actors/{id}/deactivate") { body, context in
            .deactivateActor(try ActorID(context.parameters.require("id")), reason: try body.optionalString("reason"))
        }
        post(router, "/api/assessments", creates: true) { body, _ in
            .recordAssessment(
                try body.id("id"), year: try body.int("year"), title: try body.string("title"), summary: try body.optionalString("summary"))
        }
        post(router, "/api/plans", creates: true) { body, _ in
            .adoptPlan(
                try body.id("id"), title: try body.string("title"), from: try body.date("from"), to: try body.date("to"),
                assessment: try body.optionalID("assessment"))
        }
        post(router, "/api/plans/{id}/review") { body, context in
            .reviewPlan(try PlanID(context.parameters.require("id")), note: try body.string("note"), retire: try body.ids("retire"))
        }
        post(router, "/api/priorities", creates: true) { body, _ in
            .addPriority(
                try body.id("id"), plan: try body.id("plan"), title: try body.string("title"), scope: try body.optionalString("scope"))
        }
        post(router, "/api/actions", creates: true) { body, _ in
            .createAction(
                try body.id("id"), priority: try body.id("priority"), title: try body.string("title"), due: try body.optionalDate("due"))
        }
        for verb in ActionWrite.allCases {
            post(router, RouterPath("/api/actions/{id}/\(verb.rawValue)"), backDates: true) { body, context in
                try verb.command(try ActionID(context.parameters.require("id")), &body)
            }
        }
        post(router, "/api/corrections", backDates: true) { [writes] body, _ in
            .correctEvent(
                try EventReference.eventID(try body.string("event"), in: writes.ledger), reason: try body.string("reason"),
                status: try body.optionalEnum("status", "not-started, on-track, at-risk, off-track or completed"),
                note: try body.optionalString("note"), percent: try body.optionalInt("percent"),
                nextReview: try body.optionalDate("nextReview"))
        }
        router.post("/api/plans/import") { [writes] request, context in
            let author = try context.requireMember()
            let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
            guard type == "application/json" || type == "application/yaml" else {
                throw ServerError(.unsupportedMediaType, "send the plan as application/json or application/yaml (Schemas/plan.schema.json)")
            }
            let bytes = Array(buffer: try await request.body.collect(upTo: PlanFile.maximumBytes))
            let command = Command.importPlan(try PlanFile.parse(Data(bytes), name: "the request body"))
            return try await writes.execute(command, request: request, author: author, effective: nil, creates: false, bytes: bytes)
        }
    }

    /// Adds `POST path`, whose body `make` reads into a command.
    /// - Parameters:
    ///   - creates: the write creates its stream, so `If-None-Match: *` means "must not exist yet".
    ///   - backDates: the body may carry `effective` (a date or an instant), as `--effective`.
    private func post(
        _ router: Router<ServerContext>, _ path: RouterPath, creates: Bool = false, backDates: Bool = false,
        _ make: @escaping @Sendable (inout RequestBody, ServerContext) throws -> Command
    ) {
        router.post(path) { [writes] request, context in
            let author = try context.requireMember()
            var body = try await RequestBody.read(request)
            let (command, instant) = try Self.read(&body, backDates: backDates, calendar: writes.ledger.calendar) { try make(&$0, context) }
            return try await writes.execute(
                command, request: request, author: author, effective: instant, creates: creates, bytes: body.bytes)
        }
    }

    /// Reads a write's body: `effective` where the write may be back-dated, then the
    /// command `make` reads, refusing any other field. The pages' forms are read by the
    /// same function, from the body their fields make.
    /// - Returns: the command and its effective instant (a date meaning its day's start).
    static func read(
        _ body: inout RequestBody, backDates: Bool, calendar: PartnershipCalendar, _ make: (inout RequestBody) throws -> Command
    ) throws -> (command: Command, effective: Instant?) {
        var effective: String?
        if backDates { effective = try body.optionalString("effective") }
        let command = try make(&body)
        try body.finish()
        body.lastRead = "effective"
        return (command, try effective.map { try calendar.instant(from: $0, dateMeans: .start) })
    }
}

/// The writes on one action, as both the API (`POST /api/actions/{id}/VERB`, JSON) and the
/// action page's forms (`POST /actions/{id}/VERB`) read them: one reading of the body
/// into one command, so the two can never disagree on what a field means.
enum ActionWrite: String, CaseIterable, Sendable {
    case assign, progress, review, amend

    /// The command that `body` asks for on `action`.
    func command(_ action: ActionID, _ body: inout RequestBody) throws -> Command {
        switch self {
        case .assign:
            .assignAction(action, lead: try body.id("lead"), support: try body.ids("support"), owner: try body.optionalID("owner"))
        case .progress:
            .reportProgress(
                action, status: try body.enumValue("status", "not-started, on-track, at-risk, off-track or completed"),
                note: try body.optionalString("note"), percent: try body.optionalInt("percent"), evidence: try body.strings("evidence"))
        case .review:
            .reviewAction(
                action, outcome: try body.enumValue("outcome", "continue, amend, complete, withdraw or carry-forward"),
                note: try body.optionalString("note"), nextReview: try body.optionalDate("nextReview"))
        case .amend:
            .amendAction(action, title: try body.optionalString("title"), due: try body.optionalDate("due"))
        }
    }
}
