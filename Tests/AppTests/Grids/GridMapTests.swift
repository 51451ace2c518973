import Foundation
import GaoxinCore
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

@testable import App

/// The server-drawn map: a link per grid, colours following open and overdue events, and the table.
@Suite struct GridMapTests {
    /// The fill of one grid's path in the map's SVG.
    static func fill(of gridID: Int64, in html: String) -> String? {
        guard let link = html.range(of: "<a href=\"/m/governance/grids/\(gridID)\">") else { return nil }
        let rest = html[link.upperBound...]
        guard let f = rest.range(of: "fill=\"") else { return nil }
        return String(rest[f.upperBound...].prefix(7))
    }

    @Test func everyGridIsALinkAndColoursFollowOpenEvents() async throws {
        try await withApp { client, services in
            let zone = try await GridFixtures.jinan(services)
            let grids = try await GridRepository(db: services.database.sql).grids(zoneID: zone)
            var browser = Browser(client)
            _ = try await browser.login("grid@jinan")
            let map = try await browser.get("/m/governance/map")
            #expect(map.status == .ok)
            // A group, not an image: the map holds a link per grid, and an image may not hold links.
            #expect(map.text.contains("role=\"group\""))
            #expect(map.text.contains("aria-label=\""))
            for grid in grids {
                #expect(
                    map.text.contains("<a href=\"/m/governance/grids/\(grid.id)\"><title>\(grid.name)（\(grid.code)）"),
                    "\(grid.code) is a link with a title")
            }
            // Other suites may import grids meanwhile: at least every grid read above is drawn.
            #expect(map.text.components(separatedBy: "<path d=\"M").count - 1 >= grids.count)
            #expect(map.text.contains("<caption>各网格未办结事件</caption>"), "the table for screen readers and print")

            // A grid with no open events turns from the empty colour to the 1-event colour, then back when closed.
            let open = try await GridRepository(db: services.database.sql).openEventCounts(zoneID: zone)
            let quiet = try #require(grids.first { (open[$0.id] ?? 0) == 0 && $0.code.hasPrefix("370171005") })
            #expect(Self.fill(of: quiet.id, in: map.text) == GridMapDrawing.fill(0, .open))
            let event = try await GridFixtures.openEvent(grid: quiet, overdue: true, services)
            let after = try await browser.get("/m/governance/map")
            #expect(Self.fill(of: quiet.id, in: after.text) == GridMapDrawing.fill(1, .open))
            #expect(GridMapDrawing.fill(1, .open) != GridMapDrawing.fill(0, .open))
            let overdue = try await browser.get("/m/governance/map?by=overdue")
            #expect(Self.fill(of: quiet.id, in: overdue.text) == GridMapDrawing.fill(1, .overdue))
            #expect(overdue.text.contains("<caption>各网格超期事件</caption>"))
            // The grid page counts it too.
            #expect(
                try await browser.get("/m/governance/grids/\(quiet.id)").text.contains("<dt>未办结事件</dt><dd>1 件</dd>"))
            try await GridFixtures.closeEvent(event, services)
            let closed = try await browser.get("/m/governance/map")
            #expect(Self.fill(of: quiet.id, in: closed.text) == GridMapDrawing.fill(0, .open))
        }
    }
}
