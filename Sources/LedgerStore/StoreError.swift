import GRDB
import LedgerCore

/// The one error type of the storage layer: the file, SQLite, or the log itself.
///
/// SQLite's own errors are translated here, at the boundary, into a line a person can
/// act on; callers match on ``code``.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public typealias Code = ErrorCode

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// Translates a SQLite error met while working on the ledger at `path`.
    static func translating(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "the ledger \(path) is busy with another writer; try again in a moment")
        case .SQLITE_READONLY:
            return StoreError(
                .readOnly, "the ledger \(path) is read-only; reads work, but writing needs write permission on the file and its folder")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(
                .notALedger,
                "\(path) is not a readable csp-ledger ledger (SQLite: \(error.message ?? "file is not a database")); restore it from a copy"
            )
        case .SQLITE_CANTOPEN:
            return StoreError(
                .readOnly,
                "cannot open the ledger \(path) for this (SQLite: \(error.message ?? "unable to open database file")); reads need the file, writes also need its folder to be writable"
            )
        case .SQLITE_FULL:
            return StoreError(.database, "the disk holding \(path) is full; nothing was written; free some space and try again")
        case .SQLITE_CONSTRAINT where (error.message ?? "").contains("append-only"):
            return StoreError(.database, error.message ?? "the event log is append-only")
        default:
            return StoreError(.database, "SQLite failed on \(path): \(error.message ?? "\(error.resultCode)")")
        }
    }
}

/// The storage layer's kinds of error.
extension ErrorCode {
    /// There is no ledger file at the path.
    public static let missingFile = ErrorCode("missing-file")
    /// A file is there, but it is not a csp-ledger ledger (or is damaged).
    public static let notALedger = ErrorCode("not-a-ledger")
    /// A file or ledger is already there.
    public static let exists = ErrorCode("exists")
    /// The file was written by a newer release.
    public static let newerSchema = ErrorCode("newer-schema")
    /// The file cannot be written.
    public static let readOnly = ErrorCode("read-only")
    /// Another writer held the lock past the busy timeout; try again.
    public static let busy = ErrorCode("busy")
    /// The stream is not at the version the writer expected.
    public static let conflict = ErrorCode("conflict")
    /// An event id was reused for a different event.
    public static let eventIDReused = ErrorCode("event-id-reused")
    /// A stored event cannot be read by this release.
    public static let unreadable = ErrorCode("unreadable")
    /// The triggers protecting the log were dropped, changed or added to.
    public static let unprotected = ErrorCode("unprotected")
    /// An import into this ledger has not finished.
    public static let importIncomplete = ErrorCode("import-incomplete")
    /// A clock other than the system's, on a ledger that records real time.
    public static let setClock = ErrorCode("set-clock")
    /// Any other SQLite failure (disk full, I/O error).
    public static let database = ErrorCode("database")
}
