import ArgumentParser
import Foundation
import LedgerDemo

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic two-year Canterbury ledger to explore, and take a short tour of it.",
        discussion: "Ignores CSP_LEDGER_DB and never writes into an existing file without --force, so it cannot damage a real ledger.")

    @Option(help: ArgumentHelp("Where to build the demo ledger.", valueName: "path")) var db = "csp-ledger-demo.sqlite"
    @Flag(help: "Replace the file if it exists.") var force = false

    func run() throws {
        let tour = try DemoLedger.build(at: db, replacing: force)
        print(tour)
    }
}
