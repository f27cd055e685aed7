import LedgerAudit
import LedgerCore
import LedgerStore

/// The line a read command's table starts with, naming what is shown: the time it is
/// shown as of, and the ledger position and digest it rests on, so that a printed
/// table can be checked later (`csp-ledger verify --digest`).
///
/// Only the `table` format has it; JSON, CSV and Markdown are unchanged by it. It is
/// never cut to a terminal's width: a digest cut short could not be checked.
struct ReadHeader {
    /// The time asked about (`--as-of`, `--to`), or now.
    let asOf: Instant
    /// The ledger's head as recorded up to then.
    let digest: Digest
    let calendar: PartnershipCalendar

    /// The head of `ledger` as recorded up to `asOf` (nil: now).
    init(_ ledger: Ledger, asOf: Instant?) throws {
        let time = try asOf ?? DatabaseOptions.clock().now
        self.init(ledger, asOf: time, digest: try ledger.digest(asOf: time))
    }

    /// A head already read with what is shown (`state` reads both at once).
    init(_ ledger: Ledger, asOf: Instant, digest: Digest) {
        (self.asOf, self.digest, calendar) = (asOf, digest, ledger.calendar)
    }

    /// `as of 2023-06-30, ledger position 17, digest 17:…`, the time in the
    /// partnership's zone.
    var line: String {
        "as of \(ReportClock(calendar: calendar).end(asOf)), ledger position \(digest.position), digest \(digest.text)"
    }
}
