import LedgerCore
import LedgerStore
import Testing

/// Every write command × every role × own or other partner × active or deactivated:
/// exactly the cells the design allows succeed (the matrix is in the README).
@Suite struct PermissionMatrixTests {
    enum Standing: String, CaseIterable, Sendable { case active, deactivated }
    enum Side: String, CaseIterable, Sendable {
        /// The writer's partner leads action A-1.
        case own
        /// The writer's partner is neither lead nor supporting on A-1.
        case other
        var partner: String { self == .own ? "police" : "fire" }
    }

    /// A book with one writer per role, side and standing: `lead-own-active`, and so on.
    static func book() throws -> Book {
        var book = try Book.standard()
        for role in Role.allCases {
            for side in Side.allCases {
                for standing in Standing.allCases {
                    let id = "\(role.rawValue)-\(side.rawValue)-\(standing.rawValue)"
                    try book.execute(
                        .registerActor(ActorID(trusted: id), name: id, partner: PartnerID(trusted: side.partner), role: role), by: "coord")
                    if standing == .deactivated { try book.execute(.deactivateActor(ActorID(trusted: id), reason: nil), by: "coord") }
                }
            }
        }
        try book.execute(.registerLedgerKey(Self.key.verifierKey.text), by: "coord")
        try book.execute(.registerWitness(Self.witness.verifierKey.text, partner: PartnerID(trusted: "police")), by: "coord")
        try book.execute(.registerWitness(Self.secondWitness.verifierKey.text, partner: PartnerID(trusted: "fire")), by: "coord")
        try book.execute(Self.checkpoint(book), by: "coord")
        try book.execute(progress("A-1", .onTrack, percent: 10), by: "coord")
        try book.execute(
            .issueToken(issuedToken, actor: ActorID(trusted: "police.lead"), sha256: sha256, expiresAt: nil, label: nil), by: "coord")
        return book
    }

    static let issuedToken = TokenID(trusted: "00000000000000a1")
    static let sha256 = String(repeating: "ab", count: 32)

    /// The ledger key the book registers, and another.
    static let key = try! NoteSigningKey.generate(name: "csp-ledger/test/0000000000000000")
    static let otherKey = try! NoteSigningKey.generate(name: "csp-ledger/test/0000000000000000")
    /// Two registered witnesses, and one not registered.
    static let witness = try! NoteSigningKey.generate(name: "witness/police", type: .cosignature)
    static let secondWitness = try! NoteSigningKey.generate(name: "witness/fire", type: .cosignature)
    static let otherWitness = try! NoteSigningKey.generate(name: "witness/council", type: .cosignature)

    /// A checkpoint of the book as it stands.
    static func checkpoint(_ book: Book) -> Command {
        let size = book.state.position
        let checkpoint = Checkpoint(origin: "csp-ledger/test/0000000000000000", size: size, root: try! book.log.treeRoot(size: size))
        return .recordCheckpoint(try! key.sign(checkpoint.text).serialized)
    }

