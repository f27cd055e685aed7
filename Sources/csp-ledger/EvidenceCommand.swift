import ArgumentParser
import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Write the evidence pack for one as-of answer: what an auditor needs to check it offline.",
        discussion: """
            One JSON file (Schemas/evidence.schema.json): the export lines of every event recorded by --as-of, the plan \
            as state --format json answers it, the latest witnessed checkpoint covering them with its cosignatures, and \
            the proofs tying them together, including the next event (recorded after --as-of) with its inclusion proof, \
            so that none recorded by then can have been left out. python3 Tools/verify_evidence.py FILE checks every \
            signature and proof and reproduces the answer byte for byte with a fold of its own.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("The plan as recorded up to this date (its end) or instant.", valueName: "date-or-instant"))
    var asOf: String
    @Option(help: ArgumentHelp("Only changes that took effect by this date (its end) or instant.", valueName: "date-or-instant"))
    var effective: String?
    @Option(help: ArgumentHelp("The new file to write.", valueName: "file")) var output: String

    func run() throws {
        let ledger = try database.open(.readOnly)
        let asOfInstant = try queryInstant(asOf, ledger, .end)!
        let effectiveInstant = try queryInstant(effective, ledger, .end)
        try AtomicFile.refuseExisting(output, by: "evidence")
        let pack = try EvidencePack.build(ledger, asOf: asOfInstant, effective: effectiveInstant)
        try AtomicFile.create(output, by: "evidence") { handle in
            let writer = LineWriter(handle, name: output)
            try writer.json(pack)
            try writer.flush()
        }
        print("wrote the evidence for the plan as of \(asOfInstant) to \(output); check it with python3 Tools/verify_evidence.py \(output)")
    }
}
