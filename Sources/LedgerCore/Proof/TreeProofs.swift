import Foundation

/// A C2SP `tlog-proof`: that the entry at `index` (position − 1) is in the tree a
/// signed checkpoint commits to.
///
///     c2sp.org/tlog-proof@v1
///     index 73894
///     BASE64 hash, one a line
///
///     <the signed checkpoint>
public struct InclusionProof: Equatable, Sendable {
    public static let header = "c2sp.org/tlog-proof@v1"
    public var index: Int64
    public var hashes: [MerkleHash]
    public var checkpoint: SignedCheckpoint

    public init(index: Int64, hashes: [MerkleHash], checkpoint: SignedCheckpoint) {
        (self.index, self.hashes, self.checkpoint) = (index, hashes, checkpoint)
    }

    public var text: String { ProofText.write([Self.header, "index \(index)"], hashes, checkpoint) }

    /// Reads a proof (an `extra` line is allowed and ignored).
    /// - Throws: `LedgerError` `.invalidInput` for anything else.
    public init(text: String) throws(LedgerError) {
        let (header, hashes, checkpoint) = try ProofText.read(text, what: "tlog-proof")
        var lines = header
        guard lines.popFirst() == Substring(Self.header) else {
            throw .invalid("this is not a tlog-proof: it does not start with \(Self.header)")
        }
        if lines.first?.hasPrefix("extra ") == true { lines.removeFirst() }
        guard let indexLine = lines.popFirst(), indexLine.hasPrefix("index "), let index = Int64(indexLine.dropFirst(6)), index >= 0,
            lines.isEmpty
        else {
            throw .invalid("the tlog-proof has no index line")
        }
        self.init(index: index, hashes: hashes, checkpoint: checkpoint)
    }
}

/// A consistency proof between two checkpoints, in the form a C2SP `tlog-witness` is
/// asked to cosign a checkpoint: `old SIZE`, the proof's hashes one a line, a blank
/// line and the new signed checkpoint.
public struct ConsistencyProof: Equatable, Sendable {
    public var oldSize: Int64
    public var hashes: [MerkleHash]
    public var checkpoint: SignedCheckpoint

    public init(oldSize: Int64, hashes: [MerkleHash], checkpoint: SignedCheckpoint) {
        (self.oldSize, self.hashes, self.checkpoint) = (oldSize, hashes, checkpoint)
    }

    public var text: String { ProofText.write(["old \(oldSize)"], hashes, checkpoint) }

    /// - Throws: `LedgerError` `.invalidInput` for anything but the form above.
    public init(text: String) throws(LedgerError) {
        let (lines, hashes, checkpoint) = try ProofText.read(text, what: "consistency proof")
        guard lines.count == 1, let first = lines.first, first.hasPrefix("old "), let old = Int64(first.dropFirst(4)), old >= 0 else {
            throw .invalid("a consistency proof starts with the line 'old SIZE'")
        }
        self.init(oldSize: old, hashes: hashes, checkpoint: checkpoint)
    }

    /// Whether the proof links `old` to its checkpoint.
    public func links(from old: Checkpoint) -> Bool {
        old.size == oldSize && old.origin == checkpoint.checkpoint.origin
            && MerkleTree.verifyConsistency(
                old: old.size, new: checkpoint.checkpoint.size, proof: hashes, oldRoot: old.root, newRoot: checkpoint.checkpoint.root)
    }
}

/// The form both proofs share: header lines, the proof's hashes in base64 one a line, a
/// blank line and the signed checkpoint.
enum ProofText {
    static func write(_ header: [String], _ hashes: [MerkleHash], _ checkpoint: SignedCheckpoint) -> String {
        (header + hashes.map(\.base64)).map { $0 + "\n" }.joined() + "\n" + checkpoint.note.serialized
    }

    /// The header lines (those before the first hash), the hashes and the checkpoint.
    static func read(_ text: String, what: String) throws(LedgerError) -> (
        header: ArraySlice<Substring>, hashes: [MerkleHash], checkpoint: SignedCheckpoint
    ) {
        guard let blank = text.range(of: "\n\n") else { throw .invalid("this is not a \(what): no blank line before the checkpoint") }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)[...]
        var hashes: [MerkleHash] = []
        while let line = lines.last, let hash = MerkleHash(base64: line) {
            hashes.insert(hash, at: 0)
            lines.removeLast()
        }
        return (lines, hashes, try SignedCheckpoint(parsing: String(text[blank.upperBound...])))
    }
}
