import SQLKit

/// 政务服务: service items with every field of the national guide, 一件事 bundles with their one set
/// of materials (blank forms and samples kept as files), applications as cases of the one engine
/// (channel, 一次性告知, promised limit, 领办 officer, result and delivery) with their uploaded
/// materials, and the appeals units make against a 差评 (any case type's), decided by the zone admin.
struct M0060CreateServices: Migration {
    let number = 60
    let name = "create service catalogue, applications and rating appeals"

    func apply(on db: any SQLDatabase, ddl: DDL) async throws {
        let blob = ddl.kind == .sqlite ? "BLOB" : "BYTEA"
        for statement in [
            """
            CREATE TABLE svc_items (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                code TEXT NOT NULL,
                basic_code TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                basis TEXT NOT NULL,
                authority TEXT NOT NULL,
                audience_text TEXT NOT NULL,
                conditions TEXT NOT NULL,
                legal_days INTEGER NOT NULL,
                promised_days INTEGER NOT NULL,
                fee TEXT NOT NULL,
                process TEXT NOT NULL,
                forms TEXT NOT NULL,
                visits TEXT NOT NULL,
                place TEXT NOT NULL,
                hours TEXT NOT NULL,
                consult TEXT NOT NULL,
                supervise TEXT NOT NULL,
                online BOOLEAN NOT NULL,
                scope TEXT NOT NULL,
                result_name TEXT NOT NULL,
                result_type TEXT NOT NULL,
                audience TEXT NOT NULL,
                life_event TEXT NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, code))
            """,
            """
            CREATE TABLE svc_bundles (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                summary TEXT NOT NULL,
                audience TEXT NOT NULL,
                life_event TEXT NOT NULL,
                legal_days INTEGER NOT NULL,
                promised_days INTEGER NOT NULL,
                online BOOLEAN NOT NULL,
                created_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (zone_id, code))
            """,
            """
            CREATE TABLE svc_bundle_items (
                bundle_id BIGINT NOT NULL REFERENCES svc_bundles(id),
                item_id BIGINT NOT NULL REFERENCES svc_items(id),
                position INTEGER NOT NULL,
                PRIMARY KEY (bundle_id, item_id))
            """,
            """
            CREATE TABLE svc_materials (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                bundle_id BIGINT NOT NULL REFERENCES svc_bundles(id),
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                required BOOLEAN NOT NULL,
                form TEXT NOT NULL,
                copies INTEGER NOT NULL,
                source TEXT NOT NULL,
                standard TEXT NOT NULL,
                filled_from TEXT,
                blank_name TEXT,
                blank_data \(unsafeRaw: blob),
                sample_name TEXT,
                sample_data \(unsafeRaw: blob))
            """,
            "CREATE INDEX svc_materials_bundle ON svc_materials (bundle_id, position)",
            """
            CREATE TABLE svc_applications (
                case_id BIGINT PRIMARY KEY REFERENCES cases(id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                bundle_id BIGINT NOT NULL REFERENCES svc_bundles(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                channel TEXT NOT NULL,
                applicant_name TEXT NOT NULL,
                applicant_phone TEXT NOT NULL,
                applicant_user_id BIGINT REFERENCES users(id),
                enterprise_id BIGINT,
                entered_by BIGINT REFERENCES users(id),
                officer_user_id BIGINT REFERENCES users(id),
                purpose TEXT NOT NULL,
                first_notice TEXT,
                notice_count INTEGER NOT NULL,
                promised_days INTEGER NOT NULL,
                instant BOOLEAN NOT NULL,
                opened_on TEXT NOT NULL,
                accepted_at \(unsafeRaw: ddl.timestamp),
                finished_at \(unsafeRaw: ddl.timestamp),
                working_days INTEGER,
                result_name TEXT,
                result_no TEXT,
                delivery TEXT,
                tracking_no TEXT)
            """,
            "CREATE INDEX svc_applications_zone ON svc_applications (zone_id, opened_on)",
            """
            CREATE TABLE svc_application_files (
                id \(unsafeRaw: ddl.id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                material_id BIGINT NOT NULL REFERENCES svc_materials(id),
                file_name TEXT NOT NULL,
                filled_text TEXT,
                content \(unsafeRaw: blob),
                uploaded_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                UNIQUE (case_id, material_id))
            """,
            """
            CREATE TABLE rating_appeals (
                id \(unsafeRaw: ddl.id),
                zone_id BIGINT NOT NULL REFERENCES zones(id),
                case_id BIGINT NOT NULL REFERENCES cases(id),
                follow_up_case_id BIGINT REFERENCES cases(id),
                department_id BIGINT NOT NULL REFERENCES departments(id),
                reason TEXT NOT NULL,
                state TEXT NOT NULL,
                filed_by BIGINT NOT NULL REFERENCES users(id),
                filed_at \(unsafeRaw: ddl.timestamp) NOT NULL,
                decided_by BIGINT REFERENCES users(id),
                decided_at \(unsafeRaw: ddl.timestamp),
                decision_note TEXT,
                UNIQUE (case_id))
            """,
            """
            CREATE TABLE rating_followup_limits (
                zone_id BIGINT PRIMARY KEY REFERENCES zones(id),
                callback_days INTEGER NOT NULL,
                fix_days INTEGER NOT NULL)
            """,
        ] as [SQLQueryString] {
            try await db.raw(statement).run()
        }
    }
}
