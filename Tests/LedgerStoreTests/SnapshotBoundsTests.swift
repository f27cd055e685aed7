import Foundation
import Testing

@testable import LedgerCore
@testable import LedgerStore

/// A snapshot's bytes are read back with every length and count checked: whatever a
/// forger writes is set aside, never a crash or a huge allocation.
@Suite struct SnapshotBoundsTests {
    /// Zigzag-coded `-1`, then a few bytes.
    static let negative: [UInt8] = [0x01, 0x61, 0x62]

    @Test func aNegativeOrOversizedCountIsRefused() throws {
        var reader = SnapshotReader(bytes: Self.negative)
        #expect(throws: SnapshotError.self) { try reader.count() }
        var large = SnapshotReader(bytes: [0x80, 0x80, 0x04, 0x61])  // 32,768 items in one byte
        #expect(throws: SnapshotError.self) { try large.count() }
        var date = SnapshotReader(bytes: [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])  // Int64.max
        #expect(throws: SnapshotError.self) { try date.date() }
    }

    @Test func aDeclaredLengthDeflateCouldNotHaveWrittenIsRefusedWithoutAllocatingIt() {
        var forged = Deflate.compress(Array("a snapshot".utf8))
        for i in 0..<8 { forged[i] = UInt8(truncatingIfNeeded: UInt64(1 << 33) >> (8 * UInt64(i))) }
        #expect(Deflate.decompress(forged) == nil)
        #expect(Deflate.decompress(Deflate.compress(Array("a snapshot".utf8))) == Array("a snapshot".utf8))
    }
}
