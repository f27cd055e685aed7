import Crypto
import Foundation

/// What an Ed25519 note key signs, as the first byte of its encoded key says.
public enum NoteKeyType: UInt8, Sendable {
    /// A signed note's own signature (C2SP `signed-note`): the ledger's checkpoints.
    case ed25519 = 0x01
    /// A timestamped `cosignature/v1` (C2SP `tlog-cosignature`): a witness's.
    case cosignature = 0x04
}

/// A C2SP `signed-note` verifier key, as Go's `golang.org/x/mod/sumdb/note` reads it:
/// `NAME+KEYID+BASE64(TYPE ‖ Ed25519 public key)`, the key id being the first four
/// bytes of SHA-256(NAME ‖ "\n" ‖ TYPE ‖ public key), in hex. TYPE is 0x01 for a key that
/// signs notes (the ledger's) and 0x04 for a witness's cosignatures.
public struct NoteVerifierKey: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let keyID: UInt32
    public let publicKey: [UInt8]
    public let type: NoteKeyType

    /// The key of `name` for an Ed25519 public key of 32 bytes.
    public init(name: String, publicKey: [UInt8], type: NoteKeyType = .ed25519) throws(LedgerError) {
        try NoteVerifierKey.check(name: name)
        guard publicKey.count == 32 else { throw .invalid("an Ed25519 public key has 32 bytes, not \(publicKey.count)") }
        (self.name, self.publicKey, self.type) = (name, publicKey, type)
        keyID = NoteVerifierKey.keyID(name: name, encoded: [type.rawValue] + publicKey)
    }

    /// Reads the text form; the key id must be the one its name and key give.
    /// - Throws: `LedgerError` `.invalidInput` saying what is wrong.
    public init(text: String) throws(LedgerError) {
        // The base64 may hold '+' too: the name and the id end at the first two.
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 8, let id = UInt32(parts[1], radix: 16), parts[1].allSatisfy(\.isHexDigit),
            let encoded = Data(base64Encoded: String(parts[2])), encoded.count == 33, let type = encoded.first.flatMap(NoteKeyType.init)
        else {
            throw .invalid(
                "'\(text.prefix(120))' is not a signed-note verifier key; it has the form NAME+KEYID+BASE64, as `key generate` writes it to FILE.pub"
            )
        }
        try self.init(name: String(parts[0]), publicKey: Array(encoded.dropFirst()), type: type)
        guard id == keyID else { throw .invalid("the verifier key's id \(parts[1]) is not the one its name and key give") }
    }

    /// `NAME+KEYID+BASE64`.
    public var text: String { "\(name)+\(NoteVerifierKey.hex(keyID))+\(Data([type.rawValue] + publicKey).base64EncodedString())" }
    public var description: String { text }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: [UInt8], of message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// A key name as Go's note package accepts it: not empty, no white space, no '+'.
    static func check(name: String) throws(LedgerError) {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace }),
            name.unicodeScalars.allSatisfy({ $0.value >= 0x21 && $0 != "\u{7F}" })
        else {
            throw .invalid("'\(name.prefix(80))' is not a key name: it must be non-empty, without spaces, control characters or '+'")
        }
    }

    /// The first four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ encoded key).
    static func keyID(name: String, encoded: [UInt8]) -> UInt32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8) + [0x0A] + encoded))
        return digest[0..<4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func hex(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

/// A C2SP `signed-note` signing key (Ed25519), in Go's text form
/// `PRIVATE+KEY+NAME+KEYID+BASE64(TYPE ‖ seed)`, so that Go's note package can sign with
/// the same file (TYPE 0x01; a witness's key, 0x04, cosigns). It is kept outside the ledger.
public struct NoteSigningKey: Sendable {
    public let verifierKey: NoteVerifierKey
    /// The Ed25519 seed (32 bytes), from which the key is made again to sign.
    private let seed: [UInt8]

    private init(name: String, key: Curve25519.Signing.PrivateKey, type: NoteKeyType) throws(LedgerError) {
        seed = Array(key.rawRepresentation)
        verifierKey = try NoteVerifierKey(name: name, publicKey: Array(key.publicKey.rawRepresentation), type: type)
    }

    /// A new random key named `name`.
    public static func generate(name: String, type: NoteKeyType = .ed25519) throws(LedgerError) -> NoteSigningKey {
        try NoteSigningKey(name: name, key: Curve25519.Signing.PrivateKey(), type: type)
    }

    /// The key made from a fixed 32-byte seed: for keys that must be the same on every
    /// run (the demo's, which are published and sign nothing real), never for a real one.
    public init(name: String, seed: [UInt8], type: NoteKeyType) throws(LedgerError) {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw .invalid("an Ed25519 seed has 32 bytes, not \(seed.count)")
        }
        try self.init(name: name, key: key, type: type)
    }

    /// Reads the text form.
    /// - Throws: `LedgerError` `.invalidInput` for anything else.
    public init(text: String) throws(LedgerError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
            separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let id = UInt32(parts[3], radix: 16),
            let encoded = Data(base64Encoded: String(parts[4])), encoded.count == 33, let type = encoded.first.flatMap(NoteKeyType.init),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: encoded.dropFirst())
        else {
            throw .invalid("this is not a signing key as `key generate` writes it (PRIVATE+KEY+NAME+KEYID+BASE64)")
        }
        try self.init(name: String(parts[2]), key: key, type: type)
        guard id == verifierKey.keyID else { throw .invalid("the signing key's id \(parts[3]) is not the one its name and key give") }
    }

    /// `PRIVATE+KEY+NAME+KEYID+BASE64`.
    public var text: String {
        "PRIVATE+KEY+\(verifierKey.name)+\(NoteVerifierKey.hex(verifierKey.keyID))+\(Data([verifierKey.type.rawValue] + seed).base64EncodedString())"
    }

    /// `text` (which ends with a newline) signed: the note, a blank line and the
    /// signature line.
    public func sign(_ text: String) throws(LedgerError) -> SignedNote {
        guard verifierKey.type == .ed25519 else { throw .invalid("a witness's key cosigns checkpoints; it signs no note") }
        return try SignedNote(
            text: text, signatures: [.init(name: verifierKey.name, keyID: verifierKey.keyID, signature: signature(of: Array(text.utf8)))])
    }

    /// The Ed25519 signature of `message`.
    func signature(of message: [UInt8]) throws(LedgerError) -> [UInt8] {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed), let signature = try? Array(key.signature(for: message))
        else { throw .invalid("the message could not be signed") }
        return signature
    }
}
