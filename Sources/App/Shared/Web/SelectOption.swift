/// One `<option>` of a select list in a page model.
struct SelectOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}
