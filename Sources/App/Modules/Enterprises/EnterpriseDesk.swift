/// The enterprise a signed-in user works for on the policy pages (their enterprise's own desk:
/// 可申报的政策, 消息通知, 我的申报), decided by `Permissions` (`.enterpriseDesk`); nil for staff, the
/// public and a platform admin, who have no enterprise of their own.
enum EnterpriseDesk {
    static func enterprise(of user: CurrentUser?, zoneID: Int64) -> Int64? {
        guard let user, let own = user.enterpriseID,
            Permissions.decide(user, .view, .enterpriseDesk(zoneID: zoneID, enterpriseID: own)) == .allow
        else { return nil }
        return own
    }
}
