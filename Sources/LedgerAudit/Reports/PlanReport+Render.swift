import CanonicalJSON
import LedgerCore
import LedgerStore

extension PlanReport {
    public var document: ReportDocument {
        let t: (Instant) -> String = { clock.text($0) }
        let meta =
            [
                "Partnership: \(state.partnership?.name ?? "")",
                "As recorded up to \(t(asOf))",
                "Ledger position \(digest.position), digest \(digest.text)",
                "Times are in \(clock.zoneName); each shows its UTC offset",
            ] + ReportClock.notice(for: state.partnership)
        var sections: [ReportDocument.Section] = [
            .init(
                summaryTable,
                note:
                    "Actions per priority by RAG status (red: off track, amber: at risk, green: on track, blue: completed, grey: not started or withdrawn)."
            )
        ]
        if !quarters.isEmpty {
            sections.append(
                .init(
                    quarterTable, note: "RAG counts per priority at the end of each quarter, as recorded then.",
                    svg: RAGChart(quarters: quarters, priorities: priorities).svg))
        }
        for priority in priorities {
            let actions = state.actions.values.filter { $0.priority == priority.id }.sorted { $0.id < $1.id }
            let plan = state.plans[priority.plan]?.title ?? priority.plan.rawValue
            sections.append(
                .init(
                    TextTable(
                        title: "\(priority.id): \(priority.title)\(priority.retired ? " (retired)" : "")",
                        columns: ["action", "title", "lead", "supporting", "status", "rag", "last progress", "last review", "next review"],
                        rows: actions.map { a in
                            [
                                a.id.rawValue, a.title, a.lead?.rawValue ?? "", a.supporting.map(\.rawValue).joined(separator: ", "),
                                a.status.rawValue, a.rag.rawValue,
                                a.lastProgressAt.map { "\(t($0)): \(a.lastProgressNote ?? "")" } ?? "",
                                a.lastReviewAt.map {
                                    "\(t($0)): \(a.lastReviewOutcome?.rawValue ?? "")\(a.lastReviewNote.map { " (\($0))" } ?? "")"
                                } ?? "",
                                a.nextReview?.iso8601 ?? "",
                            ]
                        }),
                    note: "\(plan). \(priority.scope ?? "")"))
        }
        return ReportDocument(title: "Action plan status: \(state.partnership?.name ?? "")", meta: meta, sections: sections)
    }

    public var summaryTable: TextTable {
        let counts = Self.ragCounts(state)
        return TextTable(
            title: "RAG summary", columns: ["priority", "title", "actions"] + RAG.allCases.map(\.rawValue),
            rows: priorities.map { p in
                let c = counts[p.id, default: [:]]
                return [p.id.rawValue, p.title, String(c.values.reduce(0, +))] + RAG.allCases.map { String(c[$0, default: 0]) }
            })
    }

    var quarterTable: TextTable {
        TextTable(
            title: "RAG by quarter", columns: ["quarter", "priority"] + RAG.allCases.map(\.rawValue),
            rows: quarters.flatMap { q in
                priorities.filter { q.counts[$0.id] != nil }.map { p in
                    [q.label, p.id.rawValue] + RAG.allCases.map { String(q.counts[p.id]?[$0] ?? 0) }
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
