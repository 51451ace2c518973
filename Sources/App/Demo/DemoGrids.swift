import Foundation
import GaoxinCore
import SQLKit

/// The governance demo (基层治理): 济南高新区's area tree with the seed's figures — 266 grids,
/// 315 full-time and 312 part-time grid workers — drawn as a tiling of slightly irregular
/// quadrilaterals around 117.1°E 36.65°N (neighbours share their corner points exactly, so no two
/// grids overlap), about 150 residents in households (some 双登记), the demo grid worker in
/// three grids and the demo resident living in one of them. 景德镇 gets six grids. Everything
/// goes in with batch inserts so the demo still loads in a moment.
enum DemoGrids {
    struct Layout {
        var streets: [(code: String, name: String, villages: [String], communities: [String])]
        var columns: Int
        var rows: Int
        var origin: GeoPoint
        var cellWidth: Double
        var cellHeight: Double
        var fullTime: Int
        var partTime: Int
        var residents: Int
    }

    static func layout(zoneCode: String) -> Layout? {
        switch zoneCode {
        case "jinan":
            let villages = [
                "王家庄", "前庄", "后庄", "东沟", "西沟", "石河", "大官庄", "小官庄", "北屯", "南屯", "高家店", "马家寨",
                "许家集", "冯家营", "韩家洼", "孟家庄", "郑家庄", "曹家庄", "杨家屯", "赵家店", "孙家寨", "周家集", "吴家营",
                "刘家洼", "张家庄", "李家庄", "邢家庄", "新庄", "老庄", "河东", "河西", "岭南", "岭北", "柳行", "杏林", "枣园",
                "桃园", "梨园", "槐荫",
            ]
            let communities = ["锦绣", "和谐", "幸福", "康宁", "春晖", "阳光", "景苑", "花园", "新城", "汇泉", "龙湖"]
            let names = [
                ("370171001", "孙村街道"), ("370171002", "巨野河街道"), ("370171003", "遥墙街道"), ("370171004", "临港街道"),
                ("370171005", "章锦街道"),
            ]
            let streets = names.enumerated().map { k, s in
                (
                    code: s.0, name: s.1,
                    villages: Array(villages[(k * 8)..<min(villages.count, k * 8 + 8)]).map { $0 + "村" },
                    communities: [communities[k * 2], communities[k * 2 + 1]].map { $0 + "社区" }
                )
            }
            return Layout(
                streets: streets, columns: 19, rows: 14, origin: GeoPoint(longitude: 117.005, latitude: 36.594),
                cellWidth: 0.01, cellHeight: 0.008, fullTime: 315, partTime: 312, residents: 150)
        case "jingdezhen":
            return Layout(
                streets: [(code: "360203001", name: "昌江街道", villages: [], communities: ["瓷都社区", "昌南社区"])],
                columns: 3, rows: 2, origin: GeoPoint(longitude: 117.17, latitude: 29.26), cellWidth: 0.01,
                cellHeight: 0.009,
                fullTime: 6, partTime: 0, residents: 0)
        default:
            return nil
        }
    }

    static let surnames = Array("王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈")
    static let given = [
        "秀英", "桂兰", "建国", "志强", "海燕", "丽娟", "明", "伟", "芳", "军", "静", "磊", "洋", "艳", "勇", "娜", "杰", "涛", "超", "霞",
        "红梅", "国庆", "玉兰", "春生", "立新", "文华", "振华", "淑珍", "德胜", "晓东",
    ]

    static func personName(_ k: Int) -> String {
        String(surnames[k % surnames.count]) + given[(k / surnames.count + k) % given.count]
    }

    static func phone(_ k: Int) -> String { String(format: "139%08d", 53_170_000 + k * 7) }

    /// A corner of the tiling: nudged inside its quarter cell, so every cell stays a simple quadrilateral.
    static func vertex(_ i: Int, _ j: Int, _ l: Layout) -> GeoPoint {
        func wobble(_ seed: Int) -> Double { Double(((seed &* 2_654_435_761) & 0xFFFF) % 1000) / 1000 - 0.5 }
        let edgeX = i == 0 || i == l.columns
        let edgeY = j == 0 || j == l.rows
        let dx = edgeX ? 0 : wobble(i * 131 + j * 17) * 0.24 * l.cellWidth
        let dy = edgeY ? 0 : wobble(i * 29 + j * 113 + 7) * 0.24 * l.cellHeight
        return GeoPoint(
            longitude: l.origin.longitude + Double(i) * l.cellWidth + dx,
            latitude: l.origin.latitude + Double(j) * l.cellHeight + dy)
    }

    static func cell(_ c: Int, _ r: Int, _ l: Layout) -> GeoShape {
        let ring = [
            vertex(c, r, l), vertex(c + 1, r, l), vertex(c + 1, r + 1, l), vertex(c, r + 1, l), vertex(c, r, l),
        ]
        return GeoShape(polygons: [GeoPolygon(outer: ring)])
    }

