import Foundation
import LedgerCore
import LedgerStore

/// `csp-ledger demo`: a realistic, deterministic ledger to explore, and a short tour.
public enum DemoLedger {
    /// The Canterbury 2022/23 plan file shipped with the package.
    public static var canterburyPlan: Data {
        guard let url = Bundle.module.url(forResource: "canterbury-2022-23", withExtension: "yaml"),
            let data = try? Data(contentsOf: url)
        else { preconditionFailure("the package's resource canterbury-2022-23.yaml is missing") }
        return data
    }

    /// Builds the demo ledger at `path`, issues its sign-in tokens (``DemoSignIn``) and
    /// returns the tour to print, which shows them.
    /// - Throws: ``StoreError`` `.exists` when a file is there and `replacing` is false.
    public static func build(at path: String, replacing: Bool) throws -> String {
        if FileManager.default.fileExists(atPath: path) {
            guard replacing else {
                throw StoreError(.exists, "\(path) already exists; the demo never writes into an existing file", hint: .replaceExisting)
            }
        }
        // Built beside the target and moved into place, so a failure leaves no half-built file.
        let building = path + ".building"
        removeLedgerFiles(building)
        let signIn: DemoSignIn
        do {
            _ = try create(at: building)
            signIn = try DemoSignIn.issue(at: building)
        } catch {
            removeLedgerFiles(building)
            throw error
        }
        removeLedgerFiles(path)
        do { try FileManager.default.moveItem(atPath: building, toPath: path) } catch {
            throw StoreError.file("cannot move the demo ledger into place at", path, error)
        }
        return try DemoTour(ledger: Ledger.open(at: path, access: .readWrite), signIn: signIn).text
    }

    private static func removeLedgerFiles(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// Builds the demo ledger's deterministic story at `path`, which must not exist, and
    /// returns it: the same 765 events and digest on every run.
    public static func create(at path: String) throws -> Ledger {
        let clock = DemoClock(DemoScript.instant("2022-04-04", 9))
        let ledger = try Ledger.create(
            at: path, partnership: "Canterbury Community Safety Partnership", timeZone: "Europe/London",
            partner: PartnerID("canterbury-city-council"), partnerName: "Canterbury City Council", responsibleAuthority: true,
            coordinator: DemoScript.coordinator, coordinatorName: "Alex Morgan", testClock: true, clock: clock.ledgerClock,
            ids: seededEventIDs(seed: 2022))
        var script = DemoScript(ledger: ledger, clock: clock)
        try script.run()
        return ledger
    }
}
