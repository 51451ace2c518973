import Foundation
import GaoxinCore
import SQLKit

/// 政务服务 demo for 湘潭 (seed 004: “四减”一件事一次办, 87 一件事, 一窗受理, 1 日内办结, 95% 即办, 151 网办):
/// 14 一件事 with every national guide field on their items and one set of materials each (blank
/// forms and samples as small PDFs), 免证办 materials filled from the registry, the window login
/// `service@xiangtan` (政务服务中心), then a year of applications (`DemoServiceCases`).
enum DemoServices {
    struct Item {
        let name: String
        let kind: String
        let basis: String
        let department: String
        let legal: Int
        let promised: Int
        let result: String
        let resultType: String
    }

    struct Material {
        let name: String
        var required = true
        var form = "电子或纸质"
        var copies = 1
        var source = "申请人自备"
        var standard = "内容完整、信息真实，签字盖章齐全"
        var filledFrom: MaterialSource? = nil
        var blank = false
    }

    struct Bundle {
        let code: String
        let name: String
        let summary: String
        let event: LifeEvent
        let department: String
        let online: Bool
        let items: [Item]
        let materials: [Material]
    }

    static let form = Material(name: "“一件事”联办申请表（一表申请）", source: "政务服务中心提供空白表格", blank: true)
    static let idCard = Material(
        name: "申请人身份证明", form: "原件核验", source: "公安机关", standard: "在有效期内", filledFrom: .residentRecord)
    static let license = Material(
        name: "营业执照", form: "原件核验", source: "市场监督管理部门", standard: "在有效期内", filledFrom: .businessLicense)

    static func item(
        _ name: String, _ kind: String, _ basis: String, _ department: String, legal: Int, promised: Int,
        result: String,
        resultType: String = "证照"
    ) -> Item {
        Item(
            name: name, kind: kind, basis: basis, department: department, legal: legal, promised: promised,
            result: result, resultType: resultType)
    }

