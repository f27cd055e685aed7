import Foundation
import LedgerAudit
import LedgerCore
import LedgerStore

/// A time asked about that lies before the ledger's first event: the ledger had recorded
/// nothing then.
///
/// That is a true answer, not a refusal, so `state`, `report plan` and `export` say so in
/// one line on standard error and exit 0. Formats for people print nothing else (empty
/// tables read like a fault); JSON, CSV and export lines print the empty answer they
/// always did, so a script that walks through dates goes on. `history` and `replay`,
/// which need something that existed then, refuse with the same words (exit 1).
struct BeforeFirstEvent {
    /// The time as the user wrote it.
    let asked: String
    /// Whether it was an effective cut-off (`--effective`) rather than a recording time.
    let effective: Bool
    /// When the ledger's first event was recorded.
    let first: Instant
    /// How people read it: in the partnership's zone.
    let clock: ReportClock

    /// Nil unless `time` (read from `text`) lies before the ledger's first event.
    ///
    /// Nothing takes effect before it is recorded, or before the partnership it belongs to
    /// was established, so the same test serves an effective cut-off.
    static func check(_ text: String?, _ time: Instant?, in ledger: Ledger, effective: Bool = false) throws -> BeforeFirstEvent? {
        guard let text, let time, try ledger.digest(asOf: time).position == 0,
            let first = try ledger.entries(from: 1, to: 1).first?.recorded.recordedAt
        else { return nil }
        return BeforeFirstEvent(asked: text, effective: effective, first: first, clock: ReportClock(calendar: ledger.calendar))
    }

    /// `nothing was recorded by 2020-01-01; the ledger's first event was recorded at
    /// 2022-04-04 09:00 +01:00`.
    var sentence: String {
        "nothing \(effective ? "had taken effect" : "was recorded") by \(asked); the ledger's first event was recorded at \(clock.text(first))"
    }

    /// Prints the sentence on standard error as a note.
    func note() {
        FileHandle.standardError.write(Data("Note: \(sentence)\n".utf8))
    }
}

extension OutputFormat {
    /// Whether the format is read by people, who are told that a time is before the
    /// ledger began instead of being shown empty tables.
    var isForPeople: Bool { self == .table || self == .markdown }
}
