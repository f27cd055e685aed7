import Foundation
import LedgerCore
import LedgerStore

/// The small text files of proofs and keys: checkpoints, proofs, key files.
enum ProofFiles {
    /// The largest such file read; a signed checkpoint with many cosignatures is a few KB.
    static let limit = 1 << 20

    /// The UTF-8 text of `path`.
    /// - Throws: ``StoreError`` for a file that cannot be read; `LedgerError` for one too
    ///   large or not UTF-8.
    static func read(_ path: String, what: String) throws -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe) } catch {
            throw StoreError.file("cannot read", path, error)
        }
        guard data.count <= limit else { throw LedgerError(.invalidInput, "\(path) is larger than any \(what) (over 1 MiB)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LedgerError(.invalidInput, "\(path) is not UTF-8 text; it is no \(what)")
        }
        return text
    }

    /// A signed checkpoint read from `path`.
    static func checkpoint(_ path: String) throws -> SignedCheckpoint {
        do { return try SignedCheckpoint(parsing: try read(path, what: "checkpoint")) } catch let error as LedgerError {
            throw LedgerError(error.code, "\(path): \(error.message)", hint: error.hint)
        }
    }

    /// Writes `text` to a new file at `path` with the given permissions; an existing
    /// file is never overwritten.
    static func writeNew(_ path: String, _ text: String, mode: mode_t = 0o644) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw StoreError(.exists, "\(path) already exists; nothing was written over it") }
            throw StoreError.file("cannot create", path, errno: errno)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.file("cannot write", path, error)
        }
    }

    /// Writes a new signing key to `output` (mode 0600) and its verifier key to
    /// `output.pub`, and says so; neither file is ever written over.
    static func writeKeyPair(_ key: NoteSigningKey, to output: String) throws {
        let pub = output + ".pub"
        guard !FileManager.default.fileExists(atPath: output) else {
            throw StoreError(.exists, "\(output) already exists; nothing was written over it")
        }
        try writeNew(pub, key.verifierKey.text + "\n")
        do { try writeNew(output, key.text + "\n", mode: 0o600) } catch {
            try? FileManager.default.removeItem(atPath: pub)
            throw error
        }
        print("wrote the signing key to \(output) (keep it outside the ledger) and its verifier key to \(pub):")
        print(key.verifierKey.text)
    }

    /// Replaces `path` with `text` in one step: a new file beside it, flushed, then
    /// renamed over it, so a reader (or a crash) finds the old text or the new, never part.
    static func replace(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).new").path
        try? FileManager.default.removeItem(atPath: temporary)
        try writeNew(temporary, text, mode: 0o600)
        guard rename(temporary, path) == 0 else {
            let failure = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError.file("cannot replace", path, errno: failure)
        }
    }

    /// A verifier key read from `path` (FILE.pub).
    static func verifierKey(_ path: String) throws -> NoteVerifierKey {
        do {
            return try NoteVerifierKey(text: try read(path, what: "verifier key").trimmingCharacters(in: .whitespacesAndNewlines))
        } catch let error as LedgerError {
            throw LedgerError(error.code, "\(path): \(error.message)", hint: error.hint)
        }
    }
}
