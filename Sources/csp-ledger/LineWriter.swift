import Foundation
import LedgerStore

/// Buffers lines (or any text) and writes them in large chunks: exports of a million events would
/// otherwise spend their time in write calls.
final class LineWriter {
    private let handle: FileHandle
    /// The file written to, as errors name it.
    private let name: String
    private var buffer = Data()

    init(_ handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
    }

    func write(_ line: String) throws {
        try text(line)
        buffer.append(0x0A)
    }

    /// Writes `piece` as it is, without a line feed.
    func text(_ piece: String) throws {
        buffer.append(contentsOf: piece.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes `data` as it is: bytes that are not text (a workbook).
    func bytes(_ data: Data) throws {
        try flush()
        buffer = data
        try flush()
    }

    /// - Throws: ``StoreError`` `.file` with the system's reason (a full disk).
    func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch { throw StoreError.file("cannot write to", name, error) }
        buffer.removeAll(keepingCapacity: true)
    }
}
