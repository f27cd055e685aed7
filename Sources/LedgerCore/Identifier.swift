/// An id chosen by people (`SOC-3`, `kent-police`), typed by the kind of thing it names.
///
/// The kind keeps a partner id from being passed where an action id is meant; the
/// rule (1–64 ASCII letters, digits, `.`, `_`, `-`, starting with a letter or digit) is
/// checked once, where the id enters the ledger.
public struct Identifier<Kind: IdentifierKind>: Hashable, Comparable, Sendable, TextCoded,
    CustomStringConvertible
{
    public let rawValue: String

    /// Accepts only ids that follow the id rule.
    /// - Throws: ``LedgerError`` `.invalidInput` naming the kind and the rule.
    public init(_ rawValue: String) throws(LedgerError) {
        guard Self.isValid(rawValue) else {
            throw .invalid(
                "\(Kind.noun) id '\(rawValue.printable)' is not valid: use 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"
            )
        }
        self.rawValue = rawValue
    }

    /// For ids read back from the ledger, which were checked when written.
    public init(trusted rawValue: String) { self.rawValue = rawValue }

    public init(text: String) throws(LedgerError) { try self.init(text) }
    public var text: String { rawValue }

    public var description: String { rawValue }

    /// Code-point order, so that sorted output is the same on every platform.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        // UTF-8 byte order is code point order, and quicker to compare.
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    static func isValid(_ raw: String) -> Bool {
        let bytes = Array(raw.utf8)
        guard (1...64).contains(bytes.count), isAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}

/// The kinds of things that carry people-chosen ids.
public protocol IdentifierKind: Sendable {
    /// How messages name the kind: "partner", "action".
    static var noun: String { get }
}

public enum PartnerKind: IdentifierKind { public static let noun = "partner" }
public enum ActorKind: IdentifierKind { public static let noun = "actor" }
public enum AssessmentKind: IdentifierKind { public static let noun = "assessment" }
public enum PlanKind: IdentifierKind { public static let noun = "plan" }
public enum PriorityKind: IdentifierKind { public static let noun = "priority" }
public enum ActionKind: IdentifierKind { public static let noun = "action" }
public enum TokenKind: IdentifierKind { public static let noun = "token" }

public typealias PartnerID = Identifier<PartnerKind>
public typealias ActorID = Identifier<ActorKind>
public typealias AssessmentID = Identifier<AssessmentKind>
public typealias PlanID = Identifier<PlanKind>
public typealias PriorityID = Identifier<PriorityKind>
public typealias ActionID = Identifier<ActionKind>
/// The id of an access token: the ledger chooses it (``TokenIssued``), not people.
public typealias TokenID = Identifier<TokenKind>

extension String {
    /// The string with control and invisible formatting characters escaped, safe to
    /// quote in a one-line message.
    var printable: String {
        var out = ""
        for scalar in unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return unicodeScalars.count > 80 ? out + "…" : out
    }
}
