import CanonicalJSON
import GRDB
import LedgerCore

/// One walk over a log from position 1, checking each stored event before anything
/// rests on it: its bytes (the chain, canonical form, order, times, stream versions)
/// and its meaning (the rules, re-checked with the decider itself against the plan as
/// known just before the event was recorded). `verify` and `import` share it.
struct LogCheck {
    /// The plan as known after the events checked so far, in log order.
    private(set) var state = PlanState()
    /// The chain as walked so far.
    private(set) var chain = ChainCheck()
    private var versions: [StreamID: Int] = [:]
    private var calendar: PartnershipCalendar?

    /// The next position expected.
    var next: Int64 { chain.next }
    var lastRecorded: Instant? { chain.lastRecorded }

    /// Recording and effective times lie in the years 1 to 9999, which every reader
    /// can write as ISO-8601.
    static let times = Instant(millisecondsSince1970: -62_135_596_800_000)...Instant(millisecondsSince1970: 253_402_300_799_999)

    /// What an entry's own bytes show, apart from the entries before it: its ``ChainCheck/Seal``
    /// and the first thing wrong with its form (a payload not canonical, not exactly what
    /// its type holds, or not of its stream and type). It depends on nothing else, so
    /// ``DecodedRow`` works it out a batch ahead, on another thread, for
    /// ``checkBytes(_:form:)`` to judge in log order.
    struct Form {
        var seal: ChainCheck.Seal
        var problem: String?

        init(_ entry: LogEntry) {
            seal = ChainCheck.Seal(entry.envelopeColumns, prevHash: entry.prevHash, hash: entry.hash)
            let r = entry.recorded
            problem =
                if !JSONValue.isCanonical(entry.payload) {
                    "the payload is not in canonical form"
                } else if !r.event.isExact(schemaVersion: entry.schemaVersion, payload: entry.payload) {
                    "the payload is not what a \(entry.type) of schema version \(entry.schemaVersion) holds: a key was added, or a value changed form"
                } else if entry.streamID != r.event.streamID || entry.type != r.event.typeName {
                    "the stream or type does not match the payload"
                } else {
                    nil
                }
        }
    }

    /// Checks what the entry's own bytes can show, without the plan: its place in the
    /// chain (``ChainCheck``), then its form.
    /// - Parameter form: the entry's ``Form``, if it was worked out already.
    /// - Throws: ``Failure`` naming the position and what is wrong.
    func checkBytes(_ entry: LogEntry, form: Form? = nil) throws(Failure) {
        let r = entry.recorded
        let form = form ?? Form(entry)
        try chain.check(position: r.position, prevHash: entry.prevHash, seal: form.seal)
        func fail(_ reason: String) -> Failure { Failure(position: r.position, reason: reason) }
        if let problem = form.problem { throw fail(problem) }
        if let lastRecorded, r.recordedAt < lastRecorded { throw fail("recorded_at goes backwards") }
        guard r.effectiveAt <= r.recordedAt else { throw fail("the effective time is after the recording time") }
        let version = (versions[entry.streamID] ?? 0) + 1
        guard r.streamVersion == version else {
            throw fail("\(entry.streamID) is at version \(r.streamVersion) where \(version) was expected; stream versions go 1, 2, 3 …")
        }
    }

    /// Checks the event's meaning: the rules in force when it was recorded, against the
    /// plan as known before it (`log`, a table or view of `db`, holds the log up to it at least).
    /// - Throws: ``Failure`` naming the position and the rule.
    func checkRules(_ entry: LogEntry, _ db: Database, log: String = "events") throws -> Void {
        let r = entry.recorded
        let referenced = try Command(restating: r.event)?.referencedEventID.flatMap { id in
            try EventRows.entry(db, eventID: id, log: log).flatMap { $0.position < r.position ? $0.recorded : nil }
        }
        let backDated = r.effectiveAt < r.recordedAt
        let actions = r.event.action.map { [$0] } ?? []
        let atEffective =
            backDated ? try EventRows.scopedState(db, actions: actions, effectiveBy: r.effectiveAt, before: r.position, log: log) : state
        let later =
            backDated
            ? try EventRows.fetch(
                db, where: "stream_id = ? AND effective_at > ? AND position < ?",
                [entry.streamID.text, r.effectiveAt.millisecondsSince1970, r.position], orderBy: "effective_at, position",
                log: log
            ).map(\.recorded) : []
        let context = Decision(
            now: state, atEffective: atEffective, actor: r.actor, recordedAt: r.recordedAt, effectiveAt: r.effectiveAt,
            calendar: try calendar ?? PartnershipCalendar(timeZoneIdentifier: "UTC"), referenced: referenced)
        do { try Rules.check(r, in: context, later: later) } catch {
            throw Failure(
                position: r.position,
                reason: "the \(r.event.typeName) breaks the rules of version \(max(state.rulesVersion, 1)): \(error.message)")
        }
    }

    /// Folds a checked entry in, and returns the records it changed.
    @discardableResult
    mutating func fold(_ entry: LogEntry) -> [RecordChange] {
        let changes = state.applyReportingChanges(entry.recorded)
        chain.advance(position: entry.position, hash: entry.hash, recordedAt: entry.recorded.recordedAt)
        versions[entry.streamID, default: 0] += 1
        if calendar == nil, let zone = state.partnership?.timeZone { calendar = try? PartnershipCalendar(timeZoneIdentifier: zone) }
        return changes
    }

    /// What a check found wrong.
    struct Failure: Error, CustomStringConvertible {
        var position: Int64
        var reason: String
        var description: String { "position \(position): \(reason)" }
    }
}
