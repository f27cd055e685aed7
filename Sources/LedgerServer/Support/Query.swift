import Hummingbird
import LedgerCore
import LedgerStore

/// A request's query parameters, read as the command line reads the same options.
struct Query {
    let request: Request
    let ledger: Ledger

    init(_ request: Request, ledger: Ledger) { (self.request, self.ledger) = (request, ledger) }

    func string(_ name: String) -> String? { request.uri.queryParameters[Substring(name)].map(String.init) }

    /// A date or instant, a date meaning the start or end of its day in the partnership's zone.
    func instant(_ name: String, _ boundary: PartnershipCalendar.DayBoundary) throws -> Instant? {
        guard let text = string(name), !text.isEmpty else { return nil }
        do { return try ledger.calendar.instant(from: text, dateMeans: boundary) } catch {
            throw LedgerError(.invalidInput, "\(name): \(error.message)")
        }
    }

    /// A whole number from `range`.
    func integer<T: FixedWidthInteger>(_ name: String, in range: ClosedRange<T>) throws -> T? {
        guard let text = string(name) else { return nil }
        guard let value = T(text), range.contains(value) else {
            throw ServerError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `true` or `false`; false when absent.
    func flag(_ name: String) throws -> Bool {
        switch string(name) {
        case nil, "false": false
        case "true": true
        default: throw ServerError(.badRequest, "\(name) must be true or false")
        }
    }

    /// The part of the plan asked for with `plan`, `priority`, `partner` or `action`
    /// (at most one), as `state --plan ID` and the others read it; nil for the whole plan.
    func scope() throws -> PlanScope? {
        let scopes = try PlanScope.named(
            plan: string("plan"), priority: string("priority"), partner: string("partner"), action: string("action"))
        guard scopes.count <= 1 else { throw ServerError(.badRequest, "give one of plan, priority, partner or action") }
        return scopes.first
    }

    /// An id of the kind `K`.
    func identifier<K>(_ name: String) throws -> Identifier<K>? {
        try string(name).map { try Identifier<K>($0) }
    }
}
