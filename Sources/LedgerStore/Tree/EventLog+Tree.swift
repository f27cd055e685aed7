import LedgerCore

extension EventLog {
    /// The root of the Merkle tree over the first `size` events.
    /// - Throws: `LedgerError` `.invalidInput` for a size beyond the log.
    public func treeRoot(size: Int64) throws -> MerkleHash {
        try readingTree { tree in
            try Self.require(size: size, in: tree)
            return try MerkleTree.root(size: size, in: tree)
        }
    }

    /// The inclusion proof of the event at `position` in the tree of the first `size`
    /// events.
    /// - Throws: `LedgerError` `.invalidInput` for a position or size beyond the log.
    public func inclusionProof(position: Int64, size: Int64) throws -> [MerkleHash] {
        try readingTree { tree in
            try Self.require(size: size, in: tree)
            guard position >= 1, position <= size else {
                throw LedgerError(
                    .invalidInput, "position \(position) is not in a tree of \(size) events; give a position from 1 to \(size)")
            }
            return try MerkleTree.inclusionProof(index: position - 1, size: size, in: tree)
        }
    }

    /// The consistency proof that the tree of the first `old` events is a prefix of the
    /// tree of the first `new`.
    /// - Throws: `LedgerError` `.invalidInput` unless 1 ≤ `old` ≤ `new` ≤ the log's length.
    public func consistencyProof(old: Int64, new: Int64) throws -> [MerkleHash] {
        try readingTree { tree in
            try Self.require(size: new, in: tree)
            guard old >= 1, old <= new else {
                throw LedgerError(.invalidInput, "a consistency proof runs from a smaller tree to a larger one; \(old) and \(new) do not")
            }
            return try MerkleTree.consistencyProof(old: old, new: new, in: tree)
        }
    }

    private static func require(size: Int64, in tree: any MerkleNodeSource) throws {
        guard size >= 1, size <= tree.size else {
            throw LedgerError(.invalidInput, "the log holds \(tree.size) events; a tree of \(size) is not in it")
        }
    }
}
