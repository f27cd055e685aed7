import Dispatch
import GRDB

/// Work on a log's items done on a second thread, a batch at a time, one batch ahead of
/// the caller, who receives the results in the order the items came.
///
/// Full `verify` spends about half its time, and `import`'s check most of its own, on
/// what each event shows alone: parsing it, re-encoding its payload to prove it exact,
/// hashing its envelope. None of that depends on the events before, so it runs on another
/// core while the caller does what must go in order (the chain, the rules, the fold, the
/// writes) with the batch before. The caller still judges every result in log order, so
/// the first failure it names is the one a walk on one thread names.
struct ReadAhead<Input, Output> {
    /// Items per batch: enough that handing a batch over costs little beside the work on
    /// it.
    static var batchSize: Int { 256 }
    /// The bytes at which a batch is handed over before it has ``batchSize`` items, so
    /// that the three batches alive at once (being filled, being worked on, being
    /// judged) hold a few megabytes however large the events: a file of the largest
    /// lines an import takes, or a log someone filled with huge rows, keeps memory flat.
    static var batchBytes: Int { 4 << 20 }

    private let work: @Sendable (Input) -> Output
    /// A queue of its own, which always gets a thread: a shared pool whose threads all
    /// wait on batches could otherwise leave a batch with none to run on.
    private let queue = DispatchQueue(label: "csp-ledger.read-ahead")
    private var filling: [Input] = []
    private var filledBytes = 0
    private var ahead: Batch?

    init(_ work: @escaping @Sendable (Input) -> Output) { self.work = work }

    /// Adds an item of about `bytes` bytes. When that fills a batch, the batch is begun
    /// on the other thread and the results of the batch before it are returned (waiting
    /// for them if need be); otherwise nothing is.
    mutating func add(_ input: Input, bytes: Int) -> [Output] {
        filling.append(input)
        filledBytes += bytes
        guard filling.count == Self.batchSize || filledBytes >= Self.batchBytes else { return [] }
        return begin()
    }

    /// The results of every item added and not yet returned, after the last item.
    mutating func finish() -> [Output] {
        let before = begin()
        let last = begin()
        return before + last
    }

    /// Begins the batch being filled (if any) and returns the results of the one before.
    private mutating func begin() -> [Output] {
        let done = ahead?.wait() ?? []
        ahead = nil
        if !filling.isEmpty {
            let batch = Batch(filling, work)
            (filling, filledBytes) = ([], 0)
            filling.reserveCapacity(Self.batchSize)
            queue.async { batch.run() }
            ahead = batch
        }
        return done
    }

    /// One batch on its way through the other thread.
    ///
    /// Unchecked, because its items need not be sendable (GRDB marks every `Row` as not
    /// sendable, since a cursor's row changes as the cursor moves). The items handed
    /// over are copies no one else holds, and the caller reads `results` only after
    /// ``wait()``, once the other thread has finished with them.
    private final class Batch: @unchecked Sendable {
        private let inputs: [Input]
        private let work: @Sendable (Input) -> Output
        private var results: [Output] = []
        private let done = DispatchSemaphore(value: 0)

        init(_ inputs: [Input], _ work: @escaping @Sendable (Input) -> Output) { (self.inputs, self.work) = (inputs, work) }

        func run() {
            results = inputs.map(work)
            done.signal()
        }

        func wait() -> [Output] {
            done.wait()
            return results
        }
    }
}

/// The rows of a cursor, each with ``ReadAhead``'s work on it done a batch ahead on a
/// second thread, in the cursor's order.
struct RowsAhead<Output> {
    private let cursor: RowCursor
    private var ahead: ReadAhead<Row, Output>
    private var ready: [Output] = []
    private var index = 0
    private var ended = false

    init(_ cursor: RowCursor, _ work: @escaping @Sendable (Row) -> Output) { (self.cursor, ahead) = (cursor, ReadAhead(work)) }

    /// The next row's output; nil after the last.
    mutating func next() throws -> Output? {
        while index == ready.count {
            if ended { return nil }
            (ready, index) = ([], 0)
            while ready.isEmpty {
                // Rows are copied: the cursor's own row changes as it moves.
                guard let row = try cursor.next() else {
                    (ready, ended) = (ahead.finish(), true)
                    break
                }
                let copy = row.copy()
                ready = ahead.add(copy, bytes: Self.size(copy))
            }
        }
        defer { index += 1 }
        return ready[index]
    }

    /// About how many bytes a row holds: its text and blobs, and a word for each other value.
    private static func size(_ row: Row) -> Int {
        row.databaseValues.reduce(0) { total, value in
            switch value.storage {
            case .string(let text): total + text.utf8.count
            case .blob(let data): total + data.count
            default: total + 8
            }
        }
    }
}
