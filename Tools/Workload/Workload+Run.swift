import LedgerCore
import LedgerStore
import LedgerTestSupport

extension Workload {
    /// One thing to do to an action on a simulated day. The last three are scheduled
    /// only with `everyEventType`.
    enum Step { case create, assign, progress, review, close, amend, correct, lateReport }

    /// The log in memory a workload decides its commands in, with the ledger's own
    /// write loop, and how far its batches have reached.
    struct Run {
        let workload: Workload
        var random: SeededGenerator
        let clock: TestClock
        let log: InMemoryEventLog
        /// The last position handed out in a batch.
        var flushed: Int64 = 0
        /// The events decided so far.
        var produced: Int { Int(state.position) }
        /// The plan so far. It is read afresh each time and not kept, so that the log
        /// applies the next events to its own plan in place instead of copying it.
        var state: PlanState { log.plan() }
        var calendar: PartnershipCalendar { workload.calendar }

        init(workload: Workload) throws {
            self.workload = workload
            random = SeededGenerator(seed: workload.seed)
            clock = TestClock(workload.createdAt)
            log = InMemoryEventLog(clock: clock.ledgerClock, ids: workload.sequentialIDs("event"))
            let founding = try Decider.establish(
                in: PlanState(), partnership: Workload.partnership, timeZone: Workload.timeZone, testClock: true, partner: Workload.council,
                partnerName: Workload.councilName, responsibleAuthority: true, coordinator: Workload.coordinator,
                coordinatorName: Workload.coordinatorName)
            // The ledger makes its own founding events; these only found the log in memory.
            flushed = Int64(founding.count)
            try log.append(
                founding.map {
                    PendingEvent(
                        eventID: log.ids.next(), event: $0, actor: Workload.coordinator, partner: Workload.council,
                        effectiveAt: workload.createdAt)
                })
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

        /// Decides `command` and records it in the log in memory at `instant`.
        mutating func run(_ command: Command, by actor: ActorID, at instant: Instant) throws {
            clock.set(instant)
            try log.execute(command, by: actor)
        }

        /// Hands the events recorded since the last batch to `body`, as one batch
        /// recorded at `instant`.
        mutating func flush(at instant: Instant, _ body: (Batch) throws -> Void) throws {
            let entries = try log.entries(from: flushed + 1, to: .max)
            guard let last = entries.last else { return }
            let events = entries.map {
                PendingEvent(
                    eventID: $0.recorded.eventID, event: $0.recorded.event, actor: $0.recorded.actor, partner: $0.recorded.partner,
                    effectiveAt: $0.recorded.effectiveAt, credential: $0.recorded.credential)
            }
            try body(Batch(recordedAt: instant, events: events))
            flushed = last.position
        }

        mutating func play(_ body: (Batch) throws -> Void) throws {
            let coordinator = Workload.coordinator
            let goal = workload.events
            let partners = try (1...40).map { try PartnerID("partner-\($0)") }
            var leads: [PartnerID: ActorID] = [:]
            let setUpTime = calendar.startOfDay(Workload.start).adding(milliseconds: 10 * 3_600_000)
            for (i, partner) in partners.enumerated() {
                try run(
                    .registerPartner(partner, name: "Partner organisation \(i + 1)", responsibleAuthority: i < 8), by: coordinator,
                    at: setUpTime)
                for (j, role) in [Role.lead, .contributor, .contributor, .lead, .auditor].enumerated() {
                    let actor = try ActorID("\(partner)-actor-\(j + 1)")
                    try run(
                        .registerActor(actor, name: "Person \(j + 1) of partner \(i + 1)", partner: partner, role: role),
                        by: coordinator, at: setUpTime)
                    if j == 0 { leads[partner] = actor }
                }
            }
            try flush(at: setUpTime, body)

            // The plan years; each action's steps are scheduled on days, then played day by day.
            let years = workload.shape.years
            var schedule: [Int64: [(ActionID, Step)]] = [:]
            var actionsPlanned = 0
            var eventsPlanned = produced
            // Each year's plan is adopted on its first day, before that day's steps.
            var adoptions: [Int64: Int] = [:]
            // The founding events and the partners come first; each year's plan adds six events.
            eventsPlanned += years * 6
            let lastDay = try LocalDate(year: 2020 + years, month: 3, day: 31).daysSince1970
            year: for year in 0..<years {
                let from = try LocalDate(year: 2020 + year, month: 4, day: 1)
                adoptions[from.daysSince1970] = year
                // Some planned steps are skipped later (their action closed first), so plan a quarter more.
                let target = (goal * 5 / 4 - eventsPlanned) / (years - year)
                var planned = 0
                while planned < target {
                    actionsPlanned += 1
                    let action = try ActionID("a\(actionsPlanned)")
                    let day = from.daysSince1970 + Int64(int(0...300))
                    var steps: [(Int64, Step)] = [(day, .create), (day, .assign)]
                    switch workload.shape {
                    case .wide:
                        for _ in 0..<int(0...2) { steps.append((day + Int64(int(20...330)), .assign)) }
                        for _ in 0..<int(5...30) { steps.append((day + Int64(int(1...360)), .progress)) }
                        let reviews = int(0...4)
                        for r in 0..<reviews {
                            steps.append((day + Int64(int(30...360)), r == reviews - 1 && int(0...2) == 0 ? .close : .review))
                        }
                    case .longLived:
                        // Weekly reports and quarterly reviews until the action's last day,
                        // a new lead every three years or so, and completion at the end.
                        let end = min(day + Int64(workload.shape.actionDays), lastDay)
                        for week in stride(from: day + 7, to: end, by: 7) { steps.append((week, .progress)) }
                        for quarter in stride(from: day + 91, to: end, by: 91) { steps.append((quarter, .review)) }
                        for _ in 0..<Int(end - day) / 1_095 { steps.append((day + Int64(int(30...Int(end - day))), .assign)) }
                        steps.append((end, .close))
                    }
                    if workload.everyEventType { steps += varietySteps(from: day) }
                    for (d, step) in steps { schedule[d, default: []].append((action, step)) }
                    planned += steps.count
                    eventsPlanned += steps.count
                    if eventsPlanned >= goal * 5 / 4 { break year }
                }
            }

            // Play the schedule. A step that no longer applies (the action closed) is skipped.
            for day in Set(schedule.keys).union(adoptions.keys).sorted() {
                if let year = adoptions[day] {
                    let from = LocalDate(daysSince1970: day)
                    let plan = try PlanID("plan-\(2020 + year)")
                    let yearStart = calendar.startOfDay(from).adding(milliseconds: 11 * 3_600_000)
                    let assessment = workload.everyEventType ? try startYear(year, at: yearStart, body) : nil
                    try run(
                        .adoptPlan(
                            plan, title: "Plan \(2020 + year)/\(21 + year)", from: from, to: from.adding(days: 364),
                            assessment: assessment),
                        by: coordinator, at: yearStart)
                    for p in 1...5 {
                        try run(
                            .addPriority(PriorityID("y\(year)-p\(p)"), plan: plan, title: "Priority \(p) of \(2020 + year)", scope: nil),
                            by: coordinator, at: yearStart)
                    }
                    try flush(at: yearStart, body)
                }
                let at = calendar.startOfDay(LocalDate(daysSince1970: day)).adding(milliseconds: 17 * 3_600_000)
                for (action, step) in schedule[day, default: []] where produced < goal {
                    try play(step, of: action, on: day, at: at, partners: partners, leads: leads)
                }
                try flush(at: at, body)
                if produced >= goal { return }
            }
        }

        mutating func play(
            _ step: Step, of action: ActionID, on day: Int64, at: Instant, partners: [PartnerID], leads: [PartnerID: ActorID]
        ) throws {
            let record = state.actions[action]
            if record?.closed == true { return }
            let coordinator = Workload.coordinator
            switch step {
            case .create:
                let plan = state.plans.values.filter { $0.from.daysSince1970 <= day }.max { $0.from < $1.from }!.id
                let chosen = try PriorityID("y\(Int(plan.rawValue.suffix(4))! - 2020)-p\(int(1...5))")
                try run(
                    .createAction(
                        action, priority: chosen, title: "Action \(action.rawValue)",
                        due: LocalDate(daysSince1970: day + Int64(workload.shape.actionDays))),
                    by: coordinator, at: at)
            case .assign:
                let lead = partners[int(0...39)]
                var support = Set<PartnerID>()
                for _ in 0..<int(0...2) { support.insert(partners[int(0...39)]) }
                support.remove(lead)
                try run(.assignAction(action, lead: lead, support: support.sorted(), owner: leads[lead]), by: coordinator, at: at)
            case .progress:
                guard let record, let owner = record.owner else { return }
                let statuses: [ActionStatus] = [.onTrack, .onTrack, .onTrack, .atRisk, .offTrack]
                try run(
                    .reportProgress(action, status: statuses[int(0...4)], note: "Progress on \(action.rawValue)", percent: int(0...100)),
                    by: owner, at: at)
            case .review, .close:
                guard record != nil else { return }
                let outcome: ReviewOutcome = step == .close ? .complete : .continue
                try run(
                    .reviewAction(
                        action, outcome: outcome, note: "Reviewed", nextReview: step == .close ? nil : LocalDate(daysSince1970: day + 90)),
                    by: coordinator, at: at)
            case .amend, .correct, .lateReport:
                guard let record else { return }
                try playVariety(step, of: record, on: day, at: at)
            }
        }
    }
}
