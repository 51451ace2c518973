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
        M0009CreateCases(),
        M0010CreateApplications(),
        M0011CreateGovernanceAreas(),
        M0013CreateOpen311(),
        M0014CreateResidentPoints(),
        M0015CreateDeliberation(),
        M0016ReshapePolicyMatches(),
        M0017CreateAssessmentResults(),
        M0018ExpireAPITokens(),
        M0019ZoneSetup(),  // zone
        M0022CreateActivationCodes(),  // users
        M0025CreateNoticeOutbox(),  // outbox
        M0038CreateInvestment(),  // investment
        M0039CreateInvestmentBlockers(),  // investment
        M0040CreateInvestmentDispatch(),  // investment
        M0041CreateChainReviews(),  // investment
        M0050CreateStatistics(),  // statistics
        M0051CreateEvaluations(),  // statistics
        M0052CreateTechContracts(),  // statistics
        M0053IndexOpenCases(),  // statistics
        M0054IndexRatedCases(),  // statistics
        M0060CreateServices(),  // services
        M0061AppealsByUnit(),  // services
        M0062SingleItemApplications(),  // services
        M0070CreateEnterpriseHelp(),  // enterprise help
        M0071CreateMediation(),  // mediation
        M0072CreateHelpMeetingsListingPledges(),  // enterprise help
        M0080LightenPolicyMatches(),  // policy matching performance
        M0084LeanAssessmentResults(),  // rankings performance
        M0085IndexPointsSums(),  // points
        M0086CreatePointsYearTotals(),  // points
        M0087PointsBalancesAndReviewCounts(),  // points
        M0088PublicPagesVersion(),  // pages under load
        M0089AssessmentRankedCount(),  // pages under load
        M0090AssessmentInnovationDigest(),  // rankings performance
    ]
}
