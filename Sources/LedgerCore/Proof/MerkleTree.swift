import Foundation

/// Where the tree's algorithms read the hashes of complete subtrees: the subtree of
/// 2^`level` leaves starting at leaf `index` × 2^`level` (level 0 is the leaves).
public protocol MerkleNodeSource {
    /// How many leaves the tree holds.
    var size: Int64 { get }
    /// The hash of a complete subtree within the first ``size`` leaves.
    func node(level: Int, index: Int64) throws -> MerkleHash
}

/// The Merkle tree of RFC 9162 §2.1 over any ``MerkleNodeSource``: the root at any size,
/// inclusion and consistency proofs, and their verification.
///
/// Every range the RFC's recursion visits splits into complete subtrees aligned to
/// their size, so a root or proof reads O(log n) stored nodes and hashes no leaf again.
public enum MerkleTree {
    /// The root of the first `size` leaves (the empty tree's root for 0).
    /// - Precondition: `size` is at most the source's size.
    public static func root(size: Int64, in source: some MerkleNodeSource) throws -> MerkleHash {
        precondition(size >= 0 && size <= source.size, "a root within the tree")
        return size == 0 ? .emptyTree : try hash(from: 0, count: size, source)
    }

    /// The inclusion proof (audit path, RFC 9162 §2.1.3.1) of leaf `index` in the tree
    /// of the first `size` leaves.
    /// - Precondition: 0 ≤ `index` < `size` ≤ the source's size.
    public static func inclusionProof(index: Int64, size: Int64, in source: some MerkleNodeSource) throws -> [MerkleHash] {
        precondition(index >= 0 && index < size && size <= source.size, "a leaf within the tree")
        return try path(index, from: 0, count: size, source)
    }

    /// The consistency proof (RFC 9162 §2.1.4.1) that the tree of the first `old`
    /// leaves is a prefix of the tree of the first `new`: empty when they are equal.
    /// - Precondition: 0 < `old` ≤ `new` ≤ the source's size.
    public static func consistencyProof(old: Int64, new: Int64, in source: some MerkleNodeSource) throws -> [MerkleHash] {
        precondition(old > 0 && old <= new && new <= source.size, "two sizes within the tree")
        return old == new ? [] : try subproof(old, from: 0, count: new, complete: true, source)
    }

    /// Whether `proof` shows the leaf `leaf` at `index` in a tree of `size` leaves whose
    /// root is `root` (RFC 9162 §2.1.3.2).
    public static func verifyInclusion(
        leaf: MerkleHash, index: Int64, size: Int64, proof: [MerkleHash], root: MerkleHash
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var (fn, sn, r) = (index, size - 1, leaf)
        for p in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                r = .node(p, r)
                while fn & 1 == 0 && fn != 0 { (fn, sn) = (fn >> 1, sn >> 1) }
            } else {
                r = .node(r, p)
            }
            (fn, sn) = (fn >> 1, sn >> 1)
        }
        return sn == 0 && r == root
    }

    /// Whether `proof` shows that the tree of `old` leaves with root `oldRoot` is a
    /// prefix of the tree of `new` leaves with root `newRoot` (RFC 9162 §2.1.4.2).
    public static func verifyConsistency(
        old: Int64, new: Int64, proof: [MerkleHash], oldRoot: MerkleHash, newRoot: MerkleHash
    ) -> Bool {
        guard old > 0, old <= new else { return false }
        if old == new { return proof.isEmpty && oldRoot == newRoot }
        let path = old & (old - 1) == 0 ? [oldRoot] + proof : proof
        guard let first = path.first else { return false }
        var (fn, sn) = (old - 1, new - 1)
        while fn & 1 == 1 { (fn, sn) = (fn >> 1, sn >> 1) }
        var (fr, sr) = (first, first)
        for c in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                (fr, sr) = (.node(c, fr), .node(c, sr))
                while fn & 1 == 0 && fn != 0 { (fn, sn) = (fn >> 1, sn >> 1) }
            } else {
                sr = .node(sr, c)
            }
            (fn, sn) = (fn >> 1, sn >> 1)
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }

    /// The largest power of two below `n` (n ≥ 2): where the RFC splits a range.
    static func split(_ n: Int64) -> Int64 {
        Int64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// MTH of `count` leaves from `start`: a stored node when the range is a complete
    /// subtree (`start` is always a multiple of it in the RFC's recursion).
    private static func hash(from start: Int64, count: Int64, _ source: some MerkleNodeSource) throws -> MerkleHash {
        if count & (count - 1) == 0 {
            let level = count.trailingZeroBitCount
            return try source.node(level: level, index: start >> level)
        }
        let k = split(count)
        return .node(try hash(from: start, count: k, source), try hash(from: start + k, count: count - k, source))
    }

    /// PATH(m, D[start : start + count]).
    private static func path(_ m: Int64, from start: Int64, count: Int64, _ source: some MerkleNodeSource) throws -> [MerkleHash] {
        guard count > 1 else { return [] }
        let k = split(count)
        if m < k {
            return try path(m, from: start, count: k, source) + [hash(from: start + k, count: count - k, source)]
        }
        return try path(m - k, from: start + k, count: count - k, source) + [hash(from: start, count: k, source)]
    }

    /// SUBPROOF(m, D[start : start + count], b).
    private static func subproof(
        _ m: Int64, from start: Int64, count: Int64, complete: Bool, _ source: some MerkleNodeSource
    ) throws -> [MerkleHash] {
        if m == count { return complete ? [] : [try hash(from: start, count: count, source)] }
        let k = split(count)
        if m <= k {
            return try subproof(m, from: start, count: k, complete: complete, source)
                + [hash(from: start + k, count: count - k, source)]
        }
        return try subproof(m - k, from: start + k, count: count - k, complete: false, source) + [hash(from: start, count: k, source)]
    }
}
