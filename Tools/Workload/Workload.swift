import LedgerCore
import LedgerStore
import LedgerTestSupport

/// A deterministic, realistic ledger's worth of events, for measuring.
///
/// Forty partners with five actors each, a plan a year for five years with five
/// priorities each, and actions created through each year, each assigned once to three
/// times, reported on 5 to 30 times by its owner and reviewed 0 to 4 times (the last
/// review may complete it). Every command is decided by the ledger's own Decider, so the
/// log is one the CLI could have written. A simulated day's events form one batch,
/// recorded that day; the same seed always gives the same batches.
///
/// That is the `wide` shape: a very large partnership (about 55,000 actions at a million
/// events). The `longLived` shape is a partnership of twenty plan years with about a
/// twentieth as many actions, each running up to ten years with a progress report every
/// week and a review every quarter: about 2,000 actions at a million events, each with
/// hundreds of versions.
///
/// With `everyEventType`, the simulation also records an assessment for each plan
/// through a token issued and revoked for it, reviews each year's plan and retires a
/// priority, deactivates an actor each year,
/// amends and corrects actions, back-dates some reports, and once accepts a clock far
/// behind, so that the log holds every type the fold knows (for the differential
/// tests); without it, the batches are those the benchmark has always measured.
public struct Workload {
    /// One simulated day's events, recorded at `recordedAt`.
    public struct Batch: Sendable {
        public var recordedAt: Instant
        public var events: [PendingEvent]
    }

    public static let timeZone = "Europe/London"
    public static let coordinator = try! ActorID("coordinator")
    public static let council = try! PartnerID("council")
    static let (partnership, councilName, coordinatorName) = ("Generated CSP", "Council", "Coordinator")

    /// How the partnership's events are spread over its actions and years.
    public enum Shape: String, Sendable, CaseIterable {
        /// Five plan years of many short actions, each reported on 5 to 30 times.
        case wide
        /// Twenty plan years of few actions, each reported on weekly for up to ten years.
        case longLived = "long-lived"

        var years: Int { self == .wide ? 5 : 20 }
        /// The longest an action runs, in days, from its creation to its due date.
        var actionDays: Int { self == .wide ? 365 : 3_650 }
    }

    public let events: Int
    public let seed: UInt64
    public let everyEventType: Bool
    public let shape: Shape
    let calendar = try! PartnershipCalendar(timeZoneIdentifier: Workload.timeZone)
    /// When the ledger is created, before the first batch.
    public var createdAt: Instant { calendar.startOfDay(Workload.start).adding(milliseconds: 9 * 3_600_000) }
    static let start = try! LocalDate(iso8601: "2020-04-01")

    public init(events: Int, seed: UInt64, everyEventType: Bool = false, shape: Shape = .wide) {
        self.events = events
        self.seed = seed
        self.everyEventType = everyEventType
        self.shape = shape
    }

    /// Creates the ledger the batches are appended to, as `init --test-clock` would: its
    /// days are simulated, so its clock is set.
    public func createLedger(at path: String, clock: LedgerClock) throws -> Ledger {
        try Ledger.create(
            at: path, partnership: Workload.partnership, timeZone: Workload.timeZone, partner: Workload.council,
            partnerName: Workload.councilName, responsibleAuthority: true, coordinator: Workload.coordinator,
            coordinatorName: Workload.coordinatorName, testClock: true, clock: clock, ids: sequentialIDs("create"))
    }

    /// Event ids that are the same on every run with this seed.
    func sequentialIDs(_ prefix: String) -> EventIDGenerator { .numbered("gen-\(seed)-\(prefix)-") }

    /// Calls `body` with each day's batch, in order, until about `events` events (the
    /// ledger's three founding events included) have been produced.
    public func forEachBatch(_ body: (Batch) throws -> Void) throws {
        var run = try Run(workload: self)
        try run.play(body)
    }
}
