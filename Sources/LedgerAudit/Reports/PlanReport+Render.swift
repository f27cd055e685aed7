import CanonicalJSON
import LedgerCore
import LedgerStore

extension PlanReport {
    /// The report with its times and dates for the chosen clock style: Markdown keeps
    /// sortable times with their offsets, HTML (``html``) writes them for people.
    public var document: ReportDocument {
        let meta =
            [
                "Partnership: \(state.partnership?.name ?? "")",
                "As recorded up to \(clock.end(asOf))",
                "Ledger position \(digest.position), digest \(digest.text)",
                clock.zoneLine,
            ] + (checkpoint.map { ["Latest checkpoint: \($0.signed.checkpoint.size) events, \($0.summary)"] } ?? [])
            + ReportClock.notice(for: state.partnership)
        var sections: [ReportDocument.Section] = [
            .init(
                summaryTable,
                note:
                    "Actions per priority by RAG status (\(RAG.allCases.map { "\($0.rawValue): \($0.meaning)" }.joined(separator: ", ")))."
            )
        ]
        if !quarters.isEmpty {
            sections.append(
                .init(
                    quarterTable,
                    note:
                        "RAG counts per priority at the end of each quarter of the plan year, as recorded then; quarters count from each plan's first day.",
                    svg: RAGChart(quarters: quarters, priorities: priorities).svg))
        }
        for priority in priorities {
            let actions = state.actions.values.filter { $0.priority == priority.id }.sorted { $0.id < $1.id }
            let plan = state.plans[priority.plan]?.title ?? priority.plan.rawValue
            sections.append(
                .init(
                    TextTable(
                        title: "\(priority.id): \(priority.title)\(priority.retired ? " (retired)" : "")",
                        columns: actionColumns, cells: actions.map(actionRow)),
                    note: "\(plan). \(priority.scope ?? "")", wide: true))
        }
        return ReportDocument(title: "Action plan status: \(state.partnership?.name ?? "")", meta: meta, sections: sections)
    }

    /// One self-contained page for print and the web, its times written for people
    /// (`9 June 2023, 10:00 BST`).
    public var html: String { collected(writeHTML) }

    /// ``html`` handed to `emit` in pieces.
    public func writeHTML(_ emit: (String) -> Void) {
        var report = self
        report.clock.style = .forPeople
        report.document.writeHTML(emit)
    }

    var actionColumns: [String] {
        [
            "action", "title", "owner", "lead partner", "supporting partners", "due", "status", "rag", "percent", "last progress",
            "last review", "next review",
        ]
    }

    /// An action as a board reads it: names, not ids; status in words; dates and times
    /// in the partnership's zone.
    func actionRow(_ a: ActionRecord) -> [TextTable.Cell] {
        let t: (Instant) -> String = { clock.text($0) }
        let day: (LocalDate) -> TextTable.Cell = { .date($0, clock.text($0)) }
        return [
            .text(a.id.rawValue), .text(a.title), .text(a.owner.map { state.actors[$0]?.name ?? $0.rawValue } ?? ""),
            .text(partnerName(a.lead)), .text(a.supporting.map { partnerName($0) }.joined(separator: ", ")), a.due.cell(day),
            .text(a.status.words), .text(a.rag.rawValue), a.percent.cell(TextTable.Cell.percent),
            .text(a.lastProgressAt.map { "\(t($0)): \(a.lastProgressNote ?? "")" } ?? ""),
            .text(a.lastReviewAt.map { "\(t($0)): \(a.lastReviewOutcome?.words ?? "")\(a.lastReviewNote.map { " (\($0))" } ?? "")" } ?? ""),
            a.nextReview.cell(day),
        ]
    }

    func partnerName(_ id: PartnerID?) -> String {
        id.map { state.partners[$0]?.name ?? $0.rawValue } ?? ""
    }

    public var summaryTable: TextTable {
        let counts = Self.ragCounts(state)
        return TextTable(
            title: "RAG summary", columns: ["priority", "title", "actions"] + RAG.allCases.map(\.rawValue),
            cells: priorities.map { p in
                let c = counts[p.id, default: [:]]
                return [.text(p.id.rawValue), .text(p.title), .integer(c.values.reduce(0, +))]
                    + RAG.allCases.map { .integer(c[$0, default: 0]) }
            })
    }

    var quarterTable: TextTable {
        TextTable(
            title: "RAG by quarter", columns: ["quarter", "priority"] + RAG.allCases.map(\.rawValue),
            cells: quarters.flatMap { q in
                priorities.filter { q.counts[$0.id] != nil }.map { p in
                    [.text(q.label), .text(p.id.rawValue)] + RAG.allCases.map { .integer(q.counts[p.id]?[$0] ?? 0) }
                }
            })
    }

    public var json: JSONValue {
        func counts(_ c: [RAG: Int]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: RAG.allCases.map { ($0.rawValue, .int(Int64(c[$0, default: 0]))) }))
        }
        let current = Self.ragCounts(state)
        return .object([
            "partnership": .optional(state.partnership?.name), "timeZone": .string(clock.zoneName), "asOf": .string(asOf.iso8601),
            "position": .int(digest.position), "digest": .string(digest.text),
            "checkpoint": checkpoint.map { c in
                .object([
                    "size": .int(c.signed.checkpoint.size), "root": .string(c.signed.checkpoint.root.base64),
                    "witnessed": .bool(c.isWitnessed),
                    "witnesses": .array(c.cosigners.map { .string($0.witness.partner.rawValue) }), "summary": .string(c.summary),
                ])
            } ?? .null,
            "priorities": .array(
                priorities.map { p in
                    .object([
                        "id": .string(p.id.rawValue), "plan": .string(p.plan.rawValue), "title": .string(p.title),
                        "retired": .bool(p.retired),
                        "rag": counts(current[p.id, default: [:]]),
                        "actions": .array(state.actions.values.filter { $0.priority == p.id }.sorted { $0.id < $1.id }.map(StateView.json)),
                    ])
                }),
            "quarters": .array(
                quarters.map { q in
                    .object([
                        "quarter": .string(q.label), "end": .string(q.end.iso8601),
                        "priorities": .object(Dictionary(uniqueKeysWithValues: q.counts.map { ($0.key.rawValue, counts($0.value)) })),
                    ])
                }),
        ])
    }
}
