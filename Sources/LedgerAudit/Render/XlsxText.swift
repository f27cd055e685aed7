import Foundation
import LedgerCore

/// The small rules of SpreadsheetML text: escaping, what XML may hold, sheet names,
/// cell references and date serials.
enum XlsxText {
    /// A cell's text as a workbook holds it: a stored control character shown as its
    /// `U+XXXX`, as the other formats show it (`DisplayText`), keeping line feeds and
    /// tabs, and cut to what a cell holds (``cellLimit``).
    static func shown(_ text: String) -> String {
        cut(DisplayText.showingControls(text, keepingLineBreaks: true), to: cellLimit)
    }

    /// Text for an XML element or a double-quoted attribute: `<`, `>`, `&` and quotes
    /// as references, and anything XML 1.0 cannot hold (a control character, U+FFFE,
    /// U+FFFF) as its `U+XXXX`, so text read from an edited file can never make the
    /// workbook unreadable.
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case _ where !isXMLCharacter(scalar): out += DisplayText.codePoint(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0's `Char` production.
    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The most UTF-16 code units a spreadsheet cell holds (Excel's limit); longer text
    /// is cut, ending in `…`. The ledger's notes (10,000 code points) always fit.
    static let cellLimit = 32_767

    /// `text` cut to at most `limit` UTF-16 code units, ending in `…` when cut, never
    /// splitting a character.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        var out = ""
        var units = 0
        for character in text {
            let size = character.utf16.count
            guard units + size <= limit - 1 else { break }
            out.append(character)
            units += size
        }
        return out + "…"
    }

    /// `A`, `B`, … `Z`, `AA`: the letters of a column, counted from 0.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// Unique sheet names for tables, in order.
    ///
    /// A sheet is named by its table's title up to the first ` (`, `: ` or ` from ` (`Log
    /// (12 events)` is `Log`, `SOC-1: Reduce harm` is `SOC-1`, `Changes from …` is
    /// `Changes`), without the characters a sheet
    /// name may not hold (`[ ] : * ? / \`) or control characters, without apostrophes at
    /// its ends, at most 31 characters (cut with `…`), and unique without regard to case
    /// (`Actions 2`). Excel reserves `History`; an empty name becomes `Sheet N`.
    static func sheetNames(_ titles: [String]) -> [String] {
        var taken = Set<String>()
        return titles.enumerated().map { index, title in
            var base = title
            for separator in [" (", ": ", " from "] {
                if let range = base.range(of: separator), range.lowerBound > base.startIndex { base = String(base[..<range.lowerBound]) }
            }
            base = String(base.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) && $0.value >= 0x20 && $0.value != 0x7F })
            base = base.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
            if base.isEmpty { base = "Sheet \(index + 1)" }
            if base.lowercased() == "history" { base = "History of actions" }
            var name = cut(base, to: 31)
            var number = 2
            while taken.contains(name.lowercased()) {
                let suffix = " \(number)"
                name = cut(base, to: 31 - suffix.utf16.count) + suffix
                number += 1
            }
            taken.insert(name.lowercased())
            return name
        }
    }

    /// The spreadsheet serial of a local wall time (days since 1899-12-30, the 1900 date
    /// system), or nil before 1 March 1900 (where that system counts a day that never
    /// was) or after 9999: such a time is written as text instead.
    static func serial(localMilliseconds: Int64) -> Double? {
        let days = Double(localMilliseconds) / 86_400_000 + 25_569
        return (61..<2_958_466).contains(days) ? days : nil
    }

    /// The local wall time of `instant` in the partnership's zone, in milliseconds
    /// since 1970 as if that zone were UTC.
    static func localMilliseconds(_ instant: Instant, in calendar: PartnershipCalendar) -> Int64 {
        let moment = Date(timeIntervalSince1970: Double(instant.millisecondsSince1970) / 1000)
        return instant.millisecondsSince1970 + Int64(calendar.timeZone.secondsFromGMT(for: moment)) * 1000
    }
}
