import ArgumentParser
import LedgerCore
import LedgerStore

struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Print a proof against a signed checkpoint: that an event is in the log, or that one checkpoint extends another.",
        discussion: """
            A checkpoint (csp-ledger checkpoint) signs the root of the Merkle tree over the log's first N events. \
            These proofs let anyone holding the checkpoint check an event, or a later checkpoint, without the ledger file: \
            Go's golang.org/x/mod/sumdb/tlog and any RFC 9162 implementation read them.
            """,
        subcommands: [Inclusion.self, Consistency.self])

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the C2SP tlog-proof that the event at POSITION is in the tree a checkpoint signs.")

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The event's position (1 to the checkpoint's size).", valueName: "position"))
        var position: Int64
        @Option(help: ArgumentHelp("The signed checkpoint, as csp-ledger checkpoint printed it.", valueName: "file"))
        var checkpoint: String

        func run() throws {
            let signed = try ProofFiles.checkpoint(checkpoint)
            print(try database.open(.readOnly).proveInclusion(position: position, in: signed).text, terminator: "")
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the consistency proof that the tree of an older checkpoint is a prefix of a newer one's.",
            discussion:
                "The proof is written as a C2SP tlog-witness asks to cosign: old SIZE, the proof's hashes, a blank line and the new checkpoint."
        )

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The older signed checkpoint.", valueName: "file")) var old: String
        @Option(help: ArgumentHelp("The newer signed checkpoint.", valueName: "file")) var new: String

        func run() throws {
            let (older, newer) = (try ProofFiles.checkpoint(old), try ProofFiles.checkpoint(new))
            print(try database.open(.readOnly).proveConsistency(from: older, to: newer).text, terminator: "")
        }
    }
}
