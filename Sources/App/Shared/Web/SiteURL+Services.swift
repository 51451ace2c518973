/// 政务服务's addresses (`/m/services/…`), one case each, kept beside the one route table so that
/// `SiteURL.swift` stays readable; links and router patterns come from here the same way.
public enum ServicesURL: Sendable, Equatable {
    case bundle(Int64)
    case bundleGuide(Int64)
    case item(Int64)
    case itemLimits(Int64)
    case materialFile(Int64, kind: String)
    case terminal
    case apply(Int64)
    case applications
    case application(Int64)
    case applicationStep(Int64)
    case applicationSupplement(Int64)
    case applicationFile(Int64, material: Int64)
    case applicationRate(Int64)
    case applicationFollowUp(Int64, caseID: Int64)
    case applicationAppeal(Int64)
    case applicationCounterRating(Int64)
    case appeals
    case followUpLimits
    case appealDecide(Int64)
    case statistics
    case statisticsExport

    var route: SiteURL.Route {
        switch self {
        case .bundle(let id): SiteURL.Route("/m/services/bundles/:id", id)
        case .bundleGuide(let id): SiteURL.Route("/m/services/bundles/:id/guide", id)
        case .item(let id): SiteURL.Route("/m/services/items/:id", id)
        case .itemLimits(let id): SiteURL.Route("/m/services/items/:id/limits", id)
        case .materialFile(let id, let kind): SiteURL.Route("/m/services/materials/:id/:kind", id, kind)
        case .terminal: SiteURL.Route("/m/services/terminal")
        case .apply(let id): SiteURL.Route("/m/services/bundles/:id/apply", id)
        case .applications: SiteURL.Route("/m/services/applications")
        case .application(let id): SiteURL.Route("/m/services/applications/:id", id)
        case .applicationStep(let id): SiteURL.Route("/m/services/applications/:id/step", id)
        case .applicationSupplement(let id): SiteURL.Route("/m/services/applications/:id/supplement", id)
        case .applicationFile(let id, let material):
            SiteURL.Route("/m/services/applications/:id/files/:material", id, material)
        case .applicationRate(let id): SiteURL.Route("/m/services/applications/:id/rate", id)
        case .applicationFollowUp(let id, let caseID):
            SiteURL.Route("/m/services/applications/:id/follow-ups/:case", id, caseID)
        case .applicationAppeal(let id): SiteURL.Route("/m/services/applications/:id/appeal", id)
        case .applicationCounterRating(let id): SiteURL.Route("/m/services/applications/:id/counter-rating", id)
        case .appeals: SiteURL.Route("/m/services/appeals")
        case .followUpLimits: SiteURL.Route("/m/services/follow-up-limits")
        case .appealDecide(let id): SiteURL.Route("/m/services/appeals/:id/decide", id)
        case .statistics: SiteURL.Route("/m/services/statistics")
        case .statisticsExport: SiteURL.Route("/m/services/statistics.csv")
        }
    }
}

/// The addresses by the names the module uses (`.serviceBundle(id)` wherever a `SiteURL` goes).
extension SiteURL {
    static func serviceBundle(_ id: Int64) -> SiteURL { .services(.bundle(id)) }
    static func serviceBundleGuide(_ id: Int64) -> SiteURL { .services(.bundleGuide(id)) }
    static func serviceItem(_ id: Int64) -> SiteURL { .services(.item(id)) }
    static func serviceItemLimits(_ id: Int64) -> SiteURL { .services(.itemLimits(id)) }
    static func serviceMaterialFile(_ id: Int64, kind: String) -> SiteURL { .services(.materialFile(id, kind: kind)) }
    static let serviceTerminal = SiteURL.services(.terminal)
    static func serviceApply(_ id: Int64) -> SiteURL { .services(.apply(id)) }
    static let serviceApplications = SiteURL.services(.applications)
    static func serviceApplication(_ id: Int64) -> SiteURL { .services(.application(id)) }
    static func serviceApplicationStep(_ id: Int64) -> SiteURL { .services(.applicationStep(id)) }
    static func serviceApplicationSupplement(_ id: Int64) -> SiteURL { .services(.applicationSupplement(id)) }
    static func serviceApplicationFile(_ id: Int64, material: Int64) -> SiteURL {
        .services(.applicationFile(id, material: material))
    }
    static func serviceApplicationRate(_ id: Int64) -> SiteURL { .services(.applicationRate(id)) }
    static func serviceApplicationFollowUp(_ id: Int64, caseID: Int64) -> SiteURL {
        .services(.applicationFollowUp(id, caseID: caseID))
    }
    static func serviceApplicationAppeal(_ id: Int64) -> SiteURL { .services(.applicationAppeal(id)) }
    static func serviceApplicationCounterRating(_ id: Int64) -> SiteURL { .services(.applicationCounterRating(id)) }
    static let serviceAppeals = SiteURL.services(.appeals)
    static let serviceFollowUpLimits = SiteURL.services(.followUpLimits)
    static func serviceAppealDecide(_ id: Int64) -> SiteURL { .services(.appealDecide(id)) }
    static let serviceStatistics = SiteURL.services(.statistics)
    static let serviceStatisticsExport = SiteURL.services(.statisticsExport)
}