    static func load(zoneCode: String, zoneID: Int64, db: any SQLDatabase) async throws {
        guard let l = layout(zoneCode: zoneCode) else { return }
        let repo = GridRepository(db: db)
        let now = Clock.nowSeconds()
        // Streets take bands of columns; within a band the cells run row by row, shared out among its villages and communities.
        let bandWidth = Int((Double(l.columns) / Double(l.streets.count)).rounded(.up))
        var drafts: [GridDraft] = []
        var areaOfGrid: [String: (areaID: Int64, street: Int)] = [:]
        var communityIDs: [[Int64]] = []
        for (s, street) in l.streets.enumerated() {
            let streetID = try await repo.insertArea(
                zoneID: zoneID, parentID: nil, level: .street, code: street.code, name: street.name,
                partyBranch: "\(street.name)党工委")
            let columns = (s * bandWidth)..<min(l.columns, (s + 1) * bandWidth)
            let cells = (0..<l.rows).flatMap { r in columns.map { (c: $0, r: r) } }
            let areas =
                street.villages.map { ($0, AreaLevel.village) } + street.communities.map { ($0, AreaLevel.community) }
            var communities: [Int64] = []
            var start = 0
            for (a, area) in areas.enumerated() {
                let size = cells.count / areas.count + (a < cells.count % areas.count ? 1 : 0)
                let code = street.code + String(format: "%03d", a + 1)
                let areaID = try await repo.insertArea(
                    zoneID: zoneID, parentID: streetID, level: area.1, code: code, name: area.0,
                    partyBranch: "\(area.0)党支部")
                if area.1 == .community { communities.append(areaID) }
                for (n, cell) in cells[start..<(start + size)].enumerated() {
                    let gridCode = "\(code)-\(String(format: "%02d", n + 1))"
                    drafts.append(
                        GridDraft(
                            code: gridCode, name: "\(area.0)第\(n + 1)网格", areaID: areaID,
                            partyBranch: "\(area.0)第\(n + 1)网格\(n % 2 == 0 ? "党支部" : "党小组")",
                            shape: Self.cell(cell.c, cell.r, l)))
                    areaOfGrid[gridCode] = (areaID, s)
                }
                start += size
            }
            communityIDs.append(communities)
        }
        try await repo.insertGrids(zoneID: zoneID, drafts, at: now)
        let ids = try await repo.gridIDs(zoneID: zoneID)
        let gridIDs = drafts.map { ids[$0.code]! }

        // Workers: the demo grid worker serves the first three grids; every grid has a full-time worker,
        // some a second; part-time workers (党员骨干、热心群众) round out the seed's 300余名.
        let users = UserRepository(db: db)
        let gridAccount = try await users.find(username: "grid@\(zoneCode)")
        let gridUser = gridAccount?.id
        // The worker record carries the account's name, so 派遣 lists and the header agree.
        let gridUserName = gridAccount?.displayName ?? "网格员（演示账号）"
        var workers: [GridWorkerDraft] = []
        let mine = Array(gridIDs.prefix(min(3, gridIDs.count)))
        for g in mine {
            workers.append(.init(gridID: g, userID: gridUser, name: gridUserName, phone: phone(0), kind: .fullTime))
        }
        let firstOthers = gridIDs.dropFirst(mine.count)
        for (k, g) in firstOthers.enumerated() {
            workers.append(.init(gridID: g, userID: nil, name: personName(k + 1), phone: phone(k + 1), kind: .fullTime))
        }
        let extraFullTime = max(0, l.fullTime - 1 - firstOthers.count)
        for k in 0..<extraFullTime {
            let n = 1 + firstOthers.count + k
            workers.append(
                .init(
                    gridID: gridIDs[(k * 5) % gridIDs.count], userID: nil, name: personName(n), phone: phone(n),
                    kind: .fullTime))
        }
        for k in 0..<l.partTime {
            let n = l.fullTime + k + 1
            workers.append(
                .init(
                    gridID: gridIDs[k % gridIDs.count], userID: nil, name: personName(n), phone: phone(n),
                    kind: .partTime))
        }
        try await repo.insertWorkers(zoneID: zoneID, workers)

        guard l.residents > 0 else { return }
        let residents = ResidentRepository(db: db)
        // The demo resident (resident@…) lives in the demo grid worker's first grid.
        let first = drafts[0]
        if let personID = try await users.find(username: "resident@\(zoneCode)")?.personId {
            try await residents.insertResidence(
                personID: personID,
                ResidentDraft(
                    name: "", idNumber: nil, phone: nil, address: "\(areaName(first.name))1号", gridID: gridIDs[0],
                    householdCode: "JN-H0000",
                    isPartyMember: false, primaryAreaID: first.areaID, dualAreaID: nil), zoneID: zoneID)
        }
        // About 150 residents in households of one to four, about a third in the demo worker's grids; every tenth also registered in a community of the same street (双登记).
        var people: [ResidentBatchRow] = []
        var household = 0
        var left = 0
        for k in 0..<l.residents {
            if left == 0 {
                household += 1
                left = 1 + (k * 7) % 4
            }
            left -= 1
            // A household lives in one grid: the first ones in the demo worker's grids, the rest in the following 40.
            let grid = household <= 22 ? household % mine.count : mine.count + household % 40
            let body = String(format: "370112%04d%02d%02d%03d", 1950 + k % 50, 1 + k % 12, 1 + k % 28, 100 + k)
            let draft = drafts[grid]
            let street = areaOfGrid[draft.code]!.street
            let dual = k % 10 == 5 ? communityIDs[street].first { $0 != draft.areaID } : nil
            people.append(
                ResidentBatchRow(
                    name: personName(k + 700), idNumber: DemoLoader.residentID(body: body),
                    phone: k % 3 == 0 ? nil : phone(700 + k), householdCode: String(format: "JN-H%04d", household),
                    address: "\(areaName(draft.name))\(household + 1)号", gridID: gridIDs[grid], areaID: draft.areaID,
                    dualAreaID: dual, isPartyMember: k % 9 == 0))
        }
        try await residents.insertMany(people, zoneID: zoneID, at: now)
        try await AuditLog.record(
            zoneID: zoneID, actor: nil, entity: "grid", id: "demo", action: "create_demo",
            after: [
                "grids": String(drafts.count), "workers": String(workers.count), "residents": String(people.count + 1),
            ], on: db)
    }

    /// "王家庄村第3网格" → "王家庄村", for addresses.
    static func areaName(_ gridName: String) -> String {
        gridName.components(separatedBy: "第").first ?? gridName
    }
}
