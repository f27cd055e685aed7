import Foundation

/// What is at a path given for a ledger file.
enum LedgerPath {
    /// Whether a file is at `path`.
    ///
    /// A directory there is refused by name: SQLite would report it as a disk I/O
    /// error, which sends a person to look at the disk.
    /// - Throws: ``StoreError`` `.notALedger` when `path` is a directory.
    static func fileExists(_ path: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        guard !isDirectory.boolValue else {
            throw StoreError(.notALedger, "\(path) is a directory; give the path of a ledger file, not of a folder")
        }
        return true
    }
}
