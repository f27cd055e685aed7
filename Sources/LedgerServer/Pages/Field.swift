/// One field of a page's form as its template shows it: label, hint, error and the
/// value to show again (what was typed, after a refusal).
///
/// Stored properties only: the templates read them by reflection.
struct Field: Sendable {
    enum Kind: Sendable {
        case text, numeric, date, password, textarea
        case select([Option])
        case checkboxes([Option])
    }

    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    let id: String
    let name: String
    let label: String
    let hint: String?
    private(set) var value: String
    private(set) var error: String?
    /// The ids of the hint and the error, for the control's `aria-describedby`.
    private(set) var describedBy: String?
    private(set) var type: String
    private(set) var numeric: Bool
    let autocomplete: String?
    private(set) var isInput: Bool
    private(set) var isTextarea: Bool
    private(set) var isSelect: Bool
    private(set) var isChoices: Bool
    private(set) var options: [Option]

    /// - Parameters:
    ///   - form: the form's id, which the control's id starts with (ids are unique on a page).
    ///   - values: the values to show: one for most fields, each checked one for checkboxes.
    init(
        form: String, name: String, label: String, hint: String? = nil, kind: Kind, values: [String] = [], autocomplete: String? = nil
    ) {
        (id, self.name, self.label, self.hint, self.autocomplete) = ("\(form)-\(name)", name, label, hint, autocomplete)
        value = values.first ?? ""
        (isInput, isTextarea, isSelect, isChoices, numeric) = (false, false, false, false, false)
        type = {
            switch kind {
            case .date: "date"
            case .password: "password"
            default: "text"
            }
        }()
        options = []
        switch kind {
        case .text, .date, .password: isInput = true
        case .numeric: (isInput, numeric) = (true, true)
        case .textarea: isTextarea = true
        case .select(let choices):
            isSelect = true
            options = choices.map { Option(value: $0.value, label: $0.label, selected: $0.value == value) }
        case .checkboxes(let choices):
            isChoices = true
            options = choices.map { Option(value: $0.value, label: $0.label, selected: values.contains($0.value)) }
        }
        describe()
    }

    /// Shows `message` beside the field.
    mutating func fail(_ message: String) {
        error = message
        describe()
    }

    private mutating func describe() {
        let ids = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}
