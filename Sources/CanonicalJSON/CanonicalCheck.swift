/// Whether a JSON text is already in the canonical form of ``JSONValue/canonical``,
/// checked in one pass over its bytes.
///
/// A reader that checks every stored document (the ledger's `verify` asks it of each
/// payload) cannot afford to parse each into a tree and write it out again to compare:
/// that costs more than hashing it. This answers the same question (the same as `JSONValue.parse(text).canonical == text`) without
/// building anything.
extension JSONValue {
    public static func isCanonical(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var checker = CanonicalChecker(bytes: bytes)
            return checker.value(depth: 0) && checker.index == bytes.count
        }
    }
}

private struct CanonicalChecker {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var next: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        index += 1
        return true
    }

    mutating func value(depth: Int) -> Bool {
        guard depth <= JSONValue.maximumDepth, let byte = next else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return integer()
        }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { return false }
        index += count
        return true
    }

    /// `String(Int64)`: no plus, no leading zero, no `-0`, within range.
    mutating func integer() -> Bool {
        let start = index
        _ = take(UInt8(ascii: "-"))
        let digits = index
        while let byte = next, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        guard index > digits, bytes[digits] != UInt8(ascii: "0") || index - digits == 1 else { return false }
        if bytes[digits] == UInt8(ascii: "0"), digits > start { return false }
        return Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) != nil
    }

    mutating func array(depth: Int) -> Bool {
        index += 1
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard value(depth: depth + 1) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]"))
    }

    /// Keys in strictly increasing UTF-8 order: sorted, and none twice.
    mutating func object(depth: Int) -> Bool {
        index += 1
        if take(UInt8(ascii: "}")) { return true }
        var previous: [UInt8]?
        repeat {
            guard let key = string(keep: true) else { return false }
            if let previous, !previous.lexicographicallyPrecedes(key) { return false }
            previous = key
            guard take(UInt8(ascii: ":")), value(depth: depth + 1) else { return false }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}"))
    }

    /// A string escaped exactly as ``JSONValue/writeString(_:to:)`` escapes; returns
    /// its unescaped UTF-8 bytes (empty unless `keep`), or nil when it is not canonical.
    mutating func string(keep: Bool = false) -> [UInt8]? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // Most strings have no escapes: their bytes are the string.
        while let byte = next, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") {
            guard byte >= 0x20 else { return nil }
            index += 1
        }
        if take(UInt8(ascii: "\"")) {
            let run = UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
            guard String(validating: run, as: UTF8.self) != nil else { return nil }
            return keep ? Array(run) : []
        }
        var out = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while let byte = next {
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                guard String(validating: out, as: UTF8.self) != nil else { return nil }
                return keep ? out : []
            case UInt8(ascii: "\\"):
                guard index + 1 < bytes.count else { return nil }
                if let unescaped = Self.shortEscapes[bytes[index + 1]] {
                    out.append(unescaped)
                    index += 2
                    continue
                }
                // Only control characters without a short form are written as \u00xx, in lowercase.
                guard index + 6 <= bytes.count, bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 2] == UInt8(ascii: "0"),
                    bytes[index + 3] == UInt8(ascii: "0"), let high = Self.hex(bytes[index + 4]), let low = Self.hex(bytes[index + 5])
                else { return nil }
                let scalar = high << 4 | low
                guard scalar < 0x20, !Self.shortEscapes.values.contains(scalar) else { return nil }
                out.append(scalar)
                index += 6
            default:
                guard byte >= 0x20 else { return nil }
                out.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The escapes written as a backslash and one letter, and what they stand for.
    static let shortEscapes: [UInt8: UInt8] = [
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C,
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]

    static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