    static let commands: [(String, @Sendable (Book) -> Command)] = [
        ("key register", { _ in .registerLedgerKey(otherKey.verifierKey.text) }),
        ("key revoke", { _ in .revokeLedgerKey(key.verifierKey.text, reason: nil) }),
        ("checkpoint", { book in checkpoint(book) }),
        ("witness register", { _ in .registerWitness(otherWitness.verifierKey.text, partner: PartnerID(trusted: "council")) }),
        ("witness remove", { _ in .removeWitness(witness.verifierKey.text, reason: nil) }),
        ("witness threshold", { _ in .setWitnessThreshold(2) }),
        (
            "checkpoint --cosignature",
            { book in
                let recorded = book.events.last { $0.event.typeName == "CheckpointSigned" }!
                guard case .checkpointSigned(let e) = recorded.event else { preconditionFailure("a checkpoint") }
                let text = try! SignedCheckpoint(parsing: e.checkpoint).note.text
                let cosignature = try! Cosignature.sign(text, at: book.now.millisecondsSince1970 / 1000, with: witness)
                return .recordCosignatures(checkpoint: recorded.eventID, [String(cosignature.line.dropLast())])
            }
        ),
        ("partner add", { _ in .registerPartner(PartnerID(trusted: "nhs"), name: "NHS", responsibleAuthority: true) }),
        (
            "actor add",
            { _ in .registerActor(ActorID(trusted: "new.person"), name: "New", partner: PartnerID(trusted: "police"), role: .contributor) }
        ),
        ("actor deactivate", { _ in .deactivateActor(ActorID(trusted: "fire.lead"), reason: "moved") }),
        ("assessment record", { _ in .recordAssessment(AssessmentID(trusted: "SA-9"), year: 2024, title: "Assessment", summary: nil) }),
        (
            "plan adopt",
            { _ in
                .adoptPlan(
                    PlanID(trusted: "P-9"), title: "Plan", from: try! LocalDate(iso8601: "2024-04-01"),
                    to: try! LocalDate(iso8601: "2025-03-31"), assessment: nil)
            }
        ),
        (
            "plan import",
            { _ in
                .importPlan(
                    PlanDefinition(
                        plan: .init(
                            id: PlanID(trusted: "P-8"), title: "Imported", from: try! LocalDate(iso8601: "2024-04-01"),
                            to: try! LocalDate(iso8601: "2025-03-31"))))
            }
        ),
        ("plan review", { _ in .reviewPlan(PlanID(trusted: "P-1"), note: "Annual review", retire: []) }),
        ("priority add", { _ in .addPriority(PriorityID(trusted: "PR-9"), plan: PlanID(trusted: "P-1"), title: "Priority", scope: nil) }),
        ("action create", { _ in .createAction(ActionID(trusted: "A-9"), priority: PriorityID(trusted: "PR-1"), title: "New", due: nil) }),
        (
            "action assign",
            { _ in
                .assignAction(
                    ActionID(trusted: "A-1"), lead: PartnerID(trusted: "police"), support: [PartnerID(trusted: "council")], owner: nil)
            }
        ),
        ("action progress", { _ in progress("A-1", .atRisk, percent: 20) }),
        ("action review", { _ in review("A-1", .continue, next: "2023-09-30") }),
        ("action amend", { _ in .amendAction(ActionID(trusted: "A-1"), title: "Renamed", due: nil) }),
        (
            "action correct",
            { book in
                .correctEvent(
                    book.events.last { $0.event.action != nil }!.eventID, reason: "typo", status: nil, note: "corrected", percent: nil,
                    nextReview: nil)
            }
        ),
        (
            "token issue",
            { _ in
                .issueToken(
                    TokenID(trusted: "00000000000000b2"), actor: ActorID(trusted: "fire.lead"), sha256: sha256, expiresAt: nil, label: nil)
            }
        ),
        ("token revoke", { _ in .revokeToken(issuedToken, reason: "lost") }),
    ]

    /// The design's rule: a coordinator does everything; a lead or contributor only reports
    /// progress on their partner's actions; an auditor never writes; nor does anyone
    /// deactivated.
    static func allowed(_ command: String, _ role: Role, _ side: Side, _ standing: Standing) -> Bool {
        guard standing == .active else { return false }
        switch role {
        case .coordinator: return true
        case .lead, .contributor: return command == "action progress" && side == .own
        case .auditor: return false
        }
    }

    @Test func exactlyTheAllowedCellsSucceed() throws {
        let base = try Self.book()
        var cells = 0
        for (name, make) in Self.commands {
            for role in Role.allCases {
                for side in Side.allCases {
                    for standing in Standing.allCases {
                        let actor = "\(role.rawValue)-\(side.rawValue)-\(standing.rawValue)"
                        var outcome: LedgerError?
                        do { _ = try base.decide(make(base), by: actor) } catch { outcome = error }
                        let expected = Self.allowed(name, role, side, standing)
                        #expect((outcome == nil) == expected, "\(name) by \(actor): \(outcome?.message ?? "allowed")")
                        if let outcome, !expected { #expect(outcome.code == .forbidden, "\(name) by \(actor): \(outcome.message)") }
                        cells += 1
                    }
                }
            }
        }
        #expect(cells == Self.commands.count * 4 * 2 * 2)
    }
}
