import Crypto
import Foundation

/// SHA-256 as lowercase hex, the form the chain stores and auditors compare.
enum SHA256Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func digest(_ data: Data) -> String {
        var out = [UInt8]()
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
