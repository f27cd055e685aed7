import Foundation
import GRDB
import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// The storage layer's error: codes and hints with stable names, messages that name
/// no flag or command (the command line adds those for the hint), and file failures
/// with a code of their own that names the file and the system's reason.
@Suite struct StoreErrorTests {
    @Test func theCodesHaveStableNames() {
        #expect(
            StoreError.Code.allCases.map(\.description) == [
                "missing-file", "not-a-ledger", "exists", "newer-schema", "read-only", "busy", "conflict", "event-id-reused",
                "unreadable", "unprotected", "import-incomplete", "set-clock", "unauthenticated", "served", "file", "database",
            ])
        #expect(
            StoreError.Code.allCases == [
                .missingFile, .notALedger, .exists, .newerSchema, .readOnly, .busy, .conflict, .eventIDReused, .unreadable, .unprotected,
                .importIncomplete, .setClock, .unauthenticated, .served, .file, .database,
            ])
    }

    @Test func theHintsHaveStableNames() {
        #expect(
            StoreError.Hint.allCases.map(\.description) == [
                "unfinished-import-path", "ledger-path", "new-ledger-path", "new-copy-path", "replace-existing", "unset-clock",
                "unset-clock-or-test-clock", "import-from-its-source", "verify-names-damage", "rebuild",
            ])
    }

    /// The error `body` throws, checked to name nothing of the command line.
    func failure<E: Error & CustomStringConvertible>(_ type: E.Type, _ body: () throws -> Void) -> E? {
        do {
            try body()
            Issue.record("no error")
            return nil
        } catch let error as E {
            #expect(!namesTheCommandLine(error.description), "\(error)")
            return error
        } catch {
            Issue.record("not a \(E.self): \(error)")
            return nil
        }
    }

    func create(_ path: String, testClock: Bool = true, clock: LedgerClock = .system) throws {
        _ = try Ledger.create(
            at: path, partnership: "X", timeZone: "Europe/London", partner: PartnerID("x"), partnerName: "X", responsibleAuthority: false,
            coordinator: ActorID("y"), coordinatorName: "Y", testClock: testClock, clock: clock)
    }

    @Test func openingAndCreatingNameTheirRemedyByHint() throws {
        let directory = TemporaryDirectory()
        let absent = directory.file("absent.sqlite")
        let missing = failure(StoreError.self) { _ = try Ledger.open(at: absent, access: .readOnly) }
        #expect(missing?.code == .missingFile && missing?.hint == nil)
        let unfinished = failure(StoreError.self) { try Ledger.abandonImport(at: absent) }
        #expect(unfinished?.code == .missingFile && unfinished?.hint == .unfinishedImportPath)

        let other = directory.file("other.sqlite")
        try DatabaseQueue(path: other).write { try $0.execute(sql: "CREATE TABLE t(x)") }
        let notALedger = failure(StoreError.self) { _ = try Ledger.open(at: other, access: .readOnly) }
        #expect(notALedger?.code == .notALedger && notALedger?.hint == .ledgerPath)
        let taken = failure(StoreError.self) { try create(other) }
        #expect(taken?.code == .exists && taken?.hint == .newLedgerPath)

        let ordinary = directory.file("ordinary.sqlite")
        let setClock = Instant(millisecondsSince1970: 1_700_000_000_000)
        let newWithClock = failure(StoreError.self) { try create(ordinary, testClock: false, clock: .constant(setClock)) }
        #expect(newWithClock?.code == .setClock && newWithClock?.hint == .unsetClockOrTestClock)
        try create(ordinary, testClock: false)
        let again = failure(LedgerError.self) { try create(ordinary) }
        #expect(again?.code == .duplicate && again?.hint == .initialiseOnce)
        let openedWithClock = failure(StoreError.self) { _ = try Ledger.open(at: ordinary, access: .readWrite, clock: .constant(setClock)) }
        #expect(openedWithClock?.code == .setClock && openedWithClock?.hint == .unsetClock)
    }

    @Test func writesAndCopiesNameTheirRemedyByHint() throws {
        let fixture = try Fixture()
        let plan = PlanDefinition(
            plan: .init(
                id: try PlanID("P-2"), title: "T", from: try LocalDate(iso8601: "2024-04-01"), to: try LocalDate(iso8601: "2025-03-31")))
        let manyStreams = failure(LedgerError.self) {
            try fixture.ledger.execute(.importPlan(plan), by: Fixture.coordinator, expectVersion: 0)
        }
        #expect(manyStreams?.code == .invalidInput && manyStreams?.hint == .expectedVersion)

        let copy = failure(StoreError.self) { _ = try fixture.ledger.replay(to: 1, into: fixture.path) }
        #expect(copy?.code == .exists && copy?.hint == .newCopyPath)

        let digest = failure(LedgerError.self) { _ = try Digest(text: "12:xyz") }
        #expect(digest?.code == .invalidInput && digest?.hint == .digestForm)

        try DatabaseQueue(path: fixture.path).write { try $0.execute(sql: "DROP TRIGGER events_no_update") }
        let unprotected = failure(StoreError.self) {
            try fixture.ledger.execute(.reportProgress(Fixture.action, status: .onTrack, note: nil, percent: nil), by: Fixture.policeLead)
        }
        #expect(unprotected?.code == .unprotected && unprotected?.hint == .verifyNamesDamage)
    }

    @Test func aFileThatCannotBeReadIsAFileErrorWithTheSystemsReason() throws {
        let directory = TemporaryDirectory()
        let target = directory.file("target.sqlite")
        let missing = failure(StoreError.self) { _ = try Ledger.importExport(from: directory.file("absent.jsonl"), into: target) }
        #expect(missing?.code == .file)
        #expect(missing?.message == "cannot read \(directory.file("absent.jsonl")): No such file or directory")
        let folder = failure(StoreError.self) { _ = try Ledger.importExport(from: directory.path, into: target) }
        #expect(folder?.code == .file)
        #expect(folder?.message == "cannot read \(directory.path): Is a directory")
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
