/// When the ledger records a write: the system clock's time, never earlier than the
/// last recording time, and never taken from a clock far behind it.
///
/// A clock a little behind (two machines, a few seconds or minutes apart) is stamped
/// with the last recording time, so `recorded_at` never goes back. A clock more than
/// ``allowedBehind`` behind is refused: it is wrong, and stamping its writes with the
/// last time would hide how wrong. A coordinator may accept it, which is recorded.
public enum RecordingTime {
    /// How far the clock may be behind the last recording time: 10 minutes.
    public static let allowedBehind: Int64 = 10 * 60 * 1000

    /// Whether `clock` is more than ``allowedBehind`` before `last`.
    public static func isFarBehind(_ clock: Instant, last: Instant) -> Bool {
        clock.millisecondsSince1970 < last.millisecondsSince1970 - allowedBehind
    }

    /// The recording time of a write whose clock reads `clock`, after `last`.
    /// - Parameter accepted: a coordinator accepts a clock far behind (the caller
    ///   records ``ClockBehindAccepted``).
    /// - Throws: ``LedgerError`` `.clockBehind` naming both times, for a clock far behind
    ///   that nobody accepted.
    public static func stamp(clock: Instant, last: Instant?, accepted: Bool = false) throws(LedgerError) -> Instant {
        guard let last else { return clock }
        if isFarBehind(clock, last: last), !accepted {
            throw LedgerError(
                .clockBehind,
                "this machine's clock reads \(clock), more than 10 minutes before the ledger's last recording time \(last); correct the clock, or have a coordinator accept it"
            )
        }
        return max(clock, last)
    }
}
