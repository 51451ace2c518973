import Foundation
import GaoxinCore
import SQLKit
import Testing

@testable import App

/// The dashboard's 好差评 figures are counted in the database (`ratingTally`); they must be the
/// figures of the ratings read one by one, 差评整改 and upheld appeals included, on the demo's data.
@Suite struct DashboardRatingTallyTests {
    struct Rated: Decodable {
        var id: Int64
        var ratingLevel: String
    }

    /// The ratings one by one, as the dashboard read them before it counted in SQL.
    static func oneByOne(zoneID: Int64, typeCodes: [String], db: any SQLDatabase) async throws -> RatingTally {
        let rated = try await db.select().columns("id", "rating_level").from("cases").where("zone_id", .equal, zoneID)
            .where("type_code", .in, typeCodes).where("rating_level", .isNot, SQLLiteral.null).rows(Rated.self)
        let fixed = Set(
            try await db.select().column("parent_case_id").from("cases").where(
                "parent_case_id", .isNot, SQLLiteral.null
            )
            .where("closed_at", .isNot, SQLLiteral.null).all(decodingColumn: "parent_case_id", as: Int64.self))
        let upheld = Set(
            try await db.select().column("case_id").from("rating_appeals").where("state", .equal, "upheld")
                .all(decodingColumn: "case_id", as: Int64.self))
        return RatingTally(
            rated.compactMap { r in
                RatingLevel(rawValue: r.ratingLevel).map {
                    RatingFact(level: $0, followUpClosed: fixed.contains(r.id), appealUpheld: upheld.contains(r.id))
                }
            })
    }

    @Test func countedInTheDatabaseAsTheRatingsOneByOne() async throws {
        try await withApp { _, services in
            let kinds = [
                ["consultation"], EventCaseTypes.categories.map(\.caseTypeCode), ["service_application"],
            ]
            // One snapshot, so no other test's write falls between the two counts.
            let fixedSomewhere = try await services.readingOneSnapshot { db -> Bool in
                var fixedSomewhere = false
                for zone in try await ZoneRepository(db: db).zones(scope: .allZones) {
                    for codes in kinds {
                        let counted = try await StatisticsDashboardRepository(db: db).ratingTally(
                            zoneID: zone.id, typeCodes: codes)
                        let expected = try await Self.oneByOne(zoneID: zone.id, typeCodes: codes, db: db)
                        #expect(counted == expected, "\(zone.code) \(codes.first ?? "")")
                        fixedSomewhere = fixedSomewhere || counted.badFixed > 0
                    }
                }
                return fixedSomewhere
            }
            #expect(fixedSomewhere, "the demo has 差评 whose follow-up is closed")
        }
    }
}
