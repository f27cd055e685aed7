import LedgerAudit
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct DiffTests {
    @Test func aDiffListsExactlyWhatChangedWithWhoAndWhen() throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        try fixture.execute(
            at: "2023-02-01T09:00:00Z", .reportProgress(Fixture.action, status: .atRisk, note: "slow", percent: 20),
            by: Fixture.policeHelper)
        try fixture.execute(
            at: "2023-02-02T09:00:00Z", .assignAction(Fixture.unassigned, lead: PartnerID("fire"), support: [], owner: Fixture.fireLead))
        try fixture.execute(at: "2023-02-03T09:00:00Z", .amendAction(Fixture.action, title: "Do the thing better", due: nil))
        try fixture.execute(
            at: "2023-02-04T09:00:00Z", .createAction(ActionID("A-3"), priority: PriorityID("PR-1"), title: "Third", due: nil))
        try fixture.execute(at: "2023-02-05T09:00:00Z", .reviewAction(Fixture.unassigned, outcome: .withdraw, note: nil, nextReview: nil))
        try fixture.execute(
            at: "2023-02-06T09:00:00Z", .reportProgress(Fixture.action, status: .onTrack, note: "after the window", percent: 30))

        let calendar = ledger.calendar
        let from = try calendar.instant(from: "2023-02-01", dateMeans: .start)
        let to = try calendar.instant(from: "2023-02-05", dateMeans: .end)
        let view = DiffView(try AuditQueries(ledger).changes(from: from, to: to), from: from, to: to)
        let rows = view.rows.map {
            [$0.id, $0.category, $0.field, DiffView.text($0.before), DiffView.text($0.after), $0.by?.recorded.actor.rawValue ?? ""]
        }
        #expect(
            rows == [
                ["A-1", "progress", "lastProgressAt", "", "2023-02-01T09:00:00.000Z", "police.helper"],
                ["A-1", "progress", "lastProgressNote", "", "slow", "police.helper"],
                ["A-1", "progress", "percent", "", "20", "police.helper"],
                ["A-1", "status", "rag", "grey", "amber", "police.helper"],
                ["A-1", "status", "status", "not-started", "at-risk", "police.helper"],
                ["A-1", "amended", "title", "Do the thing", "Do the thing better", "coord"],
                ["A-2", "reviewed", "closed", "false", "true", "coord"],
                ["A-2", "reviewed", "lastReviewAt", "", "2023-02-05T09:00:00.000Z", "coord"],
                ["A-2", "reviewed", "lastReviewOutcome", "", "withdraw", "coord"],
                ["A-2", "reassigned", "lead", "", "fire", "coord"],
                ["A-2", "reassigned", "owner", "", "fire.lead", "coord"],
                ["A-2", "withdrawn", "status", "not-started", "withdrawn", "coord"],
                ["A-3", "added", "added", "", "Third", "coord"],
            ])
        #expect(view.set.entries.count == 5)
    }

    @Test func aDiffBetweenDemoQuarterEndsMatchesTheTwoStates() throws {
        let calendar = demoLedger.calendar
        let from = try calendar.instant(from: "2023-04-01", dateMeans: .start)
        let to = try calendar.instant(from: "2023-06-30", dateMeans: .end)
        let set = try AuditQueries(demoLedger).changes(from: from, to: to)
        #expect(set.beforePosition == (try demoLedger.state(asOf: try calendar.instant(from: "2023-03-31", dateMeans: .end))).position)
        #expect(set.after == (try demoLedger.state(asOf: to)))
        let rows = DiffView(set, from: from, to: to).rows
        #expect(!rows.isEmpty)
        for row in rows {
            let by = try #require(row.by, "\(row.kind) \(row.id) \(row.field) has no author")
            #expect(by.recorded.recordedAt >= from && by.recorded.recordedAt <= to)
        }
    }

    /// The command line writes diff and the governance report as they are made
    /// (``JSONDocument``): byte for byte the whole value's pretty form, and each change
    /// finds its event by position.
    @Test func theJSONWrittenAsItIsMadeIsTheWholeReport() throws {
        let calendar = demoLedger.calendar
        let from = try calendar.instant(from: "2023-04-01", dateMeans: .start)
        let to = try calendar.instant(from: "2023-06-30", dateMeans: .end)
        let view = DiffView(try AuditQueries(demoLedger).changes(from: from, to: to), from: from, to: to)
        let report = try GovernanceReport.build(demoLedger, from: from, to: to)
        for (document, whole) in [(view.jsonDocument, view.json), (report.jsonDocument, report.json)] {
            var written = ""
            document.writePretty { written += $0 }
            #expect(written == whole.pretty)
        }
        let set = view.set
        #expect(!set.changes.isEmpty)
        for change in set.changes { #expect(set.entry(at: change.position)?.position == change.position) }
        let positions = set.entries.map(\.position)
        #expect(set.entry(at: positions.min()! - 1) == nil && set.entry(at: positions.max()! + 1) == nil)
        #expect(report.items.map { Array($0.changes) } == positions.map { p in set.changes.filter { $0.position == p } })
    }
}

