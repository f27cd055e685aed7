/// The stream an event belongs to: one per thing it is about, each with its own version.
///
/// Its text is what the log stores and hashes (`partnership`, `partner-kent-police`,
/// `action-SOC-3`): the kind, then a dash and the thing's id, except for the
/// partnership's one stream, which is the kind alone. Streams are built from typed ids
/// (``action(_:)``) and read back from text only through ``init(text:)``, which checks
/// the text, so no other code builds or splits these strings.
public struct StreamID: Hashable, Sendable, CustomStringConvertible {
    /// What a stream is about; its raw value begins the stream's text.
    public enum Kind: String, CaseIterable, Sendable {
        case partnership, partner, actor, assessment, plan, priority, action, token

        /// Every stream text of this kind lies in this range, and no other stream's
        /// does: `action-…` sorts from `action-` to just below `action.` (`.` follows
        /// `-` in code-point order), so a store finds a kind's streams, or all the
        /// others, as ranges of an index on the text.
        public var texts: Range<String> {
            (self == .partnership ? rawValue : rawValue + "-")..<(rawValue + ".")
        }
    }

    public let kind: Kind
    /// The id of the thing, as the id rule allows it; nil for the partnership's stream.
    public let id: String?

    private init(kind: Kind, id: String?) { (self.kind, self.id) = (kind, id) }

    /// The partnership's one stream, of its establishment and the ledger's own events.
    public static let partnership = StreamID(kind: .partnership, id: nil)
    public static func partner(_ id: PartnerID) -> StreamID { StreamID(kind: .partner, id: id.rawValue) }
    public static func actor(_ id: ActorID) -> StreamID { StreamID(kind: .actor, id: id.rawValue) }
    public static func assessment(_ id: AssessmentID) -> StreamID { StreamID(kind: .assessment, id: id.rawValue) }
    public static func plan(_ id: PlanID) -> StreamID { StreamID(kind: .plan, id: id.rawValue) }
    public static func priority(_ id: PriorityID) -> StreamID { StreamID(kind: .priority, id: id.rawValue) }
    public static func action(_ id: ActionID) -> StreamID { StreamID(kind: .action, id: id.rawValue) }
    public static func token(_ id: TokenID) -> StreamID { StreamID(kind: .token, id: id.rawValue) }

    /// The action the stream is about, if it is an action's.
    public var action: ActionID? { kind == .action ? id.map(ActionID.init(trusted:)) : nil }

    /// The stream's text, as the log stores it.
    public var text: String { id.map { "\(kind.rawValue)-\($0)" } ?? kind.rawValue }

    public var description: String { text }

    /// Reads a stream's text: `partnership`, or a kind, a dash and an id.
    /// - Throws: ``LedgerError`` `.invalidInput` for an unknown kind, a partnership
    ///   stream with an id, or an id that breaks the id rule.
    public init(text: String) throws(LedgerError) {
        let dash = text.firstIndex(of: "-")
        let kindText = dash.map { String(text[..<$0]) } ?? text
        guard let kind = Kind(rawValue: kindText) else {
            throw .invalid(
                "stream '\(text.printable)' is not a stream: give partnership, or partner, actor, assessment, plan, priority, action or token, a dash and an id"
            )
        }
        guard let dash else {
            guard kind == .partnership else { throw .invalid("stream '\(text.printable)' names no id; give \(kind.rawValue)-ID") }
            self.init(kind: kind, id: nil)
            return
        }
        let id = String(text[text.index(after: dash)...])
        guard kind != .partnership else { throw .invalid("stream '\(text.printable)' is not a stream: the partnership's has no id") }
        // The id rule is the same for every kind.
        guard ActionID.isValid(id) else {
            throw .invalid(
                "stream '\(text.printable)' names an id that is not valid: use 1-64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit"
            )
        }
        self.init(kind: kind, id: id)
    }
}
