import CanonicalJSON
import Foundation

/// One fact of the v1 catalogue. The case names are the contract: they are the `type`
/// column of the log and the file names under `Schemas/`.
public enum Event: Equatable, Sendable {
    case partnershipEstablished(PartnershipEstablished)
    case partnerRegistered(PartnerRegistered)
    case actorRegistered(ActorRegistered)
    case actorDeactivated(ActorDeactivated)
    case strategicAssessmentRecorded(StrategicAssessmentRecorded)
    case planAdopted(PlanAdopted)
    case priorityAdded(PriorityAdded)
    case actionCreated(ActionCreated)
    case actionAssigned(ActionAssigned)
    case actionProgressed(ActionProgressed)
    case actionReviewed(ActionReviewed)
    case actionAmended(ActionAmended)
    case planReviewed(PlanReviewed)
    case actionCorrected(ActionCorrected)
    case rulesAdopted(RulesAdopted)
    case clockBehindAccepted(ClockBehindAccepted)

    /// Every type name, in catalogue order.
    public static let typeNames = [
        "PartnershipEstablished", "PartnerRegistered", "ActorRegistered", "ActorDeactivated",
        "StrategicAssessmentRecorded", "PlanAdopted", "PriorityAdded", "ActionCreated", "ActionAssigned",
        "ActionProgressed", "ActionReviewed", "ActionAmended", "PlanReviewed", "ActionCorrected",
        "RulesAdopted", "ClockBehindAccepted",
    ]

    /// The `type` column.
    public var typeName: String {
        switch self {
        case .partnershipEstablished: "PartnershipEstablished"
        case .partnerRegistered: "PartnerRegistered"
        case .actorRegistered: "ActorRegistered"
        case .actorDeactivated: "ActorDeactivated"
        case .strategicAssessmentRecorded: "StrategicAssessmentRecorded"
        case .planAdopted: "PlanAdopted"
        case .priorityAdded: "PriorityAdded"
        case .actionCreated: "ActionCreated"
        case .actionAssigned: "ActionAssigned"
        case .actionProgressed: "ActionProgressed"
        case .actionReviewed: "ActionReviewed"
        case .actionAmended: "ActionAmended"
        case .planReviewed: "PlanReviewed"
        case .actionCorrected: "ActionCorrected"
        case .rulesAdopted: "RulesAdopted"
        case .clockBehindAccepted: "ClockBehindAccepted"
        }
    }

    /// The version of the payload's shape this release writes.
    public var schemaVersion: Int { Upcasting.currentVersion(of: typeName) }

    /// The stream the event belongs to: one per thing it is about (`action-SOC-3`).
    public var streamID: String {
        switch self {
        case .partnershipEstablished, .rulesAdopted, .clockBehindAccepted: "partnership"
        case .partnerRegistered(let e): "partner-\(e.partner)"
        case .actorRegistered(let e): "actor-\(e.actor)"
        case .actorDeactivated(let e): "actor-\(e.actor)"
        case .strategicAssessmentRecorded(let e): "assessment-\(e.assessment)"
        case .planAdopted(let e): "plan-\(e.plan)"
        case .planReviewed(let e): "plan-\(e.plan)"
        case .priorityAdded(let e): "priority-\(e.priority)"
        case .actionCreated(let e): Event.streamID(of: e.action)
        case .actionAssigned(let e): Event.streamID(of: e.action)
        case .actionProgressed(let e): Event.streamID(of: e.action)
        case .actionReviewed(let e): Event.streamID(of: e.action)
        case .actionAmended(let e): Event.streamID(of: e.action)
        case .actionCorrected(let e): Event.streamID(of: e.action)
        }
    }

    public static func streamID(of action: ActionID) -> String { "action-\(action)" }

    /// The action this event is about, if any.
    public var action: ActionID? {
        switch self {
        case .actionCreated(let e): e.action
        case .actionAssigned(let e): e.action
        case .actionProgressed(let e): e.action
        case .actionReviewed(let e): e.action
        case .actionAmended(let e): e.action
        case .actionCorrected(let e): e.action
        default: nil
        }
    }

