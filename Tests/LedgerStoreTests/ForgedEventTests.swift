import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// Events no command would have accepted, appended below the decider (correctly
/// chained, as a partner with write access to the file could forge them), are named by
/// `verify` and refused by `import`, with the position and the rule they break.
@Suite struct ForgedEventTests {
    static let police = try! PartnerID("police")
    static let council = try! PartnerID("council")

    /// Each forgery: the events to append below the decider, and words of the rule.
    static let forgeries: [(name: String, events: [PendingEvent], rule: String)] = {
        let at = try! Instant(iso8601: "2023-01-10T10:11:00Z")  // the fixture clock after its set-up
        func progress(_ status: ActionStatus, note: String? = nil, percent: Int? = nil) -> Event {
            .actionProgressed(.init(action: Fixture.action, status: status, note: note, percent: percent))
        }
        func pending(_ event: Event, _ actor: ActorID, _ partner: PartnerID) -> PendingEvent {
            PendingEvent(eventID: UUID().uuidString.lowercased(), event: event, actor: actor, partner: partner, effectiveAt: at)
        }
        return [
            ("progress by an auditor", [pending(progress(.onTrack), Fixture.auditor, council)], "auditors never write"),
            ("progress by an unregistered actor", [pending(progress(.onTrack), try! ActorID("ghost"), police)], "was not registered"),
            ("percent 500", [pending(progress(.onTrack, percent: 500), Fixture.policeLead, police)], "percent 500 is out of range"),
            ("withdrawn in a progress report", [pending(progress(.withdrawn), Fixture.policeLead, police)], "cannot report 'withdrawn'"),
            ("an escape sequence in a note", [pending(progress(.onTrack, note: "\u{1B}[2J"), Fixture.policeLead, police)], "U+001B"),
            ("another partner's name on the event", [pending(progress(.onTrack), Fixture.policeLead, council)], "works for 'police'"),
            (
                "a registration back-dated",
                [
                    PendingEvent(
                        eventID: UUID().uuidString.lowercased(),
                        event: .partnerRegistered(.init(partner: try! PartnerID("nhs"), name: "NHS", responsibleAuthority: true)),
                        actor: Fixture.coordinator, partner: council, effectiveAt: try! Instant(iso8601: "2023-01-01T00:00:00Z"))
                ], "takes effect when recorded"
            ),
        ]
    }()

