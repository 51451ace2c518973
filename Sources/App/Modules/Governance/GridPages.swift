import GaoxinCore

/// 基层治理's front page: the module's parts, and the zone's grid figures at a glance.
struct GovernanceHubPage: Sendable {
    struct Link: Sendable {
        let title: String
        let href: String
        let summary: String
    }
    let links: [Link]
    let grids: Int
    let fullTime: Int
    let partTime: Int
    let residents: Int
}

/// The area tree (街道/镇 → 村/社区 → 网格) with counts at every level.
struct GridTreePage: Sendable {
    struct Row: Sendable {
        let depth: Int
        let level: String
        let name: String
        let code: String
        let href: String?
        let grids: Int
        let fullTime: Int
        let partTime: Int
        let residents: Int
        let isGrid: Bool
    }
    let rows: [Row]
    let total: Row
    let importHref: String?
    let mapHref = SiteURL.governanceMap.path
    let residentsHref: String?
}

/// One grid: who works there, who lives there, and its open events.
struct GridShowPage: Sendable {
    struct Worker: Sendable {
        let name: String
        let kind: String
        let phone: String
        let hasLogin: Bool
    }
    struct Household: Sendable {
        let code: String
        let address: String
        let members: Int
    }
    let code: String
    let name: String
    let area: String
    let street: String
    let partyBranch: String
    let workers: [Worker]
    let fullTime: Int
    let partTime: Int
    let residentCount: Int
    let householdCount: Int
    let openEvents: Int
    let households: [Household]
    let residentsHref: String?
    let newResidentHref: String?
    let map: GovernanceMapDrawing?
}

/// The GeoJSON import form, and after a refused file, every problem found.
struct GridImportPage: Sendable {
    struct Problem: Sendable {
        let place: String
        let message: String
    }
    var problems: [Problem] = []
    var fileError: String?
    let action = SiteURL.governanceGridImport.path
    let csrf: String
}
