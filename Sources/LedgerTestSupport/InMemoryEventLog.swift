import LedgerCore
import LedgerStore
import Synchronization

/// An event log held in memory, for tests: the second implementation of ``EventLog``,
/// which the contract suite runs beside the SQLite ledger so that the contract, not
/// one backend's habits, is what the tests hold to.
public final class InMemoryEventLog: EventLog {
    private let log = Mutex<[LogEntry]>([])
    private let clock: LedgerClock

    public init(clock: LedgerClock) { self.clock = clock }

    @discardableResult
    public func append(_ events: [PendingEvent], expectVersion: (stream: StreamID, version: Int)? = nil) throws -> [LogEntry] {
        try log.withLock { log in
            // Works on a copy and keeps it only when the whole batch is appended.
            var copy = log
            if let expectVersion {
                let current = copy.last { $0.streamID == expectVersion.stream }?.recorded.streamVersion ?? 0
                guard current == expectVersion.version else {
                    throw StoreError(
                        .conflict, "\(expectVersion.stream) is at version \(current), not \(expectVersion.version) as expected")
                }
            }
            let recordedAt = try RecordingTime.stamp(clock: clock.now, last: copy.last?.recorded.recordedAt)
            var appended: [LogEntry] = []
            for item in events {
                let payload = item.event.canonicalPayload()
                if let existing = copy.first(where: { $0.recorded.eventID == item.eventID }) {
                    try item.checkRetry(of: existing, payload: payload)
                    continue
                }
                try item.checkEffective(recordedAt: recordedAt)
                let stream = item.event.streamID
                let version = (copy.last { $0.streamID == stream }?.recorded.streamVersion ?? 0) + 1
                var entry = LogEntry(
                    recorded: RecordedEvent(
                        position: Int64(copy.count + 1), eventID: item.eventID, streamVersion: version, recordedAt: recordedAt,
                        effectiveAt: item.effectiveAt, actor: item.actor, partner: item.partner, event: item.event),
                    streamID: stream, type: item.event.typeName, schemaVersion: item.event.schemaVersion, payload: payload,
                    prevHash: copy.last?.hash ?? HashChain.genesis, hash: "")
                entry.hash = HashChain.expectedHash(of: entry)
                copy.append(entry)
                appended.append(entry)
            }
            log = copy
            return appended
        }
    }

    public func entries(from: Int64, to: Int64) throws -> [LogEntry] {
        log.withLock { log in log.filter { $0.position >= from && $0.position <= to } }
    }

    public func entries(stream: StreamID) throws -> [LogEntry] {
        log.withLock { log in log.filter { $0.streamID == stream } }
    }

    public func head(asOf: Instant?) throws -> Digest {
        log.withLock { log in
            guard let last = log.last(where: { asOf == nil || $0.recorded.recordedAt <= asOf! }) else {
                return Digest(position: 0, hash: HashChain.genesis)
            }
            return Digest(position: last.position, hash: last.hash, recordedAt: last.recorded.recordedAt)
        }
    }
}
