/// A JSON object written as it is made: each member is a value, or an array whose
/// elements are made one at a time while it is written, so a report of a quarter of a
/// large ledger never holds all its events as JSON at once.
///
/// ``writePretty(_:)`` writes exactly what ``value``'s ``JSONValue/writePretty(_:)``
/// writes; ``value`` builds the whole tree, for callers that need it (a server's
/// response, a test).
public struct JSONDocument: PrettyWritable {
    public enum Member {
        case value(JSONValue)
        /// The elements of an array, made afresh each time the closure is called.
        case elements(() -> AnyIterator<JSONValue>)
    }

    public var members: [String: Member]

    public init(_ members: [String: Member]) { self.members = members }

    /// The whole document as one value.
    public var value: JSONValue {
        .object(
            members.mapValues { member in
                switch member {
                case .value(let value): value
                case .elements(let elements): .array(Array(IteratorSequence(elements())))
                }
            })
    }

    /// ``JSONValue/writePretty(_:)`` of ``value``, making each array element only when
    /// it is written.
    public func writePretty(_ emit: (String) -> Void) {
        guard !members.isEmpty else { return JSONValue.object([:]).writePretty(emit) }
        var out = "{\n"
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (i, key) in keys.enumerated() {
            out += "  "
            JSONValue.writeString(key, to: &out, escapingDELAndC1: true)
            out += ": "
            switch members[key]! {
            case .value(let value): value.writePretty(to: &out, indent: "  ", emit: emit)
            case .elements(let elements):
                let iterator = elements()
                guard var element = iterator.next() else {
                    out += "[]"
                    break
                }
                out += "[\n"
                while true {
                    out += "    "
                    element.writePretty(to: &out, indent: "    ", emit: emit)
                    guard let following = iterator.next() else { break }
                    out += ",\n"
                    element = following
                }
                out += "\n  ]"
            }
            out += i < keys.count - 1 ? ",\n" : "\n"
        }
        out += "}"
        emit(out)
    }
}

/// What the command line prints as indented JSON, in pieces: a ``JSONValue``, or a
/// ``JSONDocument`` made as it is written.
public protocol PrettyWritable {
    /// The indented JSON, handed to `emit` in pieces.
    func writePretty(_ emit: (String) -> Void)
}

extension JSONValue: PrettyWritable {}
