import LedgerCore
import Synchronization

/// Failed authentications per client address over the last minute, to slow a client
/// that guesses tokens (429 with `Retry-After`).
final class SignInFailures: Sendable {
    /// Failures allowed per address per minute.
    static let limit = 10
    private static let window: Int64 = 60_000

    private struct Record { var count: Int; var since: Int64 }
    private let records = Mutex<[String: Record]>([:])
    private let now: @Sendable () -> Int64

    init(now: @escaping @Sendable () -> Int64 = { Int64(ContinuousClock.now.elapsedMilliseconds) }) { self.now = now }

    func record(_ client: String) {
        let time = now()
        records.withLock { records in
            if records.count > 10_000 { records = records.filter { time - $0.value.since < Self.window } }
            var record = records[client].flatMap { time - $0.since < Self.window ? $0 : nil } ?? Record(count: 0, since: time)
            record.count += 1
            records[client] = record
        }
    }

    /// Seconds `client` must wait, or nil when it may try.
    func retryAfter(_ client: String) -> Int? {
        let time = now()
        return records.withLock { records in
            guard let record = records[client], record.count >= Self.limit, time - record.since < Self.window else { return nil }
            return Int((Self.window - (time - record.since) + 999) / 1000)
        }
    }
}

extension ContinuousClock.Instant {
    /// Milliseconds since an arbitrary, fixed point of this process.
    var elapsedMilliseconds: Int64 {
        let elapsed = self - SignInFailures.origin
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }
}

extension SignInFailures {
    static let origin = ContinuousClock.now
}
