/// Event payloads as earlier schema versions wrote them, and how each becomes the
/// current version on reading. The log keeps every event as written, forever; only
/// readers change.
enum Upcasting {
    /// The current schema version of each event type; a type not listed is at 1.
    static let currentVersions: [String: Int] = ["ActionProgressed": 2, "PartnershipEstablished": 2]

    static func currentVersion(of type: String) -> Int { currentVersions[type] ?? 1 }
}

/// `ActionProgressed` version 1: before `evidence`.
struct ActionProgressedV1: Codable {
    var action: ActionID
    var status: ActionStatus
    var note: String?
    var percent: Int?

    var upcast: ActionProgressed { ActionProgressed(action: action, status: status, note: note, percent: percent, evidence: []) }
}

/// `PartnershipEstablished` version 1: before the test clock and the rules version.
struct PartnershipEstablishedV1: Codable {
    var name: String
    var timeZone: String

    var upcast: PartnershipEstablished { PartnershipEstablished(name: name, timeZone: timeZone, testClock: false, rules: 1) }
}
