import LedgerCore
import LedgerStore

/// The one-off moments of the demo's two years.
extension DemoScript {
    func events(before month: String) throws {
        switch month {
        case "2022-09":
            // The Safe Zone app is promoted under two priorities; the BID takes SOC-3 on.
            try execute(
                .assignAction(
                    ActionID("SOC-3"), lead: PartnerID("canterbury-bid"),
                    support: [PartnerID("local-universities"), PartnerID("kent-police")], owner: ActorID("k.osei")),
                at: Self.instant("2022-09-05", 10))
        case "2023-01":
            // Lin Chen leaves Kent Police; Bal Singh takes over her actions.
            try execute(
                .registerActor(ActorID("b.singh"), name: "Bal Singh", partner: PartnerID("kent-police"), role: .contributor),
                at: Self.instant("2023-01-04", 9))
            for id in ["SOC-5", "SYP-4", "ASB-3"] {
                let action = try ledger.state().actions[ActionID(id)]!
                guard !action.closed, let lead = action.lead else { continue }
                try execute(
                    .assignAction(action.id, lead: lead, support: action.supporting, owner: ActorID("b.singh")),
                    at: Self.instant("2023-01-04", 9, 30))
            }
            try execute(
                .deactivateActor(ActorID("l.chen"), reason: "Left Kent Police in December 2022."), at: Self.instant("2023-01-04", 10))
        case "2023-02":
            // A report in January gave the wrong percent; the coordinator corrects it.
            let report = try ledger.entries(LogFilter(type: ActionProgressed.typeName, stream: .action(ActionID("SVP-3")))).last!
            guard case .actionProgressed(let progress) = report.recorded.event else { break }
            try execute(
                .correctEvent(
                    report.recorded.eventID, reason: "Rising Sun reported the percent for the wrong quarter.", status: nil,
                    note: nil, percent: max(0, (progress.percent ?? 10) - 10), nextReview: nil),
                at: Self.instant("2023-02-06", 9, 40))
        case "2023-04":
            try startSecondPlan()
        case "2023-05":
            // Viola House finds a March report that never reached the ledger: six weeks late, back-dated.
            let action = try ActionID("SVP-4")
            if try ledger.state().actions[action]?.closed == false {
                try execute(
                    .reportProgress(
                        action, status: .atRisk, note: "March report found in an unsent email: referrals paused for two weeks.",
                        percent: nil),
                    by: ActorID("p.kowalska"), at: Self.instant("2023-05-02", 11), effective: Self.instant("2023-03-20", 12))
            }
        default:
            break
        }
    }

    func events(after month: String) throws {
        switch month {
        case "2022-09":
            // The hospital pathway needs NHS sign-off: the due date moves (back-dated to the meeting).
            let action = try ActionID("SVP-1")
            if try ledger.state().actions[action]?.closed == false {
                try execute(
                    .amendAction(action, title: nil, due: LocalDate(iso8601: "2023-09-30")),
                    at: Self.instant("2022-09-29", 11), effective: Self.instant("2022-09-26", 14))
            }
        case "2022-12":
            let action = try ActionID("SOC-3")
            if try ledger.state().actions[action]?.closed == false {
                try execute(
                    .reviewAction(
                        action, outcome: .withdraw,
                        note: "Duplicates NTE-5 (Promote the Safe Zone app); the work continues there.", nextReview: nil),
                    at: Self.instant("2022-12-28", 10))
            }
        case "2023-03":
            try execute(
                .reviewPlan(
                    Self.firstPlan,
                    note: "Annual review: the 2022/23 priorities are replaced by the 2023/24 plan; unfinished actions carried forward.",
                    retire: [PriorityID("SOC"), PriorityID("SVP"), PriorityID("SYP"), PriorityID("NTE"), PriorityID("ASB")]),
                at: Self.instant("2023-03-30", 15))
        case "2024-03":
            try execute(
                .reviewPlan(Self.secondPlan, note: "Annual review: all five priorities confirmed for 2024/25.", retire: []),
                at: Self.instant("2024-03-28", 15))
        default:
            break
        }
    }

    private func startSecondPlan() throws {
        try execute(
            .recordAssessment(
                AssessmentID("SA-2023"), year: 2023, title: "Canterbury strategic assessment 2023",
                summary: "Violence against women and girls and youth violence remain the highest concerns."),
            at: Self.instant("2023-04-03", 9))
        try execute(
            .adoptPlan(
                Self.secondPlan, title: "Canterbury Community Safety Partnership action plan 2023/24",
                from: LocalDate(iso8601: "2023-04-01"), to: LocalDate(iso8601: "2024-03-31"), assessment: AssessmentID("SA-2023")),
            at: Self.instant("2023-04-03", 9, 30))
        let priorities = [
            ("SOC-23", "Disrupt serious and organised crime"), ("SVP-23", "Safeguarding and focus on vulnerable people"),
            ("SYP-23", "Support young people"), ("NTE-23", "Night-time economy and violence"), ("ASB-23", "Disrupt anti-social behaviour"),
        ]
        for (i, (id, title)) in priorities.enumerated() {
            try execute(
                .addPriority(PriorityID(id), plan: Self.secondPlan, title: title, scope: nil), at: Self.instant("2023-04-03", 10, i))
        }
        let actions: [(String, String, String, String, [String], String)] = [
            (
                "SOC-23-1", "SOC-23", "Map county lines activity with Kent Police analysts", "kent-police", ["canterbury-city-council"],
                "d.okafor"
            ),
            ("SVP-23-1", "SVP-23", "Launch the survivor forum with Rising Sun", "rising-sun", ["viola-house"], "h.ahmed"),
            ("SYP-23-1", "SYP-23", "Deliver Serious Violence Duty workshops in schools", "kent-county-council", ["kent-police"], "t.walsh"),
            ("NTE-23-1", "NTE-23", "Extend Refuge Points across the city centre", "canterbury-bid", ["street-pastors"], "k.osei"),
            ("ASB-23-1", "ASB-23", "Run graffiti clean-up days with residents", "canterbury-city-council", ["housing-support"], "r.patel"),
        ]
        for (i, (id, priority, title, lead, support, owner)) in actions.enumerated() {
            try execute(
                .createAction(ActionID(id), priority: PriorityID(priority), title: title, due: LocalDate(iso8601: "2024-03-31")),
                at: Self.instant("2023-04-04", 10, i * 2))
            try execute(
                .assignAction(ActionID(id), lead: PartnerID(lead), support: try support.map { try PartnerID($0) }, owner: ActorID(owner)),
                at: Self.instant("2023-04-04", 10, i * 2 + 1))
        }
    }
}
