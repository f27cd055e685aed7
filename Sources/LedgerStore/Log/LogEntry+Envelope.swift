import CanonicalJSON
import LedgerCore

/// The columns an event's envelope is written from, as text and numbers, without the
/// decoded event.
///
/// A ``LogEntry`` gives them once its payload is decoded; `verify --quick` reads them
/// straight from a row, so that recomputing the hash chain never parses a payload. Both
/// then write the envelope with the one writer, ``canonical(hashes:)``.
struct EnvelopeColumns {
    var position: Int64
    var eventID: String
    var stream: String
    var streamVersion: Int
    var type: String
    var schemaVersion: Int
    var recordedAt: Instant
    var effectiveAt: Instant
    var actor: String
    var partner: String
    var credential: String?
    /// The payload exactly as stored.
    var payload: String

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
    /// - Parameter hashes: the row's hashes, for an export line; nil for the bytes the
    ///   hash covers.
    func canonical(hashes: (hash: String, prevHash: String)?) -> String {
        var out = "{\"actor\":"
        JSONValue.writeString(actor, to: &out)
        if let credential {
            out += ",\"credential\":"
            JSONValue.writeString(credential, to: &out)
        }
        out += ",\"effectiveAt\":\"\(effectiveAt.iso8601)\",\"eventId\":"
        JSONValue.writeString(eventID, to: &out)
        if let hashes { out += ",\"hash\":\"\(hashes.hash)\"" }
        out += ",\"partner\":"
        JSONValue.writeString(partner, to: &out)
        out += ",\"payload\":\(payload),\"position\":\(position)"
        if let hashes { out += ",\"prevHash\":\"\(hashes.prevHash)\"" }
        out += ",\"recordedAt\":\"\(recordedAt.iso8601)\",\"schemaVersion\":\(schemaVersion),\"stream\":"
        JSONValue.writeString(stream, to: &out)
        out += ",\"streamVersion\":\(streamVersion),\"type\":"
        JSONValue.writeString(type, to: &out)
        return out + "}"
    }
}

extension LogEntry {
    /// The columns the entry's envelope is written from.
    var envelopeColumns: EnvelopeColumns {
        let r = recorded
        return EnvelopeColumns(
            position: r.position, eventID: r.eventID, stream: streamID.text, streamVersion: r.streamVersion, type: type,
            schemaVersion: schemaVersion, recordedAt: r.recordedAt, effectiveAt: r.effectiveAt, actor: r.actor.rawValue,
            partner: r.partner.rawValue, credential: r.credential?.rawValue, payload: payload)
    }

    /// The envelope as canonical JSON, written by ``EnvelopeColumns/canonical(hashes:)``.
    func canonicalEnvelope(includingHashes: Bool) -> String {
        envelopeColumns.canonical(hashes: includingHashes ? (hash: hash, prevHash: prevHash) : nil)
    }
}
