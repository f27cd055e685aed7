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
    ///
    /// An event written with a credential has envelope version 2: its envelope holds
    /// `credential`, in its sorted place after `actor`. Every other event's envelope is
    /// version 1, without the key, byte for byte as before the key existed, so existing
    /// ledgers keep their digests; adding or stripping a credential changes the bytes
    /// and so breaks the hash.
    func canonicalEnvelope(includingHashes: Bool) -> String {
        let r = recorded
        var out = "{\"actor\":"
        JSONValue.writeString(r.actor.rawValue, to: &out)
        if let credential = r.credential {
            out += ",\"credential\":"
            JSONValue.writeString(credential.rawValue, to: &out)
        }
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
