import Foundation

/// The criteria a zone evaluates against: the defaults shipped in `CriteriaData/`, optionally
/// overridden by the zone's own files (same code replaces, new codes are added), so a changed
/// threshold is a data edit, not a release.
public struct CriterionLibrary: Sendable {
    /// In the order loaded (files by name).
    public let criteria: [Criterion]

    public init(_ criteria: [Criterion]) throws(CriterionError) {
        var seen = Set<String>()
        for criterion in criteria where !seen.insert(criterion.code).inserted {
            throw CriterionError(source: criterion.code, message: "认定条件编号「\(criterion.code)」重复")
        }
        self.criteria = criteria
    }

    public subscript(code: String) -> Criterion? { criteria.first { $0.code == code } }

    public var codes: [String] { criteria.map(\.code) }

    /// The defaults shipped with the platform.
    public static func bundled() throws(CriterionError) -> CriterionLibrary {
        guard let folder = Bundle.module.url(forResource: "CriteriaData", withExtension: nil) else {
            throw CriterionError(message: "程序包内缺少内置的认定条件数据（CriteriaData）")
        }
        return try load(directory: folder)
    }

    /// Every `*.json` directly in `directory` (sub-folders, such as the innovation-points tables, are skipped).
    public static func load(
        directory: URL, catalogue: FieldCatalogue = EnterpriseFieldCatalogue.catalogue
    ) throws(CriterionError) -> CriterionLibrary {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CriterionError(source: directory.path, message: "无法读取认定条件目录（\(error.localizedDescription)）")
        }
        var criteria: [Criterion] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".json") {
            let url = directory.appendingPathComponent(name)
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw CriterionError(source: name, message: "无法读取文件（\(error.localizedDescription)）")
            }
            criteria.append(try Criterion(json: data, source: name, catalogue: catalogue))
        }
        return try CriterionLibrary(criteria)
    }

    /// This library with `other`'s criteria replacing those of the same code and the rest appended.
    public func overridden(by other: CriterionLibrary) -> CriterionLibrary {
        let replaced = criteria.map { own in other[own.code] ?? own }
        let added = other.criteria.filter { self[$0.code] == nil }
        // Codes stay unique: both inputs were, and `added` only has codes not already here.
        return CriterionLibrary(unchecked: replaced + added)
    }

    private init(unchecked criteria: [Criterion]) { self.criteria = criteria }
}
