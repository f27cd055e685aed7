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
        out.optional(partnership) { out, p in
            out.string(p.name)
            out.string(p.timeZone)
            out.bool(p.testClock)
            out.int(Int64(p.rules))
        }
        out.records(partners) { out, p in
            out.string(p.name)
            out.bool(p.responsibleAuthority)
        }
        out.records(actors) { out, a in
            out.string(a.name)
            out.id(a.partner)
            out.string(a.role.rawValue)
            out.bool(a.active)
        }
        out.records(assessments) { out, a in
            out.int(Int64(a.year))
            out.string(a.title)
            out.optional(a.summary) { $0.string($1) }
        }
        out.records(plans) { out, p in
            out.string(p.title)
            out.date(p.from)
            out.date(p.to)
            out.optional(p.assessment) { $0.id($1) }
            out.optional(p.lastReviewAt) { $0.instant($1) }
            out.optional(p.lastReviewNote) { $0.string($1) }
        }
        out.records(priorities) { out, p in
            out.id(p.plan)
            out.string(p.title)
            out.optional(p.scope) { $0.string($1) }
            out.bool(p.retired)
        }
        out.records(actions) { out, a in a.write(to: &out) }
        out.records(tokens) { out, t in
            out.id(t.actor)
            out.string(t.sha256)
            out.optional(t.label) { $0.string($1) }
            out.id(t.issuedBy)
            out.instant(t.issuedAt)
            out.instant(t.expiresAt)
            out.optional(t.ended) { out, end in
                out.instant(end.at)
                out.optional(end.reason) { $0.string($1) }
                out.bool(end.byDeactivation)
            }
        }
        return out.bytes
    }

    /// - Throws: ``SnapshotError`` for bytes that are not a snapshot of this version.
    public init(snapshotBytes bytes: [UInt8]) throws {
        var r = SnapshotReader(bytes: bytes)
        self.init()
        position = try r.int()
        lastRecordedAt = try r.optional { try $0.instant() }
        partnership = try r.optional { r throws in
            PartnershipRecord(name: try r.string(), timeZone: try r.string(), testClock: try r.bool(), rules: Int(try r.int()))
        }
        partners = try r.records { r, id throws in
            PartnerRecord(id: id, name: try r.string(), responsibleAuthority: try r.bool())
        }
        actors = try r.records { r, id throws in
            ActorRecord(id: id, name: try r.string(), partner: try r.id(), role: try r.raw(Role.self), active: try r.bool())
        }
        assessments = try r.records { r, id throws in
            AssessmentRecord(id: id, year: Int(try r.int()), title: try r.string(), summary: try r.optional { try $0.string() })
        }
        plans = try r.records { r, id throws in
            PlanRecord(
                id: id, title: try r.string(), from: try r.date(), to: try r.date(), assessment: try r.optional { try $0.id() },
                lastReviewAt: try r.optional { try $0.instant() }, lastReviewNote: try r.optional { try $0.string() })
        }
        priorities = try r.records { r, id throws in
            PriorityRecord(
                id: id, plan: try r.id(), title: try r.string(), scope: try r.optional { try $0.string() }, retired: try r.bool())
        }
        actions = try r.records { r, id throws in try ActionRecord(id: id, from: &r) }
        tokens = try r.records { r, id throws in
            TokenRecord(
                id: id, actor: try r.id(), sha256: try r.string(), label: try r.optional { try $0.string() }, issuedBy: try r.id(),
                issuedAt: try r.instant(), expiresAt: try r.instant(),
                ended: try r.optional { r throws in
                    TokenEnd(at: try r.instant(), reason: try r.optional { try $0.string() }, byDeactivation: try r.bool())
                })
        }
        guard r.atEnd else { throw SnapshotError() }
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
