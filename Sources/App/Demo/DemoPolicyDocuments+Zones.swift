import Foundation
import GaoxinCore

/// The other demo zones' ledgers: 西安, 湘潭, 沈阳, 肇庆's drafts and a generic one (see `DemoPolicies`).
extension DemoPolicies {
    static func xian(_ y: Int) -> [Document] {
        let n = y - 1
        return [
            Document(
                department: "科技创新局", title: "西安高新区支持科技企业创新发展若干政策", number: "西高新发〔\(n)〕12号",
                preamble: "为实现惠企政策应知尽知、应享尽享，本政策由科技创新局“惠企政策发言人”负责解读和咨询答复。",
                items: [
                    Item(
                        code: "第二条", title: "高新技术企业认定奖励", rule: all(("certifications:high_tech", .yes, "")),
                        benefit: .fixed(30), budget: 900,
                        content: "对首次认定的高新技术企业给予奖励 30 万元，重新认定的给予 10 万元。", materials: ["高新技术企业证书复印件"]),
                    Item(
                        code: "第三条", title: "研发投入补助", rule: all(("rdExpense", .ge, "300"), ("rdRatio", .ge, "4")),
                        benefit: .per("rdExpense", 8, cap: 150), budget: 1200,
                        content: "按上年度研发费用的 8% 给予补助，最高 150 万元。", materials: ["研发费用专项审计报告"]),
                ]),
            Document(
                department: "数字经济局", title: "西安高新区促进数字经济高质量发展若干措施", number: "西高新发〔\(n)〕18号",
                preamble: "为推动数字经济和实体经济深度融合，制定本措施。",
                items: [
                    Item(
                        code: "第四条", title: "软件和信息技术服务企业扶持",
                        rule: all(("revenue", .ge, "2000"), ("rdStaffRatio", .ge, "15")), benefit: .fixed(20),
                        budget: 400,
                        content: "对营业收入 2000 万元以上、研发人员占比 15% 以上的软件和信息技术服务企业，给予扶持 20 万元。", materials: ["软件产品登记证书或著作权证书"])
                ]),
            Document(
                department: "人才工作局", title: "西安高新区人才引进与培育扶持办法", number: "西高新发〔\(n)〕21号",
                preamble: "为集聚创新人才，制定本办法。",
                items: [
                    Item(
                        code: "第五条", title: "研发人才集聚奖励", rule: all(("rdStaff", .ge, "50")),
                        benefit: .per("rdStaff", 0.2, cap: 100), budget: 600,
                        content: "对研发人员 50 人以上的企业，按每名研发人员 2000 元给予奖励，最高 100 万元。", materials: ["研发人员花名册", "社保缴纳证明"])
                ]),
            Document(
                department: "商务局", title: "西安高新区外贸稳增长支持措施", number: "西高新发〔\(n)〕25号",
                preamble: "为支持企业稳订单、拓市场，制定本措施。",
                items: [
                    Item(
                        code: "第二条", title: "出口奖励", rule: all(("exports", .ge, "500")),
                        benefit: .per("exports", 1, cap: 30), budget: 200, window: .upcoming,
                        content: "按上年度出口额的 1% 给予奖励，最高 30 万元。", materials: ["海关出口数据证明"])
                ]),
            Document(
                department: "金融服务局", title: "西安高新区金融支持实体经济若干措施", number: "西高新发〔\(n)〕27号",
                preamble: "为缓解中小企业融资难、融资贵，制定本措施。",
                items: [
                    Item(
                        code: "第三条", title: "科技型中小企业首贷贴息", rule: all(("certifications:tech_sme", .yes, "")),
                        benefit: .fixed(5), budget: 150, autoGrant: true,
                        content: "对科技型中小企业首次获得银行贷款的，按贷款利息的 50% 给予贴息，最高 5 万元，免申即享。")
                ]),
        ]
    }

