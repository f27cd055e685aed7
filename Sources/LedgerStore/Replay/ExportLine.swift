import CanonicalJSON
import Foundation
import LedgerCore

/// One line of `csp-ledger export` (Schemas/export-line.schema.json): an envelope with
/// its hashes as canonical JSON, the payload exactly as stored.
public enum ExportLine {
    /// The line for `entry`, without the line feed.
    public static func text(_ entry: LogEntry) -> String { entry.canonicalEnvelope(includingHashes: true) }

    static let keys: Set<String> = [
        "actor", "effectiveAt", "eventId", "hash", "partner", "payload", "position", "prevHash", "recordedAt", "schemaVersion",
        "stream", "streamVersion", "type",
    ]
    /// Keys of envelope version 2 only: an event written with a credential.
    static let optionalKeys: Set<String> = ["credential"]

    /// Reads one line back into an entry. Only the line's form is checked here; its
    /// hash and place in the chain are checked by the importer.
    /// - Throws: `LedgerError` `.invalidInput` naming the line and what is wrong.
    public static func parse(_ line: Data, number: Int) throws(LedgerError) -> LogEntry {
        func refuse(_ reason: String) -> LedgerError { LedgerError(.invalidInput, "line \(number): \(reason)") }
        let value: JSONValue
        do { value = try JSONValue.parse(line) } catch { throw refuse("\(error) (a truncated or altered line?)") }
        guard case .object(let fields) = value else { throw refuse("not a JSON object") }
        if let extra = Set(fields.keys).subtracting(keys).subtracting(optionalKeys).sorted().first {
            throw refuse("unknown key '\(extra)'")
        }
        if let missing = keys.subtracting(fields.keys).sorted().first { throw refuse("the key '\(missing)' is missing") }
        func string(_ key: String) throws(LedgerError) -> String {
            guard case .string(let s) = fields[key] else { throw refuse("'\(key)' must be a string") }
            return s
        }
        func integer(_ key: String) throws(LedgerError) -> Int64 {
            guard case .int(let i) = fields[key] else { throw refuse("'\(key)' must be a whole number") }
            return i
        }
        func instant(_ key: String) throws(LedgerError) -> Instant {
            do { return try Instant(iso8601: try string(key)) } catch { throw refuse("'\(key)': \(error.message)") }
        }
        guard case .object = fields["payload"] else { throw refuse("'payload' must be an object") }
        let payload = fields["payload"]!.canonical
        let type = try string("type"), schemaVersion = Int(try integer("schemaVersion"))
        let event: Event
        do { event = try Event(type: type, schemaVersion: schemaVersion, payload: payload.utf8) } catch {
            throw refuse("\(error)")
        }
        let credential: TokenID?
        switch fields["credential"] {
        case nil: credential = nil
        case .string(let id)? where TokenRules.isTokenID(id): credential = TokenID(trusted: id)
        default: throw refuse("'credential' must be a token id (16 lowercase hexadecimal digits), or left out")
        }
        let recorded = RecordedEvent(
            position: try integer("position"), eventID: try string("eventId"), streamVersion: Int(try integer("streamVersion")),
            recordedAt: try instant("recordedAt"), effectiveAt: try instant("effectiveAt"), actor: ActorID(trusted: try string("actor")),
            partner: PartnerID(trusted: try string("partner")), event: event, credential: credential)
        let streamText = try string("stream")
        let streamID: StreamID
        do { streamID = try StreamID(text: streamText) } catch { throw refuse("'stream': \(error.message)") }
        return LogEntry(
            recorded: recorded, streamID: streamID, type: type, schemaVersion: schemaVersion, payload: payload,
            prevHash: try string("prevHash"), hash: try string("hash"))
    }
}
