/// The plan as a snapshot stores it: a compact binary form, field by field.
///
/// A snapshot holds the whole plan (tens of thousands of actions in a large ledger)
/// and is written during appends and rebuilds and read by every as-of query and every
/// process's first write, so its cost is paid often. Written through `Codable`, the
/// containers' overhead cost more than folding the log it saves; this form is read and
/// written at memory speed. It is versioned by ``PlanState/foldVersion``: a change here
/// bumps it, and snapshots of another version are ignored and rebuilt.
extension PlanState {
    public var snapshotBytes: [UInt8] {
        var out = SnapshotWriter()
        out.int(position)
        out.optional(lastRecordedAt) { $0.instant($1) }
        out.optional(partnership) { $1.write(to: &$0) }
        out.records(partners) { $1.write(to: &$0) }
        out.records(actors) { $1.write(to: &$0) }
        out.records(assessments) { $1.write(to: &$0) }
        out.records(plans) { $1.write(to: &$0) }
        out.records(priorities) { $1.write(to: &$0) }
        out.records(actions) { $1.write(to: &$0) }
        out.records(tokens) { $1.write(to: &$0) }
        writeLedgerKeys(to: &out)
        writeWitnesses(to: &out)
        return out.bytes
    }

    /// - Throws: ``SnapshotError`` for bytes that are not a snapshot of this version.
    public init(snapshotBytes bytes: [UInt8]) throws {
        var r = SnapshotReader(bytes: bytes)
        self.init()
        position = try r.int()
        lastRecordedAt = try r.optional { try $0.instant() }
        partnership = try r.optional { try PartnershipRecord(from: &$0) }
        partners = try r.records { try PartnerRecord(id: $1, from: &$0) }
        actors = try r.records { try ActorRecord(id: $1, from: &$0) }
        assessments = try r.records { try AssessmentRecord(id: $1, from: &$0) }
        plans = try r.records { try PlanRecord(id: $1, from: &$0) }
        priorities = try r.records { try PriorityRecord(id: $1, from: &$0) }
        actions = try r.records { try ActionRecord(id: $1, from: &$0) }
        tokens = try r.records { try TokenRecord(id: $1, from: &$0) }
        ledgerKeys = try Self.ledgerKeys(from: &r)
        try readWitnesses(from: &r)
        guard r.atEnd else { throw SnapshotError() }
    }
}

extension PartnershipRecord {
    func write(to out: inout SnapshotWriter) {
        out.string(name)
        out.string(timeZone)
        out.bool(testClock)
        out.int(Int64(rules))
    }

    init(from r: inout SnapshotReader) throws {
        self.init(name: try r.string(), timeZone: try r.string(), testClock: try r.bool(), rules: Int(try r.int()))
    }
}

extension PartnerRecord {
    func write(to out: inout SnapshotWriter) {
        out.string(name)
        out.bool(responsibleAuthority)
    }

    init(id: PartnerID, from r: inout SnapshotReader) throws {
        self.init(id: id, name: try r.string(), responsibleAuthority: try r.bool())
    }
}

extension ActorRecord {
    func write(to out: inout SnapshotWriter) {
        out.string(name)
        out.id(partner)
        out.string(role.rawValue)
        out.bool(active)
    }

    init(id: ActorID, from r: inout SnapshotReader) throws {
        self.init(id: id, name: try r.string(), partner: try r.id(), role: try r.raw(Role.self), active: try r.bool())
    }
}

extension AssessmentRecord {
    func write(to out: inout SnapshotWriter) {
        out.int(Int64(year))
        out.string(title)
        out.optional(summary) { $0.string($1) }
    }

    init(id: AssessmentID, from r: inout SnapshotReader) throws {
        self.init(id: id, year: Int(try r.int()), title: try r.string(), summary: try r.optional { try $0.string() })
    }
}

extension PlanRecord {
    func write(to out: inout SnapshotWriter) {
        out.string(title)
        out.date(from)
        out.date(to)
        out.optional(assessment) { $0.id($1) }
        out.optional(lastReviewAt) { $0.instant($1) }
        out.optional(lastReviewNote) { $0.string($1) }
    }

