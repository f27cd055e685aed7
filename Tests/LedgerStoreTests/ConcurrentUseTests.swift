import LedgerCore
import LedgerStore
import LedgerTestSupport
import Testing

/// One `Ledger` shared by many tasks, as a server shares it: writes queue, reads answer
/// from one transaction each and never see a write half done, and `follow` hands out
/// each event once.
@Suite struct ConcurrentUseTests {
    @Test func tasksSharingOneLedgerLoseNothingAndReadWholeWrites() async throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        let before = try ledger.count()
        let writers = 8
        let writes = 10
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    for write in 0..<writes {
                        let note = "writer \(writer), write \(write)"
                        try await ledger.execute(
                            .reportProgress(Fixture.action, status: .onTrack, note: note, percent: nil), by: Fixture.policeLead)
                    }
                }
            }
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<20 {
                        let (state, head) = try await ledger.stateAndHead()
                        #expect(state.position == head.position, "the plan and the head come from one transaction")
                        #expect((Int64(before)...Int64(before + writers * writes)).contains(head.position))
                    }
                }
            }
            try await group.waitForAll()
        }
        let entries = try await ledger.entries()
        #expect(entries.count == before + writers * writes)
        #expect(entries.map(\.position) == Array(1...Int64(before + writers * writes)))
        #expect(try ledger.verify().isSound)
    }

    @Test func followHandsOutEachEventOnceAsItIsAppendedAndEndsWhenCancelled() async throws {
        let fixture = try Fixture()
        let ledger = fixture.ledger
        let start = try await ledger.digest().position + 1
        let appended = 30
        let reader = Task {
            var seen: [Int64] = []
            for try await batch in ledger.follow(from: start, interval: .milliseconds(5)) {
                seen += batch.map(\.position)
                if seen.count >= appended { break }
            }
            return seen
        }
        for n in 0..<appended {
            try await ledger.execute(
                .reportProgress(Fixture.action, status: .onTrack, note: "report \(n)", percent: nil), by: Fixture.policeLead)
        }
        #expect(try await reader.value == Array(start..<start + Int64(appended)))

        let waiting = Task {
            for try await _ in ledger.follow(from: start + Int64(appended), interval: .milliseconds(5)) {}
        }
        try await Task.sleep(for: .milliseconds(50))
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
    }
}
