import Foundation
import GRDB
import LedgerCore
import Synchronization

/// A ledger file: the append-only event log, its hash chain and its projection.
///
/// Writes go through ``EventLog/execute(_:by:effective:expectVersion:acceptClockBehind:credential:)``:
/// decide against the plan, then append every event or none, in one `BEGIN IMMEDIATE`
/// transaction so that writers in other processes queue behind it. One `Ledger` is
/// safe to share between tasks and threads: every read answers from one read
/// transaction, and reads never wait for the writer.
public final class Ledger: Sendable {
    public let path: String
    /// The partnership's calendar: what a date means in this ledger.
    public let calendar: PartnershipCalendar
    /// A pool of connections (WAL: readers never wait for the writer), or, for a file
    /// on read-only media, one connection to the file opened as immutable.
    let database: any DatabaseWriter
    public let clock: LedgerClock
    public let ids: EventIDGenerator
    /// A snapshot of the fold is stored each time the log crosses a multiple of this.
    public let snapshotInterval: Int64
    /// Whether the whole plan is kept in memory between writes. A process that writes
    /// once (a `csp-ledger` command) turns this off, and each write then reads only the
    /// records its decision needs instead of the whole plan.
    public let keepsPlanInMemory: Bool
    /// The fold of the log as far as this process has read it; brought up to date
    /// inside each write transaction. Nil until the first write reads it in.
    let cache = Mutex<PlanState?>(nil)
    /// Told of anything read back that was found wrong and set aside.
    let warn: @Sendable (String) -> Void

    /// How a ledger is opened. `verification` reads only, and opens a ledger whose first
    /// event is damaged too, so that `verify` can name the damage instead of refusing.
    public enum Access: Sendable { case readOnly, readWrite, verification }

    private init(
        path: String, database: any DatabaseWriter, calendar: PartnershipCalendar, clock: LedgerClock, ids: EventIDGenerator,
        snapshotInterval: Int64, keepsPlanInMemory: Bool, warn: @escaping @Sendable (String) -> Void
    ) {
        self.warn = warn
        self.snapshotInterval = snapshotInterval
        self.keepsPlanInMemory = keepsPlanInMemory
        self.path = path
        self.database = database
        self.calendar = calendar
        self.clock = clock
        self.ids = ids
    }

