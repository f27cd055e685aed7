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

    /// The passes of an import or replay, as a progress display names them: every event is
    /// checked before any is written.
    public enum Stage: Sendable, Equatable {
        case checking, writing
    }
}

extension Ledger {
    /// How many events an import or replay appends in one transaction: a failure
    /// loses at most one batch's work, and each commit's cost is spread over many
    /// events.
    static let writeBatchSize = 5_000

    /// Replays an export (JSON Lines) into the ledger at `target`, creating it if it does
    /// not exist.
    ///
    /// The whole file is checked first, line by line (form, hash, chain, positions,
    /// recording times) without writing anything, so a bad file leaves the target as it
    /// was. Then events are appended in batches, each all or none. An import that was
    /// interrupted is continued by running it again: events already in the target are
    /// recognised by position and hash and skipped.
    /// - Parameters:
    ///   - file: the export (JSON Lines).
    ///   - target: the ledger file to write, new or begun by an earlier run of this import.
    ///   - progress: called during each pass with the bytes of the file read so far and
    ///     its size.
    /// - Throws: `LedgerError` naming the first bad line, ``StoreError`` for the target.
    public static func importExport(
        from file: String, into target: String, progress: (IngestReport.Stage, Int64, Int64) -> Void = { _, _, _ in }
    ) throws -> IngestReport {
        let source: IngestSource = { read, forms, body in
            // Lines are parsed (and their forms worked out) a batch ahead on another thread.
            var ahead = ReadAhead<(Data, Int), ParsedLine> { line, number in ParsedLine(line, number: number, form: forms) }
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
    ///   - progress: called during each pass with the events read so far and `position`.
    /// - Throws: ``StoreError`` `.exists` when `output` exists.
    public func replay(
        to position: Int64, into output: String, progress: (IngestReport.Stage, Int64, Int64) -> Void = { _, _, _ in }
    ) throws -> IngestReport {
        guard try !LedgerPath.fileExists(output) else {
            throw StoreError(.exists, "\(output) already exists; replay writes a new file", hint: .newCopyPath)
        }
        let source: IngestSource = { read, _, body in
            try self.forEachBatch(from: 1, to: position) { batch in
                for entry in batch { try body((entry, nil, Int(entry.position))) }
                read(batch.last?.position ?? 0, position)
            }
        }
        return try Ledger.ingest(source, named: path, into: output, progress: progress, describe: { "position \($0)" })
    }

    /// Where ``ingest(_:named:into:progress:describe:)`` reads: it calls `body` with each
    /// event, its ``LogCheck/Form`` if `forms` asks for it and the source worked it out
    /// (nil otherwise), and its line or position number, in order, and `read` with how
    /// much of the source it has read (done and total, in its own unit).
    private typealias IngestSource = (
        _ read: (Int64, Int64) -> Void, _ forms: Bool, _ body: ((LogEntry, LogCheck.Form?, Int)) throws -> Void
    ) throws -> Void

    /// One line of an export, parsed, with its ``LogCheck/Form`` when asked for.
    private struct ParsedLine {
        let entry: Result<LogEntry, any Error>
        let form: LogCheck.Form?
        let number: Int

        init(_ line: Data, number: Int, form: Bool) {
            self.number = number
            entry =
                line.isEmpty
                ? .failure(LedgerError(.invalidInput, "line \(number): empty line; an export has one event per line"))
                : Result { try ExportLine.parse(line, number: number) }
            self.form = form ? (try? entry.get()).map(LogCheck.Form.init) : nil
        }
    }

    /// The checking pass, then the writing pass, over the same source.
    ///
    /// The first pass checks each event's bytes (chain, hashes, order, times, stream
    /// versions). The second writes batches of ``writeBatchSize``, each all or none, and
    /// checks each event's meaning against the plan the events before it leave, inside
    /// the batch's transaction, so a rule-breaking event is never committed. While it runs, the
    /// target carries the ``ImportMark``; a target this run created is removed when the
    /// import fails.
    private static func ingest(
        _ source: @escaping IngestSource, named sourceName: String, into target: String,
        progress: (IngestReport.Stage, Int64, Int64) -> Void, describe: @escaping (Int) -> String
    ) throws -> IngestReport {
        // An existing target is a ledger this import (or an interrupted run of it) began.
        let existing = try LedgerPath.fileExists(target) ? try openForIngest(target) : nil
        let targetHead =
            try existing.map { queue in
                try translatingErrors(target) { try queue.read { db in try EventRows.head(db) } }
            }.map { Digest(position: $0.position, hash: $0.hash) } ?? Digest(position: 0, hash: HashChain.genesis)

        // Pass 1: check every event's bytes, write nothing.
        var check = LogCheck()
        try source({ progress(.checking, $0, $1) }, true) { entry, form, number in
            do { try check.checkBytes(entry, form: form) } catch let failure as LogCheck.Failure {
                throw LedgerError(.invalidInput, "\(describe(number)): \(failure.reason)")
            }
            if entry.position == 1, case .partnershipEstablished = entry.recorded.event {
            } else if entry.position == 1 {
                throw LedgerError(.invalidInput, "\(describe(number)): position 1 must establish the partnership")
            }
            if entry.position == targetHead.position, entry.hash != targetHead.hash {
                throw LedgerError(
                    .invalidInput,
                    "\(describe(number)): the target ledger holds a different event at position \(entry.position); import into a new file")
            }
            check.fold(entry)
        }
        let count = check.state.position
        let sourceHead = check.chain.digest
        guard count > 0 else { throw LedgerError(.invalidInput, "the source holds no events") }
        guard targetHead.position <= count else {
            throw LedgerError(
                .invalidInput,
                "the target ledger already holds \(targetHead.position) events, more than the \(count) imported; import into a new file")
        }

        if let mark = try existing.map({ queue in try translatingErrors(target) { try queue.read(ImportMark.read) } }) ?? nil,
            mark.sourceHead.text != sourceHead.text
        {
            throw StoreError(
                .importIncomplete, "\(target) holds \(mark), whose head is \(mark.sourceHead.text), not this file's \(sourceHead.text)",
                hint: .importFromItsSource)
        }

        // Pass 2: append what the target lacks, in batches, checking each event's meaning.
        let queue = try existing ?? createEmpty(at: target)
        do {
            let mark = ImportMark(source: sourceName, sourceHead: sourceHead, importedTo: targetHead.position)
            let appended = try write(
                source, into: queue, target, mark: mark, progress: { progress(.writing, $0, $1) }, describe: describe)
            return IngestReport(read: Int(count), appended: appended, digest: sourceHead)
        } catch {
            if existing == nil {
                try? queue.close()
                for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: target + suffix) }
            }
            throw error
        }
    }

