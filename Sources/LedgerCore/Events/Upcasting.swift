/// Event payloads as earlier schema versions wrote them, and how each becomes the
/// current version on reading. The log keeps every event as written, forever; only
/// readers change. The current version of each type is its ``EventPayload/schemaVersion``.
enum Upcasting {
    /// The shape `type`'s payloads had at `version`, when that is an earlier version
    /// than the current one; nil for the current version.
    static func earlierShape(of type: String, version: Int) -> (any EarlierPayload.Type)? {
        switch (type, version) {
        case (ActionProgressed.typeName, 1): ActionProgressedV1.self
        case (PartnershipEstablished.typeName, 1): PartnershipEstablishedV1.self
        default: nil
        }
    }
}

/// A payload in the shape of an earlier schema version, and the current payload it
/// reads as.
protocol EarlierPayload: Codable {
    associatedtype Current: EventPayload
    var upcast: Current { get }
}

/// `ActionProgressed` version 1: before `evidence`.
struct ActionProgressedV1: EarlierPayload {
    var action: ActionID
    var status: ActionStatus
    var note: String?
    var percent: Int?

    var upcast: ActionProgressed { ActionProgressed(action: action, status: status, note: note, percent: percent, evidence: []) }
}

/// `PartnershipEstablished` version 1: before the test clock and the rules version.
struct PartnershipEstablishedV1: EarlierPayload {
    var name: String
    var timeZone: String

    var upcast: PartnershipEstablished { PartnershipEstablished(name: name, timeZone: timeZone, testClock: false, rules: 1) }
}
