import GaoxinCore

/// The zone's enterprise list with search.
struct EnterpriseListPage: Sendable {
    struct Item: Sendable {
        let name: String
        let uscc: String
        let park: String
        let industry: String
        let tiers: String
        let href: String
    }
    let items: [Item]
    let total: Int
    let search: String
    let previousHref: String?
    let nextHref: String?
    let searchHref = SiteURL.module(.enterprises).path
    let exportHref: String
    let importHref = SiteURL.enterpriseImport.path
    let ladderHref = SiteURL.enterpriseLadder.path
    let candidatesHref = SiteURL.enterpriseCandidates.path
    let innovationHref = SiteURL.innovationPoints.path
    let canImport: Bool
}

/// One enterprise: registry, figures by year, certifications.
struct EnterpriseShowPage: Sendable {
    struct Fact: Sendable {
        let label: String
        let values: [String]
    }
    struct Cert: Sendable {
        let label: String
        let certifiedOn: String
        let expiresOn: String
        let valid: Bool
    }
    let name: String
    let uscc: String
    let park: String
    let zone: String
    let industry: String
    let chain: String
    let foundedOn: String
    let contact: String
    let years: [String]
    let facts: [Fact]
    let certifications: [Cert]
    let factsHref: String?
    let certifyHref: String?
    /// The official criteria, evaluated on the latest reported year.
    let assessedYear: String
    let assessments: [AssessmentView]
    let innovation: InnovationView?
    /// The policies this enterprise fits (可申报的政策), for those who may open that page.
    var policiesHref: String?
}

/// The import form, and after a refused file, every problem found.
struct EnterpriseImportPage: Sendable {
    struct Problem: Sendable {
        let line: String
        let column: String
        let message: String
    }
    var problems: [Problem] = []
    var fileError: String?
    var summary: String?
    let action = SiteURL.enterpriseImport.path
    let templateHref = SiteURL.enterpriseExport.path
    let headers: String
    let csrf: String
}

/// The cultivation ladder (梯度培育): how many enterprises hold each certification now, and who
/// moved up this year.
struct LadderPage: Sendable {
    struct Step: Sendable {
        let label: String
        let count: Int
        let newThisYear: Int
        let barWidth: Int
        let names: String
    }
    let steps: [Step]
    let year: Int
    let totalEnterprises: Int
}