    init(id: PlanID, from r: inout SnapshotReader) throws {
        self.init(
            id: id, title: try r.string(), from: try r.date(), to: try r.date(), assessment: try r.optional { try $0.id() },
            lastReviewAt: try r.optional { try $0.instant() }, lastReviewNote: try r.optional { try $0.string() })
    }
}

extension TokenRecord {
    func write(to out: inout SnapshotWriter) {
        out.id(actor)
        out.string(sha256)
        out.optional(label) { $0.string($1) }
        out.id(issuedBy)
        out.instant(issuedAt)
        out.instant(expiresAt)
        out.optional(ended) { out, end in
            out.instant(end.at)
            out.optional(end.reason) { $0.string($1) }
            out.bool(end.byDeactivation)
        }
    }

    init(id: TokenID, from r: inout SnapshotReader) throws {
        self.init(
            id: id, actor: try r.id(), sha256: try r.string(), label: try r.optional { try $0.string() }, issuedBy: try r.id(),
            issuedAt: try r.instant(), expiresAt: try r.instant(),
            ended: try r.optional { r throws in
                TokenEnd(at: try r.instant(), reason: try r.optional { try $0.string() }, byDeactivation: try r.bool())
            })
    }
}

extension PriorityRecord {
    func write(to out: inout SnapshotWriter) {
        out.id(plan)
        out.string(title)
        out.optional(scope) { $0.string($1) }
        out.bool(retired)
    }

    init(id: PriorityID, from r: inout SnapshotReader) throws {
        self.init(id: id, plan: try r.id(), title: try r.string(), scope: try r.optional { try $0.string() }, retired: try r.bool())
    }
}

extension ActionRecord {
    func write(to out: inout SnapshotWriter) {
        out.id(priority)
        out.string(title)
        out.optional(due) { $0.date($1) }
        out.string(status.rawValue)
        out.optional(lead) { $0.id($1) }
        out.int(Int64(supporting.count))
        for partner in supporting { out.id(partner) }
        out.optional(owner) { $0.id($1) }
        out.optional(percent) { $0.int(Int64($1)) }
        out.optional(lastProgressAt) { $0.instant($1) }
        out.optional(lastProgressNote) { $0.string($1) }
        out.optional(lastReviewAt) { $0.instant($1) }
        out.optional(lastReviewOutcome) { $0.string($1.rawValue) }
        out.optional(lastReviewNote) { $0.string($1) }
        out.optional(nextReview) { $0.date($1) }
        out.bool(closed)
        out.bool(carryForward)
        out.int(Int64(version))
        out.instant(createdAt)
        for key in [keys.title, keys.due, keys.status, keys.assignment, keys.percent, keys.progress, keys.review] {
            out.optional(key) { out, key in
                out.instant(key.effectiveAt)
                out.int(key.position)
            }
        }
    }

    init(id: ActionID, from r: inout SnapshotReader) throws {
        self.init(
            id: id, priority: try r.id(), title: try r.string(), due: try r.optional { try $0.date() },
            status: try r.raw(ActionStatus.self),
            supporting: [], closed: false, carryForward: false, version: 0, createdAt: Instant(millisecondsSince1970: 0), keys: Keys())
        lead = try r.optional { try $0.id() }
        supporting = try (0..<r.count()).map { _ throws in try r.id() }
        owner = try r.optional { try $0.id() }
        percent = try r.optional { Int(try $0.int()) }
        lastProgressAt = try r.optional { try $0.instant() }
        lastProgressNote = try r.optional { try $0.string() }
        lastReviewAt = try r.optional { try $0.instant() }
        lastReviewOutcome = try r.optional { try $0.raw(ReviewOutcome.self) }
        lastReviewNote = try r.optional { try $0.string() }
        nextReview = try r.optional { try $0.date() }
        closed = try r.bool()
        carryForward = try r.bool()
        version = Int(try r.int())
        createdAt = try r.instant()
        var keys: [FoldKey?] = []
        for _ in 0..<7 {
            keys.append(try r.optional { r throws in FoldKey(effectiveAt: try r.instant(), position: try r.int()) })
        }
        self.keys = Keys(
            title: keys[0], due: keys[1], status: keys[2], assignment: keys[3], percent: keys[4], progress: keys[5], review: keys[6])
    }
}

/// Bytes that are not a snapshot this release wrote.
public struct SnapshotError: Error, Sendable {}
