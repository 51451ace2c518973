import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// Every points and deliberation page for every 济南 demo role: allowed ones render the shell
/// without errors, the others refuse cleanly; and the demo holds what the seed describes.
@Suite struct PointsPageRenderTests {
    static let logins = [
        "admin@jinan", "staff@jinan", "invest@jinan", "grid@jinan", "enterprise@jinan", "resident@jinan",
        "points@jinan",
    ]

    static func pages(_ ids: (item: Int64, issue: Int64, topic: Int64, meeting: Int64, action: Int64)) -> [(
        String, Set<String>
    )] {
        let governance: Set<String> = ["admin@jinan", "staff@jinan", "grid@jinan", "resident@jinan", "points@jinan"]
        let committee: Set<String> = ["admin@jinan", "grid@jinan", "points@jinan"]
        let manage: Set<String> = ["admin@jinan", "staff@jinan"]
        return [
            ("/m/governance/points", governance),
            ("/m/governance/points?year=2025", governance),
            ("/m/governance/points/items", governance),
            ("/m/governance/points/items/\(ids.item)", committee),
            ("/m/governance/points/declare", ["admin@jinan", "grid@jinan", "resident@jinan", "points@jinan"]),
            ("/m/governance/points/review", committee),
            ("/m/governance/points/review?week=2026-W38", committee),
            ("/m/governance/points/boards", committee),
            ("/m/governance/points/boards?month=2026-09", committee),
            ("/m/governance/points/rewards?quarter=2026-Q3", committee),
            ("/m/governance/points/committee", committee),
            ("/m/governance/deliberation", governance),
            ("/m/governance/deliberation?channel=mailbox", governance),
            ("/m/governance/deliberation/issues/new", governance),
            ("/m/governance/deliberation/issues/\(ids.issue)", governance),
            ("/m/governance/deliberation/topics/\(ids.topic)", governance),
            ("/m/governance/deliberation/meetings/new", manage),
            ("/m/governance/deliberation/meetings/\(ids.meeting)", governance),
            ("/m/governance/deliberation/actions/\(ids.action)", governance),
        ]
    }

    static func demoIDs(_ services: AppServices) async throws -> (
        zoneID: Int64, ids: (item: Int64, issue: Int64, topic: Int64, meeting: Int64, action: Int64)
    ) {
        let zoneID = try await PolicyFixtures.zoneID("jinan", services)
        let repo = DeliberationRepository(db: services.database.sql)
        let all = try Pager(page: 1, size: 200)
        let issue = try #require(try await repo.issues(zoneID: zoneID, all).rows.first { $0.topicId != nil })
        let meeting = try #require(try await repo.meetings(zoneID: zoneID, all).rows.first)
        let action = try #require(try await repo.actions(zoneID: zoneID, all).rows.first)
        let item = try #require(try await PointsRepository(db: services.database.sql).items(zoneID: zoneID).first)
        return (zoneID, (item.id, issue.id, issue.topicId!, meeting.id, action.id))
    }

    @Test(arguments: logins)
    func everyPageRendersForTheRolesThatMaySeeIt(login: String) async throws {
        try await withApp { client, services in
            let (_, ids) = try await Self.demoIDs(services)
            var browser = Browser(client)
            _ = try await browser.login(login)
            for (path, allowed) in Self.pages(ids) {
                let response = try await browser.get(path)
                if allowed.contains(login) {
                    #expect(response.status == .ok, "\(login) \(path): \(response.status)")
                    #expect(response.text.contains("<main id=\"main\""), "\(login) \(path)")
                } else {
                    #expect(
                        response.status == .forbidden || response.status == .notFound,
                        "\(login) \(path): \(response.status)")
                }
            }
        }
    }

    @Test func publicPagesNeedNoLogin() async throws {
        try await withApp { client, services in
            var visitor = Browser(client)
            for path in [
                "/public/points/jinan", "/public/points/jinan/2026-09", "/public/points/jinan/2026-10",
                "/public/points/jinan/2026-09/notice",
                "/public/deliberation/jinan",
            ] {
                let response = try await visitor.get(path)
                #expect(response.status == .ok, "\(path): \(response.status)")
            }
            #expect(try await visitor.get("/public/points/jinan/2026-11").status == .notFound)
            #expect(try await visitor.get("/public/points/jinan/2026-13").status == .notFound)
        }
    }

    @Test func theDemoHoldsWhatTheSeedDescribes() async throws {
        try await withApp { client, services in
            let zoneID = try await PolicyFixtures.zoneID("jinan", services)
            let repo = PointsRepository(db: services.database.sql)
            let items = try await repo.items(zoneID: zoneID)
            #expect(items.count > 20)
            #expect(items.contains { $0.points < 0 } && items.contains { $0.capPoints != nil })
            let entries = try await repo.entries(zoneID: zoneID)
            // The demo follows the calendar: months still ahead on the day it loads have no activity yet.
            let today = Clock.today.description
            for month in ["2026-09", "2026-10", "2026-11"] where "\(month)-20" < today {
                #expect(entries.contains { $0.day.hasPrefix(month) && $0.status == "confirmed" }, "\(month)")
            }
            #expect(entries.contains { $0.status == "rejected" })
            #expect(entries.contains { $0.day.hasPrefix("2025") })
            let months = Set(try await repo.publications(zoneID: zoneID).map(\.publication.month.key))
            if today >= "2026-11-03" {
                #expect(months == ["2026-09", "2026-10"])
                #expect(try await repo.rewardRecords(zoneID: zoneID).map(\.record.quarter.key) == ["2026-Q3"])
            }
            #expect(try await repo.committee(zoneID: zoneID).count >= 2)
            // The demo resident has a record and a rank.
            let resident = try await UserRepository(db: services.database.sql).find(username: "resident@jinan")!
            #expect(entries.contains { $0.subject == PointsSubjects.person(resident.personId!) })
            // Deliberation: every channel, the seed's running totals, a published result.
            let delib = DeliberationRepository(db: services.database.sql)
            #expect(
                Set(try await delib.issues(zoneID: zoneID, try Pager(page: 1, size: 200)).rows.map(\.channel))
                    == Set(DeliberationChannel.allCases.map(\.rawValue)))
            let passed = try await delib.decisions(zoneID: zoneID).filter(\.passed)
            #expect(passed.count { $0.kind == "affair" } > 120)
            #expect(passed.count { $0.kind == "project" } > 50)
            let actions = try await delib.actions(zoneID: zoneID, try Pager(page: 1, size: 200)).rows
            #expect(actions.contains { $0.publishedAt != nil } && actions.contains { $0.status == "in_progress" })
            var visitor = Browser(client)
            let page = try await visitor.get("/public/deliberation/jinan")
            #expect(page.text.contains("村东广场健身器材安装"))
        }
    }
}
