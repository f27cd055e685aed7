import CanonicalJSON
import LedgerCore
import LedgerStore

extension GovernanceReport {
    public var document: ReportDocument {
        let state = set.after
        let t: (Instant) -> String = { clock.text($0) }
        let at: (Instant) -> TextTable.Cell = { .instant($0, clock.text($0)) }
        let meta =
            [
                "Partnership: \(partnership)",
                "Period: \(t(from)) to \(clock.end(to)), both inclusive (recording time)",
                "Log positions \(set.beforePosition + 1) to \(set.after.position): \(set.entries.count) events",
                clock.zoneLine,
            ] + ReportClock.notice(for: state.partnership)
        let partners = TextTable(
            title: "Changes per partner", columns: ["partner", "name", "events"],
            cells: counts { $0.recorded.partner.rawValue }.map {
                [.text($0.key), .text(state.partners[PartnerID(trusted: $0.key)]?.name ?? ""), .integer($0.events)]
            })
        let actors = TextTable(
            title: "Changes per actor", columns: ["actor", "name", "partner", "role", "events"],
            cells: counts { $0.recorded.actor.rawValue }.map { row in
                let actor = state.actors[ActorID(trusted: row.key)]
                return [
                    .text(row.key), .text(actor?.name ?? ""), .text(actor?.partner.rawValue ?? ""), .text(actor?.role.rawValue ?? ""),
                    .integer(row.events),
                ]
            })
        let identified = TextTable(
            title: "How writers were identified", columns: ["actor", "partner", "credentialed", "declared"],
            cells: credentialCounts.map { row in
                [
                    .text(row.actor.rawValue), .text(state.actors[row.actor]?.partner.rawValue ?? ""), .integer(row.credentialed),
                    .integer(row.declared),
                ]
            })
        let tokens = TextTable(
            title: "Access tokens issued and revoked",
            columns: ["position", "recorded", "by", "event", "token", "for", "expires", "label or reason"],
            cells: tokenEvents.map { e in
                [
                    .integer(e.entry.position), at(e.entry.recorded.recordedAt), .text(e.entry.recorded.actor.rawValue),
                    .text(e.entry.type),
                    .text(e.token.rawValue), .text(e.holder?.rawValue ?? ""), e.expiresAt.cell(at), .text(e.text ?? ""),
                ]
            })
        let every = changeTable
        let backDated = TextTable(
            title: "Back-dated changes", columns: ["position", "type", "stream", "effective", "recorded", "days late", "actor"],
            cells: items.filter(\.backDated).map { item in
                let r = item.entry.recorded
                return [
                    .integer(r.position), .text(item.entry.type), .text(item.entry.streamID.text), at(r.effectiveAt), at(r.recordedAt),
                    .integer((r.recordedAt.millisecondsSince1970 - r.effectiveAt.millisecondsSince1970) / 86_400_000),
                    .text(r.actor.rawValue),
                ]
            })
        let corrections = TextTable(
            title: "Corrections", columns: ["position", "recorded", "actor", "action", "corrects", "reason"],
            cells: items.filter(\.correction).compactMap { item in
                guard case .actionCorrected(let c) = item.entry.recorded.event else { return nil }
                return [
                    .integer(item.entry.position), at(item.entry.recorded.recordedAt), .text(item.entry.recorded.actor.rawValue),
                    .text(c.action.rawValue), .text(c.corrects), .text(c.reason),
                ]
            })
        let outside = TextTable(
            title: "Changes by someone outside the action's partners",
            columns: ["position", "recorded", "actor", "role", "partner", "type", "stream"],
            cells: items.filter(\.outsidePartners).map { item in
                let r = item.entry.recorded
                return [
                    .integer(r.position), at(r.recordedAt), .text(r.actor.rawValue), .text(state.actors[r.actor]?.role.rawValue ?? ""),
                    .text(r.partner.rawValue), .text(item.entry.type), .text(item.entry.streamID.text),
                ]
            })
        let clockBehind = TextTable(
            title: "Clocks accepted although behind",
            columns: ["position", "recorded", "actor", "partner", "clock read", "minutes behind"],
            cells: set.entries.compactMap { entry in
                guard case .clockBehindAccepted(let e) = entry.recorded.event else { return nil }
                let minutes = (e.lastRecordedAt.millisecondsSince1970 - e.clockAt.millisecondsSince1970) / 60_000
                return [
                    .integer(entry.position), at(entry.recorded.recordedAt), .text(entry.recorded.actor.rawValue),
                    .text(entry.recorded.partner.rawValue), at(e.clockAt), .integer(minutes),
                ]
            })
        let stale = TextTable(
            title: "Actions without a progress report for more than \(thresholds.staleDays) days",
            columns: ["action", "title", "lead", "status", "last report", "days"],
            cells: self.stale.map { c in
                [
                    .text(c.action.id.rawValue), .text(c.action.title), .text(c.action.lead?.rawValue ?? ""), .text(c.action.status.words),
                    c.action.lastProgressAt.map(at) ?? .text("never (created \(t(c.action.createdAt)))"), .integer(c.days),
                ]
            })
        let overdue = TextTable(
            title: "Reviews overdue", columns: ["action", "title", "lead", "next review", "days overdue"],
            cells: overdueReviews.map { c in
                [
                    .text(c.action.id.rawValue), .text(c.action.title), .text(c.action.lead?.rawValue ?? ""),
                    c.action.nextReview.cell { .date($0, clock.text($0)) }, .integer(c.days),
                ]
            })
        let overdueActions = TextTable(
            title: "Actions past their due date", columns: ["action", "title", "due", "owner", "lead partner", "days overdue"],
            cells: self.overdueActions.map { c in
                [
                    .text(c.action.id.rawValue), .text(c.action.title), c.action.due.cell { .date($0, clock.text($0)) },
                    .text(c.action.owner.map { state.actors[$0]?.name ?? $0.rawValue } ?? ""),
                    .text(c.action.lead.map { state.partners[$0]?.name ?? $0.rawValue } ?? ""), .integer(c.days),
                ]
            })
        return ReportDocument(
            title: "Governance report: \(partnership)", meta: meta,
            sections: [
                .init(partners), .init(actors),
                .init(
                    identified,
                    note:
                        "Credentialed writes were made through the server by someone signed in with an access token, whose id each event records; declared writes name their actor on the command line, which proves nothing about who typed them."
                ),
                .init(tokens, note: "Who was given a way to sign in, until when, and whose access was taken away."),
                .init(backDated, note: "Changes recorded more than \(thresholds.backDatedDays) days after they took effect."),
                .init(corrections, note: "Corrections of earlier progress reports or reviews; the originals stay in the log."),
                .init(
                    outside,
                    note:
                        "Changes to an action by a lead or contributor whose partner was neither its lead nor a supporting partner when the change was recorded, such as a back-dated report on an action the partner has since left. Coordinators act for the partnership and are not listed."
                ),
                .init(
                    clockBehind,
                    note:
                        "Writes a coordinator accepted although the writer's clock was more than 10 minutes behind the ledger's last recording time; they are stamped with that time."
                ),
                .init(stale, note: "Open actions at the end of the period, by their last progress report (or creation)."),
                .init(overdue, note: "Open actions whose next-review date had passed by the end of the period."),
                .init(
                    overdueActions,
                    note:
                        "Open actions whose due date had passed by the end of the period, with the days since the due date in \(clock.zoneName)."
                ),
                .init(
                    every,
                    note:
                        "Every field each event changed, with its value before and after; flags mark back-dated changes, corrections and changes from outside the action's partners.",
                    wide: true),
            ])
    }

