import LedgerCore
import LedgerStore

/// How a person names an event (on the command line, or in a correction sent to the
/// server): its id, or `@` and its position in
/// the log (`@111`), which the history table shows and which is easier to type.
public enum EventReference {
    /// The event id `text` names: `text` itself, or the id of the event at the position
    /// after `@`.
    /// - Throws: ``LedgerError`` `.invalidInput` for `@` without a position, ``LedgerError``
    ///   `.unknown` when the log has no event there.
    public static func eventID(_ text: String, in ledger: Ledger) throws -> String {
        guard text.hasPrefix("@") else { return text }
        guard let position = Int64(text.dropFirst()), position >= 1 else {
            throw LedgerError(
                .invalidInput, "'\(text.prefix(40))' is not a position; give @ and a position of 1 or more (@111), or the eventId")
        }
        guard let entry = try ledger.entries(from: position, to: position).first else {
            throw LedgerError(.unknown, "the log has no event at position \(position); history lists each event's position")
        }
        return entry.recorded.eventID
    }
}
