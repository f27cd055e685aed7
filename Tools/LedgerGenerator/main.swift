// csp-ledger-generate: a deterministic, realistic ledger of any size, for measuring.
//
// Usage: swift run -c release csp-ledger-generate --events 1000000 --db big.sqlite [--seed 7]
//
// Forty partners with five actors each, a plan a year for five years with five
// priorities each, and actions created through each year, each assigned once to three
// times, reported on 5 to 30 times by its owner and reviewed 0 to 4 times (the last
// review may complete it). Every command is decided by the ledger's own Decider, so the
// log is one the CLI could have written; a simulated day's events are appended as one
// batch, recorded that day.
import Foundation
import LedgerCore
import LedgerStore
import Synchronization

struct Options {
    var events = 100_000
    var db = "csp-ledger-generated.sqlite"
    var seed: UInt64 = 7

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--events": events = Int(value) ?? events
            case "--db": db = value
            case "--seed": seed = UInt64(value) ?? seed
            default:
                FileHandle.standardError.write(Data("usage: csp-ledger-generate --events N --db PATH [--seed S]\n".utf8))
                exit(64)
            }
            i += 2
        }
    }
}

/// Seeded choices, so every run with one seed writes the same ledger.
struct Random {
    var generator: SeededGenerator
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
}

/// One thing to do to an action on a simulated day.
enum Step { case create, assign, progress, review, close }

let options = Options(Array(CommandLine.arguments.dropFirst()))
if FileManager.default.fileExists(atPath: options.db) {
    FileHandle.standardError.write(Data("\(options.db) exists; give --db a new path\n".utf8))
    exit(1)
}
var random = Random(generator: SeededGenerator(seed: options.seed))
let calendar = try PartnershipCalendar(timeZoneIdentifier: "Europe/London")
let start = try LocalDate(iso8601: "2020-04-01")
let clockTime = Mutex(calendar.startOfDay(start).adding(milliseconds: 9 * 3_600_000))
let clock = LedgerClock { clockTime.withLock { $0 } }
let coordinator = try ActorID("coordinator")
let ledger = try Ledger.create(
    at: options.db, partnership: "Generated CSP", timeZone: "Europe/London", partner: PartnerID("council"),
    partnerName: "Council", responsibleAuthority: true, coordinator: coordinator, coordinatorName: "Coordinator", clock: clock)
var state = try ledger.state()
var counter = 0
@MainActor func nextID() -> String {
    counter += 1
    return "gen-\(options.seed)-\(counter)"
}

/// Decides `command` against the running state and queues its events for today's batch.
var batch: [PendingEvent] = []
var written = Int(state.position)
@MainActor func run(_ command: Command, by actor: ActorID, at instant: Instant) throws {
    // The decision holds the state only while deciding, so applying does not copy it.
    let events = try Decider.decide(
        command, in: Decision(now: state, atEffective: state, actor: actor, recordedAt: instant, effectiveAt: instant, calendar: calendar))
    let partner = state.actors[actor]!.partner
    for event in events {
        let pending = PendingEvent(eventID: nextID(), event: event, actor: actor, partner: partner, effectiveAt: instant)
        state.apply(
            RecordedEvent(
                position: state.position + 1, eventID: pending.eventID, streamVersion: 0, recordedAt: instant, effectiveAt: instant,
                actor: actor, partner: partner, event: event))
        batch.append(pending)
    }
}
@MainActor func flush(at instant: Instant) throws {
    guard !batch.isEmpty else { return }
    clockTime.withLock { $0 = instant }
    try ledger.append(batch)
    written += batch.count
    batch.removeAll(keepingCapacity: true)
}

// Partners and actors.
let partners = try (1...40).map { try PartnerID("partner-\($0)") }
var leads: [PartnerID: ActorID] = [:]
let setUpTime = calendar.startOfDay(start).adding(milliseconds: 10 * 3_600_000)
for (i, partner) in partners.enumerated() {
    try run(.registerPartner(partner, name: "Partner organisation \(i + 1)", responsibleAuthority: i < 8), by: coordinator, at: setUpTime)
    for (j, role) in [Role.lead, .contributor, .contributor, .lead, .auditor].enumerated() {
        let actor = try ActorID("\(partner)-actor-\(j + 1)")
        try run(
            .registerActor(actor, name: "Person \(j + 1) of partner \(i + 1)", partner: partner, role: role), by: coordinator, at: setUpTime
        )
        if j == 0 { leads[partner] = actor }
    }
}
try flush(at: setUpTime)

