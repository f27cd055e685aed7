import CanonicalJSON
import LedgerCore

extension LogEntry {
    /// The envelope as canonical JSON (Schemas/README.md): the one writer of it, for
    /// the hash chain and for export lines.
    ///
    /// The hash covers the envelope without its hashes; an export line is the envelope
    /// with `hash` and `prevHash` in their sorted places. One writer keeps the two alike
    /// byte for byte, which an import relies on when it recomputes each line's hash. It
    /// writes piece by piece rather than through a ``JSONValue``, because `verify` hashes
    /// every envelope of the log, and embeds the payload exactly as stored (times as
    /// ISO-8601 UTC with milliseconds).
    func canonicalEnvelope(includingHashes: Bool) -> String {
        let r = recorded
        var out = "{\"actor\":"
        JSONValue.writeString(r.actor.rawValue, to: &out)
        out += ",\"effectiveAt\":\"\(r.effectiveAt.iso8601)\",\"eventId\":"
        JSONValue.writeString(r.eventID, to: &out)
        if includingHashes { out += ",\"hash\":\"\(hash)\"" }
        out += ",\"partner\":"
        JSONValue.writeString(r.partner.rawValue, to: &out)
        out += ",\"payload\":\(payload),\"position\":\(r.position)"
        if includingHashes { out += ",\"prevHash\":\"\(prevHash)\"" }
        out += ",\"recordedAt\":\"\(r.recordedAt.iso8601)\",\"schemaVersion\":\(schemaVersion),\"stream\":"
        JSONValue.writeString(streamID.text, to: &out)
        out += ",\"streamVersion\":\(r.streamVersion),\"type\":"
        JSONValue.writeString(type, to: &out)
        return out + "}"
    }
}
