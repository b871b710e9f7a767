import PostgresNIO
import SocialTimeCore

/// `db check` on a server: what can be verified from inside the database — the schema version,
/// row-level security enabled and forced on every table that holds a person's rows, every policy,
/// trigger and function in place (functions with their pinned `search_path`), and no write
/// privilege on any table or sequence for any login role but the administrator.
struct PostgresCheck: ServerChecks {
    let connection: PostgresStoreConnection

    static let policies: [String: [String]] = {
        var expected: [String: [String]] = [:]
        for table in PostgresSchema.personTables { expected[table, default: []].append("\(table)_owner_writes") }
        for table in ["staff", "entries", "results", "justifications", "timers", "justification_history", "audit_log"] {
            expected[table, default: []].append("\(table)_read")
        }
        return expected
    }()

    static let triggers = ["entries": ["entries_day_cap_insert", "entries_day_cap_update", "entries_restored_overlap",
                                       "entries_stay_audited", "entries_stay_audited_update", "entries_stay_audited_truncate"],
                           "staff": ["staff_sync_login"],
                           "audit_log": ["audit_log_closed_week_reason", "audit_log_names_entries", "audit_log_names_entries_update"]]

    static let functions = ["is_manager", "my_staff_id", "administrator_name", "lock_person", "lock_staff", "check_day_cap",
                            "create_login", "apply_login", "sync_login", "add_staff", "update_staff", "add_network", "add_outcome",
                            "update_outcome", "save_threshold", "set_setting", "log_entry", "edit_entry", "set_entry_deleted",
                            "import_entries", "name_acting_person", "record_result", "edit_result", "set_result_deleted",
                            "submit_justification", "review_justification", "save_timer", "delete_timer",
                            "erase_person", "prune_before", "owner_name", "closed_week", "require_open_week",
                            "check_closed_week_reason", "check_overlap", "check_restored_overlap", "check_import",
                            "check_import_overlaps", "check_audit_entries", "check_entries_audited"]

    func check() async throws -> ServerCheckReport {
        try await connection.transaction(.read) { db in
            let version = try await db.query("SELECT coalesce(max(version), 0) FROM socialtime.schema_version").rows.first?.decode(Int.self) ?? 0
            var checks: [(name: String, deviations: [String])] = []
            checks.append(("schema version", version == PostgresSchema.currentVersion ? []
                           : ["schema version \(version), and this socialtime sets up \(PostgresSchema.currentVersion)"]))

            var security: [String] = []
            for table in PostgresSchema.personTables {
                let row = try await db.query("""
                    SELECT c.relrowsecurity, c.relforcerowsecurity FROM pg_catalog.pg_class c
                    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'socialtime' AND c.relname = \(table)
                    """).rows.first?.decode((Bool, Bool).self)
                guard let (enabled, forced) = row else { security.append("table socialtime.\(table) is missing"); continue }
                if !enabled { security.append("row-level security is not enabled on socialtime.\(table)") }
                if !forced { security.append("row-level security is not forced on socialtime.\(table) (NO FORCE ROW LEVEL SECURITY)") }
            }
            checks.append(("row-level security", security))

            var policies: [String] = []
            for (table, names) in Self.policies.sorted(by: { $0.key < $1.key }) {
                let present = Set(try await db.query("SELECT policyname::text FROM pg_catalog.pg_policies WHERE schemaname = 'socialtime' AND tablename = \(table)")
                    .rows.map { try $0.decode(String.self) })
                for name in names where !present.contains(name) { policies.append("policy \(name) on socialtime.\(table) is missing") }
                for name in present.subtracting(names).sorted() { policies.append("policy \(name) on socialtime.\(table) is not socialtime's") }
            }
            checks.append(("policies", policies))

            var triggers: [String] = []
            for (table, names) in Self.triggers.sorted(by: { $0.key < $1.key }) {
                for name in names {
                    let enabled = try await db.query("""
                        SELECT t.tgenabled::text <> 'D' FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
                        JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = 'socialtime' AND c.relname = \(table) AND t.tgname = \(name)
                        """).rows.first?.decode(Bool.self)
                    if enabled == nil { triggers.append("trigger \(name) on socialtime.\(table) is missing") }
                    if enabled == false { triggers.append("trigger \(name) on socialtime.\(table) is disabled") }
                }
            }
            checks.append(("triggers", triggers))

            // The owner: a role nobody logs in as owns the schema, its tables and functions; its
            // only member is the administrator (so that migrations run).
            let ownerRole = try await db.query("""
                SELECT CASE WHEN to_regprocedure('socialtime.owner_name()') IS NULL THEN '' ELSE socialtime.owner_name() END
                """).rows.first?.decode(String.self) ?? ""
            checks.append(("owner", try await Self.ownerDeviations(db, ownerRole)))

            var functions: [String] = []
            let rows = try await db.query("""
                SELECT p.proname::text, coalesce(array_to_string(p.proconfig, ','), ''), p.prosecdef,
                       pg_catalog.pg_get_userbyid(p.proowner)::text
                FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = 'socialtime'
                """).rows
            var seen = Set<String>()
            for row in rows {
                let (name, config, definer, owner) = try row.decode((String, String, Bool, String).self)
                seen.insert(name)
                if definer && !config.contains("search_path=pg_catalog, pg_temp") {
                    functions.append("function socialtime.\(name) is SECURITY DEFINER without its pinned search_path")
                }
                if owner != ownerRole {
                    functions.append("function socialtime.\(name) is owned by \(owner), not by the owner role \(ownerRole)")
                }
            }
            for name in Self.functions where !seen.contains(name) { functions.append("function socialtime.\(name) is missing") }
            checks.append(("functions", functions))

            var privileges: [String] = []
            let writable = try await db.query("""
                SELECT r.rolname::text, c.relname::text, c.relkind::text
                FROM pg_catalog.pg_class c
                JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'socialtime'
                CROSS JOIN pg_catalog.pg_roles r
                WHERE c.relkind IN ('r', 'S') AND NOT r.rolsuper
                  AND r.rolname::text <> (SELECT role_name FROM socialtime.administrator)
                  AND (r.rolcanlogin OR r.rolname IN ('socialtime_staff', 'socialtime_manager'))
                  AND CASE WHEN c.relkind = 'r' THEN pg_catalog.has_table_privilege(r.oid, c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')
                           ELSE pg_catalog.has_sequence_privilege(r.oid, c.oid, 'USAGE, UPDATE') END
                ORDER BY r.rolname, c.relname
                """).rows
            for row in writable {
                let (role, table, kind) = try row.decode((String, String, String).self)
                privileges.append("role \(role) may write \(kind == "S" ? "sequence" : "table") socialtime.\(table)")
            }
            checks.append(("write privileges", privileges))
            return Unchecked(ServerCheckReport(location: connection.settings.location, schemaVersion: version, checks: checks))
        }.value
    }
}

