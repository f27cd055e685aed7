import Foundation
import LedgerCore
import LedgerTestSupport
import Testing

@testable import LedgerStore

/// ``ReadAhead`` returns every item's result once, in the order the items came, however
/// the count falls against its batches; an import that uses it still names the first bad
/// line, even when the reader refuses a later one.
@Suite struct ReadAheadTests {
    @Test(arguments: [0, 1, 255, 256, 257, 3 * 256 + 5])
    func everyResultComesOnceInOrder(count: Int) {
        var ahead = ReadAhead<Int, Int> { $0 * 2 }
        var results: [Int] = []
        for item in 0..<count { results += ahead.add(item, bytes: 1) }
        results += ahead.finish()
        #expect(results == (0..<count).map { $0 * 2 })
    }

    @Test func aBatchOfLargeItemsIsHandedOverBeforeItIsFull() {
        var ahead = ReadAhead<Int, Int> { $0 }
        let large = ReadAhead<Int, Int>.batchBytes / 2
        #expect(ahead.add(0, bytes: large).isEmpty && ahead.add(1, bytes: large).isEmpty, "the first batch begins")
        #expect(ahead.add(2, bytes: large).isEmpty)
        #expect(ahead.add(3, bytes: large) == [0, 1], "two items make a batch; the one before comes back")
        #expect(ahead.finish() == [2, 3])
    }

    @Test func anImportNamesTheFirstBadLineBeforeALaterOneTheReaderRefuses() throws {
        let fixture = try Fixture()
        for i in 0..<(ReadAhead<Int, Int>.batchSize * 2) {
            _ = try fixture.ledger.execute(
                .reportProgress(Fixture.action, status: .onTrack, note: "r\(i)", percent: i % 100), by: Fixture.policeLead)
        }
        var lines: [String] = []
        try fixture.ledger.export { lines.append($0) }
        let bad = 300
        lines[bad - 1] = lines[bad - 1].replacingOccurrences(of: "\"r", with: "\"forged r")
        lines[bad + 200] = String(repeating: "x", count: LineReader.maximumLine + 2)
        let source = fixture.directory.file("export.jsonl")
        try lines.joined(separator: "\n").write(toFile: source, atomically: true, encoding: .utf8)
        let target = fixture.directory.file("imported.sqlite")
        #expect {
            try Ledger.importExport(from: source, into: target)
        } throws: { error in
            (error as? LedgerError)?.message.hasPrefix("line \(bad): ") == true
        }
        #expect(!FileManager.default.fileExists(atPath: target), "nothing written")
    }
}
