import LedgerCore

/// The head of the log: the ledger's digest. Published once, it lets anyone prove later
/// that the log up to `position` was not changed, since every hash covers all before it.
///
/// Its text form is `POSITION:HASH` (`737:5730…d511`), one token that fits in a
/// minute book or an email.
public struct Digest: Sendable, Equatable {
    public var position: Int64
    public var hash: String
    public var recordedAt: Instant?

    public init(position: Int64, hash: String, recordedAt: Instant? = nil) {
        (self.position, self.hash, self.recordedAt) = (position, hash, recordedAt)
    }

    /// `POSITION:HASH`.
    public var text: String { "\(position):\(hash)" }

    /// Reads `POSITION:HASH`, or a line that starts with it (as `csp-ledger digest` prints).
    /// - Throws: `LedgerError` `.invalidInput` saying what form is expected.
    public init(text: String) throws(LedgerError) {
        let token = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
        let parts = token.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let position = Int64(parts[0]), position >= 1, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else {
            throw LedgerError(
                .invalidInput,
                "'\(text.prefix(100))' is not a digest; give it as POSITION:HASH, e.g. 737:5730…", hint: .digestForm)
        }
        self.init(position: position, hash: String(parts[1]))
    }
}
