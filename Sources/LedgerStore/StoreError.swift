import Foundation
import GRDB

/// The one error type of the storage layer: files, I/O, SQLite, and the log itself.
///
/// SQLite's own errors are translated here, at the boundary, into a line a person can
/// act on; callers match on ``code``. Like LedgerCore's `LedgerError`, the line never
/// names a command-line flag or command: ``hint`` says which remedy applies, for a
/// front end to phrase.
public struct StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public let code: Code
    public let message: String
    /// The remedy a front end can name in its own terms; nil when the message says all.
    public let hint: Hint?

    public init(_ code: Code, _ message: String, hint: Hint? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }

    public var description: String { message }

    /// A file the system would not open, read or write: `cannot read PATH: REASON`, with
    /// the system's reason (`No such file or directory`, `Permission denied`).
    /// - Parameters:
    ///   - action: what failed, as in `cannot read` or `cannot create`.
    ///   - path: the file.
    ///   - error: the system's error, whose reason the message gives.
    public static func file(_ action: String, _ path: String, _ error: any Error) -> StoreError {
        var underlying = error as NSError
        if let cause = underlying.userInfo[NSUnderlyingErrorKey] as? any Error { underlying = cause as NSError }
        let reason =
            underlying.domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32(underlying.code))) : underlying.localizedDescription
        return StoreError(.file, "\(action) \(path): \(reason)")
    }

    /// A file the system would not open, after a system call that set `errno`.
    public static func file(_ action: String, _ path: String, errno code: Int32) -> StoreError {
        StoreError(.file, "\(action) \(path): \(String(cString: strerror(code)))")
    }

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