    /// One self-contained page for print and the web, its times written for people
    /// (`9 June 2023, 10:00 BST`).
    public var html: String { collected(writeHTML) }

    /// ``html`` handed to `emit` in pieces, its table of changes a row at a time.
    public func writeHTML(_ emit: (String) -> Void) {
        var report = self
        report.clock.style = .forPeople
        report.document.writeHTML(emit)
    }

    /// Per actor, their writes in the period made with a credential and declared.
    var credentialCounts: [(actor: ActorID, credentialed: Int, declared: Int)] {
        var counts: [ActorID: (Int, Int)] = [:]
        for entry in self.set.entries {
            let credentialed = entry.recorded.credential != nil
            counts[entry.recorded.actor, default: (0, 0)].0 += credentialed ? 1 : 0
            counts[entry.recorded.actor, default: (0, 0)].1 += credentialed ? 0 : 1
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0, $0.value.1) }
    }

    /// The period's `TokenIssued` and `TokenRevoked` events, with the token's holder.
    var tokenEvents: [(entry: LogEntry, token: TokenID, holder: ActorID?, expiresAt: Instant?, text: String?)] {
        self.set.entries.compactMap { entry in
            switch entry.recorded.event {
            case .tokenIssued(let e): (entry, e.token, e.actor, e.expiresAt, e.label)
            case .tokenRevoked(let e): (entry, e.token, set.after.tokens[e.token]?.actor, nil, e.reason)
            default: nil
            }
        }
    }

    /// Every change, flagged, one row per changed field (one for an event that changed
    /// nothing visible), each row made when it is written: a quarter of a large ledger
    /// has hundreds of thousands.
    var changeTable: TextTable {
        var index: [(item: Int, change: Int?)] = []
        for (i, item) in items.enumerated() {
            if item.changes.isEmpty { index.append((i, nil)) } else { index += item.changes.indices.map { (i, $0) } }
        }
        let rows = index
        return TextTable(
            title: "Every change",
            columns: ["position", "recorded", "effective", "actor", "partner", "type", "subject", "field", "before", "after", "flags"],
            count: rows.count
        ) { [self] index in
            let (i, change) = rows[index]
            let item = items[i]
            let r = item.entry.recorded
            let head: [TextTable.Cell] = [
                .integer(r.position), .instant(r.recordedAt, clock.text(r.recordedAt)), .instant(r.effectiveAt, clock.text(r.effectiveAt)),
                .text(r.actor.rawValue), .text(r.partner.rawValue), .text(item.entry.type),
            ]
            let flags = TextTable.Cell.text(item.flags.joined(separator: "; "))
            guard let change else { return head + [.text(item.entry.streamID.text), .empty, .empty, .empty, flags] }
            let c = item.changes[change]
            return head + [
                .text("\(c.kind) \(c.id)"), .text(c.field), DiffView.cell(c.field, c.before, clock: clock),
                DiffView.cell(c.field, c.after, clock: clock), flags,
            ]
        }
    }

    /// CSV holds one table: every change, flagged, its times UTC instants as JSON's are.
    public var csv: String { collected(writeCSV) }

    /// ``csv`` handed to `emit` a row at a time.
    public func writeCSV(_ emit: (String) -> Void) {
        var report = self
        report.clock.style = .utc
        report.changeTable.writeCSV(emit)
    }

    /// The report as JSON: ``jsonDocument`` whole.
    public var json: JSONValue { jsonDocument.value }

    /// The report as JSON, its events made one at a time as they are written: the
    /// events of a quarter of a large ledger are most of the report.
    public var jsonDocument: JSONDocument {
        func concern(_ c: Concern) -> JSONValue {
            .object([
                "action": .string(c.action.id.rawValue), "title": .string(c.action.title), "lead": .optional(c.action.lead?.rawValue),
                "since": .string(c.since.iso8601), "days": .int(Int64(c.days)), "nextReview": .optional(c.action.nextReview?.iso8601),
            ])
        }
        return JSONDocument([
            "partnership": .value(.string(partnership)), "timeZone": .value(.string(clock.zoneName)),
            "from": .value(.string(from.iso8601)), "to": .value(.string(to.iso8601)),
            "fromPosition": .value(.int(set.beforePosition + 1)), "toPosition": .value(.int(set.after.position)),
            "thresholds": .value(
                .object(["backDatedDays": .int(Int64(thresholds.backDatedDays)), "staleDays": .int(Int64(thresholds.staleDays))])),
            "perPartner": .value(
                .array(
                    counts { $0.recorded.partner.rawValue }.map { .object(["partner": .string($0.key), "events": .int(Int64($0.events))]) })
            ),
            "perActor": .value(
                .array(
                    counts { $0.recorded.actor.rawValue }.map { .object(["actor": .string($0.key), "events": .int(Int64($0.events))]) })),
            "identified": .value(
                .array(
                    credentialCounts.map {
                        .object([
                            "actor": .string($0.actor.rawValue), "credentialed": .int(Int64($0.credentialed)),
                            "declared": .int(Int64($0.declared)),
                        ])
                    })),
            "tokens": .value(
                .array(
                    tokenEvents.map { e in
                        .object([
                            "position": .int(e.entry.position), "recordedAt": .string(e.entry.recorded.recordedAt.iso8601),
                            "by": .string(e.entry.recorded.actor.rawValue), "type": .string(e.entry.type),
                            "token": .string(e.token.rawValue),
                            "actor": .optional(e.holder?.rawValue), "expiresAt": .optional(e.expiresAt?.iso8601),
                            "label": e.entry.type == TokenIssued.typeName ? .optional(e.text) : .null,
                            "reason": e.entry.type == TokenRevoked.typeName ? .optional(e.text) : .null,
                        ])
                    })),
            "events": .elements {
                AnyIterator(
                    items.lazy.map { item -> JSONValue in
                        .object([
                            "event": EventView.json(item.entry), "flags": .array(item.flags.map { .string($0) }),
                            "changes": .array(
                                item.changes.map { c in
                                    .object([
                                        "kind": .string(c.kind), "id": .string(c.id), "field": .string(c.field),
                                        "before": c.before ?? .null,
                                        "after": c.after ?? .null,
                                    ])
                                }),
                        ])
                    }.makeIterator())
            },
            "staleActions": .value(.array(stale.map(concern))),
            "overdueReviews": .value(.array(overdueReviews.map(concern))),
            "overdueActions": .value(
                .array(
                    overdueActions.map { c in
                        .object([
                            "action": .string(c.action.id.rawValue), "title": .string(c.action.title),
                            "due": .optional(c.action.due?.iso8601), "owner": .optional(c.action.owner?.rawValue),
                            "lead": .optional(c.action.lead?.rawValue), "days": .int(Int64(c.days)),
                        ])
                    })),
        ])
    }
}
