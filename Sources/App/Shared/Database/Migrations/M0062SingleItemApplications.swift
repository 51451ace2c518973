import SQLKit

/// Any item of the catalogue can be applied for on its own, not only inside a 一件事. The
/// application engine (one form, one material list, 一次性告知, limits, 好差评) works on
/// `svc_bundles`, so each item gets its own one-item form there, marked by `item_id`: the catalogue's
/// 一件事 lists leave those out, and the item's page shows its materials and the apply button.
/// Items already in the database get their form here; new ones get it as they are created
/// (`ServiceRepository.insertItem`). The form's code is `item:` and the item's code: a colon is never
/// in a code typed on the catalogue forms, so it cannot collide with a 一件事's.
struct M0062SingleItemApplications: Migration {
    let number = 62
    let name = "single-item application forms"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        try await db.raw("ALTER TABLE svc_bundles ADD COLUMN item_id BIGINT REFERENCES svc_items(id)").run()
        try await db.raw("CREATE UNIQUE INDEX svc_bundles_item ON svc_bundles (item_id)").run()
        try await db.raw(
            """
            INSERT INTO svc_bundles (zone_id, department_id, code, name, summary, audience, life_event, legal_days,
                promised_days, online, created_at, item_id)
            SELECT zone_id, department_id, 'item:' || code, name,
                substr(conditions, 1, 200), audience, life_event, legal_days, promised_days, online, created_at, id
            FROM svc_items
            """
        ).run()
        try await db.raw(
            """
            INSERT INTO svc_bundle_items (bundle_id, item_id, position)
            SELECT id, item_id, 0 FROM svc_bundles WHERE item_id IS NOT NULL
            """
        ).run()
    }
}
