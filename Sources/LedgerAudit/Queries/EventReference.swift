import LedgerCore
import LedgerStore

/// How a person names an event (on the command line, or in a correction sent to the
/// server): its id, its short id (the first 8 characters, as the history table shows
/// it, or any start of 4 or more that only one id has), or `@` and its position in the
/// log (`@111`), which the history table shows and which is easier to type.
public enum EventReference {
    /// The event id `text` names: `text` itself, the one id it starts, or the id of the
    /// event at the position after `@`.
    /// - Throws: ``LedgerError`` `.invalidInput` for `@` without a position, or for a
    ///   start that several ids share; ``LedgerError`` `.unknown` when the log has no
    ///   event there.
    public static func eventID(_ text: String, in ledger: Ledger) throws -> String {
        guard text.hasPrefix("@") else { return try completing(text, in: ledger) }
        guard let position = Int64(text.dropFirst()), position >= 1 else {
            throw LedgerError(
                .invalidInput, "'\(text.prefix(40))' is not a position; give @ and a position of 1 or more (@111), or the eventId")
        }
        guard let entry = try ledger.entries(from: position, to: position).first else {
            throw LedgerError(.unknown, "the log has no event at position \(position); history lists each event's position")
        }
        return entry.recorded.eventID
    }

    /// The one event id that starts with `text`, or `text` itself when it is a whole id
    /// or starts none (the ledger then says that no event has it).
    private static func completing(_ text: String, in ledger: Ledger) throws -> String {
        guard text.count >= 4, text.count < 64 else { return text }
        let ids = try ledger.eventIDs(startingWith: text, limit: 3)
        guard ids.count > 1, !ids.contains(text) else { return ids.first ?? text }
        throw LedgerError(
            .invalidInput,
            "'\(text)' starts more than one event id (\(ids.prefix(2).joined(separator: ", "))\(ids.count > 2 ? ", …" : "")); give more of the id, or @ and the position that history shows"
        )
    }
}
