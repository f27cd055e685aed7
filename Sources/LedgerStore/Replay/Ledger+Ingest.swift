import Foundation
import GRDB
import LedgerCore

/// What an import or replay did.
public struct IngestReport: Sendable, Equatable {
    /// Events read from the source.
    public var read: Int
    /// Events appended to the target (the rest were there already).
    public var appended: Int
    public var digest: Digest

    /// The two stages of an import or replay, as a progress display names them: every
    /// event is checked (and staged) before any is written into the target's log.
    public enum Stage: Sendable, Equatable {
        /// Reading the source once, checking each event and staging its row; the
        /// progress is in the source's unit (bytes of a file, events of a ledger).
        case checking
        /// Moving the staged events into the log; the progress is in events.
        case writing
    }
}

extension Ledger {
    /// How many staged events an import or replay moves into the log in one
    /// transaction: a kill loses at most one batch's work, and each commit's cost is
    /// spread over many events.
    static let writeBatchSize = 5_000

    /// Replays an export (JSON Lines) into the ledger at `target`, creating it if it does
    /// not exist.
    ///
    /// Each line is read and parsed once. The whole file is checked first, line by line
    /// (form, hash, chain, positions, recording times, and each event's meaning against
    /// the plan the lines before it leave) while its rows are staged beside the target
    /// (``ImportStaging``), so a bad file leaves the target as it was. Then the staged
    /// events are moved into the log in batches, each all or none. An import that was
    /// interrupted is continued by running it again: events already in the target are
    /// recognised by position and hash and skipped.
    /// - Parameters:
    ///   - file: the export (JSON Lines).
    ///   - target: the ledger file to write, new or begun by an earlier run of this import.
    ///   - progress: called during the check with the bytes of the file read so far and
    ///     its size, and during the move with the events moved and the events to move.
    /// - Throws: `LedgerError` naming the first bad line, ``StoreError`` for the target.
    public static func importExport(
        from file: String, into target: String, progress: (IngestReport.Stage, Int64, Int64) -> Void = { _, _, _ in }
    ) throws -> IngestReport {
        let source: IngestSource = { read, body in
            // Lines are parsed (and their forms worked out) a batch ahead on another thread.
            var ahead = ReadAhead<(Data, Int), ParsedLine> { line, number in ParsedLine(line, number: number) }
            func deliver(_ parsed: [ParsedLine]) throws {
                for line in parsed { try body((try line.entry.get(), line.form, line.number)) }
            }
            /// What `body` threw, told apart from what the reader threw.
            struct Refused: Error { let error: any Error }
            do {
                try LineReader(path: file).forEach(progress: read) { line, number in
                    do { try deliver(ahead.add((line, number), bytes: line.count)) } catch { throw Refused(error: error) }
                }
            } catch let refused as Refused {
                throw refused.error
            } catch {
                // The lines before the one the reader refused are judged first: one may be bad.
                try deliver(ahead.finish())
                throw error
            }
            try deliver(ahead.finish())
        }
        return try ingest(source, named: file, into: target, progress: progress, describe: { "line \($0)" })
    }

    /// Writes a new, self-contained ledger at `output` holding exactly this ledger's log
    /// up to `position`, with its projection: the copy an auditor takes away. Its head
    /// digest equals this ledger's digest at that position.
    /// - Parameters:
    ///   - position: the last position to include.
    ///   - output: the new ledger file.
    ///   - progress: called during the check with the events read so far and `position`,
    ///     and during the move with the events moved and the events to move.
    /// - Throws: ``StoreError`` `.exists` when `output` exists.
    public func replay(
        to position: Int64, into output: String, progress: (IngestReport.Stage, Int64, Int64) -> Void = { _, _, _ in }
    ) throws -> IngestReport {
        guard try !LedgerPath.fileExists(output) else {
            throw StoreError(.exists, "\(output) already exists; replay writes a new file", hint: .newCopyPath)
        }
        let source: IngestSource = { read, body in
            try self.forEachBatch(from: 1, to: position) { batch in
                for entry in batch { try body((entry, nil, Int(entry.position))) }
                read(batch.last?.position ?? 0, position)
            }
        }
        return try Ledger.ingest(source, named: path, into: output, progress: progress, describe: { "position \($0)" })
    }

    /// Where ``ingest(_:named:into:progress:describe:)`` reads: it calls `body` with each
    /// event, its ``LogCheck/Form`` if the source worked it out (nil otherwise), and its
    /// line or position number, in order, and `read` with how much of the source it has
    /// read (done and total, in its own unit).
    private typealias IngestSource = (
        _ read: (Int64, Int64) -> Void, _ body: ((LogEntry, LogCheck.Form?, Int)) throws -> Void
    ) throws -> Void

