import Foundation

/// A C2SP `signed-note`: a text ending in a newline, a blank line, then one line per
/// signature, `— NAME BASE64(KEYID ‖ SIGNATURE)`.
public struct SignedNote: Equatable, Sendable {
    public struct Signature: Equatable, Sendable {
        public var name: String
        public var keyID: UInt32
        public var signature: [UInt8]
    }

    /// The signed text, ending with a newline.
    public let text: String
    public let signatures: [Signature]

    public init(text: String, signatures: [Signature]) throws(LedgerError) {
        guard text.hasSuffix("\n"), !text.contains("\n\n"), !text.hasPrefix("\n") else {
            throw .invalid("a note's text ends with a newline and has no blank line")
        }
        (self.text, self.signatures) = (text, signatures)
    }

    /// Reads a signed note (a file may end with extra newlines, which are dropped).
    /// - Throws: `LedgerError` `.invalidInput` for anything else.
    public init(parsing note: String) throws(LedgerError) {
        var body = note
        while body.hasSuffix("\n\n") { body.removeLast() }
        guard let split = body.range(of: "\n\n", options: .backwards), body.hasSuffix("\n") else {
            throw .invalid("this is not a signed note: its text, a blank line and signature lines")
        }
        let text = String(body[..<split.lowerBound]) + "\n"
        var signatures: [Signature] = []
        for line in body[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "\u{2014}", let bytes = Data(base64Encoded: String(fields[2])), bytes.count > 4 else {
                throw .invalid("'\(line.prefix(80))' is not a signature line (— NAME BASE64)")
            }
            signatures.append(
                Signature(
                    name: String(fields[1]), keyID: bytes.prefix(4).reduce(0) { $0 << 8 | UInt32($1) },
                    signature: Array(bytes.dropFirst(4))))
        }
        guard !signatures.isEmpty else { throw .invalid("the note has no signature") }
        try self.init(text: text, signatures: signatures)
    }

    /// The note as written: text, blank line, signature lines.
    public var serialized: String {
        text + "\n"
            + signatures.map { s in
                let id = withUnsafeBytes(of: s.keyID.bigEndian) { Array($0) }
                return "\u{2014} \(s.name) \(Data(id + s.signature).base64EncodedString())\n"
            }.joined()
    }

    /// Whether one of the signatures is `key`'s, valid over the text.
    public func isSigned(by key: NoteVerifierKey) -> Bool {
        key.type == .ed25519
            && signatures.contains {
                $0.name == key.name && $0.keyID == key.keyID && key.isValidSignature($0.signature, of: Array(text.utf8))
            }
    }
}
