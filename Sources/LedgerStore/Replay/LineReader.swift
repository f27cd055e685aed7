import Foundation
import LedgerCore

/// Reads a file line by line in fixed-size chunks, so memory stays flat however long
/// the file is.
struct LineReader {
    let path: String
    /// The longest line accepted; an export line is a few kilobytes at most.
    static let maximumLine = 4 * 1024 * 1024

    /// Calls `body` with each line (without its line feed) and its 1-based number. A
    /// last line without a line feed is passed too, so a truncated file is caught by
    /// whoever parses it.
    /// - Parameter progress: called with the bytes read so far and the file's size, after
    ///   each chunk.
    /// - Throws: ``StoreError`` `.file` naming the system's reason when the file cannot
    ///   be opened or read (a missing file, a folder).
    func forEach(progress: (Int64, Int64) -> Void = { _, _ in }, _ body: (Data, Int) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StoreError.file("cannot read", path, errno: errno) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int64(status.st_size) : 0
        var read: Int64 = 0
        // Lines are read from `start`; consumed bytes are dropped once per chunk, not once
        // per line, which would move the rest of the buffer each time.
        var buffer: [UInt8] = []
        var start = 0
        var number = 0
        while true {
            let chunk: Data
            do { chunk = try handle.read(upToCount: 1 << 20) ?? Data() } catch { throw StoreError.file("cannot read", path, error) }
            if chunk.isEmpty { break }
            read += Int64(chunk.count)
            buffer.removeFirst(start)
            start = 0
            buffer.append(contentsOf: chunk)
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                number += 1
                try body(Data(buffer[start..<newline]), number)
                start = newline + 1
            }
            progress(read, max(size, read))
            if buffer.count - start > Self.maximumLine {
                throw LedgerError(
                    .invalidInput, "line \(number + 1) of \(path) is longer than \(Self.maximumLine) bytes; it is not an export line")
            }
        }
        if start < buffer.count { try body(Data(buffer[start...]), number + 1) }
    }
}
