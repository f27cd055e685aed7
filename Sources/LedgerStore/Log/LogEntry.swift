import Foundation
import LedgerCore

/// One row of the event log: the decoded event with its envelope and hashes.
public struct LogEntry: Equatable, Sendable {
    public var recorded: RecordedEvent
    public var streamID: StreamID
    public var type: String
    public var schemaVersion: Int
    /// The payload exactly as stored: canonical JSON.
    public var payload: String
    public var prevHash: String
    public var hash: String

    public var position: Int64 { recorded.position }

    public init(
        recorded: RecordedEvent, streamID: StreamID, type: String, schemaVersion: Int, payload: String, prevHash: String, hash: String
    ) {
        (self.recorded, self.streamID, self.type, self.schemaVersion) = (recorded, streamID, type, schemaVersion)
        (self.payload, self.prevHash, self.hash) = (payload, prevHash, hash)
    }
}

/// The hash chain of DESIGN.md and Schemas/README.md.
public enum HashChain {
    /// `prev_hash` of position 1.
    public static let genesis = String(repeating: "0", count: 64)

    /// The canonical bytes of an envelope without its hashes: a JSON object with sorted
    /// keys and no spaces, times as ISO-8601 UTC with milliseconds, the payload
    /// embedded exactly as stored.
    public static func canonicalEnvelope(
        position: Int64, eventID: String, streamID: String, streamVersion: Int, type: String, schemaVersion: Int,
        recordedAt: Instant, effectiveAt: Instant, actor: String, partner: String, payload: String
    ) -> String {
        var out = "{\"actor\":"
        JSONValue.writeString(actor, to: &out)
        out += ",\"effectiveAt\":\"\(effectiveAt.iso8601)\",\"eventId\":"
        JSONValue.writeString(eventID, to: &out)
        out += ",\"partner\":"
        JSONValue.writeString(partner, to: &out)
        out += ",\"payload\":\(payload),\"position\":\(position),\"recordedAt\":\"\(recordedAt.iso8601)\""
        out += ",\"schemaVersion\":\(schemaVersion),\"stream\":"
        JSONValue.writeString(streamID, to: &out)
        out += ",\"streamVersion\":\(streamVersion),\"type\":"
        JSONValue.writeString(type, to: &out)
        out += "}"
        return out
    }

    /// `hex(SHA-256(ascii(prevHash) ‖ canonical))`, lowercase.
    public static func hash(prevHash: String, canonical: String) -> String {
        SHA256Hex.digest(prevHash, canonical)
    }

    /// The hash that `entry`'s columns call for.
    public static func expectedHash(of entry: LogEntry) -> String {
        let r = entry.recorded
        return hash(
            prevHash: entry.prevHash,
            canonical: canonicalEnvelope(
                position: r.position, eventID: r.eventID, streamID: entry.streamID.text, streamVersion: r.streamVersion,
                type: entry.type, schemaVersion: entry.schemaVersion, recordedAt: r.recordedAt, effectiveAt: r.effectiveAt,
                actor: r.actor.rawValue, partner: r.partner.rawValue, payload: entry.payload))
    }
}
