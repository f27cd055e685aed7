/// Appends the fields of a snapshot: integers as zigzag varints, strings as their
/// length and UTF-8 bytes, optionals behind a presence byte.
struct SnapshotWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int64) {
        var rest = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func string(_ value: String) {
        int(Int64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }
    mutating func instant(_ value: Instant) { int(value.millisecondsSince1970) }
    mutating func date(_ value: LocalDate) { int(value.daysSince1970) }
    mutating func id<K>(_ value: Identifier<K>) { string(value.rawValue) }

    mutating func optional<T>(_ value: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    /// A dictionary of records, in id order so that equal plans give equal bytes.
    mutating func records<K, V>(_ records: [Identifier<K>: V], _ write: (inout SnapshotWriter, V) -> Void) {
        int(Int64(records.count))
        // The ids are sorted, not the records, which are large to move.
        for id in records.keys.sorted() {
            self.id(id)
            write(&self, records[id]!)
        }
    }
}

/// Reads what ``SnapshotWriter`` wrote, refusing anything else.
struct SnapshotReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func byte() throws -> UInt8 {
        guard index < bytes.count else { throw SnapshotError() }
        defer { index += 1 }
        return bytes[index]
    }

    mutating func int() throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try byte()
            guard shift < 64 else { throw SnapshotError() }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, count <= bytes.count - index else { throw SnapshotError() }
        defer { index += Int(count) }
        guard let string = String(validating: bytes[index..<index + Int(count)], as: UTF8.self) else { throw SnapshotError() }
        return string
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw SnapshotError()
        }
    }

    mutating func instant() throws -> Instant { Instant(millisecondsSince1970: try int()) }
    mutating func date() throws -> LocalDate {
        // Years 1 to 9999, which is every date the ledger writes.
        let days = try int()
        guard (-719_162...2_932_896).contains(days) else { throw SnapshotError() }
        return LocalDate(daysSince1970: days)
    }

    /// A count of items that follow, each at least one byte long.
    mutating func count() throws -> Int {
        let count = try int()
        guard count >= 0, count <= bytes.count - index else { throw SnapshotError() }
        return Int(count)
    }
    mutating func id<K>() throws -> Identifier<K> { Identifier(trusted: try string()) }

    mutating func raw<T: RawRepresentable<String>>(_: T.Type) throws -> T {
        guard let value = T(rawValue: try string()) else { throw SnapshotError() }
        return value
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func records<K, V>(_ read: (inout SnapshotReader, Identifier<K>) throws -> V) throws
        -> [Identifier<K>: V]
    {
        let count = try count()
        var records: [Identifier<K>: V] = Dictionary(minimumCapacity: count)
        for _ in 0..<count {
            let id: Identifier<K> = try self.id()
            records[id] = try read(&self, id)
        }
        return records
    }
}
