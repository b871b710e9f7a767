import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// Issue 19's attacks, each as the team's own logins would make them with plain `psql`: a
/// staff login, a manager login, a manager deactivated while her session is open, and a login of
/// another socialtime database on the same server. Every one must fail and leave a
/// `pg_dump --data-only` of the schema unchanged (sequences aside: PostgreSQL never rolls one
/// back, so a refused insert may have drawn a number, and no row changed).
@Suite(.enabled(if: PostgresTestServer.enabled)) struct PsqlAttackTests {
    /// The team: anna (manager), bob and carol (staff), each with an entry on 2026-11-23 and a
    /// submitted justification for 2026-W48, all written through the database's functions.
    struct Team {
        let db: TeamDatabase
        let anna: String, bob: String, carol: String
        let annaID: Int, bobID: Int, carolID: Int
        let annaJustification: Int, bobJustification: Int
        let carolEntry: Int
    }

    func withTeam(_ body: (Team) async throws -> Void) async throws {
        try await TeamDatabase.with { db in
            let anna = try await db.addPerson("anna", manager: true)
            let bob = try await db.addPerson("bob")
            let carol = try await db.addPerson("carol")
            var ids: [String: Int] = [:]
            var justifications: [String: Int] = [:]
            var entries: [String: Int] = [:]
            for person in [anna, bob, carol] {
                try await PostgresStoreConnection.with(db.settings(person)) { me async throws in
                    let id = try #require(try await me.scalar("SELECT socialtime.my_staff_id()", as: Int.self))
                    ids[person] = id
                    entries[person] = try await me.scalar("""
                        SELECT socialtime.log_entry(\(id), '2026-11-23', 60, (SELECT id FROM networks WHERE key = 'linkedin'),
                            (SELECT id FROM outcomes WHERE key = 'recruiting'), 'posts', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)
                        """, as: Int.self)
                    justifications[person] = try await me.scalar("""
                        SELECT socialtime.submit_justification(NULL, \(id), '2026-W48', 'Recruiting on LinkedIn found two candidates', '2026-11-27T10:00:00+01:00')
                        """, as: Int.self)
                }
            }
            try await body(Team(db: db, anna: anna, bob: bob, carol: carol, annaID: ids[anna]!, bobID: ids[bob]!, carolID: ids[carol]!,
                                annaJustification: justifications[anna]!, bobJustification: justifications[bob]!,
                                carolEntry: entries[carol]!))
        }
    }

    // MARK: - psql

    /// `psql` as `role` on `database` (this team's by default): exit status and what it said.
    func psql(_ db: TeamDatabase, as role: String, database: String? = nil, _ statements: [String]) throws -> (status: Int32, output: String) {
        guard var components = URLComponents(string: try #require(PostgresTestServer.url)) else { throw PostgresToolFailure("bad URL") }
        components.user = role
        components.password = db.password
        components.path = "/" + (database ?? db.name)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", try #require(components.string)]
            + statements.flatMap { ["-c", $0] }
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct PostgresToolFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The schema's data as `pg_dump --data-only` writes it, sequences left out.
    func dump(_ db: TeamDatabase) throws -> String {
        guard var components = URLComponents(string: try #require(PostgresTestServer.url)) else { throw PostgresToolFailure("bad URL") }
        components.path = "/" + db.name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pg_dump", "--data-only", "--schema=socialtime", "--no-owner", try #require(components.string)]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        _ = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PostgresToolFailure("pg_dump failed") }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
            .filter { !$0.contains("pg_catalog.setval") && !$0.hasPrefix("--") && !$0.hasPrefix("\\restrict") && !$0.hasPrefix("\\unrestrict") }.joined(separator: "\n")
    }

    /// Every statement, each in its own `psql` run as `role`, must fail, and the data stay as it was.
    func expectRefused(_ team: Team, as role: String, database: String? = nil, _ attacks: [String],
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = try dump(team.db)
        for attack in attacks {
            let (status, output) = try psql(team.db, as: role, database: database, [attack])
            #expect(status != 0, "\(role) ran: \(attack)\n\(output)", sourceLocation: sourceLocation)
            #expect(output.contains("ERROR"), "\(attack): \(output)", sourceLocation: sourceLocation)
        }
        let after = try dump(team.db)
        let changed = Set(after.split(separator: "\n")).symmetricDifference(Set(before.split(separator: "\n")))
        #expect(after == before, "the data changed: \(changed.sorted())", sourceLocation: sourceLocation)
    }

    static let network = "(SELECT id FROM socialtime.networks WHERE key = 'linkedin')"
    static let outcome = "(SELECT id FROM socialtime.outcomes WHERE key = 'recruiting')"

    func logEntry(for staffID: Int, date: String = "2026-11-24", minutes: Int = 30, loggedAt: String = "2026-11-27T10:00:00+01:00") -> String {
        "SELECT socialtime.log_entry(\(staffID), '\(date)', \(minutes), \(Self.network), \(Self.outcome), 'x', '\(loggedAt)', NULL, NULL, NULL)"
    }

    // MARK: - Attacks

    @Test func aManagerCannotReviewTheirOwnJustificationNorNameAnotherReviewer() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.anna, [
                "UPDATE socialtime.justifications SET status = 'accepted', reviewed_by = \(team.bobID) WHERE staff_id = \(team.annaID) AND week = '2026-W48'",
                "UPDATE socialtime.justifications SET status = 'accepted', reviewed_by = NULL WHERE id = \(team.bobJustification)",
                "SELECT socialtime.review_justification(\(team.annaJustification), 'accepted', \(team.annaID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                // In bob's name (staff) or in carol's: a review is the connected manager's own.
                "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', \(team.bobID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', \(team.carolID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', NULL, '2026-11-30T09:00:00+01:00', NULL, 60)",
                "SELECT socialtime.review_justification(\(team.bobJustification), 'submitted', \(team.annaID), '2026-11-30T09:00:00+01:00', NULL, 60)",
            ])
            // Her own name on someone else's: that is the review, and the history names her.
            let (status, output) = try psql(team.db, as: team.anna, [
                "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', \(team.annaID), '2026-11-30T09:00:00+01:00', 'fine', 60)",
                "SELECT j.reviewed_by = \(team.annaID), h.changed_by = \(team.annaID) FROM socialtime.justifications j JOIN socialtime.justification_history h ON h.justification_id = j.id AND h.status = 'accepted' WHERE j.id = \(team.bobJustification)",
            ])
            #expect(status == 0, "\(output)")
            #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "t|t")
        }
    }

    @Test func aStaffLoginCannotReview() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.bob, [
                "SELECT socialtime.review_justification(\(team.annaJustification), 'accepted', \(team.bobID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                "UPDATE socialtime.justifications SET status = 'accepted' WHERE id = \(team.bobJustification)",
            ])
        }
    }

    @Test func aManagerCannotTakeOverRolesThatAreNotSocialtimeLogins() async throws {
        try await withTeam { team in
            let other = team.db.handle("otherapp"), dba = team.db.handle("dba2")
            try await team.db.asSuperuser { su async throws in
                try await su.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(other)\" LOGIN"))
                try await su.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(dba)\" LOGIN CREATEROLE CREATEDB"))
            }
            for handle in [other, dba, "socialtime_manager"] {
                try await PostgresStoreConnection.with(team.db.settings(team.db.admin)) { admin async throws in
                    _ = try await admin.scalar("SELECT socialtime.add_staff(\(handle), 'Someone', 'staff', NULL, '2026-11-27T09:00:00+01:00')", as: Int.self)
                }
            }
            let rolesBefore = try await roles(team.db, [other, dba, "socialtime_manager"])
            try expectRefused(team, as: team.anna, [
                "SELECT socialtime.create_login('\(other)', false)",
                "SELECT socialtime.create_login('\(dba)', true)",
                "SELECT socialtime.create_login('socialtime_manager', true)",
                "SELECT socialtime.create_login('socialtime_manager', false)",
            ])
            // Deactivating a roster row whose role is no login of this database leaves the role alone.
            let (status, output) = try psql(team.db, as: team.anna, [
                "SELECT socialtime.update_staff(s.id, NULL, false, NULL, NULL, false) FROM socialtime.staff s WHERE s.handle = '\(other)'",
            ])
            #expect(status == 0, "\(output)")
            #expect(try await roles(team.db, [other, dba, "socialtime_manager"]) == rolesBefore)
            // Told it is the person's own plain login, it is adopted.
            let adopted = try psql(team.db, as: team.anna, ["SELECT socialtime.create_login('\(other)', true)"])
            #expect(adopted.status == 0, "\(adopted.output)")
        }
    }

    /// Each role's LOGIN, CREATEROLE, CREATEDB and group memberships, as the superuser sees them.
    func roles(_ db: TeamDatabase, _ names: [String]) async throws -> [String] {
        try await db.asSuperuser { su async throws in
            var described: [String] = []
            for name in names {
                described.append(try await su.scalar("""
                    SELECT r.rolname || ' ' || r.rolcanlogin || ' ' || r.rolcreaterole || ' ' || r.rolcreatedb || ' '
                        || coalesce((SELECT string_agg(g.rolname, ',' ORDER BY g.rolname) FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid), '')
                    FROM pg_roles r WHERE r.rolname = \(name)
                    """, as: String.self) ?? "missing \(name)")
            }
            return described
        }
    }

    @Test func deactivationEndsAccessInASessionAlreadyOpen() async throws {
        try await withTeam { team in
            try await PostgresStoreConnection.with(team.db.settings(team.anna)) { anna async throws in
                #expect(try await anna.scalar("SELECT count(*)::int FROM socialtime.entries", as: Int.self) == 3)
                try await PostgresStoreConnection.with(team.db.settings(team.db.admin)) { admin async throws in
                    _ = try await admin.execute(PostgresLogins.setActive(try Handle(validating: team.anna), false))
                }
                let before = try dump(team.db)
                // Her next statement has no rights: she sees nothing and changes nothing.
                #expect(try await anna.scalar("SELECT count(*)::int FROM socialtime.entries", as: Int.self) == 0)
                #expect(try await anna.scalar("SELECT count(*)::int FROM socialtime.staff", as: Int.self) == 0)
                #expect(try await anna.scalar("SELECT socialtime.is_manager()", as: Bool.self) == false)
                for attack in [
                    "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', \(team.annaID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                    "SELECT socialtime.save_threshold('2026-W49', 60, '2026-11-30T09:00:00+01:00', '\(team.anna)')",
                    "SELECT socialtime.update_staff(\(team.annaID), NULL, false, NULL, NULL, true)",
                    "UPDATE socialtime.staff SET active = true WHERE handle = '\(team.anna)'",
                    logEntry(for: team.annaID),
                ] {
                    #expect(await refusal { _ = try await anna.execute(PostgresQuery(unsafeSQL: attack)) } != nil, "\(attack)")
                }
                #expect(try dump(team.db) == before)
                #expect(try await roles(team.db, [team.anna]).first?.contains(" false ") == true)
            }
        }
    }

    @Test func nobodyButTheFunctionsWritesTheAuditOrTheHistory() async throws {
        try await withTeam { team in
            let forged = "INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after) VALUES ('2019-01-01T00:00:00Z', 'carol', 'create', \(team.carolEntry), NULL, NULL)"
            for role in [team.anna, team.bob] {
                try expectRefused(team, as: role, [
                    "UPDATE socialtime.entries SET minutes = 600",
                    "UPDATE socialtime.entries SET minutes = 600 WHERE staff_id = socialtime.my_staff_id()",
                    forged,
                    "DELETE FROM socialtime.audit_log",
                    "DELETE FROM socialtime.justification_history",
                    "UPDATE socialtime.audit_log SET actor = 'nobody'",
                    "TRUNCATE socialtime.audit_log",
                    "INSERT INTO socialtime.thresholds(from_week, minutes) VALUES ('2026-W49', 1)",
                    "DELETE FROM socialtime.staff WHERE handle = '\(team.carol)'",
                ])
            }
            // A change through the function is audited by the database, naming the login.
            let (status, output) = try psql(team.db, as: team.bob, [
                "SELECT socialtime.edit_entry(e.id, e.date, 90, e.network_id, e.outcome_id, 'edited', '2026-11-28T10:00:00+01:00', NULL) FROM socialtime.entries e WHERE e.staff_id = socialtime.my_staff_id()",
                "SELECT actor || ' ' || action || ' ' || after FROM socialtime.audit_log a WHERE action = 'edit'",
            ])
            #expect(status == 0, "\(output)")
            #expect(output.contains("\(team.bob) edit {\"date\":\"2026-11-23\",\"minutes\":90,\"network\":\"linkedin\",\"outcome\":\"recruiting\",\"note\":\"edited\",\"deleted\":false}"), "\(output)")
        }
    }

    @Test func aStaffLoginCannotExhaustOrTakeIdsNorWriteForOthers() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.bob, [
                "INSERT INTO socialtime.entries(id, staff_id, date, minutes, network_id, outcome_id, logged_at) VALUES (9223372036854775807, \(team.bobID), '2026-11-24', 10, \(Self.network), \(Self.outcome), '2026-11-27T10:00:00+01:00')",
                "SELECT socialtime.advance_entry_ids()",
                "SELECT setval('socialtime.entries_id_seq', 9223372036854775806)",
                "SELECT nextval('socialtime.entries_id_seq')",
                "SELECT socialtime.import_entries(ARRAY[9007199254740993]::bigint[], ARRAY[\(team.bobID)]::bigint[], ARRAY['2026-11-24'], ARRAY[10], ARRAY[\(Self.network)]::bigint[], ARRAY[\(Self.outcome)]::bigint[], ARRAY['x'], ARRAY['2026-11-27T10:00:00+01:00'], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], '2026-11-27T10:00:00+01:00', session_user::text, NULL, NULL)",
                // Import rows in someone else's name.
                "SELECT socialtime.import_entries(NULL, ARRAY[\(team.bobID)]::bigint[], ARRAY['2026-11-24'], ARRAY[10], ARRAY[\(Self.network)]::bigint[], ARRAY[\(Self.outcome)]::bigint[], ARRAY['x'], ARRAY['2026-11-27T10:00:00+01:00'], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], '2026-11-27T10:00:00+01:00', '\(team.carol)', NULL, NULL)",
                "SELECT socialtime.name_acting_person(\(team.carolEntry), NULL, '\(team.carol)', NULL, NULL)",
                logEntry(for: team.carolID),
                "SELECT socialtime.set_entry_deleted(\(team.carolEntry), true, '2026-11-28T10:00:00+01:00', NULL)",
                "SELECT socialtime.edit_entry(\(team.carolEntry), '2026-11-23', 1, \(Self.network), \(Self.outcome), 'x', '2026-11-28T10:00:00+01:00', NULL)",
                "SELECT socialtime.lock_staff(\(team.carolID))",
                "SELECT socialtime.save_timer(\(team.carolID), \(Self.network), \(Self.outcome), '', '2026-11-28T10:00:00+01:00')",
                "SELECT socialtime.submit_justification(NULL, \(team.carolID), '2026-W47', 'x', '2026-11-28T10:00:00+01:00')",
                "SELECT socialtime.update_staff(\(team.carolID), 'Mallory', false, NULL, NULL, NULL)",
                "SELECT socialtime.update_staff(\(team.bobID), NULL, false, NULL, 'manager', NULL)",
                "SELECT socialtime.set_setting('retention_months', '1')",
            ])
        }
    }

    @Test func psqlCannotStoreWhatLogRefuses() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.bob, [
                logEntry(for: team.bobID, date: "2026-02-31"),
                logEntry(for: team.bobID, date: "2099-12-31", loggedAt: "2099-12-31T10:00:00+01:00"),
                logEntry(for: team.bobID, date: "2099-12-31"),
                logEntry(for: team.bobID, loggedAt: "x"),
                logEntry(for: team.bobID, loggedAt: "2026-11-27 10:00"),
                logEntry(for: team.bobID, minutes: 0),
                logEntry(for: team.bobID, minutes: 1441),
                logEntry(for: team.bobID, date: "2026-11-23", minutes: 1400),
                "SELECT socialtime.log_entry(\(team.bobID), '2026-11-24', 10, \(Self.network), \(Self.outcome), E'a\\nb', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)",
                "SELECT socialtime.submit_justification(NULL, \(team.bobID), '2026-W54', 'x', '2026-11-28T10:00:00+01:00')",
                "SELECT socialtime.submit_justification(NULL, \(team.bobID), '2026-W47', E'bad\\u202e', '2026-11-28T10:00:00+01:00')",
            ])
        }
    }

    @Test func groupRolesAreNobodyAndNobodyRegistersThemselves() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.bob, [
                "SET ROLE socialtime_staff; INSERT INTO socialtime.staff(handle, name, created_at) VALUES ('ghost', 'Ghost', '2026-11-27T09:00:00+01:00')",
                "SELECT socialtime.add_staff('ghost', 'Ghost', 'staff', NULL, '2026-11-27T09:00:00+01:00')",
                "SET ROLE socialtime_manager",
            ])
        }
    }

    @Test func aLoginOfAnotherDatabaseIsNobodyHere() async throws {
        try await withTeam { team in
            try await TeamDatabase.with { other in
                let dave = try await other.addPerson("dave", manager: true)
                try await team.db.asSuperuser { su async throws in
                    try await su.execute(PostgresQuery(unsafeSQL: "ALTER ROLE \"\(dave)\" PASSWORD '\(team.db.password)'"))
                }
                try expectRefused(team, as: dave, [
                    "SELECT socialtime.add_staff('\(dave)', 'Dave', 'staff', NULL, '2026-11-27T09:00:00+01:00')",
                    logEntry(for: team.bobID),
                    "SELECT socialtime.review_justification(\(team.bobJustification), 'accepted', \(team.annaID), '2026-11-30T09:00:00+01:00', NULL, 60)",
                    "SELECT socialtime.save_threshold('2026-W49', 60, '2026-11-30T09:00:00+01:00', 'x')",
                    "SELECT socialtime.create_login('\(team.bob)', true)",
                ])
                let (status, output) = try psql(team.db, as: dave, [
                    "SELECT (SELECT count(*) FROM socialtime.staff) || ' ' || (SELECT count(*) FROM socialtime.entries) || ' ' || socialtime.is_manager()",
                ])
                #expect(status == 0, "\(output)")
                #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "0 0 false")
            }
        }
    }

    /// A staff login holding an advisory lock, or its own person's lock in an open transaction,
    /// does not stop a colleague's write (a statement timeout turns a wait into a failure).
    @Test func nobodyBlocksAColleague() async throws {
        try await withTeam { team in
            try await PostgresStoreConnection.with(team.db.settings(team.bob)) { bob async throws in
                _ = try await bob.execute("BEGIN")
                _ = try await bob.execute(PostgresQuery(unsafeSQL: "SELECT pg_advisory_lock(1936679785, \(team.carolID))"))
                _ = try await bob.execute(PostgresQuery(unsafeSQL: "SELECT socialtime.lock_staff(\(team.bobID))"))
                #expect(await refusal { _ = try await bob.execute("LOCK TABLE socialtime.entries IN ACCESS EXCLUSIVE MODE") } != nil)
                try await PostgresStoreConnection.with(team.db.settings(team.carol)) { carol async throws in
                    _ = try await carol.execute("SET statement_timeout = '20s'")
                    #expect(try await carol.scalar(PostgresQuery(unsafeSQL: logEntry(for: team.carolID)), as: Int.self) != nil)
                }
                _ = try? await bob.execute("ROLLBACK")
            }
        }
    }

    /// Twenty first runs of the administrator's login at once: one roster row, no failure.
    @Test func concurrentFirstRegistrationsMakeOneRow() async throws {
        try await TeamDatabase.with { db in
            let settings = db.settings(db.admin)
            let handle = db.admin
            try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await PostgresStoreConnection.with(settings) { admin async throws in
                            try await admin.scalar("SELECT socialtime.add_staff(\(handle), 'Admin', 'manager', NULL, '2026-11-27T09:00:00+01:00')", as: Int.self)
                        }
                    }
                }
                var ids = Set<Int?>()
                for try await id in group { ids.insert(id) }
                #expect(ids.count == 1 && ids.first! != nil)
            }
            let rows = try await db.asSuperuserHere { su async throws in
                try await su.scalar("SELECT count(*)::int FROM socialtime.staff WHERE handle = \(handle)", as: Int.self)
            }
            #expect(rows == 1)
        }
    }
}
