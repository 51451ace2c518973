import Foundation
import GaoxinCore

/// A 一件事 as a line of the catalogue.
struct ServiceBundleLine: Sendable {
    let name: String
    let href: String
    let summary: String
    let audience: String
    let event: String
    let department: String
    let limits: String
    let online: Bool
    let instant: Bool
    /// "一件事" or "单项事项".
    let kind: String
}

/// How a bundle's limits read: "即办" or "承诺 3 个工作日（法定 20 个工作日）".
func limitsText(_ limits: ServiceLimits) -> String {
    (limits.isInstant ? "即办（当场办结）" : "承诺 \(limits.promisedDays) 个工作日")
        + "，法定 \(limits.legalDays) 个工作日"
}

extension ServiceBundleLine {
    init(_ b: ServiceBundleRow, departments: [Int64: String], terminal: Bool) {
        name = b.name
        href = terminal ? b.page.with(query: [("terminal", "1")]) : b.page.path
        kind = (b.itemId == nil ? ServiceCatalogueKind.bundle : .item).label
        summary = b.summary
        audience = ServiceAudience(rawValue: b.audience)?.label ?? b.audience
        event = b.event?.label ?? b.lifeEvent
        department = departments[b.departmentId] ?? ""
        limits = limitsText(b.limits)
        online = b.online
        instant = b.isInstant
    }
}

/// A life event as a filter link (and as a tile on the terminal).
struct LifeEventLink: Sendable {
    let label: String
    let href: String
    let current: Bool
}

/// The public catalogue (`/m/services`): 一件事 searchable by 个人 life event and 企业 life cycle,
/// department and 可网办, with a zone picker for visitors; the terminal view shows the same lines in
/// large type.
struct ServiceHomePage: Sendable {
    let zoneName: String
    let zoneChoices: [SelectOption]
    let choosesZone: Bool
    let zoneCode: String
    let personEvents: [LifeEventLink]
    let enterpriseEvents: [LifeEventLink]
    let audiences: [SelectOption]
    let events: [SelectOption]
    let departments: [SelectOption]
    /// 一件事, 单项事项 or both.
    var kinds: [SelectOption] = []
    let onlineOnly: Bool
    let search: String
    let lines: [ServiceBundleLine]
    let paging: PageLinks
    let hasZone: Bool
    let terminal: Bool
    let terminalHref: String
    let catalogueHref: String
    /// Links for the signed-in: my applications, the office's lists and statistics.
    let applicationsHref: String?
    let statisticsHref: String?
    let appealsHref: String?
    /// 新增事项 and 新增“一件事” for whoever keeps the catalogue.
    var newItemHref: String? = nil
    var newBundleHref: String? = nil

    static let pageSize = 20

    static func eventLinks(_ audience: ServiceAudience, zoneCode: String, selected: LifeEvent?, terminal: Bool)
        -> [LifeEventLink]
    {
        LifeEvent.allCases.filter { $0.audience == audience }.map { e in
            var query = [("event", e.rawValue), ("audience", audience.rawValue)]
            if !zoneCode.isEmpty { query.insert(("zone", zoneCode), at: 0) }
            if terminal { query.append(("terminal", "1")) }
            return LifeEventLink(
                label: e.label, href: SiteURL.module(.services).with(query: query), current: e == selected)
        }
    }
}

/// One row of a guide table: the field's name and its text.
struct GuideLine: Sendable {
    let label: String
    let value: String
}

/// A material of the one set, as the guide lists it.
struct MaterialLine: Sendable {
    let id: Int64
    let name: String
    let required: String
    let form: String
    let copies: Int
    let source: String
    let standard: String
    /// "免提交：由平台根据企业登记信息（营业执照）自动填写" for 免证办 materials.
    let exempt: String?
    let blankHref: String?
    let sampleHref: String?
}

extension MaterialLine {
    init(_ m: ServiceMaterialRow) {
        id = m.id
        name = m.name
        required = m.required ? "必要" : "非必要（容缺）"
        form = m.form
        copies = m.copies
        source = m.source
        standard = m.standard
        exempt = m.filledSource.map { "免提交：由平台根据\($0.label)自动填写（\($0.audience.label)申请人登录后生效）" }
        blankHref = m.blankName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "blank").path }
        sampleHref = m.sampleName.map { _ in SiteURL.serviceMaterialFile(m.id, kind: "sample").path }
    }
}

/// An item behind a 一件事 with its whole guide.
struct ServiceItemSection: Sendable {
    let name: String
    let href: String
    let guide: [GuideLine]
}

extension ServiceItemSection {
    init(_ i: ServiceItemRow, department: String) {
        name = i.name
        href = SiteURL.serviceItem(i.id).path
        guide = Self.guide(i, department: department)
    }

    /// Every national guide field, in the order a guide prints them.
    static func guide(_ i: ServiceItemRow, department: String) -> [GuideLine] {
        let values = i.guide
        var lines: [GuideLine] = []
        for field in GuideField.allCases {
            lines.append(GuideLine(label: field.label, value: values[field] ?? ""))
            if field == .conditions {
                lines.append(GuideLine(label: "法定办结时限", value: "\(i.legalDays) 个工作日"))
                lines.append(
                    GuideLine(label: "承诺办结时限", value: i.promisedDays == 0 ? "即办（当场办结）" : "\(i.promisedDays) 个工作日"))
            }
            if field == .supervise { lines.append(GuideLine(label: "是否网办", value: i.online ? "是（全程网办）" : "否（窗口办理）")) }
        }
        lines.append(GuideLine(label: "承办部门", value: department))
        return lines
    }
}

/// One 一件事: what it bundles, each item's full guide, the one set of materials with blank forms and
/// samples, the limits, and how to apply (网办 or 一窗受理); the print view is the 一卡读懂 card.
struct ServiceBundlePage: Sendable {
    let name: String
    let summary: String
    let audience: String
    let event: String
    let department: String
    let limits: String
    let online: Bool
    let items: [ServiceItemSection]
    let materials: [MaterialLine]
    let guideHref: String
    let applyHref: String?
    let applyLabel: String
    let loginHint: Bool
    let terminal: Bool
    let backHref: String
    /// The edit page (fields, items and materials) for whoever keeps this 一件事.
    var editHref: String? = nil
}

/// One item's guide and the 一件事 it belongs to.
struct ServiceItemPage: Sendable {
    let name: String
    let guide: [GuideLine]
    let bundles: [ServiceBundleLine]
    /// The zone admin's form for the item's limits.
    let canEdit: Bool
    var legalDays: String
    var promisedDays: String
    let limitsAction: String
    let csrf: String
    var errors = FormErrors()
    /// The whole guide's edit page for the zone admin or the item's department.
    var editHref: String? = nil
    /// The item applied for on its own (单项办理): its materials, the apply button, the 一卡读懂.
    var materials: [CatalogueMaterialLine] = []
    /// Whoever keeps the item edits its material list here (edit and remove on each line).
    var keepsMaterials = false
    var newMaterialHref: String? = nil
    var applyHref: String? = nil
    var applyLabel = ""
    var loginHint = false
    var guideHref: String? = nil
    /// The 自助终端 view: large type, touch only, no keeping.
    var terminal = false
}
