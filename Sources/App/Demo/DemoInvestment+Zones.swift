import Foundation
import GaoxinCore
import SQLKit

extension DemoInvestment {
    static let origins: [(String, String)] = [
        ("广东省", "深圳市"), ("广东省", "东莞市"), ("广东省", "广州市"), ("江苏省", "苏州市"), ("浙江省", "宁波市"),
        ("浙江省", "台州市"), ("上海市", "上海市"), ("北京市", "北京市"), ("湖南省", "长沙市"), ("山东省", "青岛市"),
        ("香港特别行政区", "香港"),
    ]

    // MARK: - 佛山: two chains, projects from 签约 to 投产 in every park, park targets

    static func foshan(_ ctx: Context, today: Day) async throws {
        let y = year(today)
        let (ev, evNodes) = try await chain(
            ctx, name: "新能源汽车", department: "投资促进局", plan: "《佛山高新区新能源汽车产业链发展规划（2021—2025年）》",
            fund: "新能源汽车产业投资基金（首期 20 亿元）", platform: "新能源汽车创新中心、动力电池检验检测公共服务平台",
            anchors: "整车制造龙头企业 1 家、动力电池龙头企业 2 家", experts: "产业链专家咨询委员会（高校院所及行业专家 12 人）",
            nodes: [
                NodeSpec(segment: .upstream, name: "正负极材料", gapTargets: "正极材料头部企业、负极材料企业各 1 家"),
                NodeSpec(segment: .upstream, name: "电芯"), NodeSpec(segment: .upstream, name: "电机电控"),
                NodeSpec(segment: .midstream, name: "动力电池模组/PACK"),
                NodeSpec(segment: .midstream, name: "电池管理系统（BMS）", gapTargets: "BMS 方案商 3 家"),
                NodeSpec(segment: .midstream, name: "整车制造"), NodeSpec(segment: .downstream, name: "充换电设施"),
                NodeSpec(segment: .downstream, name: "储能梯次利用", gapTargets: "电池回收与梯次利用企业 2 家"),
            ],
            tasks: [
                ("编制新能源汽车产业链招商图谱", Day(year: y, month: 9, day: 30)!, Day(year: y, month: 9, day: 20)!),
                ("走访链主企业，梳理本地配套需求清单", today.adding(days: -20), nil),
                ("对接 BMS 目标企业 3 家", today.adding(days: 40), nil),
            ])
        let (equip, equipNodes) = try await chain(
            ctx, name: "高端装备", department: "经济发展局", plan: "《佛山高新区高端装备制造产业链行动方案》",
            fund: "制造业转型升级基金", platform: "智能制造公共技术服务平台", anchors: "装备制造龙头企业 2 家",
            experts: "智能制造专家团队（8 人）",
            nodes: [
                NodeSpec(segment: .upstream, name: "精密零部件"),
                NodeSpec(segment: .upstream, name: "数控系统", gapTargets: "国产数控系统企业 1 家"),
                NodeSpec(segment: .midstream, name: "工业机器人"), NodeSpec(segment: .midstream, name: "智能成套装备"),
                NodeSpec(segment: .downstream, name: "系统集成与运维"),
            ],
            tasks: [("举办高端装备产业链“一月一链”专题会", today.adding(days: 10), nil)])
        let products = ["动力电池模组", "电机控制器", "智能成套装备", "工业机器人", "充换电站", "精密减速器", "电芯", "系统集成"]
        var halfByPark: [Int64: Int64] = [:]
        for (i, park) in ctx.parks.enumerated() {
            for j in 0..<3 {
                let n = i * 3 + j
                let onEV = n % 2 == 0
                let signedMonth = 1 + (n % 5)
                let start = Day(year: y, month: signedMonth, day: 8)!.adding(days: -40)
                let reached: ProjectStage = [.producing, .completed, .started, .registered, .signed][n % 5]
                var funds: [(String, Int64, Int64)] = []
                for m in signedMonth...min(12, today.year == y ? today.month - 1 : 12) where m >= 1 {
                    let amount = Int64((i + 1) * 900 + j * 400)
                    funds.append((month(y, m), amount, n % 4 == 0 ? 30 : 0))
                    if m <= 6 { halfByPark[park, default: 0] += amount }
                }
                let origin = origins[n % origins.count]
                try await project(
                    ctx,
                    ProjectSpec(
                        name: "\(products[n % products.count])项目（\(n + 1)）",
                        investor: "\(origin.1)\(products[n % products.count])企业",
                        province: origin.0, city: origin.1, planned: Int64(20_000 + n * 7_000), park: park,
                        chain: onEV ? ev : equip,
                        node: onEV ? evNodes[[1, 3, 5, 6][n % 4]] : equipNodes[[0, 2, 3, 4][n % 4]],
                        foreign: n % 4 == 0 ? 500 : 0,
                        moves: [(.talks, start)]
                            + moves(
                                to: reached, from: Day(year: y, month: signedMonth, day: 8)!, gap: 25, today: today,
                                startingAt: .signed),
                        funds: funds))
            }
        }
        // 双过半 by park: three parks ahead (55%), two behind (42%).
        for (i, park) in ctx.parks.enumerated() {
            let half = halfByPark[park] ?? 1
            let target = Int64((Double(half) / (i < 3 ? 0.55 : 0.42)).rounded())
            try await ctx.repo.setTarget(
                zoneID: ctx.zoneID, parkID: park, year: y, kind: InvestmentTargetKind.fundsInPlace.rawValue,
                target: target,
                at: Clock.nowSeconds())
        }
        let total = halfByPark.values.reduce(0, +)
        try await ctx.repo.setTarget(
            zoneID: ctx.zoneID, parkID: nil, year: y, kind: InvestmentTargetKind.fundsInPlace.rawValue,
            target: Int64((Double(total) / 0.52).rounded()), at: Clock.nowSeconds())
        try await ctx.repo.setTarget(
            zoneID: ctx.zoneID, parkID: nil, year: y, kind: InvestmentTargetKind.newProjects.rawValue, target: 27,
            at: Clock.nowSeconds())
    }

