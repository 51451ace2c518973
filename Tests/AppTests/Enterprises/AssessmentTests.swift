import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

@Suite struct AssessmentTests {
    @Test func enterprisePageExplainsAFailedCriterionWithTheNumbers() async throws {
        try await withApp { client, services in
            // A 小巨人 candidate has at least one unmet condition with a measured gap.
            let zone = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "foshan"
            }!
            let today = Clock.today
            let records = try await ZoneEnterpriseRecords.load(db: services.database.sql, zoneID: zone.id, today: today)
            let criterion = try #require(
                try await CriteriaStore(db: services.database.sql).library(zoneID: zone.id)["high_tech"])
            let failing = try #require(
                criterion.candidates(records.recorded).first {
                    $0.shortfalls.contains { !$0.details.isEmpty && $0.details.joined().contains("差") }
                })
            var browser = Browser(client)
            _ = try await browser.login("staff@foshan")
            let page = try await browser.get("/m/enterprises/\(failing.id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("高新技术企业"))
            #expect(page.text.contains("不满足"))
            #expect(page.text.contains("要求 ≥"))
            #expect(page.text.contains("企业创新积分"))
            // The 后备 list numbers its rows and says, for each, what is still lacking and by how much.
            let list = try await browser.get("/m/enterprises/candidates?criterion=high_tech")
            #expect(list.status == .ok)
            #expect(list.text.contains("后备企业库：高新技术企业"))
            #expect(list.text.contains("差"))
            #expect(list.text.contains("<tr><td>1</td>"))
        }
    }

    @Test func anotherInnovationTableIsAnotherRanking() throws {
        // The stored digest names the table too, so a release with another one re-ranks every
        // zone at the refresher's next turn, even where no enterprise's record changed.
        let library = try CriterionLibrary.bundled()
        let shipped = try AssessmentStore.innovationTable.get().digest
        #expect(AssessmentStore.digest(library) == AssessmentStore.digest(library, innovationTable: shipped))
        #expect(AssessmentStore.digest(library, innovationTable: shipped &+ 1) != AssessmentStore.digest(library))
    }

    @Test func storedRankingsFollowAChangeOfFigures() async throws {
        try await withApp { _, services in
            let zone = try await PolicyFixtures.zoneID("jingdezhen", services)
            let store = AssessmentStore(database: services.database)
            try await store.ensureFresh(zoneID: zone)
            let before = try await store.innovation(zoneID: zone)
            #expect(before.count > 10)
            #expect(before.map(\.rank) == before.map(\.rank).sorted())
            // The last-ranked enterprise reports a year far ahead of everyone: the ranking moves.
            let last = try #require(before.last)
            let enterprise = try #require(
                try await EnterpriseRepository(db: services.database.sql).find(id: last.enterpriseID, zoneID: zone))
            let latest =
                try await EnterpriseRepository(db: services.database.sql).facts(enterpriseID: enterprise.id).map(\.year)
                .max() ?? 2025
            var facts = YearFacts(year: latest)
            for (key, path) in YearFacts.numericFields
            where key != "debtRatio" && key != "marketShare" && !key.hasSuffix("Score") && key != "digitalLevel"
                && key != "qualityAchievements"
            { facts[keyPath: path] = 50_000 }
            facts.staff = 2000
            facts.techStaff = 1500
            facts.rdStaff = 1200
            facts.advancedDegreeStaff = 900
            facts.ipClass1HighValue = 400
            facts.ipClass1SelfDeveloped = 400
            facts.ipClass1 = 500
            let admin = try #require(
                try await UserRepository(db: services.database.sql).signedIn(username: "admin@jingdezhen"))
            try await EnterpriseService(database: services.database, user: admin).saveFacts(facts, of: enterprise)
            let stale = try await services.database.sql.select().column("stale").from("assessment_runs").where(
                "zone_id", .equal, zone
            )
            .first(decodingColumn: "stale", as: Bool.self)
            #expect(stale == true)
            // Pages keep showing the last ranking; the refresher recomputes the stale zone.
            #expect(try await store.staleZones().contains(zone))
            try await store.ensureFresh(zoneID: zone, evenIfStale: true)
            let after = try #require(try await store.innovation(zoneID: zone, enterpriseID: enterprise.id).first)
            #expect(after.rank < last.rank)
            let parts = try AssessmentStore.innovationTable.get().partTexts(stored: after.storedParts)
            #expect(parts.count == 18)
            #expect(parts.contains { $0.contains("得分") && $0.contains("× 权重") })
        }
    }

    /// A zone never computed is the refresher's too, so no first page view waits for its evaluation.
    @Test func aZoneNeverComputedIsLeftToTheRefresher() async throws {
        try await withApp { _, services in
            // One snapshot, so no other test computes a zone between the two reads.
            let (never, stale) = try await services.readingOneSnapshot { db -> ([Int64], [Int64]) in
                let never = try await db.select().distinct().column("zone_id").from("enterprises")
                    .where(SQLRaw("zone_id NOT IN (SELECT zone_id FROM assessment_runs)"))
                    .all(decodingColumn: "zone_id", as: Int64.self)
                return (never, try await EnterpriseRepository(db: db).staleAssessmentZones(today: Clock.today))
            }
            #expect(Set(never).isSubset(of: Set(stale)))
            #expect(Set(stale).count == stale.count)
        }
    }

    @Test func aChangeDuringARecomputeKeepsTheZoneStale() async throws {
        try await withApp { _, services in
            let zone = try await PolicyFixtures.zoneID("yongchuan", services)
            let store = AssessmentStore(database: services.database)
            try await store.ensureFresh(zoneID: zone)
            let today = Clock.today
            let version =
                try await services.database.sql.select().column("version").from("assessment_runs").where(
                    "zone_id", .equal, zone
                )
                .first(decodingColumn: "version", as: Int64.self) ?? 0
            let results = try await AssessmentStore.evaluate(
                try await EnterpriseRecordInputs(db: services.database.sql).load(zoneID: zone, enterpriseIDs: nil),
                library: try await CriteriaStore(db: services.database.sql).library(zoneID: zone), today: today)
            // Figures change while the evaluation runs: storing it must not clear that mark.
            try await services.database.transaction { db in try await AssessmentStore.markStale(zoneID: zone, db: db) }
            try await services.database.transaction { db in
                try await AssessmentStore.store(results, zoneID: zone, today: today, evaluatedAt: version, db: db)
            }
            #expect(try await store.staleZones().contains(zone))
            try await store.ensureFresh(zoneID: zone, evenIfStale: true)
            #expect(try await !store.staleZones().contains(zone))
        }
    }

    @Test func candidatesAreOrderedAndEveryCriterionHasPassesAndFails() async throws {
        let services = try await TestDatabase.services()
        let zone = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
            $0.code == "foshan"
        }!
        let today = Clock.today
        let records = try await ZoneEnterpriseRecords.load(db: services.database.sql, zoneID: zone.id, today: today)
        let library = try await CriteriaStore(db: services.database.sql).library(zoneID: zone.id)
        for code in ["high_tech", "tech_sme", "innovative_sme", "specialised_sme", "little_giant"] {
            let criterion = try #require(library[code])
            let candidates = criterion.candidates(records.recorded)
            #expect(candidates.count < records.entries.count, "\(code): some demo enterprises qualify")
            #expect(!candidates.isEmpty, "\(code): some demo enterprises don't")
            #expect(zip(candidates, candidates.dropFirst()).allSatisfy { $0.closeness >= $1.closeness })
        }
    }

    /// On the day of the last run a recompute evaluates only the enterprises whose inputs changed
    /// (and drops those gone), and what it stores is what a whole evaluation gives, row for row.
    /// All in one transaction on the writer, so no other test changes the zone meanwhile.
    @Test func aSameDayRecomputeEvaluatesOnlyWhatChanged() async throws {
        let today = Clock.today
        try await withFoshanOnTheWriter { db, zone, library, loaded in
            let repo = EnterpriseRepository(db: db)
            var inputs = loaded
            func store(_ results: AssessmentStore.Results) async throws {
                let version = try await repo.assessmentVersion(zoneID: zone)
                try await AssessmentStore.store(results, zoneID: zone, today: today, evaluatedAt: version, db: db)
            }
            let first = try await AssessmentStore.evaluate(inputs, library: library, today: today)
            try await store(first)

            // One enterprise reports far larger figures; another leaves the zone.
            let changed = inputs[0].enterpriseID
            inputs[0].yearsJSON = [
                #"{"year":\#(today.year - 1),"revenue":90000,"rdExpense":9000,"staff":900,"techStaff":400}"#
            ]
            let gone = inputs.removeLast().enterpriseID
            let again = try await AssessmentStore.evaluate(
                inputs, library: library, today: today, known: try await repo.assessmentDigests(zoneID: zone),
                innovationInputs: first.innovationInputs)
            #expect(again.evaluated.map(\.id) == [changed])
            #expect(Set(again.replaced ?? []) == [changed, gone])
            try await store(again)

            try await expectStoredAsAWholeEvaluation(again, inputs, library: library, today: today, zone: zone, db: db)
            #expect(
                again.innovation?.results.first { $0.id == String(changed) }?.score
                    != first.innovation?.result(for: String(changed))?.score)
            let unchanged = try await AssessmentStore.evaluate(
                inputs, library: library, today: today, known: try await repo.assessmentDigests(zoneID: zone))
            #expect(unchanged.evaluated.isEmpty && unchanged.innovation == nil)
            let innovation = try await repo.innovation(zoneID: zone)
            try await store(unchanged)
            #expect(try await repo.innovation(zoneID: zone).map(\.score) == innovation.map(\.score))
        }
    }

    /// On a new day only the enterprises whose age the criteria still read (see `AgeHorizon`), or
    /// whose certifications started or lapsed, are evaluated again, and what is stored is what a
    /// whole evaluation that day gives. A day in mid-year: a new year evaluates everyone.
    @Test func aNewDayEvaluatesOnlyWhatTheDayChanged() async throws {
        let (today, tomorrow) = (Day("2026-06-10")!, Day("2026-06-11")!)
        try await withFoshanOnTheWriter { db, zone, library, loaded in
            let repo = EnterpriseRepository(db: db)
            var inputs = loaded
            // One enterprise founded 200 days ago, one whose certification lapses at the end of today.
            inputs[0].foundedOn = today.adding(days: -200)
            inputs[1].foundedOn = Day("2012-01-01")
            inputs[1].certifications = [
                Certification(kind: .highTech, certifiedOn: Day("2023-06-10")!, expiresOn: today)
            ]
            let first = try await AssessmentStore.evaluate(inputs, library: library, today: today)
            try await AssessmentStore.store(
                first, zoneID: zone, today: today, evaluatedAt: try await repo.assessmentVersion(zoneID: zone), db: db)

            let next = try await AssessmentStore.evaluate(
                inputs, library: library, today: tomorrow, known: try await repo.assessmentDigests(zoneID: zone),
                innovationInputs: first.innovationInputs)
            let ages = library.ageHorizon + (try AssessmentStore.innovationTable.get()).ageHorizon
            let due = inputs.filter { input in
                let young = input.foundedOn.map { !ages.isSettled(atAge: $0.days(until: tomorrow)) } ?? false
                return young || input.certifications.contains { $0.isValid(on: today) != $0.isValid(on: tomorrow) }
            }.map(\.enterpriseID)
            #expect(Set(next.evaluated.map(\.id)) == Set(due))
            #expect(due.contains(inputs[0].enterpriseID) && due.contains(inputs[1].enterpriseID))
            #expect(due.count < inputs.count)
            try await AssessmentStore.store(
                next, zoneID: zone, today: tomorrow, evaluatedAt: try await repo.assessmentVersion(zoneID: zone),
                db: db)
            try await expectStoredAsAWholeEvaluation(
                next, inputs, library: library, today: tomorrow, zone: zone, db: db)
        }
    }

    /// The innovation points do not read the age: a new day that re-evaluates the young for the
    /// criteria finds what the points read unchanged, and leaves the stored ranking as it is.
    @Test func aNewDayLeavesTheInnovationRankingStanding() async throws {
        let (today, tomorrow) = (Day("2026-06-10")!, Day("2026-06-11")!)
        let services = try await TestDatabase.services()
        let db = services.database.sql
        let zone = try #require(try await ZoneRepository(db: db).zones(scope: .allZones).first { $0.code == "foshan" })
        var inputs = try await EnterpriseRecordInputs(db: db).load(zoneID: zone.id, enterpriseIDs: nil)
        let library = try await CriteriaStore(db: db).library(zoneID: zone.id)
        // No certificate starts or ends between the two days; one enterprise is young.
        for i in inputs.indices { inputs[i].certifications = [] }
        inputs[0].foundedOn = today.adding(days: -200)
        let first = try await AssessmentStore.evaluate(inputs, library: library, today: today)
        let known = Dictionary(uniqueKeysWithValues: first.evaluated.map { ($0.id, $0.digest) })
        let next = try await AssessmentStore.evaluate(
            inputs, library: library, today: tomorrow, known: known, innovationInputs: first.innovationInputs,
            storedInnovation: first.innovationDigest)
        #expect(next.evaluated.map(\.id).contains(inputs[0].enterpriseID))
        #expect(next.innovation == nil && next.innovationDigest == first.innovationDigest)
        // New figures for one enterprise are scored, and its points move.
        inputs[1].yearsJSON = [#"{"year":2025,"revenue":90000,"rdExpense":9000,"staff":900,"techStaff":400}"#]
        let changed = try await AssessmentStore.evaluate(
            inputs, library: library, today: tomorrow, known: known, innovationInputs: first.innovationInputs,
            storedInnovation: first.innovationDigest)
        let points = try #require(changed.innovation).result(for: String(inputs[1].enterpriseID))?.score
        #expect(changed.innovationDigest != first.innovationDigest)
        #expect(points != first.innovation?.result(for: String(inputs[1].enterpriseID))?.score)
    }

    /// Runs `body` on 佛山's stored inputs in one transaction on the writer (so no other test changes
    /// the zone meanwhile), then recomputes the zone as of today: the stored digests no longer match
    /// the real inputs, so the real rankings come back.
    private func withFoshanOnTheWriter(
        _ body: @escaping @Sendable (any SQLDatabase, Int64, CriterionLibrary, [PolicyBatch.Input]) async throws -> Void
    ) async throws {
        let services = try await TestDatabase.services()
        let zone = try #require(
            try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first { $0.code == "foshan" }?
                .id)
        try await services.database.transaction { db in
            let inputs = try await EnterpriseRecordInputs(db: db).load(zoneID: zone, enterpriseIDs: nil)
            #expect(inputs.count > 3)
            try await body(db, zone, try await CriteriaStore(db: db).library(zoneID: zone), inputs)
        }
        try await AssessmentStore(database: services.database).recompute(zoneID: zone, today: Clock.today)
    }

    /// What `results` stored is what evaluating all of `inputs` at once gives: the ranking of every
    /// criterion, row for row, and (from the kept inputs of the unchanged) the innovation points.
    private func expectStoredAsAWholeEvaluation(
        _ results: AssessmentStore.Results, _ inputs: [PolicyBatch.Input], library: CriterionLibrary, today: Day,
        zone: Int64, db: any SQLDatabase
    ) async throws {
        let repo = EnterpriseRepository(db: db)
        let whole = try await AssessmentStore.evaluate(inputs, library: library, today: today)
        // The innovation ranking as stored, whether this run rewrote it or let it stand.
        let read = try #require(whole.innovation)
        func line(_ id: Int64, _ score: Double, _ rank: Int, _ stageRank: Int) -> String {
            "\(id) \(score) \(rank) \(stageRank)"
        }
        #expect(
            Set(try await repo.innovation(zoneID: zone).map { line($0.enterpriseID, $0.score, $0.rank, $0.stageRank) })
                == Set(read.results.map { line(Int64($0.id) ?? -1, $0.score, $0.rank, $0.stageRank) }))
        for (code, ranked) in whole.candidates {
            let stored = try await repo.candidates(zoneID: zone, code: code, pager: try Pager(page: 1, size: 200))
            #expect(stored.total == ranked.count, "\(code)")
            #expect(stored.rows.map(\.enterpriseID) == ranked.prefix(200).map { Int64($0.id) ?? -1 }, "\(code)")
            #expect(stored.rows.map(\.closeness) == ranked.prefix(200).map(\.rankedCloseness), "\(code)")
            #expect(stored.rows.map(\.position) == Array(1...stored.rows.count), "\(code)")
        }
    }

    /// The zone is evaluated a block of enterprises at a time; blocks of three must rank exactly as
    /// the whole zone at once does, criteria and innovation points alike.
    @Test func aZoneEvaluatedInBlocksRanksAsAWhole() async throws {
        let services = try await TestDatabase.services()
        let db = services.database.sql
        let zone = try #require(try await ZoneRepository(db: db).zones(scope: .allZones).first { $0.code == "foshan" })
        let today = Clock.today
        // One read of the zone for all three: other tests add enterprises to it meanwhile.
        let inputs = try await EnterpriseRecordInputs(db: db).load(zoneID: zone.id, enterpriseIDs: nil)
        let library = try await CriteriaStore(db: db).library(zoneID: zone.id)
        let whole = try await AssessmentStore.evaluate(inputs, library: library, today: today, block: 100_000)
        let blocks = try await AssessmentStore.evaluate(inputs, library: library, today: today, block: 3)
        #expect(blocks.enterprises == whole.enterprises && whole.enterprises > 3)
        #expect(blocks.candidates.map(\.code) == whole.candidates.map(\.code))
        for (a, b) in zip(blocks.candidates, whole.candidates) {
            #expect(a.ranked.map(\.id) == b.ranked.map(\.id), "\(a.code)")
            #expect(a.ranked.map(\.closeness) == b.ranked.map(\.closeness), "\(a.code)")
        }
        let (a, b) = (try #require(blocks.innovation), try #require(whole.innovation))
        #expect(a.results.map(\.id) == b.results.map(\.id))
        #expect(a.results.map(\.score) == b.results.map(\.score))
        #expect(a.skipped.map(\.id) == b.skipped.map(\.id))
        // And as the engine ranks the same records in one call.
        let recorded = ZoneEnterpriseRecords(inputs, today: today).recorded
        for (code, ranked) in blocks.candidates {
            #expect(ranked.map(\.id) == library[code]?.candidates(recorded).map(\.id), "\(code)")
        }
    }

    @Test func zoneAdminEditsACriterionAsDataWithChecks() async throws {
        try await withApp { client, services in
            var browser = Browser(client)
            _ = try await browser.login("admin@xiangtan")
            let editor = try await browser.get("/admin/criteria/tech_sme")
            #expect(editor.status == .ok)
            // An unknown field is refused, naming it; nothing is saved.
            let bad = try await browser.post(
                "/admin/criteria/tech_sme",
                form: [
                    ("action", "save"),
                    (
                        "definition",
                        #"{"code": "tech_sme", "name": "科小", "basis": "x", "conditions": [{"code": "a", "label": "a", "rule": {">": [{"var": "noSuchField"}, 1]}}]}"#
                    ),
                ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("noSuchField"))
            let zone = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "xiangtan"
            }!
            #expect(try await CriteriaStore(db: services.database.sql).overrides(zoneID: zone.id).isEmpty)

            // A stricter staff limit, saved for this zone only, then reset.
            let library = try await CriteriaStore(db: services.database.sql).library(zoneID: zone.id)
            let original = CriteriaStore.json(of: try #require(library["tech_sme"]))
            let stricter = original.replacingOccurrences(of: "500", with: "50")
            let saved = try await browser.post(
                "/admin/criteria/tech_sme", form: [("action", "save"), ("definition", stricter)])
            #expect(saved.status == .seeOther)
            let overrides = try await CriteriaStore(db: services.database.sql).overrides(zoneID: zone.id)
            #expect(overrides.map(\.code) == ["tech_sme"])
            let foshan = try await ZoneRepository(db: services.database.sql).zones(scope: .allZones).first {
                $0.code == "foshan"
            }!
            #expect(try await CriteriaStore(db: services.database.sql).overrides(zoneID: foshan.id).isEmpty)
            let reset = try await browser.post("/admin/criteria/tech_sme", form: [("action", "reset")])
            #expect(reset.status == .seeOther)
            #expect(try await CriteriaStore(db: services.database.sql).overrides(zoneID: zone.id).isEmpty)
        }
    }
}
