import Foundation
import GaoxinCore
import SQLKit

/// All SQL of 楼委会: buildings, members, rotating chairs and the three lists.
struct EnterpriseHelpBuildingRepository: Sendable {
    let db: any SQLDatabase

    func buildings(zoneID: Int64) async throws -> [HelpBuildingRow] {
        try await db.select().column("*").from("help_buildings").where("zone_id", .equal, zoneID).orderBy("id")
            .rows(HelpBuildingRow.self)
    }

    func building(id: Int64, zoneID: Int64) async throws -> HelpBuildingRow? {
        try await db.select().column("*").from("help_buildings").where("id", .equal, id).where(
            "zone_id", .equal, zoneID
        )
        .row(HelpBuildingRow.self)
    }

    func insertBuilding(zoneID: Int64, name: String, address: String, at: Int64) async throws -> Int64 {
        try await db.insert(into: "help_buildings").columns("zone_id", "name", "address", "created_at")
            .values(SQLBind(zoneID), SQLBind(name), SQLBind(address), SQLBind(at))
            .returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func addMember(buildingID: Int64, enterpriseID: Int64) async throws {
        try await db.insert(into: "help_building_members").columns("building_id", "enterprise_id")
            .values(SQLBind(buildingID), SQLBind(enterpriseID)).run()
    }

    func members(buildingID: Int64) async throws -> [Int64] {
        try await db.select().column("enterprise_id").from("help_building_members").where(
            "building_id", .equal, buildingID
        )
        .orderBy("enterprise_id").all(decodingColumn: "enterprise_id", as: Int64.self)
    }

    func insertChair(buildingID: Int64, enterpriseID: Int64, from: String, to: String) async throws {
        try await db.insert(into: "help_building_chairs").columns(
            "building_id", "enterprise_id", "from_month", "to_month"
        )
        .values(SQLBind(buildingID), SQLBind(enterpriseID), SQLBind(from), SQLBind(to)).run()
    }

    func chairs(buildingID: Int64) async throws -> [HelpChairRow] {
        try await db.select().column("*").from("help_building_chairs").where("building_id", .equal, buildingID)
            .orderBy("from_month").rows(HelpChairRow.self)
    }

    func insertItem(_ i: HelpBuildingItemRow) async throws -> Int64 {
        try await db.insert(into: "help_building_items")
            .columns("building_id", "zone_id", "list", "enterprise_id", "category", "text", "created_at")
            .values(
                SQLBind(i.buildingId), SQLBind(i.zoneId), SQLBind(i.list), SQLBind(i.enterpriseId), SQLBind(i.category),
                SQLBind(i.text), SQLBind(i.createdAt)
            ).returning("id").first(decodingColumn: "id", as: Int64.self)!
    }

    func items(buildingID: Int64) async throws -> [HelpBuildingItemRow] {
        try await db.select().column("*").from("help_building_items").where("building_id", .equal, buildingID)
            .orderBy("id").rows(HelpBuildingItemRow.self)
    }

    /// Marks the need and the offer as matched to each other.
    func match(need: Int64, offer: Int64, at: Int64) async throws {
        try await db.update("help_building_items").set("matched_item_id", to: offer).set("matched_at", to: at)
            .where("id", .equal, need).run()
        try await db.update("help_building_items").set("matched_item_id", to: need).set("matched_at", to: at)
            .where("id", .equal, offer).where("list", .equal, BuildingList.resource.rawValue).run()
    }
}
