import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form the chain stores and auditors compare.
enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// The digest of the UTF-8 bytes of `parts`, one after another.
    static func digest(_ parts: String...) -> String {
        var hasher = SHA256()
        for var part in parts {
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return hex(hasher.finalize())
    }

    /// The digest of `bytes`.
    static func digest(bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: 64) { out in
            for (i, byte) in digest.enumerated() {
                out[2 * i] = digits[Int(byte >> 4)]
                out[2 * i + 1] = digits[Int(byte & 0x0F)]
            }
            return 64
        }
    }
}
