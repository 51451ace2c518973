import Foundation
import GaoxinCore
import SQLKit

/// The item list (正负积分事项清单), a page at a time, with edit links for the committee.
struct PointsItemsPage: Sendable {
    struct Line: Sendable {
        let code: String
        let name: String
        let category: String
        let points: String
        let negative: Bool
        let cap: String
        let active: Bool
        let editHref: String
    }
    let tabs: [PointsTab]
    let lines: [Line]
    let total: Int
    let positiveCount: Int
    let negativeCount: Int
    let canEdit: Bool
    let paging: PageLinks?
    var form: PointsItemFormModel
    var exportHref = ""

    static func load(_ access: PointsAccess, pager: Pager, csrf: String, db: any SQLDatabase) async throws
        -> PointsItemsPage
    {
        let repo = PointsRepository(db: db)
        let paged = try await repo.items(zoneID: access.zoneID, pager)
        let counts = try await repo.itemCounts(zoneID: access.zoneID)
        return PointsItemsPage(
            tabs: PointsTab.tabs(access, current: .pointsItems),
            lines: paged.rows.map { r in
                .init(
                    code: r.code, name: r.name, category: r.category, points: PointsText.signed(r.points),
                    negative: r.points < 0, cap: PointsText.capLabel(r.item), active: r.isActive,
                    editHref: SiteURL.pointsItem(r.id).path)
            },
            total: paged.total, positiveCount: counts.positive, negativeCount: counts.negative,
            canEdit: access.isCommittee,
            paging: paged.hasPrevious || paged.hasNext ? paged.links(.pointsItems) : nil,
            form: PointsItemFormModel(
                heading: "新增积分事项", action: SiteURL.pointsItems.path,
                capPers: PointsItemFormModel.capPers(""), csrf: csrf))
    }
}

/// The add/edit form of one item.
struct PointsItemFormModel: Sendable {
    var heading: String
    var action: String
    var name = ""
    var category = ""
    var points = ""
    var capPoints = ""
    var capPers: [SelectOption] = []
    var isActive = true
    var errors = FormErrors()
    var csrf: String

    static func capPers(_ selected: String) -> [SelectOption] {
        [SelectOption(value: "", label: "（不设上限）", selected: selected.isEmpty)]
            + PeriodKind.allCases.map {
                SelectOption(value: $0.rawValue, label: "每\($0.label)", selected: $0.rawValue == selected)
            }
    }

    /// The values of a submitted (or stored) item.
    mutating func fill(_ f: PointsService.ItemForm) {
        name = f.name
        category = f.category
        points = f.points
        capPoints = f.capPoints
        capPers = Self.capPers(f.capPer)
        isActive = f.isActive
    }
}

/// Editing one item.
struct PointsItemEditPage: Sendable {
    let tabs: [PointsTab]
    var form: PointsItemFormModel

    init(_ row: PointsItemRow, access: PointsAccess, csrf: String) {
        var form = PointsItemFormModel(
            heading: "修改积分事项：\(row.name)", action: SiteURL.pointsItem(row.id).path, csrf: csrf)
        form.fill(
            .init(
                name: row.name, category: row.category, points: String(row.points),
                capPoints: row.capPoints.map(String.init) ?? "", capPer: row.capPer ?? "", isActive: row.isActive))
        tabs = PointsTab.tabs(access, current: .pointsItems)
        self.form = form
    }
}

/// 申报积分 (or, for the committee and grid workers, 记录积分).
struct PointsDeclarePage: Sendable {
    let tabs: [PointsTab]
    let subjects: [SelectOption]
    let items: [SelectOption]
    let recordsForOthers: Bool
    var day: String
    var evidence: String
    var errors = FormErrors()
    let action: String
    let csrf: String
    /// 查找居民: the name searched for, and whether more residents match than the list shows.
    var who = ""
    var moreFound = false

    /// At most this many residents to choose from at once; a name narrows them.
    static let choices = 50

    /// The subjects this user may enter points for (their own, and for the committee and grid
    /// workers the residents they record for, found by `who`) and the active items they may choose.
    static func load(
        _ access: PointsAccess, subject: String, item: String, who: String = "", csrf: String, db: any SQLDatabase
    ) async throws -> PointsDeclarePage {
        // A resident chooses between themselves and their household. The committee may record for
        // anyone and a grid worker for the residents of their grids: a zone has tens of thousands,
        // so the list holds the first `choices` whose name contains `who` (and the one chosen).
        let subjects = try await PointsSubjects.load(
            zoneID: access.zoneID, subjects: subject.isEmpty ? [] : [subject], personID: access.user.personID,
            db: db)
        var found: [PointsSubjects.Person] = []
        if access.recordsForOthers {
            found = try await ResidentDirectory(db: db).search(
                zoneID: access.zoneID, name: who, gridIDs: access.isCommittee ? nil : access.user.gridIDs,
                limit: choices + 1
            ).map { PointsSubjects.Person(id: $0.id, name: $0.name, householdID: $0.householdID, gridID: $0.gridID) }
        }
        var options = subjects.own(personID: access.user.personID).map { s in
            SelectOption(
                value: s, label: s.hasPrefix("household") ? "本户（\(subjects.name(s))）" : "本人（\(subjects.name(s))）",
                selected: s == subject)
        }
        let recordsForOthers = access.recordsForOthers
        if recordsForOthers {
            let chosen = subjects.persons.values.filter { PointsSubjects.person($0.id) == subject }
            var seen = Set<Int64>()
            let others = (chosen + found.prefix(choices))
                .filter { access.recordsFor(gridID: $0.gridID) && $0.id != access.user.personID }
                .filter { seen.insert($0.id).inserted }
            options += others.map { p in
                SelectOption(
                    value: PointsSubjects.person(p.id), label: "居民：\(p.name)",
                    selected: PointsSubjects.person(p.id) == subject)
            }
        }
        let rows = try await PointsRepository(db: db).items(zoneID: access.zoneID).filter {
            $0.isActive && (recordsForOthers || $0.points > 0)
        }
        return PointsDeclarePage(
            tabs: PointsTab.tabs(access, current: .pointsDeclare), subjects: options,
            items: [SelectOption(value: "", label: "（请选择）", selected: item.isEmpty)]
                + rows.map { r in
                    SelectOption(
                        value: r.code,
                        label:
                            "\(r.category) · \(r.name)（\(PointsText.signed(r.points)) 分，\(PointsText.capLabel(r.item))）",
                        selected: r.code == item)
                },
            recordsForOthers: recordsForOthers, day: Clock.today.description, evidence: "",
            action: SiteURL.pointsDeclareUpload.path, csrf: csrf, who: who, moreFound: found.count > choices)
    }
}
