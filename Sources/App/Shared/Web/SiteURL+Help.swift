/// 助企 addresses (`SiteURL.help`), stated once here beside the route table.
public enum HelpPath: Sendable, Equatable {
    case pairings
    case pairingEnd(Int64)
    case visits
    case visitNew
    /// The visit form posts here: an address ending in /upload takes photos up to the upload limit.
    case visitUpload
    case visit(Int64)
    case visitPhoto(Int64, photo: Int64)
    case demands
    case demandNew
    case demand(Int64)
    case demandStep(Int64)
    case demandNote(Int64)
    case demandRate(Int64)
    case demandFollowUp(Int64, caseID: Int64)
    case buildings
    case building(Int64)
    case buildingItems(Int64)
    case buildingMatch(Int64)
    case meetings
    case meeting(Int64)
    case meetingProblems(Int64)
    case meetingNotice(Int64)
    case listing
    case listingEvent(Int64)
    case pledges

    var route: SiteURL.Route {
        switch self {
        case .pairings: .init("/m/enterprise-help/pairings")
        case .pairingEnd(let id): .init("/m/enterprise-help/pairings/:id/end", id)
        case .visits: .init("/m/enterprise-help/visits")
        case .visitNew: .init("/m/enterprise-help/visits/new")
        case .visitUpload: .init("/m/enterprise-help/visits/upload")
        case .visit(let id): .init("/m/enterprise-help/visits/:id", id)
        case .visitPhoto(let id, let photo): .init("/m/enterprise-help/visits/:id/photos/:photo", id, photo)
        case .demands: .init("/m/enterprise-help/demands")
        case .demandNew: .init("/m/enterprise-help/demands/new")
        case .demand(let id): .init("/m/enterprise-help/demands/:id", id)
        case .demandStep(let id): .init("/m/enterprise-help/demands/:id/step", id)
        case .demandNote(let id): .init("/m/enterprise-help/demands/:id/notes", id)
        case .demandRate(let id): .init("/m/enterprise-help/demands/:id/rate", id)
        case .demandFollowUp(let id, let caseID): .init("/m/enterprise-help/demands/:id/follow-ups/:case", id, caseID)
        case .buildings: .init("/m/enterprise-help/buildings")
        case .building(let id): .init("/m/enterprise-help/buildings/:id", id)
        case .buildingItems(let id): .init("/m/enterprise-help/buildings/:id/items", id)
        case .buildingMatch(let id): .init("/m/enterprise-help/buildings/:id/match", id)
        case .meetings: .init("/m/enterprise-help/meetings")
        case .meeting(let id): .init("/m/enterprise-help/meetings/:id", id)
        case .meetingProblems(let id): .init("/m/enterprise-help/meetings/:id/problems", id)
        case .meetingNotice(let id): .init("/m/enterprise-help/meetings/:id/notice", id)
        case .listing: .init("/m/enterprise-help/listing")
        case .listingEvent(let id): .init("/m/enterprise-help/listing/:id/events", id)
        case .pledges: .init("/m/enterprise-help/pledges")
        }
    }
}

/// 共享法庭 addresses (`SiteURL.mediationPath`).
public enum MediationPath: Sendable, Equatable {
    case cases
    case caseNew
    case show(Int64)
    case step(Int64)
    case confirm(Int64)
    case evidence(Int64)
    case evidenceFile(Int64, file: Int64)
    case agreement(Int64)
    case letters
    case letterReply(Int64)

    var route: SiteURL.Route {
        switch self {
        case .cases: .init("/m/mediation/cases")
        case .caseNew: .init("/m/mediation/cases/new")
        case .show(let id): .init("/m/mediation/cases/:id", id)
        case .step(let id): .init("/m/mediation/cases/:id/step", id)
        case .confirm(let id): .init("/m/mediation/cases/:id/confirm", id)
        case .evidence(let id): .init("/m/mediation/cases/:id/upload", id)
        case .evidenceFile(let id, let file): .init("/m/mediation/cases/:id/evidence/:file", id, file)
        case .agreement(let id): .init("/m/mediation/cases/:id/agreement", id)
        case .letters: .init("/m/mediation/letters")
        case .letterReply(let id): .init("/m/mediation/letters/:id/reply", id)
        }
    }
}
