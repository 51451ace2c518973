import Foundation
import GaoxinCore
import Logging
import SQLKit

/// Reads and checks a GeoJSON FeatureCollection of grids for one zone; `GridService.importGrids`
/// writes it, all or nothing. Each feature's properties give `code` (网格编码), `name`, `area_code`
/// (the 村/社区) and optionally `party_branch`; a 村/社区 not yet in the zone is created from
/// `area_name`, `area_level` (村 or 社区) and its 街道/镇 `street_code` (with `street_name`,
/// `street_level` when new too). A code already in the zone updates that grid. Boundaries must be
/// valid and may not overlap each other or the zone's other grids (sharing an edge is fine).
struct GridImport {
    struct Problem: Sendable, Equatable {
        /// "第 3 个要素（编码 G01）" or "文件".
        var place: String
        var message: String
        var line: String { "\(place)：\(message)" }
    }

    struct NewArea: Sendable {
        var code: String, name: String, level: AreaLevel, parentCode: String?, partyBranch: String?
    }

    struct Plan: Sendable {
        var newAreas: [NewArea] = []
        /// Grid drafts with the area still by code (new areas have no id yet).
        var grids: [(draft: GridDraft, areaCode: String, existingID: Int64?)] = []
    }

    struct Summary: Sendable, Equatable {
        var created = 0
        var updated = 0
        var areasCreated = 0
    }

    enum Outcome: Sendable {
        case valid(Plan)
        case refused([Problem])
    }

    /// What an import did: the counts, or every problem found (nothing written).
    enum Result: Sendable {
        case imported(Summary)
        case refused([Problem])
    }

    let database: Database