    /// One line of an export, parsed, with its ``LogCheck/Form``.
    private struct ParsedLine {
        let entry: Result<LogEntry, any Error>
        let form: LogCheck.Form?
        let number: Int

        init(_ line: Data, number: Int) {
            self.number = number
            entry =
                line.isEmpty
                ? .failure(LedgerError(.invalidInput, "line \(number): empty line; an export has one event per line"))
                : Result { try ExportLine.parse(line, number: number) }
            form = (try? entry.get()).map(LogCheck.Form.init)
        }
    }

    /// The check, then the move.
    ///
    /// The check reads the source once. Each event's bytes are checked (chain, hashes,
    /// order, times, stream versions), then its meaning, against the plan the events
    /// before it leave, and its row is staged (``ImportStaging``) with the records it
    /// changed and any snapshot due at its position. Nothing of the target changes
    /// until the whole source has checked out. The move then copies the staged rows into
    /// the log in batches of ``writeBatchSize``, each all or none, with the
    /// ``ImportMark`` on the target, and the versioned rows and the projection replace
    /// the target's at the end. A target this run created is removed when it fails.
    private static func ingest(
        _ source: @escaping IngestSource, named sourceName: String, into target: String,
        progress: (IngestReport.Stage, Int64, Int64) -> Void, describe: @escaping (Int) -> String
    ) throws -> IngestReport {
        // An existing target is a ledger this import (or an interrupted run of it) began.
        let existing = try LedgerPath.fileExists(target) ? try openForIngest(target) : nil
        let queue = try existing ?? createEmpty(at: target)
        do {
            return try translatingErrors(target) {
                // A new target killed during the check says what it is.
                if existing == nil { try queue.write { db in try ImportMark.checking(sourceName).write(db) } }
                let (check, targetHead) = try checkAndStage(source, into: queue, target, progress: progress, describe: describe)
                return try move(check, from: targetHead, named: sourceName, into: queue, target, progress: progress)
            }
        } catch {
            if existing == nil {
                try? queue.close()
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            }
            throw error
        }
    }

