/// A point in time: whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Integer milliseconds, because the ledger stores and orders times exactly and a
/// `Double` cannot promise that. Written as ISO-8601 UTC with milliseconds
/// (`2023-03-31T22:59:59.999Z`); read from ISO-8601 with an offset or `Z`, never
/// without one, since a time without its zone means different instants to different
/// readers.
public struct Instant: Hashable, Comparable, Sendable, TextCoded, CustomStringConvertible {
    public let millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) { self.millisecondsSince1970 = millisecondsSince1970 }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public func adding(milliseconds: Int64) -> Instant {
        Instant(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    /// `2023-03-31T22:59:59.999Z`.
    public var iso8601: String {
        let (days, msOfDay) = millisecondsSince1970.floorDivided(by: 86_400_000)
        let date = LocalDate(daysSince1970: days)
        let h = msOfDay / 3_600_000, m = msOfDay / 60_000 % 60, s = msOfDay / 1000 % 60, ms = msOfDay % 1000
        guard LocalDate.fourDigitYears.contains(date.year) else {
            return "\(date.iso8601)T\(pad(h, 2)):\(pad(m, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
        }
        // Written byte by byte: the hash chain and the projection format two times per event.
        return String(unsafeUninitializedCapacity: 24) { out in
            date.write(into: out)
            for (offset, byte) in [(10, "T"), (13, ":"), (16, ":"), (19, "."), (23, "Z")] as [(Int, Unicode.Scalar)] {
                out[offset] = UInt8(ascii: byte)
            }
            out.writeDigits(Int(h), width: 2, at: 11)
            out.writeDigits(Int(m), width: 2, at: 14)
            out.writeDigits(Int(s), width: 2, at: 17)
            out.writeDigits(Int(ms), width: 3, at: 20)
            return 24
        }
    }

    public var description: String { iso8601 }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`; fractions beyond milliseconds
    /// are cut off.
    /// - Throws: ``LedgerError`` `.invalidInput` saying what form is expected.
    public init(iso8601 text: String) throws(LedgerError) {
        guard let value = Instant.parse(Array(text.utf8)) else {
            throw .invalid(
                "'\(text.printable)' is not a valid instant; write it as ISO-8601 with an offset, e.g. 2023-03-31T23:59:59Z or 2023-04-01T00:30:00+01:00"
            )
        }
        self = value
    }

    public init(text: String) throws(LedgerError) { try self.init(iso8601: text) }
    public var text: String { iso8601 }

    private static func parse(_ b: [UInt8]) -> Instant? {
        var reader = DigitReader(bytes: b)
        guard let date = LocalDate.parse(&reader), reader.take("T"),
            let hour = reader.digits(2), reader.take(":"), let minute = reader.digits(2)
        else { return nil }
        var second = 0, millis = 0
        if reader.take(":") {
            guard let s = reader.digits(2) else { return nil }
            second = s
            if reader.take(".") || reader.take(",") {
                var count = 0
                while let d = reader.digits(1) {
                    if count < 3 { millis = millis * 10 + d }
                    count += 1
                }
                guard count > 0 else { return nil }
                if count < 3 { for _ in count..<3 { millis *= 10 } }
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        var offsetMinutes = 0
        if reader.take("Z") {
        } else if let sign = reader.sign() {
            guard let oh = reader.digits(2), reader.take(":"), let om = reader.digits(2), oh < 24, om < 60
            else { return nil }
            offsetMinutes = sign * (oh * 60 + om)
        } else {
            return nil
        }
        guard reader.atEnd else { return nil }
        let ms = Int64(date.daysSince1970) * 86_400_000 + Int64(hour * 3_600_000 + minute * 60_000 + second * 1000 + millis)
        return Instant(millisecondsSince1970: ms - Int64(offsetMinutes) * 60_000)
    }
}

/// A cursor over ASCII digits and separators, shared by the date and instant parsers.
struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    /// Exactly `count` digits as a number, or nil (and nothing consumed).
    mutating func digits(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += count
        return value
    }
}

extension UnsafeMutableBufferPointer<UInt8> {
    /// Writes `value` as `width` decimal digits, zero-padded, at `offset`.
    func writeDigits(_ value: Int, width: Int, at offset: Int) {
        var rest = value
        for index in (offset..<offset + width).reversed() {
            self[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
    }
}

func pad(_ value: some BinaryInteger, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let q = self / divisor, r = self % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
