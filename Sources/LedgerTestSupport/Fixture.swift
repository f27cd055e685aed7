import LedgerCore
import LedgerStore

/// A small ledger for tests: a council coordinator, police and fire partners with a
/// lead, a contributor and an auditor, a plan with one priority and one assigned action.
///
/// | actor | partner | role |
/// |---|---|---|
/// | coord | council | coordinator |
/// | police.lead | police | lead |
/// | police.helper | police | contributor |
/// | fire.lead | fire | lead |
/// | auditor | council | auditor |
///
/// Action `A-1` is led by `police` with `council` supporting, owned by `police.lead`;
/// `A-2` exists but is not assigned.
public struct Fixture: Sendable {
    public let directory = TemporaryDirectory()
    public let clock = TestClock()
    public let ledger: Ledger

    public static let coordinator = try! ActorID("coord")
    public static let policeLead = try! ActorID("police.lead")
    public static let policeHelper = try! ActorID("police.helper")
    public static let fireLead = try! ActorID("fire.lead")
    public static let auditor = try! ActorID("auditor")
    public static let action = try! ActionID("A-1")
    public static let unassigned = try! ActionID("A-2")

    public var path: String { ledger.path }

    public init(snapshotInterval: Int64 = Snapshots.defaultInterval) throws {
        let path = directory.file("ledger.sqlite")
        ledger = try Ledger.create(
            at: path, partnership: "Test CSP", timeZone: "Europe/London", partner: PartnerID("council"),
            partnerName: "Test Council", responsibleAuthority: true, coordinator: Fixture.coordinator,
            coordinatorName: "Casey Coordinator", testClock: true, clock: clock.ledgerClock, snapshotInterval: snapshotInterval)
        for command in try Fixture.cast() {
            clock.advance(minutes: 1)
            try ledger.execute(command, by: Fixture.coordinator)
        }
        clock.advance(minutes: 60)
    }

    /// The commands that give a founded log this fixture's partners, people, plan and
    /// actions, all by the coordinator.
    public static func cast() throws -> [Command] {
        [
            .registerPartner(try PartnerID("police"), name: "Test Police", responsibleAuthority: true),
            .registerPartner(try PartnerID("fire"), name: "Test Fire", responsibleAuthority: true),
            .registerActor(Fixture.policeLead, name: "Pat Lead", partner: try PartnerID("police"), role: .lead),
            .registerActor(Fixture.policeHelper, name: "Hal Helper", partner: try PartnerID("police"), role: .contributor),
            .registerActor(Fixture.fireLead, name: "Fran Fire", partner: try PartnerID("fire"), role: .lead),
            .registerActor(Fixture.auditor, name: "Ann Auditor", partner: try PartnerID("council"), role: .auditor),
            .adoptPlan(
                try PlanID("P-1"), title: "Plan 2023/24", from: try LocalDate(iso8601: "2023-04-01"),
                to: try LocalDate(iso8601: "2024-03-31"), assessment: nil),
            .addPriority(try PriorityID("PR-1"), plan: try PlanID("P-1"), title: "Priority one", scope: nil),
            .createAction(
                Fixture.action, priority: try PriorityID("PR-1"), title: "Do the thing", due: try LocalDate(iso8601: "2024-03-31")),
            .assignAction(Fixture.action, lead: try PartnerID("police"), support: [try PartnerID("council")], owner: Fixture.policeLead),
            .createAction(Fixture.unassigned, priority: try PriorityID("PR-1"), title: "Another thing", due: nil),
        ]
    }

    /// Sets the clock to `instant` and executes `command`, returning its first entry.
    @discardableResult
    public func execute(at instant: String, _ command: Command, by actor: ActorID = Fixture.coordinator, effective: String? = nil)
        throws -> LogEntry
    {
        clock.set(instant)
        return try ledger.execute(command, by: actor, effective: effective.map { try Instant(iso8601: $0) })[0]
    }

    /// The head digest and event count, to prove a refusal changed nothing.
    public func fingerprint() throws -> String {
        let digest = try ledger.digest()
        return "\(digest.position):\(digest.hash):\(try ledger.count())"
    }
}
