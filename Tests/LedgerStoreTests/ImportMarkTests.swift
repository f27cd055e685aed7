import Foundation
import GRDB
import LedgerCore
import LedgerTestSupport
import Synchronization
import Testing

@testable import LedgerStore

/// An import stopped part-way leaves a prefix of its source with a mark: it takes no
/// ordinary write (which would fork it from the source for good), warns on every read,
/// fails `verify`, and is either finished by importing again or kept with `--abandon`.
@Suite struct ImportMarkTests {
    /// The source (an export of the fixture plus reports) and a target holding its
    /// first `prefix` events with the mark an interrupted import leaves.
    func interrupted(prefix: Int) throws -> (source: Fixture, export: String, target: String, head: Digest) {
        let source = try Fixture()
        for i in 0..<5 {
            source.clock.advance(minutes: 5)
            try source.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i), by: Fixture.policeLead)
        }
        var lines: [String] = []
        _ = try source.ledger.export { lines.append($0) }
        let export = source.directory.file("source.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: export))
        let partial = source.directory.file("partial.jsonl")
        try Data((lines.prefix(prefix).joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: partial))
        let target = source.directory.file("target.sqlite")
        _ = try Ledger.importExport(from: partial, into: target)
        let head = try source.ledger.digest()
        try DatabaseQueue(path: target).write { db in
            try ImportMark(source: export, sourceHead: head, importedTo: Int64(prefix)).write(db)
        }
        return (source, export, target, head)
    }

    @Test func anInterruptedImportTakesNoWritesAndIsFinishedByImportingAgain() throws {
        let (source, export, target, head) = try interrupted(prefix: 10)
        let warnings = Mutex<[String]>([])
        let ledger = try Ledger.open(
            at: target, access: .readWrite, clock: source.clock.ledgerClock, warn: { message in warnings.withLock { $0.append(message) } })
        #expect(warnings.withLock { $0 }.contains { $0.contains("an unfinished import of \(export): 10 of its \(head.position) events") })
        #expect {
            try ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: nil, percent: nil), by: Fixture.policeLead)
        } throws: { error in
            (error as? StoreError)?.code == .importIncomplete
                && (error as? StoreError)!.message.contains("an unfinished import of \(export)")
                && !namesTheCommandLine((error as? StoreError)!.message)
        }
        #expect(try ledger.count() == 10)
        #expect { try ledger.verify() } throws: { ($0 as? StoreError)?.code == .importIncomplete }

        let report = try Ledger.importExport(from: export, into: target)
        #expect(report.digest.text == head.text)
        #expect(try ledger.verify().isSound)
        try ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: nil, percent: nil), by: Fixture.policeLead)
    }

    /// A target made and marked by an import killed before its first batch holds no
    /// event: opening it says so, and how to go on, instead of calling it no ledger.
    @Test func anImportKilledBeforeItsFirstBatchIsNamedWhenTheTargetIsOpened() throws {
        let (source, export, _, head) = try interrupted(prefix: 10)
        let target = source.directory.file("empty-target.sqlite")
        try Ledger.createEmpty(at: target).write { db in try ImportMark(source: export, sourceHead: head, importedTo: 0).write(db) }
        for access in [Ledger.Access.readOnly, .readWrite] {
            #expect {
                try Ledger.open(at: target, access: access, clock: source.clock.ledgerClock)
            } throws: { error in
                (error as? StoreError)?.code == .importIncomplete
                    && (error as? StoreError)!.message.contains("an unfinished import of \(export): 0 of its \(head.position) events")
                    && (error as? StoreError)?.hint == .importFromItsSource
            }
        }
        #expect(try Ledger.open(at: target, access: .verification).count() == 0)
        #expect(try Ledger.importExport(from: export, into: target).digest.text == head.text)
    }

    /// A new target whose import was killed while its source was still being checked
    /// holds no event and says so when opened; the import run again finishes it.
    @Test func anImportKilledDuringItsCheckIsNamedWhenTheTargetIsOpened() throws {
        let (source, export, _, head) = try interrupted(prefix: 10)
        let target = source.directory.file("checking-target.sqlite")
        try Ledger.createEmpty(at: target).write { db in try ImportMark.checking(export).write(db) }
        #expect {
            try Ledger.open(at: target, access: .readOnly, clock: source.clock.ledgerClock)
        } throws: { error in
            (error as? StoreError)?.code == .importIncomplete
                && (error as? StoreError)!.message.contains(
                    "an unfinished import of \(export), stopped while its lines were checked: none of its events are here")
        }
        #expect(try Ledger.importExport(from: export, into: target).digest.text == head.text)
        #expect(try Ledger.open(at: target, access: .verification).verify().isSound)
    }

    @Test func abandoningKeepsATruePrefixThatThenTakesWrites() throws {
        let (source, _, target, _) = try interrupted(prefix: 14)
        let prefixHash = try source.ledger.entries().first { $0.position == 14 }!.hash
        let mark = try Ledger.abandonImport(at: target)
        #expect(mark.importedTo == 14)
        let ledger = try Ledger.open(at: target, access: .readWrite, clock: source.clock.ledgerClock)
        #expect(try ledger.verify(against: Digest(position: 14, hash: prefixHash)).isSound)
        try ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: nil, percent: nil), by: Fixture.policeLead)
        #expect(try ledger.verify().isSound)
        #expect(throws: LedgerError.self) { try Ledger.abandonImport(at: target) }
    }

    @Test func anInterruptedImportIsNotFinishedFromAnotherSource() throws {
        let (source, _, target, head) = try interrupted(prefix: 10)
        try source.ledger.execute(.reportProgress(Fixture.action, status: .atRisk, note: "more", percent: 50), by: Fixture.policeLead)
        var lines: [String] = []
        _ = try source.ledger.export { lines.append($0) }
        let other = source.directory.file("other.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: other))
        #expect {
            try Ledger.importExport(from: other, into: target)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .importIncomplete && error?.hint == .importFromItsSource
                && error?.message.contains("whose head is \(head.text), not this file's") == true
        }
        #expect(try Ledger.open(at: target, access: .readOnly).count() == 10)
    }
}
