import Foundation
import GRDB
import LedgerCore

/// Compares the stored versioned rows (``VersionedProjection``) with a replay, one
/// event at a time, as `verify` folds the log.
///
/// The stored rows are read in the order of their `valid_from`, alongside the replay:
/// at each position the rows that begin there must be exactly the records the event
/// changed, with the values the fold gives, and each record's previous row must end
/// there. Memory holds one entry per record, not per version.
struct VersionCheck {
    private let rows: RowCursor
    private var peeked: Row?
    /// The stored `valid_until` and `valid_from` of each record's latest row so far.
    private var latest: [RecordKey: (from: Int64, until: Int64)] = [:]
    /// The scope index's rows the replay gives, as `scope`, `kind` and `id` joined.
    private var listed: Set<String> = []

    init(_ db: Database) throws {
        rows = try Row.fetchCursor(
            db, sql: "SELECT valid_from, kind, id, valid_until, record FROM \(VersionedProjection.table) ORDER BY valid_from, kind, id")
        peeked = try rows.next()
    }

    /// Checks the rows of the event at `position`, which changed `changes`.
    /// - Returns: the first difference, as a sentence, or nil.
    mutating func check(_ changes: [RecordChange], at position: Int64) throws -> String? {
        var stored: [RecordKey: (until: Int64, record: Data?)] = [:]
        while let row = peeked, let from = row[0] as Int64?, from <= position {
            guard from == position, let key = VersionedProjection.key(row, at: 1), let until = row[3] as Int64? else {
                return
                    "a row from position \(row[0] as DatabaseValue) of \(row[1] as DatabaseValue) \(row[2] as DatabaseValue) that the log does not produce"
            }
            stored[key] = (until, row[4] as Data?)
            peeked = try rows.next()
        }
        for change in changes {
            let key = change.key
            for scope in change.scopes { listed.insert(Self.listing(scope.stream.text, key.kind.rawValue, key.id)) }
            if let previous = latest[key], previous.until != position {
                return
                    "the row of \(key) from position \(previous.from) ends at \(Self.text(previous.until)), where the log ends it at \(position)"
            }
            latest[key] = nil
            guard let bytes = change.bytes else { continue }
            guard let row = stored.removeValue(forKey: key) else {
                return "\(key) lacks the row from position \(position) that the log produces"
            }
            guard row.record.map(Array.init) == bytes else {
                return "the row of \(key) from position \(position) holds a value the log does not give"
            }
            latest[key] = (position, row.until)
        }
        if let extra = stored.keys.first {
            return "a row of \(extra) from position \(position) that the log does not produce"
        }
        return nil
    }

    /// Checks what is left once the log ends: no rows after it, the latest row of each
    /// record still held, and the scope index exactly as the replay lists records.
    mutating func finish(_ db: Database) throws -> String? {
        if let row = peeked {
            return
                "a row from position \(row[0] as DatabaseValue) of \(row[1] as DatabaseValue) \(row[2] as DatabaseValue) that the log does not produce"
        }
        if let (key, row) = latest.first(where: { $0.value.until != VersionedProjection.open }) {
            return "the row of \(key) from position \(row.from) ends at \(Self.text(row.until)), where the log holds it still"
        }
        let index = try Row.fetchCursor(db, sql: "SELECT scope, kind, id FROM \(VersionedProjection.scopeTable)")
        while let row = try index.next() {
            let scope = row[0] as String? ?? "", kind = row[1] as String? ?? "", id = row[2] as String? ?? ""
            guard listed.remove(Self.listing(scope, kind, id)) != nil else {
                return "the scope index lists \(kind) '\(id)' under \(scope), where the log never puts it"
            }
        }
        if let missing = listed.min() {
            let parts = missing.split(separator: "\u{1}", omittingEmptySubsequences: false)
            return "the scope index does not list \(parts[1]) '\(parts[2])' under \(parts[0]), where the log puts it"
        }
        return nil
    }

    private static func listing(_ scope: String, _ kind: String, _ id: String) -> String { "\(scope)\u{1}\(kind)\u{1}\(id)" }

    private static func text(_ until: Int64) -> String { until == VersionedProjection.open ? "no position" : "position \(until)" }
}
