import ArgumentParser
import CanonicalJSON
import LedgerAudit
import LedgerCore
import LedgerStore

struct DigestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Print the ledger's digest (head position and hash) for publishing.",
        discussion: """
            The first token, POSITION:HASH, is what csp-ledger verify --digest and Tools/verify_ledger.py --digest \
            accept. Publish it (in the board's minutes, say) and anyone can later prove that the log up to that \
            position was not changed.
            """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        let ledger = try database.open(.readOnly)
        let digest = try ledger.digest()
        let recorded = digest.recordedAt?.iso8601 ?? ""
        let json = DigestView.json(digest)
        if output.format == .table {
            try output.file.write(by: "digest") { try $0.write("\(digest.text) recorded \(recorded)") }
        } else {
            let table = TextTable(
                title: "Digest", columns: ["digest", "position", "hash", "recordedAt"],
                rows: [[digest.text, String(digest.position), digest.hash, recorded]])
            try output.render(by: "digest", calendar: ledger.calendar, json: json, tables: [table])
        }
    }
}
