/// A whole Merkle tree held in memory, level by level: the in-memory log's tree, and
/// the tests' reference trees.
public struct MerkleLevels: MerkleNodeSource, Sendable, Equatable {
    /// `levels[l][i]` is the complete subtree of 2^l leaves starting at leaf i × 2^l.
    private var levels: [[MerkleHash]] = []
    private var frontier = MerkleFrontier()

    public init() {}

    /// The tree over `leaves`, each given as its leaf data.
    public init<Leaves: Sequence>(leafData leaves: Leaves) where Leaves.Element: Sequence<UInt8> {
        for data in leaves { append(.leaf(data)) }
    }

    public var size: Int64 { frontier.size }

    public func node(level: Int, index: Int64) throws -> MerkleHash {
        guard level < levels.count, index < levels[level].count else {
            throw LedgerError(.unknown, "the Merkle tree has no node at level \(level), index \(index)")
        }
        return levels[level][Int(index)]
    }

    /// Adds a leaf (its leaf hash).
    public mutating func append(_ leaf: MerkleHash) {
        for node in frontier.append(leaf) {
            if node.level == levels.count { levels.append([]) }
            levels[node.level].append(node.hash)
        }
    }

    /// Cuts the tree back to its first `size` leaves.
    public mutating func cut(to size: Int64) {
        for level in levels.indices { levels[level].removeSubrange(Int(size >> level)...) }
        while levels.last?.isEmpty == true { levels.removeLast() }
        // Every node of the right edge is kept, so this cannot fail.
        frontier = try! MerkleFrontier(size: size, reading: self)
    }
}
