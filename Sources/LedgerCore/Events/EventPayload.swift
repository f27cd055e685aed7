/// The payload of one event type, stating once what the log needs to know of it: its
/// type name, the version of its shape, its stream and its case in ``Event``.
///
/// ``Event`` reads all of these through the payload, so adding an event type means its
/// own file, its case in ``Event`` (and in ``Event/payloadTypes``) and its meaning in
/// the fold, not a line in every switch over the catalogue.
public protocol EventPayload: Codable, Equatable, Sendable {
    /// The `type` column, and the name of the event's schema under `Schemas/events/`.
    /// The names are the contract: they never change.
    static var typeName: String { get }

    /// The version of the payload's shape this release writes; 1 unless the type
    /// states another. Earlier versions are read through ``Upcasting``.
    static var schemaVersion: Int { get }

    /// The stream the event belongs to: one per thing it is about.
    var streamID: StreamID { get }

    /// The payload as its case of the catalogue.
    var event: Event { get }
}

extension EventPayload {
    public static var schemaVersion: Int { 1 }
}

/// The payload of an event about one action, whose stream is the action's.
public protocol ActionEventPayload: EventPayload {
    var action: ActionID { get }
}

extension ActionEventPayload {
    public var streamID: StreamID { .action(action) }
}
