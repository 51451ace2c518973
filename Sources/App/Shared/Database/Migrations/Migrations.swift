/// Every migration, in order. Add new ones at the end; never edit or reorder shipped ones.
enum Migrations {
    static let all: [any Migration] = [
        M0001CreateZones(),
        M0002CreateEnterprisesAndPersons(),
        M0003CreateUsers(),
        M0004CreateSessionsAndTokens(),
        M0005CreateAuditLog(),
        M0006CreateEnterpriseRegistry(),
        M0007CreatePolicies(),
        M0008CreateCriteriaOverrides(),
        // 9 is taken by a parallel branch (merged separately).
        M0010CreateApplications(),
    ]
}
