import Foundation

/// A C2SP `tlog-checkpoint`: the log's origin, its size and the root of its Merkle tree,
/// one per line; a signed note's text.
public struct Checkpoint: Equatable, Sendable {
    public var origin: String
    public var size: Int64
    public var root: MerkleHash

    public init(origin: String, size: Int64, root: MerkleHash) { (self.origin, self.size, self.root) = (origin, size, root) }

    /// Reads a checkpoint's text (lines after the third are extensions, ignored).
    /// - Throws: `LedgerError` `.invalidInput` for anything else.
    public init(text: String) throws(LedgerError) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, lines.last == "", !lines[0].isEmpty, let size = Int64(lines[1]), size >= 0, String(size) == lines[1],
            let root = MerkleHash(base64: lines[2])
        else {
            throw .invalid("this note is not a checkpoint: its lines are the origin, the size in decimal and the base64 root")
        }
        self.init(origin: String(lines[0]), size: size, root: root)
    }

    public var text: String { "\(origin)\n\(size)\n\(root.base64)\n" }

    /// The origin of a ledger's checkpoints: `csp-ledger/<partnership>/<first 16 hex
    /// digits of its first event's hash>`, the partnership's name in lowercase letters,
    /// digits and hyphens. The hash tells apart two ledgers of one partnership.
    public static func origin(partnership name: String, firstHash: String) -> String {
        let (letters, digits): (ClosedRange<Unicode.Scalar>, ClosedRange<Unicode.Scalar>) = ("a"..."z", "0"..."9")
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if letters.contains(scalar) || digits.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "csp-ledger/\(slug.isEmpty ? "partnership" : slug)/\(firstHash.prefix(16))"
    }
}

/// A signed checkpoint: the note, and the checkpoint its text holds.
public struct SignedCheckpoint: Equatable, Sendable {
    public let note: SignedNote
    public let checkpoint: Checkpoint

    /// Reads a signed note whose text is a checkpoint.
    public init(parsing text: String) throws(LedgerError) {
        note = try SignedNote(parsing: text)
        checkpoint = try Checkpoint(text: note.text)
    }

    public init(note: SignedNote) throws(LedgerError) {
        self.note = note
        checkpoint = try Checkpoint(text: note.text)
    }
}