extension PostgresCheck {
    static func ownerDeviations(_ db: PostgresStoreConnection, _ ownerRole: String) async throws -> [String] {
        guard !ownerRole.isEmpty else { return ["no owner role (socialtime.owner_name() is missing): run `socialtime db init` to migrate"] }
        let role = try await db.query("""
            SELECT r.rolcanlogin, r.rolsuper OR r.rolbypassrls OR r.rolreplication
            FROM pg_catalog.pg_roles r WHERE r.rolname = \(ownerRole)
            """).rows.first?.decode((Bool, Bool).self)
        guard let (canLogin, special) = role else { return ["the owner role \(ownerRole) does not exist"] }
        var deviations: [String] = []
        if canLogin { deviations.append("the owner role \(ownerRole) can log in (ALTER ROLE \(ownerRole) NOLOGIN)") }
        if special { deviations.append("the owner role \(ownerRole) has SUPERUSER, BYPASSRLS or REPLICATION") }
        let members = try await db.query("""
            SELECT m.rolname::text FROM pg_catalog.pg_auth_members a
            JOIN pg_catalog.pg_roles o ON o.oid = a.roleid JOIN pg_catalog.pg_roles m ON m.oid = a.member
            WHERE o.rolname = \(ownerRole) AND m.rolname::text <> (SELECT role_name FROM socialtime.administrator)
            ORDER BY 1
            """).rows
        for row in members {
            deviations.append("role \(try row.decode(String.self)) is a member of the owner role \(ownerRole): only the administrator may be")
        }
        let schemaOwner = try await db.query("""
            SELECT pg_catalog.pg_get_userbyid(n.nspowner)::text FROM pg_catalog.pg_namespace n WHERE n.nspname = 'socialtime'
            """).rows.first?.decode(String.self)
        if let schemaOwner, schemaOwner != ownerRole {
            deviations.append("schema socialtime is owned by \(schemaOwner), not by the owner role \(ownerRole)")
        }
        let tables = try await db.query("""
            SELECT c.relname::text, pg_catalog.pg_get_userbyid(c.relowner)::text FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'socialtime' AND c.relkind IN ('r', 'S', 'v', 'm', 'p') AND pg_catalog.pg_get_userbyid(c.relowner)::text <> \(ownerRole)
            ORDER BY 1
            """).rows
        for row in tables {
            let (table, owner) = try row.decode((String, String).self)
            deviations.append("socialtime.\(table) is owned by \(owner), not by the owner role \(ownerRole)")
        }
        return deviations
    }
}
