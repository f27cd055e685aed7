import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Make, register and revoke the Ed25519 keys that sign the ledger's checkpoints.",
        subcommands: [Generate.self, Register.self, Revoke.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a new signing key in FILE (mode 0600, kept outside the ledger) and its verifier key in FILE.pub.",
            discussion: """
                FILE holds the key in Go's signed-note form (PRIVATE+KEY+NAME+KEYID+BASE64); FILE.pub holds the verifier key \
                NAME+KEYID+BASE64 that Go's golang.org/x/mod/sumdb/note reads, which key register records in the ledger. \
                Neither file is ever written over.
                """)

        @OptionGroup var database: DatabaseOptions
        @Option(help: ArgumentHelp("The new key file.", valueName: "file")) var output: String
        @Option(
            help: ArgumentHelp(
                "The key's name (no spaces or '+'; default: the origin of the ledger's checkpoints, as C2SP names a log's key).",
                valueName: "name"))
        var name: String?

        func run() throws {
            let keyName = try name ?? database.open(.readOnly).checkpointOrigin()
            try ProofFiles.writeKeyPair(try NoteSigningKey.generate(name: keyName), to: output)
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a verifier key (FILE.pub): checkpoints it signs are accepted from now on (coordinators).")

        @OptionGroup var write: StreamWriteOptions
        @Argument(help: ArgumentHelp("The verifier key file, as key generate wrote it.", valueName: "file.pub")) var file: String

        func run() throws {
            let key = try ProofFiles.verifierKey(file)
            try write.execute(.registerLedgerKey(key.text))
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a registered key: checkpoints it signed before stay valid; no later one is accepted (coordinators).")

        @OptionGroup var write: StreamWriteOptions
        @Argument(help: ArgumentHelp("The verifier key file.", valueName: "file.pub")) var file: String
        @Option(help: ArgumentHelp("Why the key is revoked.", valueName: "text")) var reason: String?

        func run() throws {
            let key = try ProofFiles.verifierKey(file)
            try write.execute(.revokeLedgerKey(key.text, reason: reason))
        }
    }
}
