import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// The audit log names only entries that exist, and an entry it names stays while it does: on
/// PostgreSQL per statement (schema version 8's triggers, which replaced the foreign key that
/// locked each named entry), as the foreign key holds it on SQLite. Not even the administrator,
/// who may write the tables, can leave an audit row naming nothing.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct AuditIntegrityTests {
    /// One entry of a person put on the roster by the administrator; its id.
    static func entry(_ admin: PostgresStoreConnection, minutes: Int = 30) async throws -> Int {
        let staff = try await admin.scalar("""
            INSERT INTO socialtime.staff(handle, name, role, created_at) VALUES ('anna', 'Anna', 'staff', '2026-11-27T09:00:00+01:00')
            ON CONFLICT (handle) DO UPDATE SET name = excluded.name RETURNING id
            """, as: Int.self)!
        return try await admin.scalar("""
            INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
            VALUES (\(staff), '2026-11-23', \(minutes), 1, 1, '', '2026-11-27T10:00:00+01:00') RETURNING id
            """, as: Int.self)!
    }

    static func audit(_ entryIDs: [Int]) -> PostgresQuery {
        PostgresQuery(unsafeSQL: "INSERT INTO socialtime.audit_log(at, actor, action, entry_id) VALUES "
            + entryIDs.map { "('2026-11-27T10:00:00+01:00', 'anna', 'create', \($0))" }.joined(separator: ", "))
    }

    static func count(_ admin: PostgresStoreConnection, _ table: String) async throws -> Int {
        try await admin.scalar(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM socialtime.\(table)"), as: Int.self) ?? -1
    }

    @Test func anAuditRowNamesAnEntryThatExists() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                let id = try await Self.entry(admin)
                try await admin.execute(Self.audit([id]))
                // One statement of three rows, one naming nothing: none is kept.
                let insert = await refusal { try await admin.execute(Self.audit([id, id + 1000, id])) }
                #expect(insert?.message.contains("audit row names no entry #\(id + 1000)") == true, "\(String(describing: insert))")
                let update = await refusal { try await admin.execute("UPDATE socialtime.audit_log SET entry_id = \(id + 7)") }
                #expect(update?.message.contains("audit row names no entry #\(id + 7)") == true, "\(String(describing: update))")
                #expect(try await Self.count(admin, "audit_log") == 1)
                #expect(try await admin.scalar("SELECT entry_id::int FROM socialtime.audit_log", as: Int.self) == id)
            }
        }
    }

    @Test func anEntryTheAuditLogNamesStaysUntilItsAuditRowsGo() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                let id = try await Self.entry(admin), unaudited = try await Self.entry(admin, minutes: 10)
                try await admin.execute(Self.audit([id]))
                for statement in ["DELETE FROM socialtime.entries", "UPDATE socialtime.entries SET id = id + 1000",
                                  "TRUNCATE socialtime.entries CASCADE"] {
                    let refused = await refusal { try await admin.execute(PostgresQuery(unsafeSQL: statement)) }
                    #expect(refused?.message.contains("named by the audit log") == true, "\(statement): \(String(describing: refused))")
                }
                #expect(try await Self.count(admin, "entries") == 2)
                #expect(try await Self.count(admin, "audit_log") == 1)
                // An entry nobody audited goes (as with the foreign key); the audited one once its rows have.
                try await admin.execute("DELETE FROM socialtime.entries WHERE id = \(unaudited)")
                try await admin.execute("DELETE FROM socialtime.audit_log WHERE entry_id = \(id)")
                try await admin.execute("DELETE FROM socialtime.entries WHERE id = \(id)")
                #expect(try await Self.count(admin, "entries") == 0)
            }
        }
    }

    /// A database at version 7 (the foreign key) keeps its audit rows through migration 8, which
    /// drops the key and puts the triggers in its place; `db check` names a disabled one.
    @Test func migrationEightKeepsTheRuleAndDbCheckWatchesIt() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await PsqlAttackTests.migrate(admin, through: 7)
                try await admin.execute("INSERT INTO socialtime.networks(key, name) VALUES ('linkedin', 'LinkedIn')")
                try await admin.execute("INSERT INTO socialtime.outcomes(key, description) VALUES ('recruiting', 'Finding candidates')")
                let id = try await Self.entry(admin)
                try await admin.execute(Self.audit([id]))
                let migrated = try await PostgresMigrator.migrate(admin)
                #expect(migrated.from == 7 && migrated.to == PostgresSchema.currentVersion)
                #expect(try await admin.scalar("""
                    SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'socialtime.audit_log'::regclass AND contype = 'f'
                    AND confrelid = 'socialtime.entries'::regclass
                    """, as: Int.self) == 0)
                #expect(try await admin.scalar("SELECT entry_id::int FROM socialtime.audit_log", as: Int.self) == id)
                let refused = await refusal { try await admin.execute(Self.audit([id + 1])) }
                #expect(refused?.message.contains("audit row names no entry #\(id + 1)") == true, "\(String(describing: refused))")
                #expect(try await PostgresCheck(connection: admin).check().deviations.isEmpty)
                try await admin.execute("ALTER TABLE socialtime.audit_log DISABLE TRIGGER audit_log_names_entries")
                let deviations = try await PostgresCheck(connection: admin).check().deviations
                #expect(deviations == ["trigger audit_log_names_entries on socialtime.audit_log is disabled"], "\(deviations)")
            }
        }
    }
}
