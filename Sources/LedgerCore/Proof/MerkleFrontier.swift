/// The right edge of a Merkle tree being built leaf by leaf: the roots of its complete
/// subtrees, one per set bit of its size, largest first.
///
/// The ledger extends its stored tree with it in each append, and `verify` recomputes
/// the whole tree with it from the chain hashes.
public struct MerkleFrontier: Sendable, Equatable {
    /// One node of the tree: the complete subtree of 2^`level` leaves starting at leaf
    /// `index` × 2^`level`.
    public struct Node: Sendable, Equatable {
        public var level: Int
        public var index: Int64
        public var hash: MerkleHash
    }

    /// How many leaves the tree holds.
    public private(set) var size: Int64 = 0
    /// The complete subtrees of the right edge, largest (leftmost) first.
    private(set) var edge: [Node] = []

    /// An empty tree.
    public init() {}

    /// The tree of `size` leaves whose right edge is read from `source`.
    public init(size: Int64, reading source: some MerkleNodeSource) throws {
        self.size = size
        var start: Int64 = 0
        for level in stride(from: 63, through: 0, by: -1) where size & (Int64(1) << level) != 0 {
            edge.append(Node(level: level, index: start >> level, hash: try source.node(level: level, index: start >> level)))
            start += Int64(1) << level
        }
    }

    /// Adds a leaf (its leaf hash) and returns the nodes it completes: the leaf itself,
    /// then each parent in turn.
    @discardableResult
    public mutating func append(_ leaf: MerkleHash) -> [Node] {
        var node = Node(level: 0, index: size, hash: leaf)
        var completed = [node]
        while let last = edge.last, last.level == node.level {
            edge.removeLast()
            node = Node(level: node.level + 1, index: last.index / 2, hash: .node(last.hash, node.hash))
            completed.append(node)
        }
        edge.append(node)
        size += 1
        return completed
    }

    /// The root of the tree as it stands (RFC 9162's MTH).
    public var root: MerkleHash {
        guard var hash = edge.last?.hash else { return .emptyTree }
        for node in edge.dropLast().reversed() { hash = .node(node.hash, hash) }
        return hash
    }
}