    /// The writing pass of ``ingest(_:named:into:progress:describe:)``.
    private static func write(
        _ source: @escaping IngestSource, into queue: DatabasePool, _ target: String, mark: ImportMark,
        progress: (Int64, Int64) -> Void, describe: @escaping (Int) -> String
    ) throws -> Int {
        let targetPosition = mark.importedTo
        var mark = mark
        var check = LogCheck()
        var appended = 0
        var batch: [(LogEntry, Int)] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let before = check.state.position
            try translatingErrors(target) {
                try queue.write { db in
                    // Until the projection is rebuilt at the end, a reader sees it as stale.
                    try db.execute(sql: "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('projection_version', '0')")
                    for (entry, number) in batch {
                        try EventRows.insert(db, entry)
                        do { try check.checkRules(entry, db) } catch let failure as LogCheck.Failure {
                            throw LedgerError(.invalidInput, "\(describe(number)): \(failure.reason)")
                        }
                        try VersionedProjection.store(check.fold(entry), at: entry.position, db)
                    }
                    try MerkleRows.extend(db)
                    mark.importedTo = check.state.position
                    try mark.write(db)
                    if Snapshots.due(from: before, to: check.state.position, interval: Snapshots.defaultInterval) {
                        try Snapshots.write(db, check.state)
                    }
                }
            }
            appended += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        try translatingErrors(target) { try queue.write { db in try mark.write(db) } }
        try source(progress, false) { entry, _, number in
            if entry.position <= targetPosition {
                check.fold(entry)
                return
            }
            batch.append((entry, number))
            if batch.count == Ledger.writeBatchSize { try flush() }
        }
        try flush()
        try translatingErrors(target) {
            try queue.write { db in
                // A target begun by an earlier release has versioned rows for part of the log only.
                if try !VersionedProjection.isBuilt(db) { _ = try VersionedProjection.rebuildInPlace(db) }
                try Projection.rebuild(db, from: check.state)
                try ImportMark.clear(db)
            }
        }
        return appended
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