@Suite struct GovernanceReportTests {
    @Test func theReportFindsExactlyTheBackDatedOutsideStaleOverdueAndCorrectedChanges() throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        // Before the period: A-1 reported on and reviewed (next review 31 March); A-2 led by police alone.
        try fixture.execute(
            at: "2023-02-01T09:00:00Z", .reportProgress(Fixture.action, status: .onTrack, note: nil, percent: 10), by: Fixture.policeLead)
        try fixture.execute(
            at: "2023-02-02T09:00:00Z",
            .reviewAction(Fixture.action, outcome: .continue, note: nil, nextReview: LocalDate(iso8601: "2023-03-31")))
        try fixture.execute(
            at: "2023-02-03T09:00:00Z", .assignAction(Fixture.unassigned, lead: PartnerID("police"), support: [], owner: nil))
        // The period, June 2023.
        let backDated = try fixture.execute(
            at: "2023-06-05T09:00:00Z", .reportProgress(Fixture.unassigned, status: .atRisk, note: "late", percent: nil),
            by: Fixture.policeHelper, effective: "2023-05-10T09:00:00Z")
        let inTime = try fixture.execute(
            at: "2023-06-06T09:00:00Z", .reportProgress(Fixture.unassigned, status: .atRisk, note: "on time", percent: 5),
            by: Fixture.policeLead)
        let outside = try fixture.execute(
            at: "2023-06-07T09:00:00Z", .reportProgress(Fixture.unassigned, status: .offTrack, note: "from the council", percent: nil))
        let correction = try fixture.execute(
            at: "2023-06-08T09:00:00Z",
            .correctEvent(inTime.recorded.eventID, reason: "Wrong figure", status: nil, note: nil, percent: 15, nextReview: nil))

        let calendar = ledger.calendar
        let report = try GovernanceReport.build(
            ledger, from: calendar.instant(from: "2023-06-01", dateMeans: .start), to: calendar.instant(from: "2023-06-30", dateMeans: .end)
        )
        #expect(report.items.filter(\.backDated).map(\.entry.position) == [backDated.position])
        // The coordinator's report and correction on A-2 act for the partnership: not flagged.
        #expect(report.items.filter(\.outsidePartners).isEmpty)
        #expect(report.items.contains { $0.entry.position == outside.position })
        #expect(report.items.filter(\.correction).map(\.entry.position) == [correction.position])
        #expect(report.stale.map(\.action.id) == [Fixture.action])
        #expect(report.overdueReviews.map(\.action.id) == [Fixture.action])
        #expect(report.overdueReviews.first?.days == 91)
        #expect(report.counts { $0.recorded.actor.rawValue }.map(\.key) == ["coord", "police.helper", "police.lead"])

        let markdown = report.document.markdown
        #expect(
            markdown.contains(
                "| \(correction.position) | 2023-06-08 10:00 +01:00 | coord | A-2 | \(inTime.recorded.eventID) | Wrong figure |"))
        #expect(markdown.contains("Times are in Europe/London"))
        #expect(report.csv.contains("back-dated"))
        #expect(report.document.html.contains("<h2>Reviews overdue</h2>"))
        let loose = try GovernanceReport.build(
            ledger, from: calendar.instant(from: "2023-06-01", dateMeans: .start),
            to: calendar.instant(from: "2023-06-30", dateMeans: .end),
            thresholds: .init(backDatedDays: 30, staleDays: 365))
        #expect(loose.items.filter(\.backDated).isEmpty)
        #expect(loose.stale.isEmpty)
    }
}

