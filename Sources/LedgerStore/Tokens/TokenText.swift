import LedgerCore

/// The text of an access token, which a person or tool presents to sign in:
/// `csp_<id>_<secret>`.
///
/// - `id` is the token's id in the log (``TokenIssued``): 16 lowercase hexadecimal
///   digits, 64 random bits, so that a presented token is looked up by id instead of by
///   comparing it with every stored hash;
/// - `secret` is 32 bytes (256 bits) from the system's random number generator, in
///   base64url without padding (43 characters).
///
/// The whole text is 64 ASCII characters. The log stores only `hex(SHA-256(ascii(text)))`,
/// and a presented token's hash is compared with it in constant time.
public struct TokenText: Sendable {
    public let id: TokenID
    /// The whole token, as given to its holder once.
    public let text: String

    static let prefix = "csp_"
    static let secretBytes = 32
    static let secretLength = 43
    static let length = prefix.utf8.count + TokenRules.idLength + 1 + secretLength

    /// A new token from the system's cryptographically secure generator.
    public static func generate() -> TokenText {
        var random = SystemRandomNumberGenerator()
        let idBytes = (0..<TokenRules.idLength / 2).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let secret = (0..<secretBytes).map { _ in UInt8.random(in: .min ... .max, using: &random) }
        let id = idBytes.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return TokenText(id: TokenID(trusted: id), text: prefix + id + "_" + base64url(secret))
    }

    /// Reads a presented token; nil for text that does not have a token's shape.
    public init?(parsing text: String) {
        let bytes = Array(text.utf8)
        let idStart = TokenText.prefix.utf8.count, idEnd = idStart + TokenRules.idLength
        guard bytes.count == TokenText.length, text.hasPrefix(TokenText.prefix), bytes[idEnd] == UInt8(ascii: "_"),
            bytes[(idEnd + 1)...].allSatisfy(TokenText.isBase64URL)
        else { return nil }
        let id = String(decoding: bytes[idStart..<idEnd], as: UTF8.self)
        guard TokenRules.isTokenID(id) else { return nil }
        self.init(id: TokenID(trusted: id), text: text)
    }

    private init(id: TokenID, text: String) { (self.id, self.text) = (id, text) }

    /// `hex(SHA-256(ascii(text)))`: what ``TokenIssued`` stores.
    public var sha256: String { SHA256Hex.digest(text) }

    /// Whether this token's hash is `stored`, compared in constant time: every byte is
    /// compared whatever the first difference, so the time taken tells nothing of it.
    func matches(_ stored: String) -> Bool {
        let presented = Array(sha256.utf8), kept = Array(stored.utf8)
        guard presented.count == kept.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(presented, kept) { difference |= a ^ b }
        return difference == 0
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static func isBase64URL(_ byte: UInt8) -> Bool { alphabet.contains(byte) }

    /// Base64url (RFC 4648 §5) without padding.
    static func base64url(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (16 - 8 * UInt32($1.offset)) }
            for k in 0...chunk.count { out.append(alphabet[Int((value >> (18 - 6 * UInt32(k))) & 0x3F)]) }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
