/// An object's members, looked up by key among the offsets found once.
struct KeyedByteContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ByteDecoder
    let members: [(key: Range<Int>, value: Int)]
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        members.compactMap { Key(stringValue: String(decoding: decoder.bytes[$0.key], as: UTF8.self)) }
    }

    private func offset(_ key: Key) -> Int? {
        let name = key.stringValue.utf8
        return members.first { name.elementsEqual(decoder.bytes[$0.key]) }?.value
    }

    private func value(_ key: Key) throws -> ByteDecoder {
        guard let offset = offset(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for \"\(key.stringValue)\""))
        }
        return decoder.at(offset, key)
    }

    // The common types directly, without the generic path's dynamic casts.
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).string() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).integer(Int.self) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).integer(Int64.self) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).bool() }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let offset = offset(key) else { return nil }
        let value = decoder.at(offset, key)
        return value.isNull ? nil : try value.string()
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let offset = offset(key) else { return nil }
        let value = decoder.at(offset, key)
        return value.isNull ? nil : try value.integer(Int.self)
    }

    func contains(_ key: Key) -> Bool { offset(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decode(type) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = offset(key) else { return nil }
        let value = decoder.at(offset, key)
        return value.isNull ? nil : try value.decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    { try value(key).container(keyedBy: type) }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try value(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
}

/// An array's elements, in order.
struct UnkeyedByteContainer: UnkeyedDecodingContainer {
    let decoder: ByteDecoder
    let elements: [Int]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(decoder: ByteDecoder, elements: [Int]) {
        self.decoder = decoder
        self.elements = elements
    }

    private mutating func next() throws -> ByteDecoder {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the array has no more elements"))
        }
        defer { currentIndex += 1 }
        return decoder.at(elements[currentIndex], IndexKey(intValue: currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, decoder.at(elements[currentIndex], IndexKey(intValue: currentIndex)).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().string() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try next() }
}

/// One value, as a string, number, boolean or null.
struct SingleValueByteContainer: SingleValueDecodingContainer {
    let decoder: ByteDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    func decodeNil() -> Bool { decoder.isNull }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
    func decode(_ type: String.Type) throws -> String { try decoder.string() }
}
