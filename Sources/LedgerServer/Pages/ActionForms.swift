import Foundation
import LedgerCore

/// The action page's forms, one per ``ActionWrite``: who may use each, its fields and
/// how they become the API's JSON body. A form shows the action's values to start
/// with, and after a refusal what was typed.
extension ActionWrite {
    /// Who may use the form (the decider checks again, as for the API).
    var roles: [Role] { self == .progress ? [.lead, .contributor] : [.coordinator] }

    var title: String {
        switch self {
        case .progress: "Report progress"
        case .review: "Review the action"
        case .assign: "Assign the action"
        case .amend: "Amend the title or due date"
        }
    }

    var submit: String {
        switch self {
        case .progress: "Report progress"
        case .review: "Record the review"
        case .assign: "Assign"
        case .amend: "Amend"
        }
    }

    /// What the page says once the write is recorded.
    var done: String {
        switch self {
        case .progress: "Your progress report is recorded."
        case .review: "The review is recorded."
        case .assign: "The assignment is recorded."
        case .amend: "The amendment is recorded."
        }
    }

    /// The form's fields as the body's values.
    var values: [(name: String, value: PageForm.Value)] {
        let own: [(String, PageForm.Value)] =
            switch self {
            case .progress: [("status", .text), ("percent", .integer), ("note", .text), ("evidence", .lines)]
            case .review: [("outcome", .text), ("note", .text), ("nextReview", .text)]
            case .assign: [("lead", .text), ("support", .list), ("owner", .text)]
            case .amend: [("title", .text), ("due", .text)]
            }
        return own + [("effective", .text)]
    }

    /// The field a refusal's message is about: the first of the form's fields it names
    /// (`percent 150 is out of range`), or nil for a refusal of the whole form.
    func field(namedIn message: String) -> String? {
        let words = Set(message.lowercased().split { !$0.isLetter }.map(String.init))
        let text = message.lowercased()
        return values.map(\.name).first { name in
            name == "nextReview" ? text.contains("next review") : words.contains(name.lowercased())
        }
    }

    /// The form's fields for `action`, with `form`'s values after a refusal.
    func fields(_ action: ActionRecord, in state: PlanState, typed form: FormBody?) -> [Field] {
        let id = rawValue
        func values(_ name: String, _ initial: [String]) -> [String] {
            guard let form else { return initial }
            return self.values.first { $0.name == name }?.value == .list ? form.all(name) : [form[name] ?? ""]
        }
        let effective = Field(
            form: id, name: "effective", label: "When it happened (optional)",
            hint: "A day before today, if this is recorded late; leave empty for now.", kind: .date, values: values("effective", []))
        let partners = state.partners.values.sorted { $0.id < $1.id }
        switch self {
        case .progress:
            let statuses = ActionStatus.allCases.filter { $0 != .withdrawn }.map {
                Field.Option(value: $0.rawValue, label: "\($0.rawValue) (\($0.rag.word))", selected: false)
            }
            return [
                Field(
                    form: id, name: "status", label: "Status", kind: .select(statuses), values: values("status", [action.status.rawValue])),
                Field(
                    form: id, name: "percent", label: "Percent complete (optional)", hint: "A whole number from 0 to 100.", kind: .numeric,
                    values: values("percent", [])),
                Field(
                    form: id, name: "note", label: "Note (optional)", hint: "What happened; partners and the board read it.",
                    kind: .textarea, values: values("note", [])),
                Field(
                    form: id, name: "evidence", label: "Evidence (optional)", hint: "Links or references, one a line.", kind: .textarea,
                    values: values("evidence", [])),
                effective,
            ]
        case .review:
            let outcomes =
                [Field.Option(value: "", label: "Choose an outcome", selected: false)]
                + ReviewOutcome.allCases.map { Field.Option(value: $0.rawValue, label: $0.rawValue, selected: false) }
            return [
                Field(form: id, name: "outcome", label: "Outcome", kind: .select(outcomes), values: values("outcome", [])),
                Field(form: id, name: "note", label: "Note (optional)", kind: .textarea, values: values("note", [])),
                Field(
                    form: id, name: "nextReview", label: "Next review (optional)",
                    hint: "A day after this review" + (action.nextReview.map { "; now \($0.iso8601)" } ?? "") + ".", kind: .date,
                    values: values("nextReview", [])),
                effective,
            ]
        case .assign:
            let leads =
                [Field.Option(value: "", label: "Choose the lead partner", selected: false)]
                + partners.map { Field.Option(value: $0.id.rawValue, label: "\($0.name) (\($0.id))", selected: false) }
            let supporting = partners.map { Field.Option(value: $0.id.rawValue, label: "\($0.name) (\($0.id))", selected: false) }
            let owners =
                [Field.Option(value: "", label: "No named owner", selected: false)]
                + state.actors.values.filter(\.active).sorted { $0.id < $1.id }.map {
                    Field.Option(value: $0.id.rawValue, label: "\($0.name) (\($0.id), \($0.partner))", selected: false)
                }
            return [
                Field(
                    form: id, name: "lead", label: "Lead partner", kind: .select(leads),
                    values: values("lead", [action.lead?.rawValue ?? ""])),
                Field(
                    form: id, name: "support", label: "Supporting partners", kind: .checkboxes(supporting),
                    values: values("support", action.supporting.map(\.rawValue))),
                Field(
                    form: id, name: "owner", label: "Owner", kind: .select(owners), values: values("owner", [action.owner?.rawValue ?? ""])),
                effective,
            ]
        case .amend:
            return [
                Field(
                    form: id, name: "title", label: "New title (optional)", hint: "Now: \(action.title). Leave empty to keep it.",
                    kind: .text,
                    values: values("title", [])),
                Field(
                    form: id, name: "due", label: "New due date (optional)",
                    hint: "Now: \(action.due?.iso8601 ?? "none"). Leave empty to keep it.", kind: .date, values: values("due", [])),
                effective,
            ]
        }
    }
}
