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

    /// `hex(SHA-256(ascii(prevHash) ‖ canonical))`, lowercase.
    public static func hash(prevHash: String, canonical: String) -> String {
        SHA256Hex.digest(prevHash, canonical)
    }

    /// The hash that `entry`'s columns call for.
    public static func expectedHash(of entry: LogEntry) -> String {
        expectedHash(of: entry.envelopeColumns, prevHash: entry.prevHash)
    }

    /// The hash that an envelope's columns and its `prev_hash` call for.
    static func expectedHash(of columns: EnvelopeColumns, prevHash: String) -> String {
        hash(prevHash: prevHash, canonical: columns.canonical(hashes: nil))
    }
}
