import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// `db init`'s migrations on a real server.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct MigrationTests {
    @Test func aNewDatabaseIsMigratedOnceAndRecordsItsAdministrator() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                #expect(try await PostgresMigrator.state(admin) == .empty)
                let first = try await PostgresMigrator.migrate(admin)
                #expect(first.from == 0)
                #expect(first.to == PostgresSchema.currentVersion)
                #expect(try await PostgresMigrator.state(admin) == .version(3))
                let again = try await PostgresMigrator.migrate(admin)
                #expect(again.from == 3 && again.to == 3)
                #expect(try await admin.scalar(PostgresLogins.administrator, as: String.self) == db.admin)
                #expect(try await admin.scalar("SELECT applied_by FROM schema_version WHERE version = 2", as: String.self) == db.admin)
                #expect(try await admin.scalar(PostgresLogins.currentRoleIsManager, as: Bool.self) == true)
            }
        }
    }

    @Test func rowSecurityIsEnabledAndForcedOnEveryPersonsTable() async throws {
        try await TeamDatabase.with { db in
            try await db.asSuperuserHere { su async throws in
                let rows = try await su.query("""
                    SELECT relname::text, relrowsecurity, relforcerowsecurity FROM pg_class
                    WHERE relnamespace = 'socialtime'::regnamespace AND relkind = 'r' ORDER BY relname
                    """).rows.map { try $0.decode((String, Bool, Bool).self) }
                let secured = Set(rows.filter { $0.1 && $0.2 }.map(\.0))
                #expect(secured == ["audit_log", "entries", "justification_history", "justifications", "results", "staff", "timers"])
                #expect(try await su.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'socialtime_staff'", as: Bool.self) == false)
                #expect(try await su.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'socialtime_manager'", as: Bool.self) == false)
            }
        }
    }

    @Test func concurrentInitsTakeTurns() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            let settings = db.settings(db.admin)
            let results = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<3 {
                    group.addTask { try await PostgresStoreConnection.with(settings) { try await PostgresMigrator.migrate($0).to } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results == [3, 3, 3])
            try await PostgresStoreConnection.with(settings) { admin async throws in
                // One row per migration (versions 2 and 3), each applied once.
                #expect(try await admin.scalar("SELECT count(*)::int FROM schema_version", as: Int.self) == PostgresSchema.migrations.count)
            }
        }
    }

    @Test func anotherProgramsSchemaIsLeftAlone() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await admin.execute("CREATE SCHEMA socialtime")
                try await admin.execute("CREATE TABLE socialtime.things (id int)")
                let error = await refusal { try await PostgresMigrator.migrate(admin) }
                #expect(error?.exitCode == 1)
                #expect(error?.message.contains("not socialtime's") == true)
                #expect(try await PostgresMigrator.state(admin) == .foreign)
            }
        }
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await admin.execute("INSERT INTO schema_version(version) VALUES (99)")
                let error = await refusal { try await PostgresMigrator.migrate(admin) }
                #expect(error?.exitCode == 1)
                #expect(error?.message.contains("schema version 99, newer than this socialtime knows (3)") == true)
            }
        }
    }

    @Test func initNeedsARoleThatMayCreateRoles() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            let plain = db.handle("plain")
            try await db.asSuperuser { su async throws in
                try await su.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(plain)\" LOGIN PASSWORD '\(db.password)'"))
                try await su.execute(PostgresQuery(unsafeSQL: "GRANT CREATE ON DATABASE \(db.name) TO \"\(plain)\""))
            }
            try await PostgresStoreConnection.with(db.settings(plain)) { connection async throws in
                let error = await refusal { try await PostgresMigrator.migrate(connection) }
                #expect(error?.exitCode == 77)
                #expect(error?.message.contains("CREATEROLE") == true)
                #expect(try await PostgresMigrator.state(connection) == .empty)
            }
        }
    }

    /// The login `create_login` makes finds socialtime's tables from plain `psql`, and sees
    /// only its own rows there.
    @Test func psqlAsAStaffRoleSeesOnlyItsOwnRows() async throws {
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql", "/opt/homebrew/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let path = try #require(psql, "psql is needed for this test (Debian: postgresql-client)")
        try await TeamDatabase.with { db in
            let anna = try await db.addPerson("anna")
            let bob = try await db.addPerson("bob")
            for person in [anna, bob] {
                try await PostgresStoreConnection.with(db.settings(person)) { me async throws in
                    try await me.execute("""
                        INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, logged_at)
                        VALUES (socialtime.my_staff_id(), '2026-11-23', 90, 1, 1, 'x')
                        """)
                }
            }
            let settings = db.settings(anna)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-X", "-At", "-v", "ON_ERROR_STOP=1", "-c",
                                 "SELECT count(*) || ' ' || sum(minutes) FROM entries", "-c",
                                 "UPDATE entries SET minutes = 1 WHERE staff_id <> my_staff_id()"]
            process.environment = ["PGHOST": settings.host, "PGPORT": String(settings.port), "PGUSER": anna,
                                   "PGPASSWORD": db.password, "PGDATABASE": db.name, "PGSSLMODE": "disable",
                                   "PATH": "/usr/bin:/bin"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(text)")
            #expect(text == "1 90\nUPDATE 0\n")
        }
    }
}
