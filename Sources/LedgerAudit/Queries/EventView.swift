import CanonicalJSON
import LedgerCore
import LedgerStore

/// Events as `history` and `log` print them: who changed what, when, for whom.
public enum EventView {
    /// The JSON array of DESIGN.md: `position`, `eventId`, `type`, `stream`,
    /// `streamVersion`, `recordedAt`, `effectiveAt`, `actor`, `partner`, `payload`, and
    /// `credential`: the id of the token that authorised the write, or null for a write
    /// whose actor was declared (the command line).
    public static func json(_ entries: [LogEntry]) -> JSONValue {
        .array(entries.map(json))
    }

    public static func json(_ entry: LogEntry) -> JSONValue {
        let r = entry.recorded
        return .object([
            "position": .int(r.position), "eventId": .string(r.eventID), "type": .string(entry.type),
            "stream": .string(entry.streamID.text), "streamVersion": .int(Int64(r.streamVersion)),
            "recordedAt": .string(r.recordedAt.iso8601), "effectiveAt": .string(r.effectiveAt.iso8601),
            "actor": .string(r.actor.rawValue), "partner": .string(r.partner.rawValue),
            "payload": payload(entry), "credential": .optional(r.credential?.rawValue),
        ])
    }

    /// The payload as this release reads it: upcast to the current schema version of its
    /// type, so every event of a type has one shape. `export` gives the stored bytes.
    static func payload(_ entry: LogEntry) -> JSONValue {
        let current = entry.schemaVersion == entry.recorded.event.schemaVersion ? entry.payload : entry.recorded.event.canonicalPayload()
        return (try? JSONValue.parse(current)) ?? .string(current)
    }

    /// One row per event; the payload as compact canonical JSON.
    public static func table(_ entries: [LogEntry], title: String) -> TextTable {
        TextTable(
            title: title,
            columns: ["position", "recordedAt", "effectiveAt", "actor", "partner", "type", "stream", "payload"],
            cells: entries.map { e in
                let r = e.recorded
                return [
                    .integer(r.position), .instant(r.recordedAt, r.recordedAt.iso8601), .instant(r.effectiveAt, r.effectiveAt.iso8601),
                    .text(r.actor.rawValue), .text(r.partner.rawValue), .text(e.type), .text(e.streamID.text), .text(payload(e).canonical),
                ]
            })
    }
}
