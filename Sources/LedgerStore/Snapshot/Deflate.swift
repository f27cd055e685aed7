import CSystemZlib

/// zlib compression of snapshots: a snapshot is the whole plan, whose ids, titles and
/// notes repeat from action to action, and deflate at its fastest level shrinks it
/// several times over, which keeps the snapshots a small part of the file.
enum Deflate {
    /// `bytes` compressed, after their length as eight little-endian bytes.
    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(bytes.count))
        var out = [UInt8](repeating: 0, count: 8 + Int(bound))
        for i in 0..<8 { out[i] = UInt8(truncatingIfNeeded: UInt64(bytes.count) >> (8 * UInt64(i))) }
        let status = out.withUnsafeMutableBufferPointer { buffer in
            compress2(buffer.baseAddress! + 8, &bound, bytes, uLong(bytes.count), 1)
        }
        precondition(status == Z_OK, "zlib could not compress a snapshot (status \(status))")
        out.removeLast(out.count - 8 - Int(bound))
        return out
    }

    /// The bytes `compress` was given, or nil for data it did not write.
    static func decompress(_ data: [UInt8]) -> [UInt8]? {
        guard data.count >= 8 else { return nil }
        let length = (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[$1]) << (8 * UInt64($1)) }
        // Deflate shrinks at most about 1,032 to 1, so a larger length is not one it wrote.
        guard length < 1 << 34, length <= UInt64(data.count - 8) * 1_040 + 64 else { return nil }
        var out = [UInt8](repeating: 0, count: Int(length))
        var written = uLong(length)
        let status = data.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { uncompress($0.baseAddress, &written, input.baseAddress! + 8, uLong(data.count - 8)) }
        }
        guard status == Z_OK, written == uLong(length) else { return nil }
        return out
    }
}