// Five plan years; each action's steps are scheduled on days, then played day by day.
var schedule: [Int64: [(ActionID, Step)]] = [:]
var actionsPlanned = 0
var eventsPlanned = written
year: for year in 0..<5 {
    let from = try LocalDate(year: 2020 + year, month: 4, day: 1)
    let plan = try PlanID("plan-\(2020 + year)")
    let yearStart = calendar.startOfDay(from).adding(milliseconds: 9 * 3_600_000)
    try run(
        .adoptPlan(plan, title: "Plan \(2020 + year)/\(21 + year)", from: from, to: from.adding(days: 364), assessment: nil),
        by: coordinator, at: yearStart)
    for p in 1...5 {
        try run(
            .addPriority(PriorityID("y\(year)-p\(p)"), plan: plan, title: "Priority \(p) of \(2020 + year)", scope: nil), by: coordinator,
            at: yearStart)
    }
    try flush(at: yearStart)
    // About one planned step in nine is skipped later (its action closed first), so plan a little more.
    let target = (options.events * 9 / 8 - written) / (5 - year)
    var planned = 0
    while planned < target {
        actionsPlanned += 1
        let action = try ActionID("a\(actionsPlanned)")
        let day = from.daysSince1970 + Int64(random.int(0...300))
        var steps: [(Int64, Step)] = [(day, .create), (day, .assign)]
        for _ in 0..<random.int(0...2) { steps.append((day + Int64(random.int(20...330)), .assign)) }
        let reports = random.int(5...30)
        for _ in 0..<reports { steps.append((day + Int64(random.int(1...360)), .progress)) }
        let reviews = random.int(0...4)
        for r in 0..<reviews {
            steps.append((day + Int64(random.int(30...360)), r == reviews - 1 && random.int(0...2) == 0 ? .close : .review))
        }
        for (d, step) in steps { schedule[d, default: []].append((action, step)) }
        planned += steps.count
        eventsPlanned += steps.count
        if eventsPlanned >= options.events * 9 / 8 { break year }
    }
}

// Play the schedule. A step that no longer applies (the action closed) is skipped.
for day in schedule.keys.sorted() {
    let at = calendar.startOfDay(LocalDate(daysSince1970: day)).adding(milliseconds: 17 * 3_600_000)
    for (action, step) in schedule[day]! {
        let record = state.actions[action]
        if record?.closed == true { continue }
        switch step {
        case .create:
            let plans = state.plans.values.filter { $0.from.daysSince1970 <= day }.sorted { $0.from < $1.from }
            let plan = plans.last!.id
            let chosen = try PriorityID("y\(Int(plan.rawValue.suffix(4))! - 2020)-p\(random.int(1...5))")
            try run(
                .createAction(action, priority: chosen, title: "Action \(action.rawValue)", due: LocalDate(daysSince1970: day + 365)),
                by: coordinator, at: at)
        case .assign:
            let lead = partners[random.int(0...39)]
            var support = Set<PartnerID>()
            for _ in 0..<random.int(0...2) { support.insert(partners[random.int(0...39)]) }
            support.remove(lead)
            try run(.assignAction(action, lead: lead, support: Array(support), owner: leads[lead]), by: coordinator, at: at)
        case .progress:
            guard let record, let owner = record.owner else { continue }
            let statuses: [ActionStatus] = [.onTrack, .onTrack, .onTrack, .atRisk, .offTrack]
            try run(
                .reportProgress(
                    action, status: statuses[random.int(0...4)], note: "Progress on \(action.rawValue)", percent: random.int(0...100)),
                by: owner, at: at)
        case .review, .close:
            guard record != nil else { continue }
            let outcome: ReviewOutcome = step == .close ? .complete : .continue
            try run(
                .reviewAction(
                    action, outcome: outcome, note: "Reviewed", nextReview: step == .close ? nil : LocalDate(daysSince1970: day + 90)),
                by: coordinator, at: at)
        }
    }
    try flush(at: at)
}
let digest = try ledger.digest()
print("generated \(options.db): \(digest.position) events, \(state.actions.count) actions; head \(digest.text)")