    /// The check of ``ingest(_:named:into:progress:describe:)``: every event of the
    /// source checked and staged, in one transaction of the temporary tables (the
    /// target's own tables are only read).
    /// - Returns: the check at the source's head, and the target's head it began from.
    private static func checkAndStage(
        _ source: @escaping IngestSource, into queue: DatabasePool, _ target: String,
        progress: (IngestReport.Stage, Int64, Int64) -> Void, describe: @escaping (Int) -> String
    ) throws -> (LogCheck, Digest) {
        let head = try queue.read { db in try EventRows.head(db) }
        let targetHead = Digest(position: head.position, hash: head.hash)
        let check: LogCheck
        do {
            check = try queue.writeWithoutTransaction { db in
                try ImportStaging.begin(db)
                var check = LogCheck()
                try db.inTransaction {
                    try source({ progress(.checking, $0, $1) }) { entry, form, number in
                        let position = entry.position
                        do {
                            try check.checkBytes(entry, form: form)
                            if position == 1, case .partnershipEstablished = entry.recorded.event {
                            } else if position == 1 {
                                throw LogCheck.Failure(position: 1, reason: "position 1 must establish the partnership")
                            }
                            if position == targetHead.position, entry.hash != targetHead.hash {
                                throw LogCheck.Failure(
                                    position: position,
                                    reason: "the target ledger holds a different event at position \(position); import into a new file")
                            }
                            // The target's own events were checked when they were written.
                            if position > targetHead.position {
                                try check.checkRules(entry, db, log: ImportStaging.log)
                                try ImportStaging.stage(entry, db, targetHasEvents: targetHead.position > 0)
                            }
                        } catch let failure as LogCheck.Failure {
                            throw LedgerError(.invalidInput, "\(describe(number)): \(failure.reason)")
                        }
                        try VersionedProjection.store(check.fold(entry), at: position, db, into: .rebuild)
                        if position > targetHead.position, Snapshots.isSnapshotPosition(position, interval: Snapshots.defaultInterval) {
                            try Snapshots.write(db, check.state, log: ImportStaging.log, into: ImportStaging.snapshots)
                        }
                    }
                    return .commit
                }
                return check
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            // The staged rows go to the temporary folder, not beside the target, and a
            // folder held in memory (a `/tmp` on tmpfs) fills first.
            throw StoreError(
                .database,
                "the disk of the temporary folder where an import stages the lines it has checked (SQLITE_TMPDIR, else TMPDIR, else /var/tmp or /tmp), or the disk holding \(target), is full; nothing was written to \(target); free some space, or set SQLITE_TMPDIR to a folder on a larger disk"
            )
        }
        let count = check.state.position
        guard count > 0 else { throw LedgerError(.invalidInput, "the source holds no events") }
        guard targetHead.position <= count else {
            throw LedgerError(
                .invalidInput,
                "the target ledger already holds \(targetHead.position) events, more than the \(count) imported; import into a new file")
        }
        return (check, targetHead)
    }

    /// The move of ``ingest(_:named:into:progress:describe:)``: the staged events into
    /// the log in batches, then the versioned rows and the projection.
    private static func move(
        _ check: LogCheck, from targetHead: Digest, named sourceName: String, into queue: DatabasePool, _ target: String,
        progress: (IngestReport.Stage, Int64, Int64) -> Void
    ) throws -> IngestReport {
        let count = check.state.position
        let sourceHead = check.chain.digest
        // A target that already holds the whole source, and no unfinished import, is left as it is.
        if targetHead.position == count, try queue.read(ImportMark.read) == nil {
            return IngestReport(read: Int(count), appended: 0, digest: sourceHead)
        }
        var mark = ImportMark(source: sourceName, sourceHead: sourceHead, importedTo: targetHead.position)
        try queue.write { db in
            if let earlier = try ImportMark.read(db), !earlier.isChecking, earlier.sourceHead.text != sourceHead.text {
                throw StoreError(
                    .importIncomplete,
                    "\(target) holds \(earlier), whose head is \(earlier.sourceHead.text), not this file's \(sourceHead.text)",
                    hint: .importFromItsSource)
            }
            guard try EventRows.head(db).hash == targetHead.hash else {
                throw StoreError(.conflict, "\(target) was written to while the import checked its source; nothing was imported")
            }
            try mark.write(db)
            // Until the end, the versioned rows and the projection are the target's old
            // ones: readers fold instead.
            try VersionedProjection.markUnbuilt(db)
            try db.execute(sql: "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('projection_version', '0')")
        }
        var moved = targetHead.position
        while moved < count {
            let upTo = min(moved + Int64(writeBatchSize), count)
            try queue.write { db in
                try ImportStaging.move(db, after: moved, upTo: upTo)
                try MerkleRows.extend(db)
                mark.importedTo = upTo
                try mark.write(db)
            }
            moved = upTo
            progress(.writing, moved - targetHead.position, count - targetHead.position)
        }
        try queue.write { db in
            try VersionedProjection.finishRebuild(db)
            try Projection.rebuild(db, from: check.state)
            try ImportMark.clear(db)
        }
        try queue.writeWithoutTransaction(ImportStaging.end)
        return IngestReport(read: Int(count), appended: Int(count - targetHead.position), digest: sourceHead)
    }

    /// Ends an unfinished import into the ledger at `path` without finishing it: the
    /// events imported so far (a true prefix of the source, provable with `verify
    /// --digest` against the source's digest at that position) become an ordinary
    /// ledger, which takes writes from then on.
    /// - Returns: the mark that was removed.
    /// - Throws: `LedgerError` when no import is unfinished there; ``StoreError`` for
    ///   the file.
    @discardableResult
    public static func abandonImport(at path: String) throws -> ImportMark {
        guard try LedgerPath.fileExists(path) else {
            throw StoreError(.missingFile, "no ledger at \(path)", hint: .unfinishedImportPath)
        }
        let queue = try openForIngest(path)
        return try translatingErrors(path) {
            try queue.write { db in
                guard let mark = try ImportMark.read(db) else {
                    throw LedgerError(.invalidInput, "\(path) has no unfinished import; there is nothing to abandon")
                }
                try Projection.rebuild(db, from: try EventRows.wholeState(db))
                try ImportMark.clear(db)
                return mark
            }
        }
    }

    /// Opens an existing target for an import: a ledger file, possibly still empty.
    private static func openForIngest(_ path: String) throws -> DatabasePool {
        let queue = try connect(path)
        try translatingErrors(path) {
            guard try queue.read({ db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }) == LedgerSchema.applicationID else {
                throw StoreError(.notALedger, "\(path) exists and is not a csp-ledger ledger; import into a new file")
            }
            if try queue.read({ db in try LedgerSchema.migrator.hasBeenSuperseded(db) }) {
                throw StoreError(.newerSchema, "\(path) was written by a newer release of csp-ledger; upgrade csp-ledger to import into it")
            }
            try queue.read { db in try Protection.require(db, path: path) }
            try LedgerSchema.migrator.migrate(queue)
        }
        return queue
    }
}