    static let bundles: [Bundle] = [
        Bundle(
            code: "YJS-001", name: "出生一件事", summary: "新生儿出生医学证明、户口登记、医保参保、社保卡申领一次办。", event: .birth,
            department: "zhengwufuwu", online: true,
            items: [
                item("出生医学证明签发", "公共服务", "《中华人民共和国母婴保健法》第二十三条", "shehuishiwu", legal: 5, promised: 0, result: "出生医学证明"),
                item("出生登记（户口）", "行政确认", "《中华人民共和国户口登记条例》第七条", "zhengwufuwu", legal: 5, promised: 1, result: "居民户口簿"),
                item(
                    "城乡居民医保参保登记", "公共服务", "《中华人民共和国社会保险法》第二十五条", "shehuishiwu", legal: 5, promised: 0, result: "参保登记凭证"),
            ],
            materials: [
                form, idCard, Material(name: "新生儿出生医学证明（医院出具）", form: "原件", source: "助产机构"),
                Material(name: "父母结婚证", required: false, form: "原件核验", source: "民政部门"),
            ]),
        Bundle(
            code: "YJS-002", name: "入学一件事", summary: "义务教育入学报名、学籍登记、资助申请一次办。", event: .schooling,
            department: "shehuishiwu",
            online: true,
            items: [
                item(
                    "义务教育阶段入学登记", "公共服务", "《中华人民共和国义务教育法》第十二条", "shehuishiwu", legal: 20, promised: 5, result: "入学通知书"),
                item(
                    "家庭经济困难学生资助申请", "行政给付", "《学生资助资金管理办法》", "shehuishiwu", legal: 30, promised: 10, result: "资助确认书",
                    resultType: "批文"),
            ],
            materials: [
                form, idCard, Material(name: "居住证明或房产证明", source: "不动产登记机构"),
                Material(name: "儿童预防接种证", form: "原件核验", source: "接种单位"),
            ]),
        Bundle(
            code: "YJS-003", name: "就业创业一件事", summary: "就业登记、创业补贴、创业担保贷款申请一次办。", event: .employment,
            department: "shehuishiwu",
            online: true,
            items: [
                item("就业登记", "公共服务", "《就业服务与就业管理规定》第六十二条", "shehuishiwu", legal: 5, promised: 0, result: "就业登记凭证"),
                item(
                    "一次性创业补贴申领", "行政给付", "《湖南省就业补助资金管理办法》", "caizhengju", legal: 20, promised: 7, result: "补贴核准通知",
                    resultType: "批文"),
                item(
                    "创业担保贷款申请", "公共服务", "《创业担保贷款实施办法》", "caizhengju", legal: 20, promised: 10, result: "贷款担保函",
                    resultType: "批文"),
            ],
            materials: [
                form, idCard, Material(name: "创业项目计划书", blank: true),
                Material(
                    name: "营业执照（已创业的）", required: false, form: "原件核验", source: "市场监督管理部门", filledFrom: .businessLicense),
            ]),
        Bundle(
            code: "YJS-004", name: "退休一件事", summary: "职工退休申请、养老金核定、医保待遇转换一次办。", event: .retirement,
            department: "shehuishiwu",
            online: false,
            items: [
                item(
                    "职工正常退休申请", "行政确认", "《国务院关于工人退休、退职的暂行办法》", "shehuishiwu", legal: 20, promised: 5, result: "退休审批表",
                    resultType: "批文"),
                item(
                    "基本养老金核定", "行政给付", "《中华人民共和国社会保险法》第十六条", "shehuishiwu", legal: 20, promised: 5, result: "养老金核定表",
                    resultType: "批文"),
            ],
            materials: [form, idCard, Material(name: "本人档案", form: "原件", source: "档案保管单位")]),
        Bundle(
            code: "YJS-005", name: "住房公积金提取一件事", summary: "购房、租房提取住房公积金，材料齐全即来即办。", event: .housing,
            department: "zhengwufuwu",
            online: true,
            items: [
                item("住房公积金提取", "公共服务", "《住房公积金管理条例》第二十四条", "zhengwufuwu", legal: 3, promised: 0, result: "提取到账凭证")
            ],
            materials: [form, idCard, Material(name: "购房合同或租赁合同", source: "申请人自备")]),
        Bundle(
            code: "YJS-006", name: "困难群众救助一件事", summary: "最低生活保障、临时救助、残疾人两项补贴一次申请。", event: .elderCare,
            department: "shehuishiwu",
            online: true,
            items: [
                item(
                    "最低生活保障审核确认", "行政给付", "《社会救助暂行办法》第十一条", "shehuishiwu", legal: 30, promised: 15, result: "低保确认通知",
                    resultType: "批文"),
                item(
                    "临时救助", "行政给付", "《社会救助暂行办法》第四十七条", "shehuishiwu", legal: 15, promised: 5, result: "救助通知",
                    resultType: "批文"),
            ],
            materials: [form, idCard, Material(name: "家庭收入和财产状况承诺书", blank: true)]),
        Bundle(
            code: "YJS-101", name: "企业开办一件事", summary: "设立登记、印章刻制、发票申领、社保登记、银行开户预约，一日办结。", event: .opening,
            department: "shichangjianguan", online: true,
            items: [
                item(
                    "企业设立登记", "行政许可", "《中华人民共和国市场主体登记管理条例》第三条", "shichangjianguan", legal: 3, promised: 0,
                    result: "营业执照"),
                item("公章刻制备案", "其他行政权力", "《印铸刻字业暂行管理规则》", "zhengwufuwu", legal: 1, promised: 0, result: "印章备案回执"),
                item("首次申领发票", "行政确认", "《中华人民共和国发票管理办法》第十五条", "caizhengju", legal: 5, promised: 0, result: "发票领购簿"),
                item("单位参保登记", "公共服务", "《中华人民共和国社会保险法》第五十七条", "shehuishiwu", legal: 15, promised: 1, result: "参保登记证明"),
            ],
            materials: [
                form, idCard, Material(name: "公司章程", blank: true), Material(name: "住所（经营场所）使用证明", source: "产权人提供"),
            ]),
        Bundle(
            code: "YJS-102", name: "开餐饮店一件事", summary: "食品经营许可、户外招牌设置、消防安全检查一次告知、一窗受理。", event: .permits,
            department: "shichangjianguan", online: true,
            items: [
                item(
                    "食品经营许可", "行政许可", "《中华人民共和国食品安全法》第三十五条", "shichangjianguan", legal: 20, promised: 5,
                    result: "食品经营许可证"),
                item("户外招牌设置备案", "其他行政权力", "《湘潭市户外广告设置管理办法》", "zhengwufuwu", legal: 10, promised: 2, result: "备案回执"),
                item(
                    "公众聚集场所投入使用前消防安全检查", "行政许可", "《中华人民共和国消防法》第十五条", "zhengwufuwu", legal: 10, promised: 5,
                    result: "消防安全检查合格证"),
            ],
            materials: [
                form, license, Material(name: "经营场所平面布局图", blank: true), Material(name: "食品安全管理制度文本", blank: true),
            ]),
        Bundle(
            code: "YJS-103", name: "开药店一件事", summary: "药品经营许可、医疗器械经营备案一次办。", event: .permits,
            department: "shichangjianguan",
            online: true,
            items: [
                item(
                    "药品零售企业经营许可", "行政许可", "《中华人民共和国药品管理法》第五十二条", "shichangjianguan", legal: 30, promised: 10,
                    result: "药品经营许可证"),
                item(
                    "第二类医疗器械经营备案", "其他行政权力", "《医疗器械监督管理条例》第四十一条", "shichangjianguan", legal: 5, promised: 1,
                    result: "备案凭证"),
            ],
            materials: [
                form, license, Material(name: "执业药师注册证", form: "原件核验", source: "药品监督管理部门"), Material(name: "质量管理文件目录"),
            ]),
        Bundle(
            code: "YJS-104", name: "工业项目开工一件事", summary: "社会投资工业项目立项备案、用地规划、施工许可“一图三单”闭环审批。", event: .construction,
            department: "jingfaju", online: true,
            items: [
                item(
                    "企业投资项目备案", "其他行政权力", "《企业投资项目核准和备案管理条例》第十三条", "jingfaju", legal: 5, promised: 1, result: "项目备案证明",
                    resultType: "批文"),
                item(
                    "建设用地规划许可", "行政许可", "《中华人民共和国城乡规划法》第三十八条", "jingfaju", legal: 20, promised: 5, result: "建设用地规划许可证"),
                item("建筑工程施工许可", "行政许可", "《中华人民共和国建筑法》第八条", "jingfaju", legal: 15, promised: 3, result: "建筑工程施工许可证"),
            ],
            materials: [
                form, license, Material(name: "项目可行性说明", blank: true),
                Material(name: "土地出让合同", form: "原件核验", source: "自然资源部门"), Material(name: "施工图审查合格书", source: "施工图审查机构"),
            ]),
        Bundle(
            code: "YJS-105", name: "企业变更一件事", summary: "名称、住所、法定代表人变更及关联的税务、社保信息同步变更。", event: .changes,
            department: "shichangjianguan", online: true,
            items: [
                item(
                    "企业变更登记", "行政许可", "《中华人民共和国市场主体登记管理条例》第二十四条", "shichangjianguan", legal: 3, promised: 0,
                    result: "营业执照（变更）"),
                item("税务登记信息变更", "行政确认", "《税务登记管理办法》", "caizhengju", legal: 5, promised: 0, result: "变更回执"),
            ],
            materials: [form, license, Material(name: "股东会决议或决定", blank: true)]),
        Bundle(
            code: "YJS-106", name: "企业注销一件事", summary: "简易注销公告、清税、社保注销一网通办。", event: .closing,
            department: "shichangjianguan",
            online: true,
            items: [
                item(
                    "企业注销登记", "行政许可", "《中华人民共和国市场主体登记管理条例》第三十一条", "shichangjianguan", legal: 10, promised: 3,
                    result: "准予注销登记通知书", resultType: "批文"),
                item(
                    "清税证明开具", "行政确认", "《中华人民共和国税收征收管理法》第十六条", "caizhengju", legal: 5, promised: 1, result: "清税证明",
                    resultType: "批文"),
            ],
            materials: [form, license, Material(name: "全体投资人承诺书", blank: true)]),
        Bundle(
            code: "YJS-107", name: "高企认定服务一件事", summary: "高新技术企业认定辅导、研发费用归集备案、认定奖励兑现一次办。", event: .operating,
            department: "kejiju", online: true,
            items: [
                item(
                    "高新技术企业认定材料初审", "其他行政权力", "《高新技术企业认定管理办法》第十一条", "kejiju", legal: 20, promised: 10, result: "初审意见",
                    resultType: "批文"),
                item(
                    "高新技术企业认定奖励兑现", "行政给付", "湘潭高新区“六稳六保”政策兑现一本通", "caizhengju", legal: 30, promised: 15, result: "兑现通知",
                    resultType: "批文"),
            ],
            materials: [
                form, license, Material(name: "企业资质认定记录", form: "电子", source: "平台企业资质库", filledFrom: .certification),
                Material(name: "研发费用专项审计报告", source: "会计师事务所"),
            ]),
        Bundle(
            code: "YJS-108", name: "员工招聘一件事", summary: "招聘信息发布、用工备案、社保增员一次办。", event: .operating,
            department: "shehuishiwu",
            online: true,
            items: [
                item("招聘信息发布", "公共服务", "《人力资源市场暂行条例》第二十三条", "shehuishiwu", legal: 3, promised: 0, result: "发布回执"),
                item(
                    "用工备案", "行政确认", "《劳动和社会保障部关于建立劳动用工备案制度的通知》", "shehuishiwu", legal: 5, promised: 0, result: "用工备案回执"),
            ],
            materials: [form, license, Material(name: "招聘岗位需求表", blank: true)]),
    ]
}
