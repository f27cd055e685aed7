/// The partnership is created by `init`; its zone fixes what a date means.
///
/// Schema version 2 added `testClock` (the ledger's clock may be set by its maker, as
/// `init --test-clock` and `demo` allow, so its recording times prove nothing) and
/// `rules` (the version of the rules its events follow from position 1). Version 1
/// payloads read as a ledger with the system clock under rules version 1.
public struct PartnershipEstablished: EventPayload {
    public static let typeName = "PartnershipEstablished"
    public static let schemaVersion = 2
    public var streamID: StreamID { .partnership }
    public var event: Event { .partnershipEstablished(self) }

    public var name: String
    public var timeZone: String
    public var testClock: Bool
    public var rules: Int
    public init(name: String, timeZone: String, testClock: Bool, rules: Int) {
        (self.name, self.timeZone, self.testClock, self.rules) = (name, timeZone, testClock, rules)
    }
}

/// A partner organisation joins the partnership.
public struct PartnerRegistered: EventPayload {
    public static let typeName = "PartnerRegistered"
    public var streamID: StreamID { .partner(partner) }
    public var event: Event { .partnerRegistered(self) }

    public var partner: PartnerID
    public var name: String
    /// A statutory "responsible authority" (police, fire, NHS, councils, probation).
    public var responsibleAuthority: Bool
    public init(partner: PartnerID, name: String, responsibleAuthority: Bool) {
        (self.partner, self.name, self.responsibleAuthority) = (partner, name, responsibleAuthority)
    }
}

/// A person who may act in the ledger, for one partner, in one role.
public struct ActorRegistered: EventPayload {
    public static let typeName = "ActorRegistered"
    public var streamID: StreamID { .actor(actor) }
    public var event: Event { .actorRegistered(self) }

    public var actor: ActorID
    public var name: String
    public var partner: PartnerID
    public var role: Role
    public init(actor: ActorID, name: String, partner: PartnerID, role: Role) {
        (self.actor, self.name, self.partner, self.role) = (actor, name, partner, role)
    }
}

/// An actor stops acting; their past events stay theirs.
public struct ActorDeactivated: EventPayload {
    public static let typeName = "ActorDeactivated"
    public var streamID: StreamID { .actor(actor) }
    public var event: Event { .actorDeactivated(self) }

    public var actor: ActorID
    public var reason: String?
    public init(actor: ActorID, reason: String?) { (self.actor, self.reason) = (actor, reason) }
}
