import Foundation
import GaoxinCore
import SQLKit

/// The demo zones' policy ledgers, built from the seed articles: 佛山's 17 主导政策 with close to
/// 2亿元 of support (and the 21 high-level talent teams' 8000万), an IP funding scheme modelled on
/// 通州's 知识产权资助奖励办法 (1133万元 in 2020), 湘潭's 政策兑现一本通 (复工复产, 六稳六保;
/// 2632.4万元), 沈阳's six named policy documents and 肇庆's two policies still being drafted. Rules
/// read the demo enterprises' figures so that some enterprises match and some don't; dates are set
/// relative to the day the demo loads, so windows are open, closed and upcoming whenever it runs.
enum DemoPolicies {
    typealias Condition = (field: String, op: RuleOperator, value: String)

    enum Benefit {
        case fixed(Double)
        /// A share of an amount (percent) or 万元 per unit of a count, with a cap.
        case per(String, Double, cap: Double?)
        case none
    }

    enum Window { case always, open, closed, upcoming }

    struct Item {
        var code: String
        var title: String
        var rule: RuleDraft
        var benefit: Benefit
        var budget: Double?
        var window: Window = .open
        var autoGrant = false
        var content: String
        var conditions: String? = nil
        var materials: [String] = []
    }

    enum Term {
        case current
        case expired(from: String, to: String)
        case draft
    }

    struct Document {
        var department: String
        var title: String
        var number: String?
        var term: Term = .current
        var preamble: String
        var items: [Item]
    }

    static func all(_ conditions: Condition...) -> RuleDraft {
        RuleDraft(groups: [
            RuleDraft.Group(
                joiner: .all, conditions: conditions.map { .init(field: $0.field, op: $0.op, value: $0.value) })
        ])
    }

    /// Any of the groups, each group all of its conditions.
    static func anyOf(_ groups: [Condition]...) -> RuleDraft {
        RuleDraft(
            joiner: .any,
            groups: groups.map {
                RuleDraft.Group(joiner: .all, conditions: $0.map { .init(field: $0.field, op: $0.op, value: $0.value) })
            })
    }

    static let clean: Condition = ("onDishonestList", .no, "")

    // MARK: - The ledgers

    static func documents(zoneCode: String, zoneName: String, year y: Int) -> [Document] {
        switch zoneCode {
        case "foshan": foshan(y)
        case "xian": xian(y)
        case "xiangtan": xiangtan(y)
        case "shenyang": shenyang(y)
        case "zhaoqing": zhaoqing(y, zoneName)
        default: generic(y, zoneName)
        }
    }