    // MARK: - 沈阳: 链长制 — one chain, one leader, one plan, one support system

    static func shenyang(_ ctx: Context, today: Day) async throws {
        let y = year(today)
        let (robot, robotNodes) = try await chain(
            ctx, name: "智能制造", department: "投资促进局", plan: "《沈阳高新区机器人及智能制造产业链发展规划》",
            fund: "沈阳高新区产业引导基金", platform: "工业机器人产业园、中试研发产业园",
            anchors: "工业机器人整机龙头企业 1 家", experts: "机器人产业链专家顾问团（10 人）",
            nodes: [
                NodeSpec(segment: .upstream, name: "精密减速器", gapTargets: "RV 减速器、谐波减速器企业各 1 家"),
                NodeSpec(segment: .upstream, name: "伺服电机"), NodeSpec(segment: .upstream, name: "控制器"),
                NodeSpec(segment: .midstream, name: "机器人本体"),
                NodeSpec(segment: .downstream, name: "系统集成"), NodeSpec(segment: .downstream, name: "工业互联网应用"),
            ],
            tasks: [
                ("链长走访机器人本体企业", today.adding(days: -5), nil),
                ("发布智能制造产业链招商目录", Day(year: y, month: 8, day: 31)!, Day(year: y, month: 8, day: 25)!),
            ])
        let (ic, icNodes) = try await chain(
            ctx, name: "电子信息", department: "经济发展局", plan: "《沈阳高新区 IC 装备产业链发展规划》",
            fund: "集成电路装备产业基金", platform: "IC装备制造产业园",
            anchors: "刻蚀及薄膜沉积设备龙头企业 2 家", experts: "IC 装备专家团队（6 人）",
            nodes: [
                NodeSpec(segment: .upstream, name: "半导体材料", gapTargets: "电子特气、光刻胶企业"),
                NodeSpec(segment: .upstream, name: "核心零部件"), NodeSpec(segment: .midstream, name: "刻蚀/薄膜沉积设备"),
                NodeSpec(segment: .downstream, name: "封装测试", gapTargets: "先进封装企业 1 家"),
            ],
            tasks: [("梳理 IC 装备零部件本地配套率", today.adding(days: 30), nil)])
        for n in 0..<8 {
            let origin = origins[(n + 3) % origins.count]
            let onRobot = n % 2 == 0
            let reached: ProjectStage = [.talks, .signed, .registered, .started][n % 4]
            try await project(
                ctx,
                ProjectSpec(
                    name: onRobot ? "机器人关键部件项目（\(n + 1)）" : "IC 装备零部件项目（\(n + 1)）", investor: "\(origin.1)装备企业",
                    province: origin.0, city: origin.1, planned: Int64(30_000 + n * 5_000),
                    park: ctx.parks.isEmpty ? nil : ctx.parks[onRobot ? 0 : 1], chain: onRobot ? robot : ic,
                    node: onRobot ? robotNodes[[1, 2, 3, 4][n % 4]] : icNodes[[1, 2][n % 2]],
                    moves: moves(to: reached, from: Day(year: y, month: 2 + n, day: 3)!, gap: 20, today: today)))
        }
    }

    // MARK: - 肇庆: 近60家在谈的储备项目