@Suite struct OutsidePartnersTests {
    @Test func aLeadsBackDatedReportOnAnActionTheirPartnerWasTakenOffIsFlagged() throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        try fixture.execute(
            at: "2023-05-01T09:00:00Z", .assignAction(Fixture.unassigned, lead: PartnerID("police"), support: [], owner: Fixture.policeLead)
        )
        try fixture.execute(
            at: "2023-06-01T09:00:00Z", .assignAction(Fixture.unassigned, lead: PartnerID("fire"), support: [], owner: Fixture.fireLead))
        // Police led A-2 on 10 May, so the decider accepts the report; when it is recorded police is off A-2.
        let backDated = try fixture.execute(
            at: "2023-06-05T09:00:00Z", .reportProgress(Fixture.unassigned, status: .atRisk, note: "what we did in May", percent: 10),
            by: Fixture.policeLead, effective: "2023-05-10T09:00:00Z")
        try fixture.execute(
            at: "2023-06-06T09:00:00Z", .reportProgress(Fixture.unassigned, status: .onTrack, note: "taken over", percent: 20),
            by: Fixture.fireLead)
        try fixture.execute(
            at: "2023-06-07T09:00:00Z", .reportProgress(Fixture.action, status: .onTrack, note: "ours", percent: 30), by: Fixture.policeLead
        )
        try fixture.execute(at: "2023-06-08T09:00:00Z", .reportProgress(Fixture.unassigned, status: .onTrack, note: "for all", percent: 25))

        let calendar = ledger.calendar
        let report = try GovernanceReport.build(
            ledger, from: calendar.instant(from: "2023-05-01", dateMeans: .start), to: calendar.instant(from: "2023-06-30", dateMeans: .end)
        )
        #expect(report.items.filter(\.outsidePartners).map(\.entry.position) == [backDated.position])
        #expect(report.document.markdown.contains("| \(backDated.position) | 2023-06-05 10:00 +01:00 | police.lead | lead | police |"))
    }

    @Test func theDemoHasNoChangeFromOutsideAnActionsPartners() throws {
        let calendar = demoLedger.calendar
        let report = try GovernanceReport.build(
            demoLedger, from: calendar.instant(from: "2022-04-01", dateMeans: .start),
            to: calendar.instant(from: "2024-03-31", dateMeans: .end))
        // The demo's reports come from an action's owner only while the owner is active and
        // their partner is on the action, else from the coordinator; its late reports are
        // back-dated by a month, and no action changes hands in between. So the two years
        // hold no change from outside an action's partners: none of the coordinator's
        // reviews and reports (81 flags before coordinators were exempt) and none of the
        // partners' own.
        #expect(report.items.filter(\.outsidePartners).isEmpty)
        let byPartners = report.items.filter {
            $0.entry.recorded.event.action != nil && report.set.after.actors[$0.entry.recorded.actor]?.role != .coordinator
        }
        #expect(byPartners.count > 100)
        #expect(byPartners.contains { $0.backDated })
    }
}

@Suite struct OverdueActionsTests {
    @Test func openActionsPastTheirDueDateAreListedWithOwnerLeadAndDays() throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        func at(_ instant: String, _ command: Command) throws {
            fixture.clock.set(instant)
            try ledger.execute(command, by: Fixture.coordinator)
        }
        let late = try ActionID("A-3"), closed = try ActionID("A-4")
        for (day, id, due) in [("02", late, "2023-05-31"), ("03", closed, "2023-05-01")] {
            try fixture.execute(
                at: "2023-04-\(day)T09:00:00Z",
                .createAction(id, priority: try PriorityID("PR-1"), title: "Due \(due)", due: try LocalDate(iso8601: due)))
            try fixture.execute(
                at: "2023-04-\(day)T10:00:00Z", .assignAction(id, lead: try PartnerID("fire"), support: [], owner: Fixture.fireLead))
        }
        try fixture.execute(at: "2023-05-02T09:00:00Z", .reviewAction(closed, outcome: .complete, note: nil, nextReview: nil))