    static func foshan(_ y: Int) -> [Document] {
        let n = y - 1
        return [
            Document(
                department: "科技创新局", title: "佛山高新区高新技术企业培育扶持办法", number: "佛高新科〔\(n)〕1号",
                preamble: "为贯彻创新驱动发展战略，扩大高新技术企业群体，对照《国家高新区高质量发展评价指标体系》瞄准短板指标设置奖励目标，制定本办法。",
                items: [
                    Item(
                        code: "第四条", title: "高新技术企业认定奖励", rule: all(("certifications:high_tech", .yes, ""), clean),
                        benefit: .fixed(20), budget: 1800,
                        content: "对当年通过认定（含重新认定）的高新技术企业给予一次性奖励 20 万元。", materials: ["高新技术企业证书复印件"]),
                    Item(
                        code: "第五条", title: "高新技术企业培育入库奖励",
                        rule: all(
                            ("certifications:high_tech", .no, ""), ("rdRatio", .ge, "3"), ("techStaffRatio", .ge, "10")),
                        benefit: .fixed(10), budget: 400, content: "对研发投入和科技人员达到培育标准、纳入高新技术企业后备库的企业，给予一次性培育奖励 10 万元。",
                        materials: ["研发费用专项审计报告", "科技人员名单"]),
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区企业研发费用后补助实施细则", number: "佛高新科〔\(n)〕2号",
                preamble: "为引导企业加大研发投入，按企业上年度研发费用给予后补助，制定本细则。",
                items: [
                    Item(
                        code: "第三条", title: "研发费用后补助", rule: all(("rdExpense", .ge, "200"), ("rdRatio", .ge, "3")),
                        benefit: .per("rdExpense", 10, cap: 200), budget: 2000,
                        content: "按企业上年度研发费用的 10% 给予后补助，单个企业每年最高 200 万元。", materials: ["研发费用专项审计报告", "研发项目立项资料"]),
                    Item(
                        code: "第四条", title: "研发投入增量奖励",
                        rule: all(("rdExpenseGrowth", .ge, "20"), ("rdExpense", .ge, "100")),
                        benefit: .per("rdExpense", 5, cap: 100),
                        budget: 600, window: .upcoming, content: "对上年度研发费用增长 20% 以上的企业，按研发费用的 5% 给予奖励，最高 100 万元。",
                        materials: ["近两年研发费用专项审计报告"]),
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区企业创新积分制试点实施办法", number: "佛高新科〔\(n)〕5号",
                preamble: "佛山高新区为科技部火炬中心首批企业创新积分制试点，依据企业创新积分对科技企业实施精准支持，制定本办法。",
                items: [
                    Item(
                        code: "第六条", title: "创新积分企业贷款贴息",
                        rule: all(("techStaffRatio", .ge, "15"), ("ipClass1", .ge, "1")), benefit: .fixed(30),
                        budget: 800,
                        content: "对创新积分达到标准、获得“创新积分贷”的企业，按贷款实际利息给予贴息，每家企业每年最高 30 万元。", materials: ["贷款合同", "利息支付凭证"])
                ]),
            Document(
                department: "市场监督管理局", title: "佛山高新区知识产权资助奖励办法", number: "佛高新市监〔\(n)〕3号",
                preamble: "为加大对企业专利的奖励资助，参照《通州区知识产权资助奖励办法》（2020 年通州区资助额达 1133 万元），设立知识产权资助资金，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "发明专利授权资助", rule: all(("ipClass1", .ge, "1")),
                        benefit: .per("ipClass1", 0.5, cap: 20), budget: 600, window: .always,
                        content: "对企业获得授权的发明专利等Ⅰ类知识产权，每件资助 0.5 万元，每家企业每年最高 20 万元。", materials: ["专利证书复印件"]),
                    Item(
                        code: "第四条", title: "实用新型专利资助", rule: all(("ipClass2", .ge, "3")),
                        benefit: .per("ipClass2", 0.1, cap: 5), budget: 150, window: .always,
                        content: "对企业获得授权的实用新型专利等Ⅱ类知识产权，每件资助 0.1 万元，每家企业每年最高 5 万元。", materials: ["专利证书复印件"]),
                    Item(
                        code: "第五条", title: "知识产权质押融资贴息", rule: all(("ipClass1", .ge, "2"), ("debtRatio", .le, "70")),
                        benefit: .fixed(10), budget: 283,
                        content: "按照“政府引导、多方参与、利益共享、责任共担”的原则，对以知识产权质押获得贷款的企业给予贴息，每家企业最高 10 万元。",
                        materials: ["知识产权质押登记通知书", "贷款合同", "利息支付凭证"]),
                    Item(
                        code: "第六条", title: "高价值专利培育奖励", rule: all(("ipClass1", .ge, "10")), benefit: .fixed(30),
                        budget: 100, window: .closed,
                        content: "对拥有 10 件以上发明专利、形成高价值专利组合的企业，给予一次性奖励 30 万元。", materials: ["专利清单", "专利组合运营情况说明"]),
                ]),
            Document(
                department: "经济发展局", title: "佛山高新区专精特新企业梯度培育扶持办法", number: "佛高新经〔\(n)〕2号",
                preamble: "为构建创新型中小企业、专精特新中小企业、专精特新“小巨人”企业梯度培育体系，突出荣誉激励，增强企业获得感，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "创新型中小企业奖励", rule: all(("certifications:innovative_sme", .yes, "")),
                        benefit: .fixed(5), budget: 200, window: .always, autoGrant: true,
                        content: "对有效期内的创新型中小企业给予奖励 5 万元，免申即享，由经济发展局根据认定名单直接兑现。"),
                    Item(
                        code: "第四条", title: "专精特新中小企业奖励", rule: all(("certifications:specialised_sme", .yes, "")),
                        benefit: .fixed(20), budget: 500,
                        content: "对新认定的省级专精特新中小企业给予一次性奖励 20 万元。", materials: ["认定文件"]),
                    Item(
                        code: "第五条", title: "专精特新“小巨人”企业奖励", rule: all(("certifications:little_giant", .yes, "")),
                        benefit: .fixed(50), budget: 400,
                        content: "对新认定的国家级专精特新“小巨人”企业给予一次性奖励 50 万元。", materials: ["认定文件"]),
                ]),
            Document(
                department: "经济发展局", title: "佛山高新区促进企业上规模扶持办法", number: "佛高新经〔\(n)〕5号",
                preamble: "为鼓励企业做大做强、加快成长，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "营业收入首次突破 2 亿元奖励",
                        rule: all(("revenue", .ge, "20000"), ("revenueGrowth", .ge, "10")), benefit: .fixed(50),
                        budget: 600,
                        content: "对年营业收入首次突破 2 亿元且增长 10% 以上的企业，给予一次性奖励 50 万元。", materials: ["近两年财务审计报告"]),
                    Item(
                        code: "第四条", title: "瞪羚企业及高成长企业奖励",
                        rule: anyOf(
                            [("certifications:gazelle", .yes, "")],
                            [("revenueGrowth2y", .ge, "20"), ("revenue", .ge, "2000")]), benefit: .fixed(30),
                        budget: 400,
                        content: "对认定的瞪羚企业，或近两年营业收入平均增长 20% 以上且营业收入 2000 万元以上的高成长企业，给予奖励 30 万元。",
                        materials: ["近三年财务审计报告"]),
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区高层次人才团队扶持办法", number: "佛高新科〔\(n)〕8号",
                preamble: "为引进和培育高层次人才团队（第一批评选出 21 个团队项目，扶持金额近 8000 万元，引入高层次人才超 100 名），制定本办法。",
                items: [
                    Item(
                        code: "第五条", title: "高层次人才团队项目资助",
                        rule: all(("rdStaffRatio", .ge, "20"), ("rdExpense", .ge, "500")), benefit: .fixed(380),
                        budget: 8000,
                        window: .closed, content: "对入选的高层次人才团队项目，按评审结果给予资助，平均每个团队约 380 万元。",
                        materials: ["团队项目申报书", "团队成员学历及职称证明", "项目实施方案"])
                ]),
            Document(
                department: "财政金融局", title: "佛山高新区科技金融扶持办法", number: "佛高新财〔\(n)〕1号",
                preamble: "为创新融资方式、引导社会资本投向科技企业，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "股权融资奖励", rule: all(("newEquity", .ge, "500")),
                        benefit: .per("newEquity", 2, cap: 100), budget: 300,
                        content: "对上年度获得股权融资 500 万元以上的企业，按融资额的 2% 给予奖励，最高 100 万元。", materials: ["投资协议", "验资报告或银行进账凭证"]),
                    Item(
                        code: "第四条", title: "科技型中小企业信贷贴息",
                        rule: all(("certifications:tech_sme", .yes, ""), ("debtRatio", .le, "65")), benefit: .fixed(10),
                        budget: 200,
                        content: "对入库科技型中小企业的银行贷款给予贴息，每家企业每年最高 10 万元。", materials: ["贷款合同", "利息支付凭证"]),
                ]),
            Document(
                department: "经济发展局", title: "佛山高新区外贸企业稳增长扶持措施", number: "佛高新经〔\(n)〕7号",
                preamble: "为稳住外贸基本盘，支持企业开拓国际市场，制定本措施。",
                items: [
                    Item(
                        code: "第二条", title: "出口奖励", rule: all(("exports", .ge, "1000")),
                        benefit: .per("exports", 1, cap: 50), budget: 300,
                        content: "对上年度出口额 1000 万元以上的企业，按出口额的 1% 给予奖励，最高 50 万元。", materials: ["海关出口数据证明"])
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区研发机构建设资助办法", number: "佛高新科〔\(n)〕9号",
                preamble: "为提升平台创新承载力，支持企业建设高水平研发机构，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "省级以上研发机构奖励", rule: all(("provincialRDInstitution", .yes, "")),
                        benefit: .fixed(50), budget: 400,
                        content: "对新认定的省级以上工程技术研究中心、企业技术中心等研发机构，给予一次性奖励 50 万元。", materials: ["研发机构认定文件"])
                ]),
            Document(
                department: "经济发展局", title: "佛山高新区企业技术改造扶持办法", number: "佛高新经〔\(n)〕9号",
                preamble: "为推动制造业企业技术改造和转型升级，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "技术改造投资补助", rule: all(("revenue", .ge, "5000"), ("tax", .ge, "200")),
                        benefit: .per("tax", 5, cap: 300), budget: 600,
                        content: "对营业收入 5000 万元以上、纳税 200 万元以上并实施技术改造的企业，按纳税额的 5% 给予补助，最高 300 万元。",
                        materials: ["技术改造项目备案证明", "设备购置发票", "完税证明"])
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区科技型中小企业评价入库奖励办法", number: "佛高新科〔\(n)〕11号",
                preamble: "为壮大科技型中小企业群体，制定本办法。",
                items: [
                    Item(
                        code: "第二条", title: "科技型中小企业入库奖励", rule: all(("certifications:tech_sme", .yes, "")),
                        benefit: .fixed(2), budget: 100, window: .always,
                        autoGrant: true, content: "对当年通过评价入库的科技型中小企业给予奖励 2 万元，免申即享，根据入库名单直接兑现。")
                ]),
            Document(
                department: "投资促进局", title: "佛山高新区战略性新兴产业集聚发展扶持办法", number: "佛高新投〔\(n)〕2号",
                preamble: "为围绕“3+3+X”产业体系推动战略性新兴产业集聚发展，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "战略性新兴产业企业扶持",
                        rule: all(("strategicEmergingIndustry", .yes, ""), ("revenue", .ge, "10000")),
                        benefit: .fixed(100), budget: 500,
                        content: "对主导产品属于战略性新兴产业、营业收入 1 亿元以上的企业，给予扶持资金 100 万元。", materials: ["主导产品说明", "上年度财务审计报告"])
                ]),
            Document(
                department: "财政金融局", title: "佛山高新区企业上市培育扶持办法", number: "佛高新财〔\(n)〕3号",
                preamble: "为推动企业利用资本市场做大做强，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "企业上市奖励", rule: all(("certifications:listed", .yes, "")),
                        benefit: .fixed(300), budget: 300,
                        content: "对在境内外证券交易所首发上市的企业，给予奖励 300 万元。", materials: ["上市公告"]),
                    Item(
                        code: "第四条", title: "股份制改造奖励",
                        rule: all(
                            ("certifications:listed", .no, ""), ("revenue", .ge, "30000"), ("netAssets", .ge, "10000")),
                        benefit: .fixed(50), budget: 150, content: "对完成股份制改造、列入上市后备企业库的企业，给予奖励 50 万元。",
                        materials: ["股改完成证明", "上市辅导协议"]),
                ]),
            Document(
                department: "科技创新局", title: "佛山高新区科技成果转化奖励办法", number: "佛高新科〔\(n)〕12号",
                preamble: "为推动科技成果产业化，帮助企业开展核心技术攻关，制定本办法。",
                items: [
                    Item(
                        code: "第三条", title: "高新技术产品收入奖励",
                        rule: all(("highTechRevenueShare", .ge, "60"), ("inSupportedField", .yes, "")),
                        benefit: .per("highTechRevenue", 0.5, cap: 50), budget: 300,
                        content: "对高新技术产品（服务）收入占比 60% 以上的企业，按高新技术产品收入的 0.5% 给予奖励，最高 50 万元。",
                        materials: ["高新技术产品（服务）收入专项审计报告"])
                ]),
            Document(
                department: "经济发展局", title: "佛山高新区支持企业复工复产十条措施", number: "佛高新经〔2020〕1号",
                term: .expired(from: "2020-02-20", to: "2020-12-31"),
                preamble: "为支持企业有序复工复产，稳定就业，制定本措施（已到期失效，保留于政策台账备查）。",
                items: [
                    Item(
                        code: "第一条", title: "稳岗补贴", rule: all(("staff", .ge, "10")),
                        benefit: .per("staff", 0.05, cap: 50), budget: nil, window: .closed, autoGrant: true,
                        content: "对复工复产、不裁员或少裁员的企业，按职工人数每人 500 元给予稳岗补贴，最高 50 万元，免申即享。")
                ]),
            Document(
                department: "投资促进局", title: "佛山高新区一区五园统一招商政策", number: nil, term: .draft,
                preamble: "（征求意见稿）为从招商统计向招商统筹转变，构建管委会和园区协同、园区和园区互动的招商引资新模式，支持符合产业规划方向的项目在各园区落户，制定本政策。",
                items: [
                    Item(
                        code: "第三条", title: "重大产业项目落户奖励", rule: all(("revenue", .ge, "50000")), benefit: .fixed(500),
                        budget: nil,
                        content: "对新落户的计划总投资超 10 亿元的重大产业项目，按实际到位投资给予奖励，最高 500 万元。", materials: ["项目投资协议"])
                ]),
        ]
    }

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

    // MARK: - Loading

    /// Writes a zone's ledger (one transaction, one audit row per document) and returns its id count.
    static func load(zoneCode: String, zoneName: String, zoneID: Int64, today: Day, db: any SQLDatabase) async throws
        -> Int
    {
        let departments = try await ZoneRepository(db: db).departments(scope: .zone(zoneID))
        let repo = PolicyRepository(db: db)
        let now = Clock.nowSeconds()
        let y = today.year
        let documents = documents(zoneCode: zoneCode, zoneName: zoneName, year: y)
        for document in documents {
            // The department named, else a science department, else the first: zones name theirs differently.
            guard
                let department = departments.first(where: { $0.name == document.department })
                    ?? departments.first(where: { $0.kind == "science" }) ?? departments.first
            else { continue }
            let (status, effective, expires): (PolicyStatus, String, String?) =
                switch document.term {
                case .current: (.published, "\(y - 1)-03-01", "\(y + 1)-12-31")
                case .expired(let from, let to): (.published, from, to)
                case .draft: (.draft, today.description, nil)
                }
            let items = document.items.map { item in
                "\(item.code) \(item.title)：\(item.content)"
            }
            let text =
                ([document.preamble, "第一条 本政策适用于在\(zoneName)注册登记、具有独立法人资格的企业。"] + items
                + [
                    "本政策由\(department.name)负责解释，\(department.spokespersonName.map { "惠企政策发言人\($0)负责政策解读和咨询答复。" } ?? "")",
                    "本政策自 \(effective) 起施行\(expires.map { "，有效期至 \($0)" } ?? "")。",
                ]).joined(separator: "\n")
            let policy = PolicyRow(
                id: 0, zoneId: zoneID, departmentId: department.id, title: document.title, docNumber: document.number,
                issuedOn: status == .draft ? nil : Day(effective)?.adding(days: -10).description,
                effectiveOn: effective,
                expiresOn: expires, fullText: text, status: status.rawValue, createdAt: now, updatedAt: now)
            let policyID = try await repo.insert(policy)
            for (index, item) in document.items.enumerated() {
                guard let rule = try? item.rule.jsonLogic() else { preconditionFailure("演示政策“\(item.title)”的规则无效") }
                let materials =
                    [
                        PolicyMaterial(name: "\(item.title)申请表（加盖公章）", required: true),
                        PolicyMaterial(name: "营业执照复印件", required: true),
                    ]
                    + item.materials.map { PolicyMaterial(name: $0, required: true) }
                    + [PolicyMaterial(name: "其他证明材料", required: false)]
                let (from, to): (Day?, Day?) =
                    switch item.window {
                    case .always: (nil, nil)
                    case .open: (today.adding(days: -30), today.adding(days: 60))
                    case .closed: (today.adding(days: -150), today.adding(days: -60))
                    case .upcoming: (today.adding(days: 20), today.adding(days: 110))
                    }
                var row = PolicyItemRow(
                    id: 0, zoneId: zoneID, policyId: policyID, position: index + 1, code: item.code, title: item.title,
                    benefitKind: "",
                    ruleJson: rule.jsonString(), windowFrom: from?.description, windowTo: to?.description,
                    autoGrant: item.autoGrant,
                    content: item.content,
                    audience: "在\(zoneName)注册登记、具有独立法人资格，且符合申报条件的企业。",
                    applicablePeriod: "自 \(effective) 起" + (expires.map { "至 \($0) 止" } ?? "")
                        + (from.map { "；本年度申报期 \($0) 至 \(to?.description ?? "")" } ?? "；常年受理"),
                    conditions: item.conditions ?? "同时符合：\(item.rule.text)；申报前一年内未发生重大安全、质量事故或严重环境违法行为，未列入严重失信主体名单。",
                    materialsJson: String(
                        decoding: try JSONEncoder().encode(item.autoGrant ? [] : materials), as: UTF8.self),
                    createdAt: now, updatedAt: now)
                switch item.benefit {
                case .fixed(let amount):
                    row.benefitKind = BenefitKind.fixed.rawValue
                    row.benefitAmount = amount
                case .per(let field, let typed, let cap):
                    row.benefitKind = BenefitKind.formula.rawValue
                    row.benefitFormula = BenefitFormula.proportional(field: field, typed: typed).jsonString()
                    row.benefitCap = cap
                case .none: row.benefitKind = BenefitKind.nonMonetary.rawValue
                }
                row.budget = item.budget
                _ = try await repo.insert(row)
            }
            try await AuditLog.record(
                zoneID: zoneID, actor: nil, entity: "policy", id: policyID, action: "create_demo",
                after: ["title": document.title, "items": String(document.items.count), "source": "演示数据"], on: db)
        }
        return documents.count
    }
}
