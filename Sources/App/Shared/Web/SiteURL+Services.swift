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
    case itemNew
    case itemEdit(Int64)
    case bundleNew
    case bundleEdit(Int64)
    case materialNew(Int64)
    case materialCreate(Int64)
    case materialEdit(Int64)
    case materialUpdate(Int64)
    case materialRemove(Int64)

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
        case .itemNew: SiteURL.Route("/m/services/catalogue/new-item")
        case .itemEdit(let id): SiteURL.Route("/m/services/catalogue/items/:id", id)
        case .bundleNew: SiteURL.Route("/m/services/catalogue/new-bundle")
        case .bundleEdit(let id): SiteURL.Route("/m/services/catalogue/bundles/:id", id)
        case .materialNew(let id): SiteURL.Route("/m/services/catalogue/bundles/:id/materials/new", id)
        // The POSTs end in /upload: forms with files get the upload body limit, not the form one.
        case .materialCreate(let id): SiteURL.Route("/m/services/catalogue/bundles/:id/materials/upload", id)
        case .materialEdit(let id): SiteURL.Route("/m/services/catalogue/materials/:id", id)
        case .materialUpdate(let id): SiteURL.Route("/m/services/catalogue/materials/:id/upload", id)
        case .materialRemove(let id): SiteURL.Route("/m/services/catalogue/materials/:id/remove", id)
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
    static let serviceItemNew = SiteURL.services(.itemNew)
    static func serviceItemEdit(_ id: Int64) -> SiteURL { .services(.itemEdit(id)) }
    static let serviceBundleNew = SiteURL.services(.bundleNew)
    static func serviceBundleEdit(_ id: Int64) -> SiteURL { .services(.bundleEdit(id)) }
    static func serviceMaterialNew(_ bundleID: Int64) -> SiteURL { .services(.materialNew(bundleID)) }
    static func serviceMaterialCreate(_ bundleID: Int64) -> SiteURL { .services(.materialCreate(bundleID)) }
    static func serviceMaterialEdit(_ id: Int64) -> SiteURL { .services(.materialEdit(id)) }
    static func serviceMaterialUpdate(_ id: Int64) -> SiteURL { .services(.materialUpdate(id)) }
    static func serviceMaterialRemove(_ id: Int64) -> SiteURL { .services(.materialRemove(id)) }
}
