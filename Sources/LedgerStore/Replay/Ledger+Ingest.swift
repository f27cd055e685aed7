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
}

extension Ledger {
    /// Replays an export (JSON Lines) into the ledger at `target`, creating it if it does
    /// not exist.
    ///
    /// The whole file is checked first, line by line (form, hash, chain, positions,
    /// recording times) without writing anything, so a bad file leaves the target as it
    /// was. Then events are appended in batches, each all or none. An import that was
    /// interrupted is continued by running it again: events already in the target are
    /// recognised by position and hash and skipped.
    /// - Throws: ``LedgerError`` naming the first bad line, ``StoreError`` for the target.
    public static func importExport(from file: String, into target: String) throws -> IngestReport {
        let source: (((LogEntry, Int)) throws -> Void) throws -> Void = { body in
            try LineReader(path: file).forEach { line, number in
                if line.isEmpty { throw LedgerError(.invalidInput, "line \(number): empty line; an export has one event per line") }
                try body((try ExportLine.parse(line, number: number), number))
            }
        }
        return try ingest(source, into: target, describe: { "line \($0)" })
    }

    /// Writes a new, self-contained ledger at `output` holding exactly this ledger's log
    /// up to `position`, with its projection: the copy an auditor takes away. Its head
    /// digest equals this ledger's digest at that position.
    /// - Throws: ``StoreError`` `.exists` when `output` exists.
    public func replay(to position: Int64, into output: String) throws -> IngestReport {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw StoreError(.exists, "\(output) already exists; replay writes a new file, so give --output a path where nothing is yet")
        }
        let source: (((LogEntry, Int)) throws -> Void) throws -> Void = { body in
            var next: Int64 = 1
            while next <= position {
                let batch = try self.read { db in
                    try EventRows.fetch(db, where: "position >= ? AND position <= ?", [next, position], orderBy: "position LIMIT 5000")
                }
                guard let last = batch.last else { break }
                for entry in batch { try body((entry, Int(entry.position))) }
                next = last.position + 1
            }
        }
        return try Ledger.ingest(source, into: output, describe: { "position \($0)" })
    }

    /// The checking pass, then the writing pass, over the same source.
    private static func ingest(
        _ source: (((LogEntry, Int)) throws -> Void) throws -> Void, into target: String, describe: @escaping (Int) -> String
    ) throws -> IngestReport {
        // An existing target is a ledger this import (or an interrupted run of it) began.
        let existing = FileManager.default.fileExists(atPath: target) ? try openForIngest(target) : nil
        let targetHead =
            try existing.map { queue in
                try translatingErrors(target) { try queue.read { db in try EventRows.head(db) } }
            }.map { Digest(position: $0.position, hash: $0.hash) } ?? Digest(position: 0, hash: HashChain.genesis)

        // Pass 1: check everything, write nothing.
        var expected: Int64 = 1
        var prevHash = HashChain.genesis
        var lastRecorded: Instant?
        var count = 0
        try source { entry, number in
            func refuse(_ reason: String) -> LedgerError { LedgerError(.invalidInput, "\(describe(number)): \(reason)") }
            let r = entry.recorded
            guard r.position == expected else {
                throw refuse("position \(r.position) where \(expected) was expected; the export has a gap, a repeat or lines out of order")
            }
            guard entry.prevHash == prevHash else { throw refuse("prevHash does not match the hash of position \(r.position - 1)") }
            guard entry.hash == HashChain.expectedHash(of: entry) else {
                throw refuse("the hash does not match the event's contents; the line was altered")
            }
            guard entry.streamID == r.event.streamID, entry.type == r.event.typeName else {
                throw refuse("the stream or type does not match the payload")
            }
            guard r.effectiveAt <= r.recordedAt, lastRecorded.map({ r.recordedAt >= $0 }) ?? true else {
                throw refuse("the recording time goes backwards or the effective time is after it")
            }
            if r.position == 1, case .partnershipEstablished = r.event {
            } else if r.position == 1 {
                throw refuse("position 1 must establish the partnership")
            }
            if r.position == targetHead.position, entry.hash != targetHead.hash {
                throw LedgerError(
                    .invalidInput,
                    "\(describe(number)): the target ledger holds a different event at position \(r.position); import into a new file")
            }
            prevHash = entry.hash
            lastRecorded = r.recordedAt
            expected += 1
            count += 1
        }
        guard count > 0 else { throw LedgerError(.invalidInput, "the source holds no events") }
        guard targetHead.position <= Int64(count) else {
            throw LedgerError(
                .invalidInput,
                "the target ledger already holds \(targetHead.position) events, more than the \(count) imported; import into a new file")
        }

        // Pass 2: append what the target lacks, in batches.
        let queue = try existing ?? createEmpty(at: target)
        var state = PlanState()
        var appended = 0
        var batch: [LogEntry] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let entries = batch
            let before = state.position
            try translatingErrors(target) {
                try queue.write { db in
                    // Until the projection is rebuilt at the end, a reader sees it as stale.
                    try db.execute(sql: "INSERT OR REPLACE INTO ledger_meta (key, value) VALUES ('projection_version', '0')")
                    for entry in entries { try EventRows.insert(db, entry) }
                }
            }
            for entry in entries { state.apply(entry.recorded) }
            if Snapshots.due(from: before, to: state.position, interval: Snapshots.defaultInterval) {
                try translatingErrors(target) { try queue.write { db in try Snapshots.write(db, state) } }
            }
            appended += entries.count
            batch.removeAll(keepingCapacity: true)
        }
        try source { entry, _ in
            if entry.position <= targetHead.position {
                state.apply(entry.recorded)
                return
            }
            batch.append(entry)
            if batch.count == 5000 { try flush() }
        }
        try flush()
        try translatingErrors(target) { try queue.write { db in try Projection.rebuild(db, from: state) } }
        return IngestReport(
            read: count, appended: appended, digest: Digest(position: Int64(count), hash: prevHash, recordedAt: lastRecorded))
    }

    /// Opens an existing target for an import: a ledger file, possibly still empty.
    private static func openForIngest(_ path: String) throws -> DatabaseQueue {
        let queue = try connect(path, readOnly: false)
        try translatingErrors(path) {
            guard try queue.read({ db in try Int32.fetchOne(db, sql: "PRAGMA application_id") }) == LedgerSchema.applicationID else {
                throw StoreError(.notALedger, "\(path) exists and is not a csp-ledger ledger; import into a new file")
            }
            if try queue.read({ db in try LedgerSchema.migrator.hasBeenSuperseded(db) }) {
                throw StoreError(.newerSchema, "\(path) was written by a newer release of csp-ledger; upgrade csp-ledger to import into it")
            }
            try LedgerSchema.migrator.migrate(queue)
        }
        return queue
    }
}
