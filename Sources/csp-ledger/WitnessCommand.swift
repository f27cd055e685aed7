import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct WitnessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Partners as witnesses: keys, registration, and cosigning the ledger's checkpoints on a partner's own machine.",
        discussion: """
            A witness cosigns (C2SP tlog-cosignature/v1) a checkpoint only if it extends the last one it cosigned, so a \
            ledger that rewrites its past or shows different logs to different partners cannot get it cosigned. \
            checkpoint --cosignature records the cosignatures; verify and the plan report say how many witnesses cosigned.
            """,
        subcommands: [Key.self, Register.self, Remove.self, Threshold.self, Cosign.self])

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a partner's witness key.", subcommands: [Generate.self])

        struct Generate: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a witness key in FILE (mode 0600, on the partner's machine) and its verifier key in FILE.pub.",
                discussion: """
                    The key cosigns (its verifier key has type 0x04, as C2SP tlog-cosignature says); it needs no ledger. \
                    Send FILE.pub to the coordinator, who registers it with witness register.
                    """)

            @Option(help: ArgumentHelp("The new key file.", valueName: "file")) var output: String
            @Option(help: ArgumentHelp("The partner who runs the witness.", valueName: "id")) var partner: String
            @Option(help: ArgumentHelp("The key's name (default: csp-ledger/witness/PARTNER).", valueName: "name")) var name: String?

            func run() throws {
                let id = try PartnerID(partner)
                try ProofFiles.writeKeyPair(
                    try NoteSigningKey.generate(name: name ?? "csp-ledger/witness/\(id)", type: .cosignature), to: output)
            }
        }
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a partner's witness key (FILE.pub): its cosignatures are recorded from now on (coordinators).")

        @OptionGroup var write: StreamWriteOptions
        @Argument(help: ArgumentHelp("The witness's verifier key, as witness key generate wrote it.", valueName: "file.pub"))
        var file: String
        @Option(help: ArgumentHelp("The partner who runs the witness.", valueName: "id")) var partner: String

        func run() throws {
            let key = try ProofFiles.verifierKey(file)
            try write.execute(.registerWitness(key.text, partner: try PartnerID(partner)))
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a witness: its cosignatures recorded before stand; no later one is accepted (coordinators).")

        @OptionGroup var write: StreamWriteOptions
        @Argument(help: ArgumentHelp("The witness's verifier key file.", valueName: "file.pub")) var file: String
        @Option(help: ArgumentHelp("Why the witness is removed.", valueName: "text")) var reason: String?

        func run() throws {
            let key = try ProofFiles.verifierKey(file)
            try write.execute(.removeWitness(key.text, reason: reason))
        }
    }

    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set how many witnesses must cosign a checkpoint for it to count as witnessed (1 until set; coordinators).")

        @OptionGroup var write: StreamWriteOptions
        @Argument(help: ArgumentHelp("The number of witnesses.", valueName: "k")) var threshold: Int

        func run() throws {
            try write.execute(.setWitnessThreshold(threshold))
        }
    }

    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Cosign a checkpoint if it extends the last one this witness cosigned (on the partner's machine, without the ledger).",
            discussion: """
                STATE holds the last checkpoint cosigned, with its cosignature; it is created on first use and replaced in \
                one step. A larger checkpoint needs --proof, the consistency proof from the one in STATE (csp-ledger prove \
                consistency --old STATE-CHECKPOINT --new CHECKPOINT). The cosigned checkpoint is printed (and written to \
                --output) for the coordinator to record with checkpoint --cosignature. A checkpoint that does not extend \
                the one in STATE (fewer events, another root for as many, or a proof that does not link them) is refused \
                with exit 65: the log has forked, and STATE is left as it was.
                """)

        @Argument(help: ArgumentHelp("The signed checkpoint to cosign.", valueName: "checkpoint")) var checkpoint: String
        @Option(help: ArgumentHelp("The consistency proof from the checkpoint in STATE to this one.", valueName: "file"))
        var proof: String?
        @Option(help: ArgumentHelp("The witness key, as witness key generate wrote it.", valueName: "file")) var key: String
        @Option(help: ArgumentHelp("The witness's state file.", valueName: "file")) var state: String
        @Option(help: ArgumentHelp("Also write the cosigned checkpoint to this new file.", valueName: "file")) var output: String?

        func run() throws {
            let signingKey: NoteSigningKey
            do { signingKey = try NoteSigningKey(text: try ProofFiles.read(key, what: "witness key")) } catch let error as LedgerError {
                throw LedgerError(error.code, "\(key): \(error.message)", hint: error.hint)
            }
            let new = try ProofFiles.checkpoint(checkpoint)
            let consistency = try proof.map { path in
                do { return try ConsistencyProof(text: try ProofFiles.read(path, what: "consistency proof")) } catch let error
                    as LedgerError
                {
                    throw LedgerError(error.code, "\(path): \(error.message)", hint: error.hint)
                }
            }
            let last = FileManager.default.fileExists(atPath: state) ? try ProofFiles.checkpoint(state).checkpoint : nil
            if let output { try AtomicFile.refuseExisting(output, by: "witness cosign") }
            let now = Int64(Date().timeIntervalSince1970)
            switch try Witness.consider(new, proof: consistency, last: last, key: signingKey, at: now) {
            case .forked(let reason):
                throw CommandLineError(.verifyMismatch, "the log has forked: \(reason); nothing was cosigned and \(state) is unchanged")
            case .cosigned(let cosignature, _):
                let cosigned = new.note.serialized + cosignature.line
                try ProofFiles.replace(state, cosigned)
                if let output { try ProofFiles.writeNew(output, cosigned) }
                print(cosigned, terminator: "")
            }
        }
    }
}
