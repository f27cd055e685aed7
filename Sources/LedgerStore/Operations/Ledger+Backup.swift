import Foundation
import GRDB

/// What `backup` made: the copy's own verification, and whether its head is this
/// ledger's event at that position.
public struct BackupReport: Sendable, Equatable {
    /// `verify` of the copy, as an auditor would run it on the copy alone.
    public var verify: VerifyReport
    /// Why the copy's head is not this ledger's event at its position; nil when it is.
    public var divergence: String?

    public var isSound: Bool { verify.isSound && divergence == nil }
}

extension Ledger {
    /// Copies this ledger, as committed at one moment, into a new file at `output`, then
    /// verifies the copy and checks that its head is this ledger's event at the same
    /// position.
    ///
    /// SQLite's online backup reads every page inside one read transaction, so writers
    /// (this process's and other processes') go on while it runs, and the copy holds one
    /// committed state of the whole file, never half a write. The copy appears under its
    /// name only when complete (``AtomicFile``). It is kept even when it does not verify:
    /// it is then a faithful copy of a damaged ledger, which the report names, and the
    /// remedy is `verify` on the ledger itself.
    /// - Parameter progress: called with the pages copied so far and the file's pages,
    ///   then with the events verified so far and the copy's events.
    /// - Throws: ``StoreError`` `.exists` when `output` exists, `.file` when it cannot be
    ///   written, or a storage failure.
    public func backup(to output: String, progress: (BackupStage, Int64, Int64) -> Void = { _, _, _ in }) throws -> BackupReport {
        try Ledger.translatingErrors(output) {
            try AtomicFile.create(output, by: "backup") { temporary in
                let copy = try DatabaseQueue(path: temporary)
                // GRDB keeps the callback only for the call.
                try withoutActuallyEscaping(progress) { progress in
                    try database.backup(to: copy, pagesPerStep: 256) { step in
                        progress(.copying, Int64(step.completedPageCount), Int64(step.totalPageCount))
                    }
                }
                try copy.close()
            }
        }
        let copy = try Ledger.open(at: output, access: .verification)
        let report = try copy.verify { progress(.verifying, $0, $1) }
        let head = report.digest
        guard head.position > 0 else { return BackupReport(verify: report, divergence: nil) }
        let ours = try entries(from: head.position, to: head.position).first
        let divergence =
            ours?.hash == head.hash
            ? nil : "the copy's event at position \(head.position) is not this ledger's: the file changed in a way the log does not allow"
        return BackupReport(verify: report, divergence: divergence)
    }

    /// The two passes of ``backup(to:progress:)``.
    public enum BackupStage: Sendable { case copying, verifying }
}
