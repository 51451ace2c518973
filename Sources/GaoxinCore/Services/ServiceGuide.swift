/// Who a service is for: the catalogue is searched by 个人 life events and 企业 life-cycle stages.
public enum ServiceAudience: String, Codable, CaseIterable, Hashable, Sendable {
    case person, enterprise

    public var label: String { self == .person ? "个人" : "企业" }
}

/// The 个人 life events and 企业 life-cycle stages the national catalogue sorts services under.
public enum LifeEvent: String, Codable, CaseIterable, Hashable, Sendable {
    case birth, schooling, employment, marriage, housing, retirement
    case elderCare = "elder_care"
    case opening, permits, operating, construction, changes, closing

    public var audience: ServiceAudience {
        switch self {
        case .birth, .schooling, .employment, .marriage, .housing, .retirement, .elderCare: .person
        case .opening, .permits, .operating, .construction, .changes, .closing: .enterprise
        }
    }

    public var label: String {
        switch self {
        case .birth: "出生落户"
        case .schooling: "入学教育"
        case .employment: "就业创业"
        case .marriage: "婚姻生育"
        case .housing: "住房安居"
        case .retirement: "退休养老"
        case .elderCare: "社会救助"
        case .opening: "企业开办"
        case .permits: "准营许可"
        case .operating: "经营纳税"
        case .construction: "投资建设"
        case .changes: "变更迁移"
        case .closing: "注销退出"
        }
    }
}

/// How an application comes in: the channel is recorded on every case (网办率 counts `online`).
public enum ServiceChannel: String, Codable, CaseIterable, Hashable, Sendable {
    case online, window, terminal, mobile

    public var label: String {
        switch self {
        case .online: "网上办理"
        case .window: "窗口办理（一窗受理）"
        case .terminal: "自助终端"
        case .mobile: "掌上办理"
        }
    }

    /// Channels the applicant uses alone; `window` is entered by staff.
    public var isOnline: Bool { self != .window }
}

/// How the result (证照、批文) reaches the applicant.
public enum ServiceDelivery: String, Codable, CaseIterable, Hashable, Sendable {
    case pickup, mail

    public var label: String { self == .pickup ? "窗口自取" : "邮寄送达" }
}

/// Data the platform already holds that stands in for a material (免证办): filled from the record,
/// marked 免提交, never uploaded.
public enum MaterialSource: String, Codable, CaseIterable, Hashable, Sendable {
    case businessLicense = "business_license"
    case certification
    case residentRecord = "resident_record"

    public var label: String {
        switch self {
        case .businessLicense: "企业登记信息（营业执照）"
        case .certification: "企业资质认定记录"
        case .residentRecord: "居民信息（身份证明）"
        }
    }

    /// Which applicants the platform holds this for.
    public var audience: ServiceAudience { self == .residentRecord ? .person : .enterprise }
}

/// A problem with a field of a guide or a material, in Chinese.
public struct ServiceProblem: Sendable, Hashable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The time limits of a service item (法定办结时限 and 承诺办结时限), in working days. A promised
/// limit of 0 is 即办: finished on the spot.
public struct ServiceLimits: Sendable, Hashable {
    public let legalDays: Int
    public let promisedDays: Int

    public static let maxDays = 365

    public init(legalDays: Int, promisedDays: Int) {
        self.legalDays = legalDays
        self.promisedDays = promisedDays
    }

    public var isInstant: Bool { promisedDays == 0 }

    /// Both within 0–365 working days, and the promise never longer than the law allows.
    public var problems: [ServiceProblem] {
        var found: [ServiceProblem] = []
        if !(0...Self.maxDays).contains(legalDays) {
            found.append(.init(field: "legal_days", message: "法定办结时限：应为 0 到 \(Self.maxDays) 个工作日"))
        }
        if !(0...Self.maxDays).contains(promisedDays) {
            found.append(.init(field: "promised_days", message: "承诺办结时限：应为 0 到 \(Self.maxDays) 个工作日"))
        } else if promisedDays > legalDays, found.isEmpty {
            found.append(
                .init(
                    field: "promised_days",
                    message: "承诺办结时限（\(promisedDays) 个工作日）不能长于法定办结时限（\(legalDays) 个工作日）"))
        }
        return found
    }

    /// How much shorter the promise is (减时限), as a share of the legal limit; nil for a legal 0.
    public var reduction: Double? {
        legalDays > 0 ? Double(legalDays - promisedDays) / Double(legalDays) : nil
    }
}

/// The national guide's text fields (国家政务服务事项目录 办事指南), each with its label and bound,
/// in the order a guide prints them. Required fields must not be blank.
public enum GuideField: String, CaseIterable, Sendable {
    case name
    case basicCode = "basic_code"
    case code, kind, basis, authority
    case audienceText = "audience_text"
    case conditions, fee, process, forms, visits, place, hours, consult, supervise, scope
    case resultName = "result_name"
    case resultType = "result_type"

    public var label: String {
        switch self {
        case .name: "事项名称"
        case .basicCode: "基本编码"
        case .code: "实施编码"
        case .kind: "事项类型"
        case .basis: "设定依据"
        case .authority: "实施主体"
        case .audienceText: "服务对象"
        case .conditions: "受理条件"
        case .fee: "收费标准"
        case .process: "办理流程"
        case .forms: "办理形式"
        case .visits: "到办事现场次数"
        case .place: "办理地点"
        case .hours: "办理时间"
        case .consult: "咨询方式"
        case .supervise: "监督投诉方式"
        case .scope: "通办范围"
        case .resultName: "审批结果名称"
        case .resultType: "审批结果类型"
        }
    }

    public var maxLength: Int {
        switch self {
        case .name, .authority, .resultName, .place, .hours: 100
        case .basicCode, .code: 40
        case .kind, .audienceText, .forms, .visits, .scope, .resultType: 60
        case .basis, .conditions, .process: 2000
        case .fee, .consult, .supervise: 300
        }
    }

    /// Every field of the guide is published; only the codes' shape is free.
    public var isRequired: Bool { true }

    /// The problems of a guide's fields as typed (text length counted in characters).
    public static func problems(_ values: [GuideField: String]) -> [ServiceProblem] {
        var found: [ServiceProblem] = []
        for field in allCases {
            let value = values[field] ?? ""
            if value.allSatisfy(\.isWhitespace) {
                found.append(.init(field: field.rawValue, message: "\(field.label)：请填写"))
            } else if value.count > field.maxLength {
                found.append(
                    .init(
                        field: field.rawValue,
                        message: "\(field.label)：不能超过 \(field.maxLength) 个字（现有 \(value.count) 个字）"))
            }
        }
        return found
    }
}
