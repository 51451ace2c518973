import GaoxinCore
import Mustache

/// Everything the page shell shows around a page: title, zone, user, navigation, breadcrumbs,
/// flash message and the form token.
struct LayoutModel: Sendable {
    struct NavItem: Sendable {
        let title: String
        let href: String
        let current: Bool
    }
    struct Crumb: Sendable {
        let title: String
        let href: String?
    }
    struct UserBadge: Sendable {
        let displayName: String
        let roleLabel: String
        let profileHref: String
        let logoutHref: String
    }

    var title: String
    var zoneName: String
    var user: UserBadge?
    var nav: [NavItem]
    var breadcrumbs: [Crumb]
    var flash: Flash?
    var csrf: String
    var loginHref = SiteURL.login.path
    var homeHref = SiteURL.home.path
    var stylesheet = SiteURL.stylesheet.path
    /// 长辈模式 is on (`<html class="elder">`), and the link that switches it for this page.
    var elderMode = false
    var elderToggleHref = SiteURL.elderMode.path

    /// The navigation a role sees: the module slots it may use, then its admin pages.
    static func navigation(for user: CurrentUser?, current: String) -> [NavItem] {
        var items: [(String, SiteURL)] = [("首页", .home)]
        if let user {
            for slot in ModuleSlot.allCases where slot.roles.contains(user.role) {
                items.append((slot.title, .module(slot)))
            }
            if Permissions.decide(user, .view, .allZones) == .allow { items.append(("全部园区", .zones)) }
            if Permissions.decide(user, .administer, .zoneSettings(zoneID: user.zoneID ?? -1)) == .allow {
                items.append(("用户", .adminUsers))
                items.append(("部门", .adminDepartments))
                items.append(("认定条件", .adminCriteria))
                items.append(("审计日志", .adminAudit))
                items.append(("通知渠道", .noticeChannels))  // outbox
                items.append(("园区", .adminParks))  // zone
                items.append(("上线检查", .adminChecklist))  // zone
            }
        } else {
            for slot in ModuleSlot.allCases where slot.isPublic { items.append((slot.title, .module(slot))) }
            // The seed's 惠企政策发言人 are published for anyone to call.
            items.insert(("惠企政策发言人", .policySpokespersons), at: 2)
        }
        return items.map { title, url in
            NavItem(
                title: title, href: url.path,
                current: url.path == current || (url != .home && current.hasPrefix(url.path + "/")))
        }
    }
}

// Every page has a dozen navigation items and a few crumbs: answered by name, not reflected
// (see `PreparedModel`; `RowsAndModelsTests` checks each answers every field).
extension LayoutModel.NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        case "current": current
        default: nil
        }
    }
}

extension LayoutModel.Crumb: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "href": href
        default: nil
        }
    }
}
