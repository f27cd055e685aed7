/// Encodes `Encodable` values straight to ``JSONValue``, whose ``JSONValue/canonical``
/// text is what is stored and hashed.
///
/// The ledger encodes every appended event once; going through Foundation's
/// `JSONEncoder` and parsing its bytes back cost more than the rest of the append.
/// Numbers are whole, as everywhere in ``JSONValue``; absent optionals are left out.
public struct JSONValueEncoder {
    public init() {}

    /// - Throws: `EncodingError` for a fractional number or one beyond 64 bits, which
    ///   ``JSONValue`` does not hold.
    public func encode(_ value: some Encodable) throws -> JSONValue {
        let node = Node()
        try ValueEncoder(node: node, codingPath: []).encode(value)
        return node.json
    }
}

/// One value being built: set once, or filled member by member.
final class Node {
    enum Content {
        case unset
        case value(JSONValue)
        case object([String: Node])
        case array([Node])
    }

    var content = Content.unset

    var json: JSONValue {
        switch content {
        case .unset: .object([:])
        case .value(let value): value
        case .object(let members): .object(members.mapValues(\.json))
        case .array(let items): .array(items.map(\.json))
        }
    }

    func add(_ key: String) -> Node {
        let child = Node()
        if case .object(var members) = content {
            content = .unset
            members[key] = child
            content = .object(members)
        } else {
            content = .object([key: child])
        }
        return child
    }

    func append() -> Node {
        let child = Node()
        if case .array(var items) = content {
            content = .unset
            items.append(child)
            content = .array(items)
        } else {
            content = .array([child])
        }
        return child
    }
}

struct ValueEncoder: Encoder {
    let node: Node
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func encode<T: Encodable>(_ value: T) throws {
        switch value {
        case let string as String: node.content = .value(.string(string))
        case let bool as Bool: node.content = .value(.bool(bool))
        case let int as Int: node.content = .value(.int(Int64(int)))
        case let int as Int64: node.content = .value(.int(int))
        case let int as any BinaryInteger:
            guard let exact = Int64(exactly: int) else {
                throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "\(int) does not fit 64 bits"))
            }
            node.content = .value(.int(exact))
        case is any BinaryFloatingPoint:
            throw EncodingError.invalidValue(
                value, .init(codingPath: codingPath, debugDescription: "canonical JSON holds whole numbers only"))
        default: try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .unset = node.content { node.content = .object([:]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unset = node.content { node.content = .array([]) }
        return UnkeyedNodeContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueNodeContainer(encoder: self) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    private func child(_ key: Key) -> ValueEncoder {
        ValueEncoder(node: encoder.node.add(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try child(key).encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    { child(key).container(keyedBy: keyType) }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { child(key).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { child(key) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder
    var count = 0
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(encoder: ValueEncoder) { self.encoder = encoder }

    private mutating func next() -> ValueEncoder {
        defer { count += 1 }
        return ValueEncoder(node: encoder.node.append(), codingPath: codingPath + [IndexKey(intValue: count)])
    }

    mutating func encodeNil() throws { next().node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try next().encode(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        next().container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { next().unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { next() }
}

struct SingleValueNodeContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    mutating func encodeNil() throws { encoder.node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encode(value) }
}
