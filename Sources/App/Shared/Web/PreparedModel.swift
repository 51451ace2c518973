import Foundation
import Mustache

/// A page model as swift-mustache should read it: every struct turned, once, into a keyed box.
///
/// Handed a plain struct, swift-mustache finds each `{{name}}` by reflecting the object — a new
/// `Mirror` and a walk over all of its fields for every tag, repeated for each object on the context
/// stack until one has the name (profiled: 29% of the public policy list's CPU). Preparing the model
/// reflects each struct once per render and answers every later lookup from a dictionary; what the
/// template sees is unchanged (`PreparedModelTests` renders pages both ways).
enum PreparedModel {
    /// `value` with its structs boxed, its optionals unwrapped (a `nil` field is simply absent, as it
    /// is to swift-mustache), and its arrays prepared element by element. Values a template prints
    /// or that answer lookups themselves (strings, numbers, enums, `MustacheParent`) stay as they are.
    static func prepare(_ value: Any) -> Any? {
        prepare(value, depth: 0)
    }

    private static func prepare(_ value: Any, depth: Int) -> Any? {
        switch value {
        case is String, is Int, is Int64, is Bool, is Double:
            return value
        case let optional as any AnyOptional:
            return optional.wrapped.flatMap { prepare($0, depth: depth) }
        case is any MustacheParent, is any MustacheCustomRenderable, is MustacheLambda:
            return value
        case let array as [Any]:
            return array.compactMap { prepare($0, depth: depth + 1) }
        case is any CustomStringConvertible:
            // Printed through its description (numbers, dates, enums that describe themselves).
            return value
        default:
            break
        }
        // A model is a tree of a few levels; the bound only guards against a cycle through a class.
        guard depth < 32 else { return value }
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .struct || mirror.displayStyle == .class else { return value }
        var fields: [String: Any] = [:]
        fields.reserveCapacity(Int(mirror.children.count))
        for child in mirror.children {
            if let label = child.label, let prepared = prepare(child.value, depth: depth + 1) {
                fields[label] = prepared
            }
        }
        return PreparedObject(fields: fields)
    }
}

/// A struct of the page model after `PreparedModel.prepare`: its fields by name.
struct PreparedObject: MustacheParent {
    let fields: [String: Any]
    func child(named name: String) -> Any? { fields[name] }
}

/// Lets `prepare` unwrap an optional held in `Any` without reflecting it.
private protocol AnyOptional {
    var wrapped: Any? { get }
}

extension Optional: AnyOptional {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}

// swift-mustache prints a value that is none of its own kinds through `String(describing:)`, after
// asking the Swift runtime whether it is a custom renderable, a lambda or an optional: for a string,
// three protocol lookups per `{{name}}` (the enterprise page's conditions and figures are hundreds;
// dynamic casts were 14% of its CPU in a profile). A string that renders itself is answered by the
// first lookup. The text is escaped all the same (`escapeText` runs on `renderText`), and a section
// on a string renders as before (`isNull` is false). Retroactive on purpose: should swift-mustache
// ship this conformance, the build fails here and this goes.
// swift-format-ignore: AvoidRetroactiveConformances
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}
