/// Finds rule shapes the explanation renderer cannot name: it describes a condition inside and/or/!
/// (and an operand of a comparison) by a short name, and for a three-argument comparison
/// (`{"<=": [1, x, 3]}`) or an `if` that naming loops forever. Until the renderer handles them,
/// a criterion refuses such rules with a hint, rather than crash when a page explains them.
enum RenderSafety {
    /// The JSON pointer of the first unsafe part, or nil.
    static func unsafePart(of rule: JSONValue) -> String? {
        visit(rule, pointer: "", named: false)
    }

    private static let iterating: Set<String> = ["map", "filter", "reduce", "all", "none", "some"]

    private static func visit(_ json: JSONValue, pointer: String, named: Bool) -> String? {
        if case .array(let items) = json {
            for (i, item) in items.enumerated() {
                if let bad = visit(item, pointer: "\(pointer)/\(i)", named: named) { return bad }
            }
            return nil
        }
        guard case .object(let object) = json, object.count == 1, let (op, argument) = object.entries.first else {
            return nil
        }
        let args = argument.arrayValue ?? [argument]
        let isBetween = (op == "<" || op == "<=") && args.count == 3
        if named, isBetween || op == "if" || op == "?:" { return pointer }
        if op == "var" || op == "missing" || op == "missing_some" { return nil }
        // An `if` passes its own position on to its tests and branches (a top-level `if` is split
        // into sentences by `RuleReading`); everything else names its arguments.
        let childNamed = (op == "if" || op == "?:") ? named : true
        let here = pointer + "/" + op
        for (i, arg) in args.enumerated() {
            // Iterating bodies read elements and are not named in sentences.
            if iterating.contains(op), i > 0 { break }
            let at = argument.arrayValue == nil ? here : "\(here)/\(i)"
            if let bad = visit(arg, pointer: at, named: childNamed) { return bad }
        }
        return nil
    }
}
