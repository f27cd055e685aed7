import Crypto
import Foundation

/// A SHA-256 hash in the Merkle tree over the log (RFC 9162 §2.1): a leaf's, an interior
/// node's or a root.
///
/// Leaves and interior nodes hash with different first bytes (0x00 and 0x01), so that
/// no interior node can pass for a leaf.
public struct MerkleHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// - Precondition: `bytes` holds 32 bytes.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == 32, "a SHA-256 hash has 32 bytes")
        self.bytes = bytes
    }

    /// Reads 32 bytes; nil for any other length.
    public init?(data: some Collection<UInt8>) {
        guard data.count == 32 else { return nil }
        self.init(bytes: Array(data))
    }

    /// Reads the standard base64 of 32 bytes, as checkpoints and proofs write hashes.
    public init?(base64: some StringProtocol) {
        guard let data = Data(base64Encoded: String(base64)), data.base64EncodedString() == base64 else { return nil }
        self.init(data: data)
    }

    /// The standard base64 form (44 characters).
    public var base64: String { Data(bytes).base64EncodedString() }

    /// The lowercase hex form (64 characters).
    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    public var description: String { hex }

    /// The root of the empty tree: SHA-256 of no bytes.
    public static let emptyTree = MerkleHash(bytes: Array(SHA256.hash(data: [UInt8]())))

    /// The hash of a leaf: SHA-256(0x00 ‖ data).
    public static func leaf(_ data: some Sequence<UInt8>) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x00])
        hasher.update(data: Array(data))
        return MerkleHash(bytes: Array(hasher.finalize()))
    }

    /// The leaf of one event: its stored chain hash (64 hex digits) as 32 raw bytes.
    /// - Returns: nil when `chainHash` is not 64 lowercase hex digits.
    public static func leaf(chainHash: String) -> MerkleHash? {
        guard let raw = rawBytes(hex: chainHash) else { return nil }
        return leaf(raw)
    }

    /// The hash of an interior node: SHA-256(0x01 ‖ left ‖ right).
    public static func node(_ left: MerkleHash, _ right: MerkleHash) -> MerkleHash {
        var hasher = SHA256()
        hasher.update(data: [0x01])
        hasher.update(data: left.bytes)
        hasher.update(data: right.bytes)
        return MerkleHash(bytes: Array(hasher.finalize()))
    }

    /// 64 lowercase hex digits as 32 bytes; nil for anything else.
    public static func rawBytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let high = nibble(digits[i]), let low = nibble(digits[i + 1]) else { return nil }
            out.append(high << 4 | low)
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
