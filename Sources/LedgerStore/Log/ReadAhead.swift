import Dispatch
import GRDB

/// Work on a log's items done on a second thread, a batch at a time, one batch ahead of
/// the caller, who receives the results in the order the items came.
///
/// `verify` and `import` spend half their time or more on what each event shows alone:
/// parsing it, re-encoding its payload to prove it exact, hashing its envelope. None of
/// that depends on the events before, so it runs on another core while the caller does
/// what must go in order (the chain, the rules, the fold, the writes) with the batch
/// before. The caller still judges every result in log order, so the first failure it
/// names is the one a walk on one thread names.
struct ReadAhead<Input, Output> {
    /// Items per batch: enough that handing a batch over costs little beside the work on
    /// it, few enough that two batches of large events stay small in memory.
    static var batchSize: Int { 256 }

    private let work: @Sendable (Input) -> Output
    private var filling: [Input] = []
    private var ahead: Batch?

    init(_ work: @escaping @Sendable (Input) -> Output) { self.work = work }

    /// Adds an item. When that fills a batch, the batch is begun on the other thread and
    /// the results of the batch before it are returned (waiting for them if need be);
    /// otherwise nothing is.
    mutating func add(_ input: Input) -> [Output] {
        filling.append(input)
        guard filling.count == Self.batchSize else { return [] }
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
            filling = []
            filling.reserveCapacity(Self.batchSize)
            DispatchQueue.global(qos: .userInitiated).async { batch.run() }
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
                ready = ahead.add(row.copy())
            }
        }
        defer { index += 1 }
        return ready[index]
    }
}
