import Foundation
import LedgerAudit
import LedgerCore
import LedgerDemo
import LedgerStore
import LedgerTestSupport
import Testing

/// The audit layer and the demo throw the lower layers' errors: a plan file that cannot
/// be read is a file error naming the system's reason, not invalid input, and no
/// message names a flag or a command.
@Suite struct AuditErrorTests {
    @Test func aPlanFileThatCannotBeReadIsAFileErrorWithTheSystemsReason() throws {
        let directory = TemporaryDirectory()
        let absent = directory.file("absent.yaml")
        #expect {
            _ = try PlanFile.load(path: absent)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .file && error?.message == "cannot read the plan file \(absent): No such file or directory"
        }
        #expect {
            _ = try PlanFile.load(path: directory.path)
        } throws: { error in
            (error as? StoreError)?.message == "cannot read the plan file \(directory.path): Is a directory"
        }
    }

    @Test func anActionWithoutHistoryNamesItsRemedyByHint() throws {
        let fixture = try Fixture()
        #expect {
            _ = try AuditQueries(fixture.ledger).history(of: try ActionID("A-9"))
        } throws: { error in
            let error = error as? LedgerError
            return error?.code == .unknown && error?.hint == .listActions && error.map { !namesTheCommandLine($0.message) } == true
        }
    }

    @Test func theDemoRefusesAnExistingFileNamingItsRemedyByHint() throws {
        let directory = TemporaryDirectory()
        let path = directory.file("notes.txt")
        try Data("notes".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try DemoLedger.build(at: path, replacing: false)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .exists && error?.hint == .replaceExisting && error.map { !namesTheCommandLine($0.message) } == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "notes")
    }
}