    static func xiangtan(_ y: Int) -> [Document] {
        [
            Document(
                department: "经济发展局", title: "湘潭高新区“复工复产”政策兑现一本通（\(y)年版）", number: "潭高新发〔\(y - 1)〕6号",
                preamble: "本一本通延续 2020 年版做法（2020 年政策兑现“一件事”办理业务 1790 件，减免缴费、发放补贴 2632.4 万元），对可由部门数据直接认定的事项实行免申即享。",
                items: [
                    Item(
                        code: "第一项", title: "稳岗返还", rule: all(("staff", .ge, "10")),
                        benefit: .per("staff", 0.05, cap: 30), budget: 800, window: .always, autoGrant: true,
                        content: "对不裁员或少裁员的参保企业，按职工人数每人 500 元返还失业保险费，最高 30 万元，免申即享。"),
                    Item(
                        code: "第二项", title: "小微企业房租减免", rule: all(("revenue", .le, "5000")), benefit: .fixed(6),
                        budget: 600, autoGrant: true,
                        content: "对租用园区标准厂房的小微企业，减免 3 个月房租，最高 6 万元，免申即享。"),
                    Item(
                        code: "第三项", title: "首贷贴息", rule: all(("revenue", .le, "20000"), ("debtRatio", .le, "70")),
                        benefit: .fixed(5), budget: 332.4,
                        content: "对首次获得银行贷款的中小企业，按贷款利息的 50% 给予贴息，最高 5 万元。", materials: ["贷款合同", "利息支付凭证"]),
                ]),
            Document(
                department: "财政局", title: "湘潭高新区“六稳六保”政策兑现一本通（\(y)年版）", number: "潭高新发〔\(y - 1)〕7号",
                preamble: "政策兑现实行“一件事一次办”，一次告知、一表申请、一窗受理。",
                items: [
                    Item(
                        code: "第一项", title: "企业上规入统奖励",
                        rule: all(("revenue", .ge, "2000"), ("revenueGrowth", .ge, "0")), benefit: .fixed(10),
                        budget: 500,
                        content: "对首次纳入规模以上工业企业统计的企业，给予一次性奖励 10 万元。", materials: ["入规证明"]),
                    Item(
                        code: "第二项", title: "科技型中小企业奖励", rule: all(("certifications:tech_sme", .yes, "")),
                        benefit: .fixed(3), budget: 200, autoGrant: true,
                        content: "对评价入库的科技型中小企业给予奖励 3 万元，免申即享。"),
                    Item(
                        code: "第三项", title: "研发费用补助", rule: all(("rdExpense", .ge, "100"), ("rdRatio", .ge, "3")),
                        benefit: .per("rdExpense", 5, cap: 50), budget: 200,
                        window: .upcoming, content: "按上年度研发费用的 5% 给予补助，最高 50 万元。", materials: ["研发费用专项审计报告"]),
                ]),
        ]
    }

