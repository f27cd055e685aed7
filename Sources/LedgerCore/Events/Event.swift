import CanonicalJSON
import Foundation

/// One fact of the catalogue: the fold and the decider switch over its cases. Each
/// case's payload states its type name (the `type` column and the file name under
/// `Schemas/events/`), its schema version and its stream (``EventPayload``).
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
    case tokenIssued(TokenIssued)
    case tokenRevoked(TokenRevoked)
    case ledgerKeyRegistered(LedgerKeyRegistered)
    case ledgerKeyRevoked(LedgerKeyRevoked)
    case checkpointSigned(CheckpointSigned)
    case witnessRegistered(WitnessRegistered)
    case witnessRemoved(WitnessRemoved)
    case witnessThresholdSet(WitnessThresholdSet)
    case checkpointCosigned(CheckpointCosigned)

    /// Every payload type, in catalogue order.
    public static let payloadTypes: [any EventPayload.Type] = [
        PartnershipEstablished.self, PartnerRegistered.self, ActorRegistered.self, ActorDeactivated.self,
        StrategicAssessmentRecorded.self, PlanAdopted.self, PriorityAdded.self, ActionCreated.self, ActionAssigned.self,
        ActionProgressed.self, ActionReviewed.self, ActionAmended.self, PlanReviewed.self, ActionCorrected.self,
        RulesAdopted.self, ClockBehindAccepted.self, TokenIssued.self, TokenRevoked.self, LedgerKeyRegistered.self,
        LedgerKeyRevoked.self, CheckpointSigned.self, WitnessRegistered.self, WitnessRemoved.self, WitnessThresholdSet.self,
        CheckpointCosigned.self,
    ]

    /// Every type name, in catalogue order.
    public static let typeNames = payloadTypes.map { $0.typeName }

    private static let payloadTypesByName = Dictionary(uniqueKeysWithValues: payloadTypes.map { ($0.typeName, $0) })

    /// The fact itself, which states its type, version and stream.
    public var payload: any EventPayload {
        switch self {
        case .partnershipEstablished(let e): e
        case .partnerRegistered(let e): e
        case .actorRegistered(let e): e
        case .actorDeactivated(let e): e
        case .strategicAssessmentRecorded(let e): e
        case .planAdopted(let e): e
        case .priorityAdded(let e): e
        case .actionCreated(let e): e
        case .actionAssigned(let e): e
        case .actionProgressed(let e): e
        case .actionReviewed(let e): e
        case .actionAmended(let e): e
        case .planReviewed(let e): e
        case .actionCorrected(let e): e
        case .rulesAdopted(let e): e
        case .clockBehindAccepted(let e): e
        case .tokenIssued(let e): e
        case .tokenRevoked(let e): e
        case .ledgerKeyRegistered(let e): e
        case .ledgerKeyRevoked(let e): e
        case .checkpointSigned(let e): e
        case .witnessRegistered(let e): e
        case .witnessRemoved(let e): e
        case .witnessThresholdSet(let e): e
        case .checkpointCosigned(let e): e
        }
    }

    /// The `type` column.
    public var typeName: String { type(of: payload).typeName }

    /// The version of the payload's shape this release writes.
    public var schemaVersion: Int { type(of: payload).schemaVersion }

    /// The stream the event belongs to: one per thing it is about (`action-SOC-3`).
    public var streamID: StreamID { payload.streamID }

    /// The action this event is about, if any.
    public var action: ActionID? { streamID.action }

    /// The payload as canonical JSON (sorted keys, no spaces, absent optionals left out).
    public func canonicalPayload() -> String {
        do {
            return try JSONValueEncoder().encode(payload).canonical
        } catch {
            preconditionFailure("event payloads always encode: \(error)")
        }
    }

    /// Decodes a stored payload of the given type and schema version, upcasting an
    /// earlier version (``Upcasting``) to the current one.
    /// - Throws: ``EventDecodingError`` for an unknown type or version or a payload that
    ///   does not match its type.
    public init(type: String, schemaVersion: Int, payload: some Sequence<UInt8>) throws(EventDecodingError) {
        guard let payloadType = Event.payloadTypesByName[type] else {
            throw EventDecodingError(type: type, reason: "the event type is not known to this release")
        }
        guard (1...payloadType.schemaVersion).contains(schemaVersion) else {
            throw EventDecodingError(type: type, reason: "schema version \(schemaVersion) is not known to this release")
        }
        let bytes = Array(payload)
        func decode<T: Decodable>(_: T.Type) throws(EventDecodingError) -> T {
            do { return try CanonicalJSONDecoder().decode(T.self, from: bytes) } catch {
                throw EventDecodingError(type: type, reason: "payload does not match the type: \(error)")
            }
        }
        if let earlier = Upcasting.earlierShape(of: type, version: schemaVersion) {
            self = try decode(earlier).upcast.event
        } else {
            self = try decode(payloadType).event
        }
    }
}

/// A stored event this release cannot read.
public struct EventDecodingError: Error, Sendable, CustomStringConvertible {
    public let type: String
    public let reason: String
    public var description: String { "cannot read a \(type) event: \(reason)" }
}