    /// The payload as canonical JSON (sorted keys, no spaces, absent optionals left out).
    public func canonicalPayload() -> String {
        do {
            return try withPayload { try JSONValueEncoder().encode($0) }.canonical
        } catch {
            preconditionFailure("event payloads always encode: \(error)")
        }
    }

    private func withPayload<R>(_ body: (any Encodable) throws -> R) rethrows -> R {
        switch self {
        case .partnershipEstablished(let e): try body(e)
        case .partnerRegistered(let e): try body(e)
        case .actorRegistered(let e): try body(e)
        case .actorDeactivated(let e): try body(e)
        case .strategicAssessmentRecorded(let e): try body(e)
        case .planAdopted(let e): try body(e)
        case .priorityAdded(let e): try body(e)
        case .actionCreated(let e): try body(e)
        case .actionAssigned(let e): try body(e)
        case .actionProgressed(let e): try body(e)
        case .actionReviewed(let e): try body(e)
        case .actionAmended(let e): try body(e)
        case .planReviewed(let e): try body(e)
        case .actionCorrected(let e): try body(e)
        case .rulesAdopted(let e): try body(e)
        case .clockBehindAccepted(let e): try body(e)
        }
    }

    /// Decodes a stored payload of the given type and schema version.
    /// - Throws: ``EventDecodingError`` for an unknown type or version or a payload that
    ///   does not match its type.
    public init(type: String, schemaVersion: Int, payload: some Sequence<UInt8>) throws(EventDecodingError) {
        guard (1...Upcasting.currentVersion(of: type)).contains(schemaVersion) else {
            throw EventDecodingError(type: type, reason: "schema version \(schemaVersion) is not known to this release")
        }
        let bytes = Array(payload)
        func decode<T: Decodable>(_: T.Type) throws(EventDecodingError) -> T {
            do { return try CanonicalJSONDecoder().decode(T.self, from: bytes) } catch {
                throw EventDecodingError(type: type, reason: "payload does not match the type: \(error)")
            }
        }
        switch type {
        case "PartnershipEstablished" where schemaVersion == 1:
            self = .partnershipEstablished(try decode(PartnershipEstablishedV1.self).upcast)
        case "PartnershipEstablished": self = .partnershipEstablished(try decode(PartnershipEstablished.self))
        case "PartnerRegistered": self = .partnerRegistered(try decode(PartnerRegistered.self))
        case "ActorRegistered": self = .actorRegistered(try decode(ActorRegistered.self))
        case "ActorDeactivated": self = .actorDeactivated(try decode(ActorDeactivated.self))
        case "StrategicAssessmentRecorded": self = .strategicAssessmentRecorded(try decode(StrategicAssessmentRecorded.self))
        case "PlanAdopted": self = .planAdopted(try decode(PlanAdopted.self))
        case "PriorityAdded": self = .priorityAdded(try decode(PriorityAdded.self))
        case "ActionCreated": self = .actionCreated(try decode(ActionCreated.self))
        case "ActionAssigned": self = .actionAssigned(try decode(ActionAssigned.self))
        case "ActionProgressed" where schemaVersion == 1: self = .actionProgressed(try decode(ActionProgressedV1.self).upcast)
        case "ActionProgressed": self = .actionProgressed(try decode(ActionProgressed.self))
        case "ActionReviewed": self = .actionReviewed(try decode(ActionReviewed.self))
        case "ActionAmended": self = .actionAmended(try decode(ActionAmended.self))
        case "PlanReviewed": self = .planReviewed(try decode(PlanReviewed.self))
        case "ActionCorrected": self = .actionCorrected(try decode(ActionCorrected.self))
        case "RulesAdopted": self = .rulesAdopted(try decode(RulesAdopted.self))
        case "ClockBehindAccepted": self = .clockBehindAccepted(try decode(ClockBehindAccepted.self))
        default: throw EventDecodingError(type: type, reason: "the event type is not known to this release")
        }
    }
}

/// A stored event this release cannot read.
public struct EventDecodingError: Error, Sendable, CustomStringConvertible {
    public let type: String
    public let reason: String
    public var description: String { "cannot read a \(type) event: \(reason)" }
}