    /// Opens an existing ledger. A missing file is an error: nothing is ever created by
    /// opening.
    ///
    /// A clock other than the system's is refused unless the ledger was made as a
    /// test-clock ledger (`init --test-clock`, `demo`): recording times are the ledger's,
    /// never the writer's.
    /// - Parameters:
    ///   - path: the ledger file.
    ///   - access: what the caller will do; `readWrite` also brings the file up to this
    ///     release.
    ///   - clock: where recording times come from.
    ///   - ids: where the ids of new events come from.
    ///   - snapshotInterval: the spacing of the fold's snapshots while the log is short
    ///     (``Snapshots``); 0 for none.
    ///   - keepsPlanInMemory: whether the whole plan is kept between writes
    ///     (``keepsPlanInMemory``).
    ///   - warn: told of anything read back that was found wrong and set aside (a
    ///     damaged snapshot), so that a person can be told.
    /// - Throws: ``StoreError`` for a missing file, a directory, a file that is not a
    ///   ledger, a ledger written by a newer release, a set clock on an ordinary ledger,
    ///   or a SQLite failure.
    public static func open(
        at path: String, access: Access, clock: LedgerClock = .system, ids: EventIDGenerator = .random,
        snapshotInterval: Int64 = Snapshots.defaultInterval, keepsPlanInMemory: Bool = true,
        warn: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> Ledger {
        guard try LedgerPath.fileExists(path) else {
            throw StoreError(.missingFile, "no ledger at \(path)")
        }
        return try translatingErrors(path) {
            let (database, founding) = try connectExisting(path, access: access)
            try requireClock(clock, for: founding, access: access, path: path)
            if access == .readWrite { try upgrade(database, path: path, snapshotInterval: snapshotInterval) }
            if let mark = try database.read(ImportMark.read) {
                warn("\(path) holds \(mark); answers describe that part only until the import is finished")
            }
            return Ledger(
                path: path, database: database, calendar: try calendar(of: founding, access: access, path: path), clock: clock,
                ids: ids, snapshotInterval: snapshotInterval, keepsPlanInMemory: keepsPlanInMemory, warn: warn)
        }
    }

    /// Connects to an existing ledger file and reads its first event; nil for a ledger
    /// opened for verification whose first event cannot be read.
    private static func connectExisting(_ path: String, access: Access) throws -> (any DatabaseWriter, PartnershipEstablished?) {
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readOnly: access != .readWrite))
            return (pool, try inspect(pool, path, access))
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN && access != .readWrite {
            // On read-only media SQLite cannot create the WAL index beside the file;
            // a file nobody can write is read as immutable instead.
            let immutable = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
            let queue = try DatabaseQueue(path: immutable, configuration: configuration(readOnly: true))
            return (queue, try inspect(queue, path, access))
        }
    }

    /// Checks that the file is a ledger this release can read, and returns its first
    /// event (nil when it cannot be read and `access` is `.verification`).
    private static func inspect(_ database: any DatabaseReader, _ path: String, _ access: Access) throws -> PartnershipEstablished? {
        try database.read { db in
            guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == LedgerSchema.applicationID else {
                throw StoreError(.notALedger, "\(path) is not a csp-ledger ledger", hint: .ledgerPath)
            }
            if try LedgerSchema.migrator.hasBeenSuperseded(db) {
                throw StoreError(.newerSchema, "\(path) was written by a newer release of csp-ledger; upgrade csp-ledger to read it")
            }
            let first = try? EventRows.fetch(db, where: "position = 1").first
            guard case .partnershipEstablished(let founding)? = first?.recorded.event else {
                if access == .verification { return nil }
                // An import killed before its first batch was written: say so, and how to go on.
                if let mark = try ImportMark.read(db) {
                    throw StoreError(.importIncomplete, "\(path) holds \(mark)", hint: .importFromItsSource)
                }
                throw StoreError(.notALedger, "\(path) has no partnership event at position 1; it is not a complete ledger")
            }
            return founding
        }
    }

    /// A set clock is refused unless the ledger was made as a test-clock ledger. A
    /// ledger whose first event cannot be read is opened only to have its damage named;
    /// whether it takes a set clock cannot be told, and it is never written.
    private static func requireClock(_ clock: LedgerClock, for founding: PartnershipEstablished?, access: Access, path: String) throws {
        guard clock.isSystem || founding?.testClock ?? (access == .verification) else {
            throw StoreError(
                .setClock,
                "a set clock is refused: \(path) records the system clock's time, and only a test-clock ledger takes a set clock",
                hint: .unsetClock)
        }
    }

    /// The calendar of the partnership's time zone; UTC for a ledger opened for
    /// verification whose zone is unknown or unreadable, so that its damage can be named.
    private static func calendar(of founding: PartnershipEstablished?, access: Access, path: String) throws -> PartnershipCalendar {
        do { return try PartnershipCalendar(timeZoneIdentifier: founding?.timeZone ?? "UTC") } catch {
            guard access == .verification else {
                throw StoreError(.notALedger, "\(path) names the time zone '\(founding?.timeZone ?? "")', which this system does not know")
            }
            return try PartnershipCalendar(timeZoneIdentifier: "UTC")
        }
    }

    /// Brings a file opened for writing up to this release: migrations, then derived
    /// tables whose version changed (the versioned rows first: the whole plan is read
    /// from them). A file whose protection was removed is refused first, so that nothing
    /// is changed in it, and so is one that needs migrations while another process's
    /// server holds it (``ServingLease``).
    private static func upgrade(_ database: any DatabaseWriter, path: String, snapshotInterval: Int64) throws {
        try database.read { db in try Protection.require(db, path: path) }
        if try database.read({ db in try !LedgerSchema.migrator.hasCompletedMigrations(db) }), let holder = ServingLease.holder(of: path) {
            throw StoreError(
                .served, "\(path) is served by \(holder), and this release would upgrade the file under it: stop that server first")
        }
        try LedgerSchema.migrator.migrate(database)
        try database.write { db in
            try Snapshots.discardStale(db)
            try MerkleRows.extend(db)
            var state = try VersionedProjection.isBuilt(db) ? nil : VersionedProjection.rebuildInPlace(db)
            if snapshotInterval > 0, try EventRows.head(db).position >= snapshotInterval, try Snapshots.positions(db).isEmpty {
                state = try Snapshots.writeAll(db, interval: snapshotInterval)
            }
            if try Projection.storedVersion(db) != ProjectionTable.version {
                try Projection.rebuild(db, from: try state ?? EventRows.wholeState(db))
            }
        }
    }

    /// Creates a new ledger file holding the partnership, its first partner and its
    /// first coordinator. Nothing is left behind if it fails.
    /// - Throws: `LedgerError` for bad input; ``StoreError`` `.exists` when a file is
    ///   already at `path`.
    public static func create(
        at path: String, partnership: String, timeZone: String, partner: PartnerID, partnerName: String,
        responsibleAuthority: Bool, coordinator: ActorID, coordinatorName: String, testClock: Bool = false,
        clock: LedgerClock = .system, ids: EventIDGenerator = .random, snapshotInterval: Int64 = Snapshots.defaultInterval
    ) throws -> Ledger {
        let events = try Decider.establish(
            in: PlanState(), partnership: partnership, timeZone: timeZone, testClock: testClock, partner: partner, partnerName: partnerName,
            responsibleAuthority: responsibleAuthority, coordinator: coordinator, coordinatorName: coordinatorName)
        if try LedgerPath.fileExists(path) {
            if (try? open(at: path, access: .readOnly)) != nil {
                throw LedgerError(.duplicate, "\(path) is already a ledger", hint: .initialiseOnce)
            }
            throw StoreError(.exists, "\(path) already exists", hint: .newLedgerPath)
        }
        guard clock.isSystem || testClock else {
            throw StoreError(
                .setClock,
                "a set clock is refused: a new ledger records the system clock's time unless it is made as a test-clock ledger",
                hint: .unsetClockOrTestClock)
        }
        do {
            let database = try createEmpty(at: path)
            let calendar = try PartnershipCalendar(timeZoneIdentifier: timeZone)
            let ledger = Ledger(
                path: path, database: database, calendar: calendar, clock: clock, ids: ids, snapshotInterval: snapshotInterval,
                keepsPlanInMemory: true, warn: { _ in })
            let at = clock.now
            try ledger.append(
                events.map { PendingEvent(eventID: ids.next(), event: $0, actor: coordinator, partner: partner, effectiveAt: at) },
                clockAt: at)
            return ledger
        } catch {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
    }

    /// A new file with the ledger's schema and no events, for `init`, `import` and `replay`.
    static func createEmpty(at path: String) throws -> DatabasePool {
        // The pool puts the file in WAL mode.
        let pool = try connect(path)
        try translatingErrors(path) {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA application_id = \(LedgerSchema.applicationID)") }
            try LedgerSchema.migrator.migrate(pool)
            // The empty log's versioned rows are complete: there are none.
            try pool.write(VersionedProjection.markBuilt)
        }
        return pool
    }

    /// Connects to the file at `path` for writing.
    static func connect(_ path: String) throws -> DatabasePool {
        try translatingErrors(path) { try DatabasePool(path: path, configuration: configuration(readOnly: false)) }
    }

    /// The settings of every connection, in one place.
    private static func configuration(readOnly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // 16 MiB of page cache. Replays and as-of queries read the log in order, which
            // the system's file cache serves as well; a larger cache only adds to the peak
            // memory of whole-ledger commands.
            try db.execute(sql: "PRAGMA cache_size = -16384")
        }
        return config
    }

    /// Runs `body`, translating SQLite errors into ``StoreError``.
    static func translatingErrors<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            throw StoreError.translating(error, path: path)
        }
    }
}
