import LedgerStore

/// The one line a write prints: what was appended, where, at what version.
enum WriteSummary {
    static func line(for entries: [LogEntry]) -> String {
        guard let last = entries.last else { return "nothing to append: the ledger already holds everything in it" }
        if entries.count == 1 {
            return "recorded \(last.type) on \(last.streamID) at position \(last.position) (version \(last.recorded.streamVersion))"
        }
        return "recorded \(entries.count) events at positions \(entries[0].position)-\(last.position)"
    }
}
