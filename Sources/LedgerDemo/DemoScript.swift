import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

/// Two years of the Canterbury partnership's work, April 2022 to March 2024, recorded
/// through the ledger's own commands on a moving clock: the plan import, monthly
/// progress reports (some back-dated), quarterly reviews, reassignments, a withdrawn
/// action, a deactivated actor, two annual reviews, and a checkpoint at each quarter's
/// end that two partners' witnesses cosign.
struct DemoScript {
    let ledger: Ledger
    let clock: DemoClock
    var random = SeededGenerator(seed: 20_220_401)
    /// Reports due this month that will be recorded early next month.
    var late: [(effective: Instant, by: ActorID, command: Command)] = []
    /// The last checkpoint each witness cosigned: its state file.
    var witnessed: [PartnerID: Checkpoint] = [:]

    static let coordinator = try! ActorID("a.morgan")
    static let secondCoordinator = try! ActorID("c.reid")
    static let firstPlan = try! PlanID("CSP-2022-23")
    static let secondPlan = try! PlanID("CSP-2023-24")
    static let calendar = try! PartnershipCalendar(timeZoneIdentifier: "Europe/London")

    /// `hour:minute` local time on `date` in the partnership's zone.
    static func instant(_ date: String, _ hour: Int, _ minute: Int = 0) -> Instant {
        let day = try! LocalDate(iso8601: date)
        let midnight = calendar.startOfDay(day)
        let offset = Int64(
            calendar.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(midnight.millisecondsSince1970) / 1000 + 43_200)))
        let utcMidnight = Instant(millisecondsSince1970: day.daysSince1970 * 86_400_000)
        return utcMidnight.adding(milliseconds: (Int64(hour * 3600 + minute * 60) - offset) * 1000)
    }

    mutating func run() throws {
        try setUp()
        var month = try LocalDate(year: 2022, month: 5, day: 1)
        let end = try LocalDate(year: 2024, month: 3, day: 1)
        while month <= end {
            try monthOfWork(month)
            month = try LocalDate(year: month.month == 12 ? month.year + 1 : month.year, month: month.month % 12 + 1, day: 1)
        }
    }

    func execute(_ command: Command, by actor: ActorID = coordinator, at instant: Instant, effective: Instant? = nil) throws {
        clock.set(instant)
        try ledger.execute(command, by: actor, effective: effective)
    }

    private func setUp() throws {
        let plan = try PlanFile.parse(DemoLedger.canterburyPlan, name: "canterbury-2022-23.yaml")
        try execute(.importPlan(plan), at: Self.instant("2022-04-05", 10, 30))
        try execute(
            .registerPartner(PartnerID("kent-pcc"), name: "Office of the Kent Police and Crime Commissioner", responsibleAuthority: false),
            at: Self.instant("2022-04-05", 11))
        try execute(
            .registerActor(ActorID("pcc.audit"), name: "Priya Shah", partner: PartnerID("kent-pcc"), role: .auditor),
            at: Self.instant("2022-04-05", 11, 5))
        try execute(
            .registerActor(Self.secondCoordinator, name: "Chris Reid", partner: PartnerID("canterbury-city-council"), role: .coordinator),
            at: Self.instant("2022-04-05", 11, 10))
        try execute(
            .registerLedgerKey(try DemoKeys.ledgerKey(origin: ledger.checkpointOrigin()).verifierKey.text),
            at: Self.instant("2022-04-05", 11, 15))
        for (i, partner) in DemoKeys.witnessPartners.enumerated() {
            try execute(
                .registerWitness(try DemoKeys.witnessKey(partner).verifierKey.text, partner: partner),
                at: Self.instant("2022-04-05", 11, 20 + i))
        }
    }

    private mutating func monthOfWork(_ month: LocalDate) throws {
        let label = "\(month.year)-\(month.month < 10 ? "0" : "")\(month.month)"
        try lateReports(label: label)
        try events(before: label)
        try progressRound(label: label)
        if [3, 6, 9, 12].contains(month.month) { try reviewRound(month, label: label) }
        try events(after: label)
        if [3, 6, 9, 12].contains(month.month) { try witnessQuarter(label: "\(label)-\([6, 9].contains(month.month) ? 30 : 31)") }
    }

    /// The quarter ends with a checkpoint at 17:00 on its last day, which each witness
    /// cosigns (by the witness's own rule, with the proof from the last one it
    /// cosigned) five minutes apart, recorded at 17:15.
    private mutating func witnessQuarter(label day: String) throws {
        clock.set(Self.instant(day, 17))
        let signed = try ledger.signCheckpoint(with: DemoKeys.ledgerKey(origin: ledger.checkpointOrigin()), by: Self.coordinator)
        var notes: [String] = []
        for (i, partner) in DemoKeys.witnessPartners.enumerated() {
            let last = witnessed[partner]
            let proof = try last.map {
                ConsistencyProof(
                    oldSize: $0.size, hashes: try ledger.consistencyProof(old: $0.size, new: signed.checkpoint.size), checkpoint: signed)
            }
            let time = Self.instant(day, 17, 5 * (i + 1)).millisecondsSince1970 / 1000
            guard
                case .cosigned(let cosignature, let remember) = try Witness.consider(
                    signed, proof: proof, last: last, key: DemoKeys.witnessKey(partner), at: time)
            else { preconditionFailure("the demo's log never forks") }
            witnessed[partner] = remember
            notes.append(signed.note.serialized + cosignature.line)
        }
        try execute(try ledger.recordingCosignatures(notes), at: Self.instant(day, 17, 15))
    }

    /// Reports from the owners of open, assigned actions, about two in three each month,
    /// in time order. One in twelve arrives late: it is recorded on the 2nd of the next
    /// month, back-dated to the 28th of this one.
    private mutating func progressRound(label: String) throws {
        let state = try ledger.state()
        var reports: [(at: Instant, by: ActorID, command: Command)] = []
        for action in state.actions.values.sorted(by: { $0.id < $1.id }) where !action.closed && action.isAssigned {
            guard Int.random(in: 0..<3, using: &random) > 0 else { continue }
            let percent = min(100, (action.percent ?? 0) + Int.random(in: 4...18, using: &random))
            let roll = Int.random(in: 0..<20, using: &random)
            let status: ActionStatus = percent == 100 ? .completed : roll < 13 ? .onTrack : roll < 17 ? .atRisk : .offTrack
            let note = Self.notes[Int.random(in: 0..<Self.notes.count, using: &random)]
            let command = Command.reportProgress(action.id, status: status, note: note, percent: percent)
            let reporter = reporter(for: action, in: state)
            if Int.random(in: 0..<12, using: &random) == 0 {
                late.append((Self.instant("\(label)-28", 17), reporter, command))
            } else {
                let day = Int.random(in: 8...20, using: &random)
                let at = Self.instant(
                    "\(label)-\(day < 10 ? "0" : "")\(day)", Int.random(in: 9...16, using: &random), Int.random(in: 0...59, using: &random))
                reports.append((at, reporter, command))
            }
        }
        for report in reports.sorted(by: { $0.at < $1.at }) { try execute(report.command, by: report.by, at: report.at) }
    }

    /// Last month's late reports, recorded now and back-dated to when they were due;
    /// skipped for an action a review has closed since.
    private mutating func lateReports(label: String) throws {
        let state = try ledger.state()
        for (i, report) in late.enumerated() {
            guard case .reportProgress(let id, _, _, _, _) = report.command, state.actions[id]?.closed == false else { continue }
            try execute(report.command, by: report.by, at: Self.instant("\(label)-02", 9, i), effective: report.effective)
        }
        late = []
    }

    /// The owner reports when still active and on the action; otherwise the coordinator.
    private func reporter(for action: ActionRecord, in state: PlanState) -> ActorID {
        if let owner = action.owner, let record = state.actors[owner], record.active, action.involves(record.partner) { return owner }
        return Self.coordinator
    }

    /// The quarter's reviews: completed work is closed, the rest continues to the next
    /// quarter end; at the year end, unfinished actions are carried forward.
    private mutating func reviewRound(_ month: LocalDate, label: String) throws {
        let state = try ledger.state()
        let yearEnd = month.month == 3
        let nextQuarterEnd =
            month.month == 12
            ? try LocalDate(year: month.year + 1, month: 3, day: 31)
            : try LocalDate(year: month.year, month: month.month + 3, day: month.month + 3 == 6 || month.month + 3 == 9 ? 30 : 31)
        let at = Self.instant("\(label)-26", 14)
        for action in state.actions.values.sorted(by: { $0.id < $1.id }) where !action.closed {
            let command: Command
            if action.status == .completed {
                command = .reviewAction(action.id, outcome: .complete, note: "Delivered; closed at the quarterly review.", nextReview: nil)
            } else if yearEnd {
                command = .reviewAction(
                    action.id, outcome: .carryForward, note: "Unfinished at the year end; carried into the next plan.",
                    nextReview: nextQuarterEnd)
            } else {
                command = .reviewAction(
                    action.id, outcome: .continue, note: "Reviewed at the partnership meeting.", nextReview: nextQuarterEnd)
            }
            try execute(command, at: at)
        }
    }

    private static let notes = [
        "Session delivered with partners; attendance as planned.",
        "Awaiting venue confirmation from the council.",
        "Funding bid submitted; decision expected next month.",
        "Staff shortages delayed this month's activity.",
        "Joint operation with licensing officers completed.",
        "Campaign materials printed and distributed in the city centre.",
        "Referrals up on last month; follow-up with partners booked.",
        "Feedback from students collected at the drop-in.",
    ]
}
