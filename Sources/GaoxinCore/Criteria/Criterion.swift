import Foundation

/// A checked criterion with its rules compiled, ready to evaluate any number of enterprise records.
/// Built from a `CriterionDefinition`; building refuses, in Chinese, anything a zone could get wrong
/// in the file (a field not in the catalogue, a band table out of order, a group that does not exist).
public struct Criterion: Sendable {
    public let definition: CriterionDefinition
    /// The fields rules may read and how they are shown.
    public let catalogue: FieldCatalogue
    let conditions: [CompiledCondition]
    let directConditions: [CompiledCondition]
    let items: [CompiledItem]
    let renderer: ExplanationRenderer

    public var code: String { definition.code }
    public var name: String { definition.name }

    /// The most points the scoring items can give together.
    public var maximumScore: Double { definition.scoring.reduce(0) { $0 + $1.maxPoints } }

    /// Whether a score must be reached (a total, a group minimum or a non-zero item).
    public var hasScoreRequirements: Bool {
        definition.minimumScore != nil || definition.groups.contains { $0.minimum != nil }
            || !definition.nonZeroItems.isEmpty
    }

    /// Checks and compiles a definition against `catalogue` (by default every enterprise record field).
    public init(
        _ definition: CriterionDefinition, catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue
    ) throws(CriterionError) {
        self.definition = definition
        self.catalogue = catalogue
        renderer = ExplanationRenderer(catalogue: catalogue)
        var compiler = CriterionCompiler(definition: definition, catalogue: catalogue)
        (conditions, directConditions, items) = try compiler.compile()
    }

    /// Reads and checks a criterion file. `source` (a file name) is put in front of messages.
    public init(
        json data: Data, source: String? = nil, catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue
    ) throws(CriterionError) {
        let definition: CriterionDefinition
        do {
            definition = try JSONDecoder().decode(CriterionDefinition.self, from: data)
        } catch {
            throw CriterionError.decoding(error, source: source)
        }
        do {
            try self.init(definition, catalogue: catalogue)
        } catch {
            throw source.map { error.from($0) } ?? error
        }
    }
}

struct CompiledCondition: Sendable {
    let definition: CriterionCondition
    let rule: JSONLogicRule
}

struct CompiledItem: Sendable {
    enum Method: Sendable {
        /// One table, or several of which the highest counts.
        case bands([CompiledBands])
        case rule(JSONLogicRule)
    }

    let definition: ScoringItem
    let method: Method
}

struct CompiledBands: Sendable {
    let source: BandSource
    let table: BandTable

    func points(for value: Double) -> Double {
        // A strict edge sends a value on it to the other side: just below it for "> edge", above for "< edge".
        if source.strictEdges.contains(value) {
            return table.points(for: table.boundary == .higherBand ? value.nextDown : value.nextUp)
        }
        return table.points(for: value)
    }
}
