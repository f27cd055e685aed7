import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the log as it stands, record it, and print it (coordinators).",
        discussion: """
            The checkpoint is a C2SP tlog-checkpoint (origin csp-ledger/PARTNERSHIP/FIRST-HASH, the number of events, \
            the base64 root of the Merkle tree over them) signed as a C2SP signed-note with a registered key, and recorded \
            as a CheckpointSigned event right after the events it covers. Put it in the committee papers: \
            csp-ledger verify --checkpoint FILE then proves the log up to it unchanged, with no digest copied by hand.
            """)

    @OptionGroup var write: WriteOptions
    @Option(help: ArgumentHelp("The signing key, as key generate wrote it.", valueName: "file")) var key: String?
    @Option(help: ArgumentHelp("Also write the signed checkpoint to this new file.", valueName: "file")) var output: String?
    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "Instead of signing, record witnesses' cosignatures: checkpoints as witness cosign returned them, all of one recorded checkpoint.",
            valueName: "file"))
    var cosignature: [String] = []

    func validate() throws {
        guard (key == nil) != cosignature.isEmpty else {
            throw ValidationError("give --key to sign a checkpoint, or --cosignature to record witnesses' cosignatures of one, not both")
        }
        guard cosignature.isEmpty || output == nil else { throw ValidationError("--output goes with --key: it is the signed checkpoint") }
    }

    func run() throws {
        guard let key else {
            let notes = try cosignature.map { try ProofFiles.read($0, what: "cosigned checkpoint") }
            try write.execute { ledger in try ledger.recordingCosignatures(notes) }
            return
        }
        let signingKey: NoteSigningKey
        do { signingKey = try NoteSigningKey(text: try ProofFiles.read(key, what: "signing key")) } catch let error as LedgerError {
            throw LedgerError(error.code, "\(key): \(error.message)", hint: error.hint)
        }
        if let output, FileManager.default.fileExists(atPath: output) {
            throw StoreError(.exists, "\(output) already exists; nothing was written over it")
        }
        let actor = try write.declaredActor()
        let signed = try write.database.open(.readWrite).signCheckpoint(with: signingKey, by: actor)
        if let output { try ProofFiles.writeNew(output, signed.note.serialized) }
        print(signed.note.serialized, terminator: "")
    }
}