    /// Reads and checks the whole file against the zone; nothing is written.
    func check(_ bytes: [UInt8], zoneID: Int64) async throws -> Outcome {
        let document = GeoJSONReader.read(bytes)
        let repo = GridRepository(db: database.sql)
        let areas = try await repo.areas(zoneID: zoneID)
        let existing = try await repo.grids(zoneID: zoneID)
        var problems: [Problem] = []
        func place(_ number: Int?, _ code: String?) -> String {
            guard let number else { return "文件" }
            return "第 \(number) 个要素" + (code.map { "（编码 \($0)）" } ?? "")
        }
        let byCode = Dictionary(areas.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var newAreas: [String: NewArea] = [:]
        var plan = Plan()
        var seenCodes: [String: Int] = [:]
        let parsed = Dictionary(uniqueKeysWithValues: document.features.map { ($0.number, $0) })
        func code(_ number: Int) -> String? {
            GeoFeature(number: number, properties: document.properties[number - 1], shape: GeoShape(polygons: [])).text(
                "code")
        }
        for problem in document.problems {
            problems.append(
                Problem(place: place(problem.feature, problem.feature.flatMap(code)), message: problem.message))
        }
        // Properties of every feature, the ones with a refused boundary too, so one upload lists everything.
        for (index, properties) in document.properties.enumerated() {
            let number = index + 1
            let feature = GeoFeature(
                number: number, properties: properties, shape: parsed[number]?.shape ?? GeoShape(polygons: []))
            let code = feature.text("code")
            let here = place(feature.number, code)
            var ok = parsed[number] != nil
            func refuse(_ message: String) {
                problems.append(Problem(place: here, message: message))
                ok = false
            }
            guard let code else {
                refuse("缺少属性 code（网格编码）")
                continue
            }
            if code.count > 40 { refuse("网格编码不能超过 40 个字符") }
            if let first = seenCodes[code] {
                refuse("网格编码 \(code) 与第 \(first) 个要素重复")
            } else {
                seenCodes[code] = feature.number
            }
            let name = feature.text("name") ?? ""
            if name.isEmpty { refuse("缺少属性 name（网格名称）") } else if name.count > 60 { refuse("网格名称不能超过 60 个字") }
            let branch = feature.text("party_branch")
            if let branch, branch.count > 60 { refuse("网格党支部名称不能超过 60 个字") }
            guard let areaCode = feature.text("area_code") else {
                refuse("缺少属性 area_code（所属村/社区编码）")
                continue
            }
            if let area = byCode[areaCode] {
                if area.areaLevel?.holdsGrids != true {
                    refuse("area_code \(areaCode) 是\(area.areaLevel?.label ?? area.level)“\(area.name)”，网格只能属于村或社区")
                }
            } else if newAreas[areaCode] == nil {
                // A new 村/社区, described by the feature.
                guard let areaName = feature.text("area_name") else {
                    refuse("本园区没有编码为 \(areaCode) 的村/社区；如需新建，请同时提供 area_name、area_level、street_code")
                    continue
                }
                guard let level = feature.text("area_level").flatMap(AreaLevel.init(text:)), level.holdsGrids else {
                    refuse("area_level 应为“村”或“社区”")
                    continue
                }
                guard let streetCode = feature.text("street_code") else {
                    refuse("新建村/社区须提供 street_code（所属街道/镇编码）")
                    continue
                }
                if let street = byCode[streetCode] {
                    if street.areaLevel?.holdsGrids != false { refuse("street_code \(streetCode) 不是街道或镇") }
                } else if newAreas[streetCode] == nil {
                    guard let streetName = feature.text("street_name"),
                        let streetLevel = feature.text("street_level").flatMap(AreaLevel.init(text:)),
                        !streetLevel.holdsGrids
                    else {
                        refuse("本园区没有编码为 \(streetCode) 的街道/镇；如需新建，请同时提供 street_name 和 street_level（街道或镇）")
                        continue
                    }
                    newAreas[streetCode] = NewArea(
                        code: streetCode, name: streetName, level: streetLevel, parentCode: nil, partyBranch: nil)
                    plan.newAreas.append(newAreas[streetCode]!)
                }
                newAreas[areaCode] = NewArea(
                    code: areaCode, name: areaName, level: level, parentCode: streetCode,
                    partyBranch: feature.text("area_party_branch"))
                plan.newAreas.append(newAreas[areaCode]!)
            }
            if ok {
                plan.grids.append(
                    (
                        GridDraft(
                            code: code, name: name, areaID: byCode[areaCode]?.id ?? 0, partyBranch: branch,
                            shape: feature.shape),
                        areaCode, existing.first { $0.code == code }?.id
                    ))
            }
        }
        // Overlaps among the file's grids and with the zone's grids the file does not replace.
        let replaced = Set(plan.grids.map(\.draft.code))
        let kept = existing.filter { !replaced.contains($0.code) }
        let keptShapes = kept.map { $0.shape ?? GeoShape(polygons: []) }
        let fileFeatures = document.features.filter { f in plan.grids.contains { $0.draft.code == f.text("code") } }
        let shapes = fileFeatures.map(\.shape) + keptShapes
        for (i, j) in GeoOverlap.pairs(shapes) where i < fileFeatures.count {
            let a = fileFeatures[i]
            let other =
                j < fileFeatures.count
                ? "第 \(fileFeatures[j].number) 个要素（编码 \(fileFeatures[j].text("code") ?? "")）"
                : "已有网格 \(kept[j - fileFeatures.count].code)“\(kept[j - fileFeatures.count].name)”"
            problems.append(Problem(place: place(a.number, a.text("code")), message: "边界与\(other)重叠（相邻网格只能共用边界线，不能交叠）"))
        }
        return problems.isEmpty ? .valid(plan) : .refused(problems)
    }
}

/// What `gaoxin import grids` reports: the counts, or every problem in the file.
public enum GridImportResult: Sendable {
    case imported(created: Int, updated: Int, areasCreated: Int)
    case refused([String])
}

/// Imports a GeoJSON file of grids into a zone from the command line, with the same checks as the page.
public func importGrids(config: AppConfig, zoneCode: String, file: String, logger: Logger) async throws
    -> GridImportResult
{
    guard let data = FileManager.default.contents(atPath: file) else { throw ConfigError("无法读取文件：\(file)") }
    return try await withZone(config: config, zoneCode: zoneCode, logger: logger) { database, zone in
        switch try await GridService(database: database).importGrids(Array(data), zoneID: zone.id, actor: nil) {
        case .refused(let problems): return .refused(problems.map(\.line))
        case .imported(let summary):
            return .imported(created: summary.created, updated: summary.updated, areasCreated: summary.areasCreated)
        }
    }
}