    @Test(arguments: forgeries.indices)
    func aForgedEventIsNamedByVerifyAndRefusedByImport(_ index: Int) throws {
        let forgery = Self.forgeries[index]
        let fixture = try Fixture()
        let appended = try fixture.ledger.append(forgery.events)
        let position = appended[0].position
        let report = try fixture.ledger.verify()
        #expect(report.problem?.position == position, "\(forgery.name): \(String(describing: report.problem))")
        #expect(report.problem?.message.contains(forgery.rule) == true, "\(forgery.name): \(String(describing: report.problem))")

        let export = try Self.export(fixture.ledger, to: fixture.directory.file("forged.jsonl"))
        let target = fixture.directory.file("imported.sqlite")
        #expect {
            try Ledger.importExport(from: export, into: target)
        } throws: { error in
            let message = (error as? LedgerError)?.message ?? ""
            return message.hasPrefix("line \(position): ") && message.contains(forgery.rule)
        }
        #expect(!FileManager.default.fileExists(atPath: target), "\(forgery.name): a refused import leaves nothing behind")
    }

    /// The whole source is checked, each event's meaning included, before any of it is
    /// moved in: a forged event after more than a batch of sound ones leaves a target
    /// holding the source's beginning exactly as it was, with no unfinished import.
    @Test func aForgedEventAfterABatchOfSoundOnesLeavesTheTargetAsItWas() throws {
        let fixture = try Fixture()
        let target = fixture.directory.file("target.sqlite")
        _ = try Ledger.importExport(from: try Self.export(fixture.ledger, to: fixture.directory.file("prefix.jsonl")), into: target)
        let before = try Ledger.open(at: target, access: .readOnly).digest()

        let at = fixture.clock.now
        let sound = (0...Ledger.writeBatchSize).map { week in
            PendingEvent(
                eventID: UUID().uuidString.lowercased(),
                event: .actionProgressed(.init(action: Fixture.action, status: .onTrack, note: "week \(week)", percent: nil)),
                actor: Fixture.policeLead, partner: Self.police, effectiveAt: at)
        }
        try fixture.ledger.append(sound)
        let forged = try fixture.ledger.append(Self.forgeries[0].events)[0].position
        let export = try Self.export(fixture.ledger, to: fixture.directory.file("forged.jsonl"))
        #expect {
            try Ledger.importExport(from: export, into: target)
        } throws: { error in
            ((error as? LedgerError)?.message ?? "").hasPrefix("line \(forged): ")
        }
        #expect(try Ledger.open(at: target, access: .readOnly).digest() == before)
        #expect(try Ledger.open(at: target, access: .verification).verify().isSound, "no unfinished import is left")
    }

    /// An event id used twice, correctly chained (the file's own constraint keeps a
    /// ledger from holding it), is named by its line, and nothing is imported: into a
    /// new target, or into one already holding the event that first used it.
    @Test func anEventIDUsedTwiceIsNamedByItsLine() throws {
        let fixture = try Fixture()
        let lines = try String(contentsOfFile: try Self.export(fixture.ledger, to: fixture.directory.file("sound.jsonl")), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var last = try ExportLine.parse(Data(lines[lines.count - 1].utf8), number: lines.count)
        let first = try ExportLine.parse(Data(lines[1].utf8), number: 2)
        last.recorded.eventID = first.recorded.eventID
        last.hash = HashChain.expectedHash(of: last)
        let export = fixture.directory.file("reused.jsonl")
        try Data(((lines.dropLast() + [ExportLine.text(last)]).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: export))
        let prefix = fixture.directory.file("prefix.jsonl")
        try Data((lines.prefix(3).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: prefix))
        let holding = fixture.directory.file("holding.sqlite")
        let before = try Ledger.importExport(from: prefix, into: holding).digest
        for target in [fixture.directory.file("imported.sqlite"), holding] {
            #expect {
                try Ledger.importExport(from: export, into: target)
            } throws: { error in
                (error as? LedgerError)?.message
                    == "line \(lines.count): the event id \(first.recorded.eventID) is already the id of the event at position 2"
            }
        }
        #expect(
            !FileManager.default.fileExists(atPath: fixture.directory.file("imported.sqlite")), "a refused import leaves nothing behind")
        #expect(try Ledger.open(at: holding, access: .readOnly).digest() == before)
    }

    /// Writes `ledger`'s export to `path`.
    static func export(_ ledger: Ledger, to path: String) throws -> String {
        var lines: [String] = []
        _ = try ledger.export { lines.append($0) }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aWithdrawalBackDatedBeforeLaterProgressIsNamed() throws {
        let fixture = try Fixture()
        try fixture.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: "later", percent: 10), by: Fixture.policeLead)
        fixture.clock.advance(minutes: 60)
        let withdraw = PendingEvent(
            eventID: UUID().uuidString.lowercased(),
            event: .actionReviewed(.init(action: Fixture.action, outcome: .withdraw, note: nil, nextReview: nil)),
            actor: Fixture.coordinator, partner: Self.council, effectiveAt: try Instant(iso8601: "2023-01-10T10:00:00Z"))
        let position = try fixture.ledger.append([withdraw])[0].position
        let report = try fixture.ledger.verify()
        #expect(report.problem?.position == position)
        #expect(report.problem?.message.contains("would invalidate the ActionProgressed") == true, "\(String(describing: report.problem))")
    }

    @Test func theLedgersOwnWritesAllVerify() throws {
        let fixture = try Fixture()
        try fixture.ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: "n", percent: 20), by: Fixture.policeHelper)
        try fixture.ledger.execute(
            .reviewAction(Fixture.action, outcome: .continue, note: "ok", nextReview: try LocalDate(iso8601: "2023-09-30")),
            by: Fixture.coordinator, effective: try Instant(iso8601: "2023-01-10T10:00:00Z"))
        #expect(try fixture.ledger.verify().isSound)
    }

    /// A key added by hand to a stored payload, correctly chained: decoding would ignore
    /// it, so verify compares the payload with what its type writes.
    @Test(arguments: [
        ("ActionProgressed", 2, #"{"action":"A-1","evidence":[],"extra":"gnp.exe","percent":5,"status":"on-track"}"#),
        ("ActionProgressed", 1, #"{"action":"A-1","evidence":["Signed off by the Chief Constable"],"status":"on-track"}"#),
    ])
    func aPayloadWithAKeyItsVersionDoesNotHaveIsNamed(_ type: String, _ version: Int, _ payload: String) throws {
        let fixture = try Fixture()
        let head = try fixture.ledger.digest()
        let at = fixture.clock.now
        var entry = LogEntry(
            recorded: RecordedEvent(
                position: head.position + 1, eventID: UUID().uuidString.lowercased(), streamVersion: 3, recordedAt: at,
                effectiveAt: at, actor: Fixture.policeLead, partner: Self.police,
                event: .actionProgressed(.init(action: Fixture.action, status: .onTrack, note: nil, percent: 5))),
            streamID: .action(Fixture.action), type: type, schemaVersion: version, payload: payload, prevHash: head.hash, hash: "")
        entry.hash = HashChain.expectedHash(of: entry)
        let r = entry.recorded
        try DatabaseQueue(path: fixture.path).write { db in
            try db.execute(
                sql: "INSERT INTO events (\(EventRows.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    r.position, r.eventID, entry.streamID.text, r.streamVersion, entry.type, entry.schemaVersion,
                    r.recordedAt.millisecondsSince1970, r.effectiveAt.millisecondsSince1970, r.actor.rawValue, r.partner.rawValue,
                    entry.payload, entry.prevHash, entry.hash, nil,
                ])
        }
        let report = try Ledger.open(at: fixture.path, access: .readOnly).verify()
        #expect(report.problem?.position == r.position, "\(String(describing: report.problem))")
        #expect(report.problem?.message.contains("is not what a \(type) of schema version \(version) holds") == true)
    }
}