        let calendar = ledger.calendar
        let report = try GovernanceReport.build(
            ledger, from: calendar.instant(from: "2023-06-01", dateMeans: .start), to: calendar.instant(from: "2023-06-30", dateMeans: .end)
        )
        // A-1 is due next March and A-4 is closed; A-3 was due on 31 May, 30 days before 30 June.
        #expect(report.overdueActions.map(\.action.id) == [late])
        #expect(report.overdueActions.first?.days == 30)
        #expect(report.document.markdown.contains("| A-3 | Due 2023-05-31 | 2023-05-31 | Fran Fire | Test Fire | 30 |"))
        #expect(report.document.html.contains("<h2>Actions past their due date</h2>"))
    }

    @Test func theDemoListsEveryOpenActionPastItsDueDateAndNoOther() throws {
        let calendar = demoLedger.calendar
        let to = try calendar.instant(from: "2023-06-30", dateMeans: .end)
        let report = try GovernanceReport.build(demoLedger, from: calendar.instant(from: "2023-04-01", dateMeans: .start), to: to)
        let state = try demoLedger.state(asOf: to)
        let lastDay = try LocalDate(iso8601: "2023-06-30")
        let expected = state.actions.values.filter { !$0.closed && $0.due.map { $0 < lastDay } == true }
        #expect(Set(report.overdueActions.map(\.action.id)) == Set(expected.map(\.id)))
        // The 15 actions due at the end of the first plan year and carried forward unfinished.
        #expect(report.overdueActions.count == 15)
        #expect(report.overdueActions.allSatisfy { $0.action.due == (try? LocalDate(iso8601: "2023-03-31")) && $0.days == 91 })
    }
}

@Suite struct GovernanceTimesTests {
    @Test func beforeAndAfterInstantsAreInThePartnershipsZone() throws {
        let fixture = try Fixture()
        fixture.clock.set("2023-06-06T09:00:00Z")
        let entry = try fixture.ledger.execute(
            .reportProgress(Fixture.action, status: .onTrack, note: "2023-06-06T09:00:00.000Z", percent: 5), by: Fixture.policeLead)[0]
        let calendar = fixture.ledger.calendar
        let report = try GovernanceReport.build(
            fixture.ledger, from: calendar.instant(from: "2023-06-01", dateMeans: .start),
            to: calendar.instant(from: "2023-06-30", dateMeans: .end))
        let rows = try everyChange(report).filter { $0[0] == String(entry.position) }
        #expect(rows.first { $0[7] == "lastProgressAt" }?[9] == "2023-06-06 10:00 +01:00")
        // A note is text, whatever it looks like.
        #expect(rows.first { $0[7] == "lastProgressNote" }?[9] == "2023-06-06T09:00:00.000Z")
    }

    @Test func theDemosEveryChangeTableHoldsNoUTCInstant() throws {
        let calendar = demoLedger.calendar
        let report = try GovernanceReport.build(
            demoLedger, from: calendar.instant(from: "2022-04-01", dateMeans: .start),
            to: calendar.instant(from: "2024-03-31", dateMeans: .end))
        let rows = try everyChange(report)
        #expect(rows.contains { $0[7] == "lastProgressAt" && $0[9].hasSuffix("+01:00") })
        #expect(rows.contains { $0[7] == "lastReviewAt" && $0[9].hasSuffix("+00:00") })
        for row in rows {
            for value in row[8...9] { #expect(!(value.hasSuffix("Z") && value.contains("T")), "\(row)") }
        }
    }

    private func everyChange(_ report: GovernanceReport) throws -> [[String]] {
        try #require(report.document.sections.first { $0.table.title == "Every change" }).table.rows
    }
}

@Suite struct PlanReportTests {
    @Test func thePlanReportCountsRAGPerPriorityQuarterByQuarter() throws {
        let asOf = try demoLedger.calendar.instant(from: "2023-03-31", dateMeans: .end)
        let report = try PlanReport.build(demoLedger, asOf: asOf)
        // The demo's plans run April to March: quarters count from their first day.
        #expect(report.quarters.map(\.label) == ["2022/23 Q1", "2022/23 Q2", "2022/23 Q3", "2022/23 Q4"])
        #expect(report.state == (try demoLedger.state(asOf: asOf)))
        // Each quarter's counts are those of the plan as recorded at its end.
        for quarter in report.quarters {
            let state = try demoLedger.state(asOf: quarter.end)
            for (priority, counts) in quarter.counts {
                for rag in RAG.allCases {
                    #expect(counts[rag, default: 0] == state.actions.values.filter { $0.priority == priority && $0.rag == rag }.count)
                }
            }
        }
        let html = report.html
        #expect(html.contains("<svg"))
        #expect(html.contains("2022/23 Q4"))
        #expect(
            !html.contains("http://") || html.components(separatedBy: "http://").count == 2, "no external assets besides the SVG namespace")
        #expect(!html.contains("<script"))
        #expect(report.digest.position == (try demoLedger.state(asOf: asOf)).position)
    }
}