    static func shenyang(_ y: Int) -> [Document] {
        let n = y - 1
        return [
            Document(
                department: "社会事务局", title: "沈阳高新区人才强区若干政策", number: "沈高新发〔\(n)〕3号", preamble: "为瞄准人才和产业发展需求，制定本政策。",
                items: [
                    Item(
                        code: "第四条", title: "研发人才奖励", rule: all(("rdStaff", .ge, "30")),
                        benefit: .per("rdStaff", 0.1, cap: 50), budget: 500,
                        content: "对研发人员 30 人以上的企业，按每名研发人员 1000 元给予奖励，最高 50 万元。", materials: ["研发人员花名册"])
                ]),
            Document(
                department: "科技局", title: "沈阳高新区强化实施创新驱动发展战略进一步推动高质量发展的实施方案", number: "沈高新发〔\(n)〕5号",
                preamble: "为强化创新驱动，加快打造高质量发展所必需的创新驱动体系，制定本方案。",
                items: [
                    Item(
                        code: "第六条", title: "高新技术企业奖励", rule: all(("certifications:high_tech", .yes, "")),
                        benefit: .fixed(20), budget: 600,
                        content: "对认定的高新技术企业给予奖励 20 万元。", materials: ["高新技术企业证书复印件"])
                ]),
            Document(
                department: "经济发展局", title: "沈阳高新区产业促进政策20条", number: "沈高新发〔\(n)〕8号", preamble: "为完善价值链、创新链，制定本政策。",
                items: [
                    Item(
                        code: "第二条", title: "规模企业增长奖励",
                        rule: all(("revenue", .ge, "10000"), ("revenueGrowth", .ge, "10")), benefit: .fixed(50),
                        budget: 800,
                        content: "对营业收入 1 亿元以上且增长 10% 以上的企业，给予奖励 50 万元。", materials: ["近两年财务审计报告"])
                ]),
            Document(
                department: "金融发展局", title: "沈阳高新区促进金融发展若干政策实施办法", number: "沈高新发〔\(n)〕11号", preamble: "为帮助企业融资，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "股权融资奖励", rule: all(("newEquity", .ge, "1000")),
                        benefit: .per("newEquity", 1, cap: 100), budget: 300,
                        content: "对获得股权融资 1000 万元以上的企业，按融资额的 1% 给予奖励，最高 100 万元。", materials: ["投资协议"])
                ]),
            Document(
                department: "财政局", title: "沈阳高新区降低实体经济成本22条措施", number: "沈高新发〔\(n)〕13号", preamble: "为降低企业成本，制定本措施。",
                items: [
                    Item(
                        code: "第五条", title: "用工成本补贴", rule: all(("staff", .ge, "10")),
                        benefit: .per("staff", 0.03, cap: 20), budget: 400, window: .always, autoGrant: true,
                        content: "按职工人数每人 300 元给予用工成本补贴，最高 20 万元，免申即享。")
                ]),
            Document(
                department: "经济发展局", title: "沈阳高新区关爱企业家15条措施", number: "沈高新发〔\(n)〕15号",
                preamble: "为营造尊重和关爱企业家的氛围，制定本措施。",
                items: [
                    Item(
                        code: "第三条", title: "企业家服务绿卡", rule: all(("revenue", .ge, "20000")), benefit: .none,
                        budget: nil, window: .always,
                        content: "为营业收入 2 亿元以上企业的主要负责人发放服务绿卡，提供政务服务绿色通道、子女入学和医疗保健服务。", materials: ["企业主要负责人身份证明"])
                ]),
        ]
    }

    static func zhaoqing(_ y: Int, _ zone: String) -> [Document] {
        generic(y, zone) + [
            Document(
                department: "新能源汽车产业服务中心", title: "肇庆高新区促进新能源汽车产业发展二十条实施意见", number: nil, term: .draft,
                preamble: "（起草中）根据收集到的意见建议，强化对新能源汽车产业链的精准分解和精准招商。",
                items: [
                    Item(
                        code: "第三条", title: "新能源汽车零部件企业配套奖励", rule: all(("revenue", .ge, "5000")), benefit: .fixed(50),
                        budget: nil,
                        content: "对进入整车企业供应链的本地零部件企业给予配套奖励。", materials: ["供货合同"])
                ]),
            Document(
                department: "经济发展局", title: "肇庆高新区推动新型储能产业高质量发展实施方案", number: nil, term: .draft,
                preamble: "（起草中）完善新型储能产业链条，加紧跟进在谈储备项目。", items: []),
        ]
    }

    /// A zone without its own seed policies gets the two schemes nearly every zone runs; the 高企
    /// amounts (首次认定 5 万、复审 3 万) are those the seeds report for 乌鲁木齐高新区.
    static func generic(_ y: Int, _ zone: String) -> [Document] {
        [
            Document(
                department: "科技创新局", title: "\(zone)高新技术企业补助扶持资金管理办法", number: "\(zone.prefix(2))高新发〔\(y - 1)〕2号",
                preamble: "为鼓励企业申报高新技术企业，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "高新技术企业认定补助", rule: all(("certifications:high_tech", .yes, "")),
                        benefit: .fixed(5), budget: 200,
                        content: "对首次认定的高新技术企业给予 5 万元补助，复审通过的给予 3 万元补助。", materials: ["高新技术企业证书复印件"]),
                    Item(
                        code: "第四条", title: "后备高新技术企业培育",
                        rule: all(
                            ("certifications:high_tech", .no, ""), ("rdRatio", .ge, "3"), ("techStaffRatio", .ge, "10")),
                        benefit: .fixed(2), budget: 60, content: "对纳入后备库的企业给予培育经费 2 万元。", materials: ["研发费用辅助账"]),
                ]),
            Document(
                department: "市场监督管理局", title: "\(zone)知识产权资助办法", number: "\(zone.prefix(2))高新发〔\(y - 1)〕6号",
                preamble: "为加大对企业专利的奖励资助，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "发明专利资助", rule: all(("ipClass1", .ge, "1")),
                        benefit: .per("ipClass1", 0.3, cap: 10), budget: 100, window: .always,
                        content: "对授权发明专利每件资助 0.3 万元，每家企业每年最高 10 万元。", materials: ["专利证书复印件"])
                ]),
        ]
    }
}
