import Foundation
import GaoxinCore

/// 网格事件 for a zone that has grids (济南's 266 after the grids demo): events of every category
/// in every state of the loop, some opened weeks ago and left past their deadlines (overdue, some
/// escalated), some closed and rated by the resident who reported them; plus one Open311 api key
/// for 济南, stored hashed and printed nowhere (`gaoxin open311 key` makes ones you can use).
/// Run through the engine at past moments, so the histories and deadlines are real.
enum DemoEvents {
    /// How far one event got: the steps taken, each some hours after the one before.
    struct Story {
        let category: String
        let description: String
        let address: String
        let daysAgo: Int
        /// accept, dispatch, handle, verify, close, reject — in order.
        let steps: [String]
        /// Hours between steps (a long gap makes a step late).
        let gapHours: Int
        let toDepartment: Bool
        let rating: RatingLevel?
        let comment: String?
        let byResident: Bool
    }

    static let stories: [Story] = [
        Story(
            category: "hazard", description: "小区东门配电箱柜门损坏，电线外露，雨天有触电隐患。", address: "东门岗亭旁", daysAgo: 0,
            steps: [], gapHours: 1, toDepartment: false, rating: nil, comment: nil, byResident: true),
        Story(
            category: "dispute", description: "3号楼两户因楼道堆放杂物发生争执，需要上门调解。", address: "3号楼2单元", daysAgo: 1,
            steps: ["accept"], gapHours: 2, toDepartment: false, rating: nil, comment: nil, byResident: true),
        Story(
            category: "hazard", description: "沿街商铺门前燃气罐露天存放，未设防护。", address: "工业南路沿街商铺", daysAgo: 21,
            steps: [], gapHours: 1, toDepartment: false, rating: nil, comment: nil, byResident: false),
        Story(
            category: "info", description: "新入住 12 户，需要采集人口和房屋基础信息。", address: "新建安置楼 5 号楼", daysAgo: 2,
            steps: ["accept", "dispatch"], gapHours: 3, toDepartment: false, rating: nil, comment: nil,
            byResident: false),
        Story(
            category: "dispute", description: "物业与业主就停车费标准有分歧，多名业主到社区反映。", address: "社区服务中心", daysAgo: 18,
            steps: ["accept", "dispatch"], gapHours: 4, toDepartment: true, rating: nil, comment: nil, byResident: true),
        Story(
            category: "hazard", description: "河道护栏缺失约 20 米，临近小学上学路线。", address: "小清河支流北岸", daysAgo: 6,
            steps: ["accept", "dispatch", "handle"], gapHours: 5, toDepartment: true, rating: nil, comment: nil,
            byResident: true),
        Story(
            category: "policy", description: "村民询问城乡居民医保缴费新政策，需要组织集中宣讲。", address: "村委会", daysAgo: 5,
            steps: ["accept", "dispatch", "handle", "verify"], gapHours: 6, toDepartment: false, rating: nil,
            comment: nil, byResident: false),
        Story(
            category: "activity", description: "组织重阳节敬老志愿服务活动，需要协调场地和志愿者。", address: "村文化广场", daysAgo: 30,
            steps: ["accept", "dispatch", "handle", "verify", "close"], gapHours: 20, toDepartment: false,
            rating: .satisfied,
            comment: "活动组织得很好，老人们很开心", byResident: true),
        Story(
            category: "hazard", description: "路灯连续三晚不亮，夜间行人较多。", address: "幸福路与和谐街路口", daysAgo: 24,
            steps: ["accept", "dispatch", "handle", "verify", "close"], gapHours: 30, toDepartment: true,
            rating: .dissatisfied,
            comment: "修了一周才修好，太慢", byResident: true),
        Story(
            category: "dispute", description: "两户因宅基地边界发生纠纷。", address: "西村 7 组", daysAgo: 40,
            steps: ["accept", "dispatch", "handle", "verify", "close"], gapHours: 8, toDepartment: false,
            rating: .verySatisfied,
            comment: "调解公正，双方都认可", byResident: true),
        Story(
            category: "info", description: "反映门牌号码缺失。", address: "北区 2 排", daysAgo: 9,
            steps: ["reject"], gapHours: 2, toDepartment: false, rating: nil, comment: nil, byResident: true),
        Story(
            category: "activity", description: "申请组织社区消防演练，邀请消防站指导。", address: "社区广场", daysAgo: 14,
            steps: ["accept", "dispatch", "handle", "verify", "close"], gapHours: 10, toDepartment: true, rating: nil,
            comment: nil,
            byResident: false),
    ]

    static let notes = [
        "accept": "情况属实，予以立案", "dispatch": "请按时限处置", "handle": "已到现场处置完毕，附处置说明",
        "verify": "回访核查，处置到位", "close": "结案", "reject": "经核实不属于网格事件受理范围，已告知转 12345 热线",
    ]

