import Foundation
import GaoxinCore

/// 佛山's demo ledger: the 17 主导政策 of the seed articles (see `DemoPolicies`).
extension DemoPolicies {
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
}