    static func zhaoqing(_ ctx: Context, today: Day) async throws {
        let y = year(today)
        let products = [
            "动力电池壳体", "电机控制器", "汽车线束", "储能变流器", "充电桩", "热管理系统", "车载显示屏", "轻量化铝合金部件",
            "电池回收", "汽车座椅", "储能电芯", "智能座舱",
        ]
        for n in 0..<62 {
            let origin = origins[n % origins.count]
            let product = products[n % products.count]
            let first = Day(year: y, month: 1 + n % 10, day: 1 + n % 27)!
            let stage: ProjectStage =
                n < 57 ? .talks : [.signed, .registered, .started, .completed, .producing][n - 57]
            try await project(
                ctx,
                ProjectSpec(
                    name: "\(product)项目（储备 \(n + 1)）",
                    investor: n % 3 == 0 ? "小鹏汽车供应链企业（\(origin.1)）" : "\(origin.1)\(product)企业",
                    province: origin.0, city: origin.1, planned: Int64(5_000 + (n % 9) * 6_000),
                    park: ctx.parks.first,
                    moves: stage == .talks
                        ? [(.lead, first), (.talks, min(today, first.adding(days: 21)))]
                        : moves(to: stage, from: Day(year: y - 1, month: 3 + n - 57, day: 10)!, gap: 45, today: today)))
        }
    }

    // MARK: - 宝鸡: 双过半

    static func baoji(_ ctx: Context, today: Day) async throws {
        let y = year(today)
        // 亿元以上 projects signed in the first half: 21, totalling 92.03 亿元; three smaller ones.
        var big: [(String, Int64)] = [
            ("汽车线束系统生产基地项目", 120_000), ("航空发动机高温钛合金材料产业园项目", 103_000),
            ("宇航级发动机叶片及零部件全产业链项目", 80_000),
        ]
        let rest: Int64 = 920_300 - 303_000
        for i in 0..<18 {
            let amount =
                i < 17 ? Int64(30_000 + i * 400) : rest - (0..<17).reduce(Int64(0)) { $0 + Int64(30_000 + $1 * 400) }
            big.append((["钛材深加工项目", "汽车零部件配套项目", "高端装备制造项目", "新材料项目"][i % 4] + "（\(i + 1)）", amount))
        }
        let small: [(String, Int64)] = [("钛合金 3D 打印服务项目", 6_000), ("汽车电子检测中心项目", 4_500), ("商业文旅配套项目", 3_000)]
        var halfFunds: Int64 = 0
        var halfForeign: Int64 = 0
        for (n, (name, agreed)) in (big + small).enumerated() {
            let signed = Day(year: y, month: 1 + n % 6, day: 5 + n % 20)!
            var funds: [(String, Int64, Int64)] = []
            for m in signed.month...6 {
                let amount = agreed / 20
                let foreign: Int64 = n < 3 ? 20 : 0
                funds.append((month(y, m), amount, foreign))
                halfFunds += amount
                halfForeign += foreign
            }
            let origin = origins[(n + 4) % origins.count]
            try await project(
                ctx,
                ProjectSpec(
                    name: name, investor: "\(origin.1)投资方", province: origin.0, city: origin.1, planned: agreed,
                    moves: [(.talks, signed.adding(days: -30))]
                        + moves(
                            to: n % 3 == 0 ? .started : .signed, from: signed, gap: 40, today: today,
                            startingAt: .signed),
                    agreed: agreed, funds: funds))
        }
        // Continuing projects signed last year carry the rest of the half year's 157.6 亿元 and 1590 万美元.
        let continuing = 10
        let remaining = 1_576_000 - halfFunds
        let remainingForeign = 1_590 - halfForeign
        for i in 0..<continuing {
            var funds: [(String, Int64, Int64)] = []
            let share = remaining / Int64(continuing) + (i == continuing - 1 ? remaining % Int64(continuing) : 0)
            for m in 1...6 {
                let amount = share / 6 + (m == 6 ? share % 6 : 0)
                let foreign = i == 0 ? remainingForeign / 6 + (m == 6 ? remainingForeign % 6 : 0) : 0
                funds.append((month(y, m), amount, foreign))
            }
            for m in 7..<max(7, min(13, today.year == y ? today.month : 13)) {
                funds.append((month(y, m), share / 8, 0))
            }
            let origin = origins[i % origins.count]
            try await project(
                ctx,
                ProjectSpec(
                    name: ["钛产业园续建项目", "汽车产业园续建项目", "装备制造基地续建项目"][i % 3] + "（\(i + 1)）",
                    investor: "\(origin.1)产业投资方", province: origin.0, city: origin.1, planned: 400_000,
                    moves: [(.talks, Day(year: y - 1, month: 2, day: 1)!)]
                        + moves(
                            to: .started, from: Day(year: y - 1, month: 3, day: 1)!, gap: 60, today: today,
                            startingAt: .signed),
                    agreed: 400_000, funds: funds))
        }
        for (kind, target) in [
            (InvestmentTargetKind.fundsInPlace, Int64(2_840_000)), (.foreignInvestment, 700), (.newProjects, 40),
            (.bigProjects, 35),
        ] {
            try await ctx.repo.setTarget(
                zoneID: ctx.zoneID, parkID: nil, year: y, kind: kind.rawValue, target: target, at: Clock.nowSeconds())
        }
    }
}