    static func load(zoneCode: String, zoneID: Int64, services: AppServices) async throws {
        let grids = try await EventRepository(db: services.database.sql).gridShapes(zoneID: zoneID)
        guard !grids.isEmpty else { return }
        let engine = services.cases.engine
        try await services.database.transaction { db in
            let users = UserRepository(db: db)
            let resident = try await users.find(username: "resident@\(zoneCode)")
            let worker = try await users.find(username: "grid@\(zoneCode)")
            let admin = try await users.find(username: "admin@\(zoneCode)")
            let department = try await users.find(username: "staff@\(zoneCode)")?.departmentId
            // The grid worker's own grids first, so grid@… has events to work on.
            var own: Set<Int64>?
            if let worker { own = try await EventRepository(db: db).gridIDs(workerUserID: worker.id) }
            var ordered: [(id: Int64, lat: Double, lon: Double)] = []
            for grid in grids {
                guard
                    let point = point(
                        in: grid.boundaryGeojson, minLon: grid.minLon, minLat: grid.minLat, maxLon: grid.maxLon,
                        maxLat: grid.maxLat)
                else { continue }
                ordered.append((grid.id, point.lat, point.lon))
            }
            let ownGrids = ordered.filter { own?.contains($0.id) == true }
            let others = ordered.filter { own?.contains($0.id) != true }
            guard !ordered.isEmpty else { return }
            let now = Clock.nowSeconds()
            for (index, story) in stories.enumerated() {
                guard let category = EventCaseTypes.category(story.category) else { continue }
                // Two of every three in the demo grid worker's grids, the rest spread over the zone.
                let useOwn = !ownGrids.isEmpty && (index % 3 != 2 || others.isEmpty)
                let pool = useOwn ? ownGrids : others
                let grid = pool[(index * 7) % pool.count]
                let reporter = story.byResident ? resident : worker
                let reporterActor =
                    reporter.map {
                        CaseActor(id: CaseIDs.user($0.id), role: story.byResident ? .resident : .gridWorker)
                    }
                    ?? CaseActor(id: "public:demo", role: .public)
                let handlerActor =
                    (own?.contains(grid.id) == true ? worker : admin).map {
                        CaseActor(
                            id: CaseIDs.user($0.id), role: own?.contains(grid.id) == true ? .gridWorker : .zoneAdmin)
                    } ?? CaseActor(id: "demo", role: .zoneAdmin)
                let openedDay = LocalMoment(unixSeconds: now - Int64(story.daysAgo) * 86_400).day
                var at = min(LocalMoment(day: openedDay, minuteOfDay: 9 * 60), LocalMoment(unixSeconds: now))
                var record = try engine.open(
                    typeCode: category.caseTypeCode, by: reporterActor, at: at, note: story.description)
                for step in story.steps {
                    let next = LocalMoment(unixSeconds: at.unixSeconds() + Int64(story.gapHours) * 3600)
                    at = min(next, LocalMoment(unixSeconds: now))
                    record = try engine.checkDeadline(record, now: at).record
                    var actor = handlerActor
                    var assignee: Assignee?
                    if step == "dispatch" {
                        if story.toDepartment, let department {
                            assignee = CaseIDs.department(department)
                        } else {
                            assignee = Assignee(id: handlerActor.id, kind: .person)
                        }
                    }
                    if step == "handle", story.toDepartment, let department,
                        let staff = try await users.find(username: "staff@\(zoneCode)"),
                        staff.departmentId == department
                    {
                        actor = CaseActor(id: CaseIDs.user(staff.id), role: .departmentStaff)
                    }
                    record = try engine.perform(
                        step, on: record, by: actor, at: at, note: notes[step], assignee: assignee)
                }
                if let level = story.rating, record.isClosed, story.byResident, reporter != nil {
                    at = min(LocalMoment(unixSeconds: at.unixSeconds() + 3600), LocalMoment(unixSeconds: now))
                    record = try engine.rate(record, by: reporterActor, level: level, comment: story.comment, at: at)
                        .record
                }
                let id = try await CaseRepository(db: db).insert(
                    record, zoneID: zoneID, title: "\(category.name)：\(story.description.prefix(30))",
                    requesterUserID: reporter?.id,
                    enterpriseID: nil, assignee: record.assignee ?? EventService.gridUnit(grid.id), actor: nil)
                try await EventRepository(db: db).insert(
                    EventRow(
                        caseId: id, zoneId: zoneID, gridId: grid.id, categoryCode: category.code,
                        description: story.description,
                        latitude: grid.lat, longitude: grid.lon, address: story.address,
                        source: EventService.Source.demo.rawValue,
                        reporterName: reporter?.displayName, reporterPhone: nil, reporterEmail: nil, apiKeyId: nil,
                        photoName: nil, photoType: nil),
                    photo: nil)
            }
            if zoneCode == "jinan" {
                _ = try await Open311Repository(db: db).insertKey(
                    zoneID: zoneID, name: "演示：12345 热线平台", secret: EventService.newOpen311Secret(), actor: nil)
            }
        }
        // Events left past their deadlines are marked and escalated as the server would.
        try await services.cases.checkOverdue(zoneID: zoneID, now: .now, database: services.database)
    }

    /// A point inside the grid: the middle of its box when that is inside, else the first inside
    /// point of a 9×9 sample of the box.
    static func point(in geojson: String, minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) -> (
        lat: Double, lon: Double
    )? {
        let center = (lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2)
        if GridLocator.contains(geojson: geojson, longitude: center.lon, latitude: center.lat) { return center }
        for i in 1..<10 {
            for j in 1..<10 {
                let lon = minLon + (maxLon - minLon) * Double(i) / 10
                let lat = minLat + (maxLat - minLat) * Double(j) / 10
                if GridLocator.contains(geojson: geojson, longitude: lon, latitude: lat) { return (lat, lon) }
            }
        }
        return nil
    }
}
