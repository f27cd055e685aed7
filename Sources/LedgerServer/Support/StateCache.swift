import LedgerCore
import LedgerStore
import NIOCore
import Synchronization

/// Answers to `GET /api/state?asOf=` kept by the point asked for and the log position
/// recorded by then, as the bytes of the response: a kept answer costs no rendering.
///
/// The plan as recorded by a past instant can change only if an event is recorded at or
/// before it (a write stamped with the last recording time, when the clock is a little
/// behind); the position recorded by then would change too, so an answer found under
/// the same key is still the answer. Queries without `asOf` answer "now" and are not kept.
final class StateCache: Sendable {
    /// What a request asks: the point, the part of the plan and how it is read, and
    /// whether the reader sees the public view.
    struct Question: Hashable, Sendable {
        var asOf: Instant?
        var effective: Instant?
        var scope: PlanScope?
        var fold: Bool
        var publicView: Bool
    }

    private struct Key: Hashable {
        var question: Question
        var position: Int64
    }

    private let ledger: Ledger
    private let capacity: Int
    private let answers = Mutex<[Key: ByteBuffer]>([:])

    init(ledger: Ledger, capacity: Int = 64) { (self.ledger, self.capacity) = (ledger, capacity) }

    /// The kept answer to `question`, or `compute()`'s, kept for next time.
    func answer(_ question: Question, compute: () async throws -> ByteBuffer) async throws -> ByteBuffer {
        guard let asOf = question.asOf else { return try await compute() }
        let key = Key(question: question, position: try await ledger.digest(asOf: asOf).position)
        if let kept = answers.withLock({ $0[key] }) { return kept }
        let json = try await compute()
        answers.withLock { answers in
            // Bounded: when full, start again rather than track use.
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = json
        }
        return json
    }
}
