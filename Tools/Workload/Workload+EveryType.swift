import LedgerCore
import LedgerStore

extension Workload.Run {
    /// An action's amendment, late (back-dated) reports and correction, on days after
    /// `day`, its creation.
    mutating func varietySteps(from day: Int64) -> [(Int64, Workload.Step)] {
        var steps: [(Int64, Workload.Step)] = []
        if int(0...3) == 0 { steps.append((day + Int64(int(10...300)), .amend)) }
        for _ in 0..<int(0...2) { steps.append((day + Int64(int(15...360)), .lateReport)) }
        if int(0...2) == 0 { steps.append((day + Int64(int(30...360)), .correct)) }
        return steps
    }

    /// What a year begins with besides its plan: the assessment the plan answers
    /// (recorded through an access token issued for it and revoked after), the review
    /// of last year's plan (retiring a priority), a contributor who leaves, and in the
    /// third year a write from a clock an hour behind, accepted by the coordinator.
    /// Returns the assessment.
    mutating func startYear(_ year: Int, at yearStart: Instant, _ body: (Workload.Batch) throws -> Void) throws -> AssessmentID {
        let coordinator = Workload.coordinator
        if year == 2, let last = state.lastRecordedAt {
            clock.set(last.adding(milliseconds: -3_600_000))
            try log.execute(
                .addPriority(PriorityID("late-clock"), plan: PlanID("plan-2021"), title: "Recorded from a slow clock", scope: nil),
                by: coordinator, acceptClockBehind: true)
            try flush(at: last, body)
        }
        if year > 0 {
            try run(
                .reviewPlan(PlanID("plan-\(2019 + year)"), note: "Annual review of year \(year)", retire: [PriorityID("y\(year - 1)-p5")]),
                by: coordinator, at: yearStart)
            try run(.deactivateActor(ActorID("partner-\(year)-actor-2"), reason: "Left the partnership"), by: coordinator, at: yearStart)
        }
        let assessment = try AssessmentID("sa-\(firstYear + year)")
        let token = try TokenID("00000000000000a\(year)")
        try run(
            .issueToken(token, actor: coordinator, sha256: String(repeating: "0\(year)", count: 32), expiresAt: nil, label: "Year \(year)"),
            by: coordinator, at: yearStart)
        try log.execute(
            .recordAssessment(
                assessment, year: firstYear + year, title: "Strategic assessment \(firstYear + year)",
                summary: "Findings of \(firstYear + year)"),
            by: coordinator, credential: token)
        try run(.revokeToken(token, reason: "Used once"), by: coordinator, at: yearStart)
        return assessment
    }

    /// An amendment, a report back-dated by one to ten days, or a correction of the
    /// action's last report. One the rules refuse (a late report from before the
    /// owner's partner was on the action, say) is skipped, as a step for a closed action is.
    mutating func playVariety(_ step: Workload.Step, of record: ActionRecord, on day: Int64, at: Instant) throws {
        let coordinator = Workload.coordinator
        do {
            switch step {
            case .amend:
                try run(
                    .amendAction(record.id, title: "\(record.title) (amended)", due: LocalDate(daysSince1970: day + 200)), by: coordinator,
                    at: at)
            case .lateReport:
                guard let owner = record.owner else { return }
                let effective = at.adding(milliseconds: -Int64(int(1...10)) * 86_400_000)
                clock.set(at)
                try log.execute(
                    .reportProgress(record.id, status: .atRisk, note: "Late report on \(record.id.rawValue)", percent: int(0...100)),
                    by: owner,
                    effective: effective)
            case .correct:
                let reports = try log.entries(stream: .action(record.id)).filter { $0.type == ActionProgressed.typeName }
                guard let last = reports.last else { return }
                try run(
                    .correctEvent(
                        last.recorded.eventID, reason: "Misreported", status: .offTrack, note: "Corrected report on \(record.id.rawValue)",
                        percent: nil, nextReview: nil), by: coordinator, at: at)
            case .create, .assign, .progress, .review, .close:
                preconditionFailure("not a variety step")
            }
        } catch is LedgerError {
            return
        }
    }
}
