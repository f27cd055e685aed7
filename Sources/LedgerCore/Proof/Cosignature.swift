import Foundation

/// A witness's C2SP `tlog-cosignature/v1` of a checkpoint: the signature line
/// `— NAME BASE64(KEYID ‖ TIMESTAMP ‖ SIGNATURE)`, where TIMESTAMP is the POSIX time of
/// the cosigning (8 bytes, big-endian) and SIGNATURE the witness key's Ed25519 signature of
///
///     cosignature/v1
///     time TIMESTAMP
///     <the checkpoint's text>
///
/// It states that, at that time, this checkpoint was the largest the witness had seen of
/// the log, consistent with every one it had cosigned before.
public struct Cosignature: Equatable, Sendable {
    public let name: String
    public let keyID: UInt32
    /// Seconds since 1970, UTC.
    public let timestamp: Int64
    public let signature: [UInt8]

    public init(name: String, keyID: UInt32, timestamp: Int64, signature: [UInt8]) {
        (self.name, self.keyID, self.timestamp, self.signature) = (name, keyID, timestamp, signature)
    }

    /// Reads a signature line (a trailing newline is allowed).
    /// - Throws: `LedgerError` `.invalidInput` for anything but a cosignature line.
    public init(line: String) throws(LedgerError) {
        let text = line.hasSuffix("\n") ? String(line.dropLast()) : line
        let fields = text.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == "\u{2014}", !fields[1].isEmpty, let bytes = Data(base64Encoded: String(fields[2])) else {
            throw .invalid("'\(text.prefix(80))' is not a signature line (— NAME BASE64)")
        }
        try self.init(
            signature: SignedNote.Signature(name: String(fields[1]), keyID: Self.id(bytes.prefix(4)), signature: Array(bytes.dropFirst(4))))
    }

    /// Reads one signature of a signed note as a cosignature.
    /// - Throws: `LedgerError` `.invalidInput` when it is not 8 bytes of time and 64 of signature.
    public init(signature s: SignedNote.Signature) throws(LedgerError) {
        let time = s.signature.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard s.signature.count == 72 else {
            throw .invalid("the signature by \(s.name.prefix(80)) is not a cosignature/v1 (a timestamp and an Ed25519 signature)")
        }
        // Times are years 1970 to 9999, as the ledger's instants are.
        guard time <= 253_402_300_799 else { throw .invalid("the cosignature by \(s.name.prefix(80)) has a time after the year 9999") }
        self.init(name: s.name, keyID: s.keyID, timestamp: Int64(time), signature: Array(s.signature.dropFirst(8)))
    }

    /// `key`'s cosignature, at `timestamp`, of the checkpoint whose note text is `text`.
    public static func sign(_ text: String, at timestamp: Int64, with key: NoteSigningKey) throws(LedgerError) -> Cosignature {
        guard key.verifierKey.type == .cosignature else {
            throw .invalid("the key \(key.verifierKey.name) signs notes, not cosignatures; make a witness key with witness key generate")
        }
        guard (0...253_402_300_799).contains(timestamp) else { throw .invalid("a cosignature's time is from 1970 to 9999") }
        let signature = try key.signature(of: message(text, timestamp: timestamp))
        return Cosignature(name: key.verifierKey.name, keyID: key.verifierKey.keyID, timestamp: timestamp, signature: signature)
    }

    /// The line, ending with a newline, as it follows a checkpoint's other signatures.
    public var line: String {
        let id = withUnsafeBytes(of: keyID.bigEndian) { Array($0) }
        let time = withUnsafeBytes(of: UInt64(timestamp).bigEndian) { Array($0) }
        return "\u{2014} \(name) \(Data(id + time + signature).base64EncodedString())\n"
    }

    /// Whether this is `key`'s valid cosignature of a checkpoint whose text is `text`.
    public func isValid(for text: String, by key: NoteVerifierKey) -> Bool {
        key.type == .cosignature && key.name == name && key.keyID == keyID
            && key.isValidSignature(signature, of: Self.message(text, timestamp: timestamp))
    }

    /// The time of the cosigning.
    public var instant: Instant { Instant(millisecondsSince1970: timestamp * 1000) }

    static func message(_ text: String, timestamp: Int64) -> [UInt8] {
        Array("cosignature/v1\ntime \(timestamp)\n\(text)".utf8)
    }

    private static func id(_ bytes: Data) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }
}
