import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// Issue 19's rest, attacked with plain `psql` as the team's logins (see `PsqlAttackTests` for
/// the team and the dump comparison): the functions belong to a role nobody logs in as, and the
/// rulebook's entry rules — closed weeks, no overlapping timed entries, kept import ids — hold
/// inside the database for a caller who skips socialtime.
extension PsqlAttackTests {
    static func timed(_ staff: String, _ date: String, _ from: String, _ to: String, loggedAt: String = "2026-11-27T10:00:00+01:00") -> String {
        "SELECT socialtime.log_entry(\(staff), '\(date)', 60, \(network), \(outcome), 'timed', '\(loggedAt)', '\(date)T\(from):00+01:00', '\(date)T\(to):00+01:00', NULL)"
    }

    /// `import_entries` of one row for `staff` (ids kept when `id` is given).
    static func importRow(_ staff: String, id: Int? = nil, date: String = "2026-11-24", from: String? = nil, to: String? = nil,
                          at: String = "2026-11-27T10:00:00+01:00", reason: String? = nil) -> String {
        let ids = id.map { "ARRAY[\($0)]::bigint[]" } ?? "NULL"
        let start = from.map { "ARRAY['\(date)T\($0):00+01:00']" } ?? "ARRAY[NULL]::text[]"
        let end = to.map { "ARRAY['\(date)T\($0):00+01:00']" } ?? "ARRAY[NULL]::text[]"
        return "SELECT socialtime.import_entries(\(ids), ARRAY[\(staff)]::bigint[], ARRAY['\(date)'], ARRAY[60]::bigint[], ARRAY[\(network)]::bigint[], ARRAY[\(outcome)]::bigint[], ARRAY['imported'], ARRAY['\(at)'], \(start), \(end), ARRAY[NULL]::text[], '\(at)', session_user::text, NULL, \(reason.map { "'\($0)'" } ?? "NULL"))"
    }

    func succeeds(_ team: Team, as role: String, _ statements: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let (status, output) = try psql(team.db, as: role, statements)
        #expect(status == 0, "\(role): \(statements)\n\(output)", sourceLocation: sourceLocation)
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - The owner

    @Test func theFunctionsAndTablesBelongToARoleNobodyLogsInAs() async throws {
        try await withTeam { team in
            let owner = try succeeds(team, as: team.bob, ["SELECT socialtime.owner_name()"])
            #expect(owner == "socialtime_owner_" + team.db.name)
            let (functions, tables, login, members) = try await team.db.asSuperuserHere { su async throws in
                (try await su.scalar("SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'socialtime' AND pg_get_userbyid(p.proowner) <> \(owner)", as: Int.self),
                 try await su.scalar("SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'socialtime' AND pg_get_userbyid(c.relowner) <> \(owner)", as: Int.self),
                 try await su.scalar("SELECT rolcanlogin FROM pg_roles WHERE rolname = \(owner)", as: Bool.self),
                 try await su.scalar("SELECT string_agg(m.rolname, ',') FROM pg_auth_members a JOIN pg_roles o ON o.oid = a.roleid JOIN pg_roles m ON m.oid = a.member WHERE o.rolname = \(owner)", as: String.self))
            }
            #expect(functions == 0 && tables == 0)
            #expect(login == false)
            #expect(members == team.db.admin)
            // Nobody logs in as it (not even with a password set by someone careless), and no
            // login but the administrator can become it or hand the functions to itself.
            try await team.db.asSuperuser { su async throws in
                try await su.execute(PostgresQuery(unsafeSQL: "ALTER ROLE \"\(owner)\" PASSWORD '\(team.db.password)'"))
            }
            let asOwner = try psql(team.db, as: owner, ["SELECT 1"])
            #expect(asOwner.status != 0 && asOwner.output.contains("not permitted to log in"), "\(asOwner.output)")
            for role in [team.anna, team.bob] {
                try expectRefused(team, as: role, [
                    "SET ROLE \"\(owner)\"",
                    "ALTER FUNCTION socialtime.log_entry(bigint, text, bigint, bigint, bigint, text, text, text, text, text) OWNER TO \"\(role)\"",
                    "CREATE OR REPLACE FUNCTION socialtime.is_manager() RETURNS boolean LANGUAGE sql AS $$ SELECT true $$",
                    "ALTER TABLE socialtime.entries DISABLE TRIGGER entries_restored_overlap",
                    "GRANT \"\(owner)\" TO \"\(role)\"",
                ])
            }
            // `db check` names an owner that can log in, or has members other than the administrator.
            try await team.db.asSuperuser { su async throws in
                try await su.execute(PostgresQuery(unsafeSQL: "ALTER ROLE \"\(owner)\" LOGIN"))
                try await su.execute(PostgresQuery(unsafeSQL: "GRANT \"\(owner)\" TO \"\(team.bob)\""))
            }
            let deviations = try await PostgresStoreConnection.with(team.db.settings(team.db.admin)) { admin async throws in
                try await PostgresCheck(connection: admin).check().deviations
            }
            #expect(deviations.contains("the owner role \(owner) can log in (ALTER ROLE \(owner) NOLOGIN)"), "\(deviations)")
            #expect(deviations.contains("role \(team.bob) is a member of the owner role \(owner): only the administrator may be"), "\(deviations)")
        }
    }

    /// The migrations up to `version`, as `PostgresMigrator` runs them (the owner role taking
    /// over from version 5 on): a database an older socialtime set up.
    static func migrate(_ admin: PostgresStoreConnection, through version: Int) async throws {
        for migration in PostgresSchema.migrations where migration.version <= version {
            _ = try await admin.transaction(.write, attempts: 1) { tx in
                for statement in migration.statements { try await tx.execute(PostgresQuery(unsafeSQL: statement)) }
                if migration.version >= PostgresSchema.ownerRoleVersion {
                    try await tx.execute(PostgresQuery(unsafeSQL: PostgresSchema.takeOwnership))
                }
                try await tx.execute("INSERT INTO socialtime.schema_version(version) VALUES (\(migration.version))")
            }
        }
    }

    /// A version-5 database whose thresholds a migration left without `set_at`/`set_by`: migration
    /// 6 gives them the migration's moment and 'migration' (SQLite's name for it) and makes both
    /// NOT NULL, as on SQLite; the threshold itself is unchanged.
    @Test func aVersionFiveDatabasesThresholdsGetTheirSetterAndBecomeNotNull() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await Self.migrate(admin, through: 5)
                try await admin.execute("INSERT INTO socialtime.thresholds(from_week, minutes) VALUES ('2026-W01', 240)")
                let migrated = try await PostgresMigrator.migrate(admin)
                #expect(migrated.from == 5 && migrated.to == PostgresSchema.currentVersion)
                #expect(try await admin.scalar("SELECT minutes || ' ' || set_by || ' ' || socialtime.valid_timestamp(set_at) FROM socialtime.thresholds", as: String.self)
                        == "240 migration true")
                #expect(try await admin.scalar("SELECT string_agg(column_name || ' ' || is_nullable, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_schema = 'socialtime' AND table_name = 'thresholds' AND column_name IN ('set_at', 'set_by')", as: String.self)
                        == "set_at NO,set_by NO")
            }
        }
    }

    /// A database set up by migrations 2–4 (functions owned by the administrator, data written)
    /// moves to the current version: everything is the owner role's, the data is as it was, and writes go on.
    @Test func aVersionFourDatabaseMigratesForwardToTheOwnerRole() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await Self.migrate(admin, through: 4)
                try await admin.execute("INSERT INTO socialtime.networks(key, name) VALUES ('linkedin', 'LinkedIn')")
                try await admin.execute("INSERT INTO socialtime.outcomes(key, description) VALUES ('recruiting', 'Finding candidates')")
                #expect(try await admin.scalar("SELECT pg_get_userbyid(p.proowner)::text FROM pg_proc p WHERE p.proname = 'log_entry'", as: String.self) == db.admin)
            }
            let anna = try await db.addPerson("anna")
            let before = try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                _ = try await me.scalar(PostgresQuery(unsafeSQL: "SELECT socialtime.log_entry(socialtime.my_staff_id(), '2026-11-23', 60, \(Self.network), \(Self.outcome), 'before', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)"), as: Int.self)
                return try await me.scalar("SELECT string_agg(id || ' ' || minutes || ' ' || note, ';') FROM socialtime.entries", as: String.self)
            }
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                let migrated = try await PostgresMigrator.migrate(admin)
                #expect(migrated.from == 4 && migrated.to == PostgresSchema.currentVersion)
                let owner = try #require(try await admin.scalar("SELECT socialtime.owner_name()", as: String.self))
                #expect(try await admin.scalar("SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'socialtime' AND pg_get_userbyid(p.proowner) <> \(owner)", as: Int.self) == 0)
                #expect(try await admin.scalar("SELECT pg_get_userbyid(nspowner)::text FROM pg_namespace WHERE nspname = 'socialtime'", as: String.self) == owner)
                let report = try await PostgresCheck(connection: admin).check()
                #expect(report.deviations.isEmpty, "\(report.deviations)")
            }
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                #expect(try await me.scalar("SELECT string_agg(id || ' ' || minutes || ' ' || note, ';') FROM socialtime.entries", as: String.self) == before)
                let id = try await me.scalar(PostgresQuery(unsafeSQL: "SELECT socialtime.log_entry(socialtime.my_staff_id(), '2026-11-24', 30, \(Self.network), \(Self.outcome), 'after', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)"), as: Int.self)
                #expect(id != nil)
                #expect(try await me.scalar("SELECT actor FROM socialtime.audit_log WHERE entry_id = \(id!)", as: String.self) == anna)
            }
        }
    }

    // MARK: - Closed weeks

    /// `close-after 0`: W48 (with everyone's entry of 2026-11-23) closed on 2026-11-30. Carol's
    /// entry of 2 December is the newest moment the database has seen.
    func closeWeek48(_ team: Team) throws {
        _ = try succeeds(team, as: team.anna, ["SELECT socialtime.set_setting('close_after_days', '0')"])
        _ = try succeeds(team, as: team.carol, [Self.logAt(team.carolID, date: "2026-12-02", at: "2026-12-02T10:00:00+01:00")])
    }

    static func logAt(_ staff: Int, date: String, at: String) -> String {
        "SELECT socialtime.log_entry(\(staff), '\(date)', 30, \(network), \(outcome), 'x', '\(at)', NULL, NULL, NULL)"
    }

    static let bobsEntry = "(SELECT e.id FROM socialtime.entries e WHERE e.staff_id = socialtime.my_staff_id() AND e.date = '2026-11-23')"

    @Test func staffCannotChangeAClosedWeekEvenDatingTheChangeBack() async throws {
        try await withTeam { team in
            try closeWeek48(team)
            let now = "2026-12-03T10:00:00+01:00", back = "2026-11-28T10:00:00+01:00"
            try expectRefused(team, as: team.bob, [
                Self.logAt(team.bobID, date: "2026-11-24", at: now),
                Self.logAt(team.bobID, date: "2026-11-24", at: back),
                "SELECT socialtime.edit_entry(\(Self.bobsEntry), '2026-11-23', 90, \(Self.network), \(Self.outcome), 'more', '\(now)', 'a reason')",
                "SELECT socialtime.edit_entry(\(Self.bobsEntry), '2026-11-23', 90, \(Self.network), \(Self.outcome), 'more', '\(back)', NULL)",
                // Moving it out of the closed week, or into it from an open one.
                "SELECT socialtime.edit_entry(\(Self.bobsEntry), '2026-12-01', 60, \(Self.network), \(Self.outcome), 'moved', '\(now)', NULL)",
                "SELECT socialtime.set_entry_deleted(\(Self.bobsEntry), true, '\(now)', NULL)",
                "SELECT socialtime.set_entry_deleted(\(Self.bobsEntry), true, '\(back)', NULL)",
                Self.importRow(String(team.bobID), at: now),
                Self.importRow(String(team.bobID), at: back),
            ])
            let (_, said) = try psql(team.db, as: team.bob, [Self.logAt(team.bobID, date: "2026-11-24", at: now)])
            #expect(said.contains("2026-W48 closed on 2026-11-30 (0 days after it ended, `config close-after`): staff cannot change its entries; \(team.bob) is staff — ask a manager"), "\(said)")
            // The week after is open to him.
            _ = try succeeds(team, as: team.bob, [Self.logAt(team.bobID, date: "2026-12-01", at: now)])
        }
    }

    @Test func aManagersChangeInAClosedWeekNeedsAReason() async throws {
        try await withTeam { team in
            try closeWeek48(team)
            let now = "2026-12-03T10:00:00+01:00"
            let carols = "(SELECT e.id FROM socialtime.entries e WHERE e.staff_id = \(team.carolID) AND e.date = '2026-11-23')"
            try expectRefused(team, as: team.anna, [
                Self.logAt(team.annaID, date: "2026-11-24", at: now),
                "SELECT socialtime.edit_entry(\(carols), '2026-11-23', 90, \(Self.network), \(Self.outcome), 'more', '\(now)', NULL)",
                "SELECT socialtime.set_entry_deleted(\(carols), true, '\(now)', NULL)",
                Self.importRow(String(team.carolID), at: now),
                // A reason given, then taken away again before the commit.
                "SELECT socialtime.set_entry_deleted(\(carols), true, '\(now)', 'duplicate'); SELECT socialtime.name_acting_person(\(carols), NULL, session_user::text, NULL, NULL)",
            ])
            let (_, said) = try psql(team.db, as: team.anna, ["SELECT socialtime.set_entry_deleted(\(carols), true, '\(now)', NULL)"])
            #expect(said.contains("a manager's change in a closed week needs --reason TEXT"), "\(said)")
            // With a reason it is a late change like any other, and the audit keeps the reason.
            let done = try succeeds(team, as: team.anna, [
                "SELECT socialtime.set_entry_deleted(\(carols), true, '\(now)', 'logged twice')",
                "SELECT reason FROM socialtime.audit_log WHERE action = 'delete'",
            ])
            #expect(done.hasSuffix("logged twice"), "\(done)")
        }
    }

    @Test func theWeekRulesSettingsHoldWhatConfigAccepts() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.anna, [
                "SELECT socialtime.set_setting('close_after_days', '-3')",
                "SELECT socialtime.set_setting('close_after_days', '367')",
                "SELECT socialtime.set_setting('close_after_days', 'soon')",
                "SELECT socialtime.set_setting('timer_limit_minutes', '0')",
                "SELECT socialtime.set_setting('timer_limit_minutes', '1441')",
            ])
            try expectRefused(team, as: team.bob, [
                "SELECT socialtime.set_setting('close_after_days', NULL)",
                "SELECT socialtime.set_setting('timer_limit_minutes', '1440')",
            ])
        }
    }

    // MARK: - Overlaps

    @Test func timedEntriesNeverOverlapThroughAnyFunction() async throws {
        try await withTeam { team in
            let bob = String(team.bobID)
            _ = try succeeds(team, as: team.bob, [
                Self.timed(bob, "2026-11-25", "09:00", "10:00"),
                Self.timed(bob, "2026-11-25", "11:00", "12:00"),
                // Deleted, then the 13:00 hour taken by another entry: restoring it would overlap.
                Self.timed(bob, "2026-11-25", "13:00", "14:00"),
                "SELECT socialtime.set_entry_deleted(max(id), true, '2026-11-27T11:00:00+01:00', NULL) FROM socialtime.entries",
                Self.timed(bob, "2026-11-25", "13:30", "14:30"),
            ])
            let eleven = "(SELECT id FROM socialtime.entries WHERE started_at = '2026-11-25T11:00:00+01:00')"
            let deleted = "(SELECT id FROM socialtime.entries WHERE deleted)"
            try expectRefused(team, as: team.bob, [
                Self.timed(bob, "2026-11-25", "09:30", "10:30"),
                Self.timed(bob, "2026-11-25", "08:00", "12:30"),
                Self.timed(bob, "2026-11-25", "09:00", "10:00"),
                "SELECT socialtime.edit_entry(\(eleven), '2026-11-25', 60, \(Self.network), \(Self.outcome), 'x', '2026-11-27T11:00:00+01:00', NULL, '2026-11-25T09:30:00+01:00', '2026-11-25T10:30:00+01:00')",
                "SELECT socialtime.set_entry_deleted(\(deleted), false, '2026-11-27T11:00:00+01:00', NULL)",
                Self.importRow(bob, date: "2026-11-25", from: "09:59", to: "11:01"),
            ])
            let (_, said) = try psql(team.db, as: team.bob, [Self.timed(bob, "2026-11-25", "09:30", "10:30")])
            #expect(said.contains("09:30–10:30 overlaps entry #"), "\(said)")
            #expect(said.contains("(2026-11-25 09:00–10:00) of \(team.bob): time is counted once"), "\(said)")
            // Another person's hours are theirs; times that touch are no overlap; an import's
            // exact repeat is a tracker's second entry, not an overlap.
            _ = try succeeds(team, as: team.carol, [Self.timed(String(team.carolID), "2026-11-25", "09:30", "10:30")])
            _ = try succeeds(team, as: team.bob, [
                Self.timed(bob, "2026-11-25", "10:00", "11:00"),
                Self.importRow(bob, date: "2026-11-25", from: "09:00", to: "10:00"),
            ])
        }
    }

    /// `import_entries` of several rows at once: `people` and `minutes` per row, all on `date`.
    static func importBatch(_ people: [String], minutes: [Int], date: String = "2026-11-24", ids: [Int]? = nil,
                            at: String = "2026-11-27T10:00:00+01:00") -> String {
        let n = people.count
        let list = { (items: [String]) in items.joined(separator: ", ") }
        return "SELECT socialtime.import_entries(\(ids.map { "ARRAY[\(list($0.map(String.init)))]::bigint[]" } ?? "NULL"), ARRAY[\(list(people))]::bigint[], "
            + "array_fill('\(date)'::text, ARRAY[\(n)]), ARRAY[\(list(minutes.map(String.init)))]::bigint[], array_fill(\(network), ARRAY[\(n)]), "
            + "array_fill(\(outcome), ARRAY[\(n)]), array_fill('imported'::text, ARRAY[\(n)]), array_fill('\(at)'::text, ARRAY[\(n)]), "
            + "array_fill(NULL::text, ARRAY[\(n)]), array_fill(NULL::text, ARRAY[\(n)]), array_fill(NULL::text, ARRAY[\(n)]), '\(at)', session_user::text, NULL, NULL)"
    }

    /// Migration 6 checks a batch's people and days in one statement each: a batch is judged as
    /// a whole, whichever row of it breaks a rule — a staff member's own rows with one of
    /// someone else's among them, a person not on the roster (or none), a batch of one person's
    /// rows that together take a day over 24 hours.
    @Test func anImportBatchIsRefusedWholeForAnyOfItsRows() async throws {
        try await withTeam { team in
            let bob = String(team.bobID), carol = String(team.carolID)
            try expectRefused(team, as: team.bob, [
                Self.importBatch([bob, bob, carol], minutes: [30, 30, 30]),
                Self.importBatch([bob, "NULL"], minutes: [30, 30]),
                Self.importBatch([bob, "999999"], minutes: [30, 30]),
                Self.importBatch([bob, bob], minutes: [720, 721]),
                Self.importBatch([bob, bob], minutes: [30, 30], ids: [5000, 5001]),
            ])
            let (_, said) = try psql(team.db, as: team.bob, [Self.importBatch([bob, bob, carol], minutes: [30, 30, 30])])
            #expect(said.contains("cannot import entries: only a manager can change another person's data; \(team.bob) is staff"), "\(said)")
            try expectRefused(team, as: team.anna, [
                Self.importBatch([bob, carol, "999999"], minutes: [30, 30, 30]),
                Self.importBatch([carol, "NULL"], minutes: [30, 30]),
                // Carol has an hour on 2026-11-23 already: two rows of one batch take her day to 24 h 02 m.
                Self.importBatch([bob, carol, carol], minutes: [30, 700, 682], date: "2026-11-23"),
            ])
            let (_, missing) = try psql(team.db, as: team.anna, [Self.importBatch([bob, carol, "999999"], minutes: [30, 30, 30])])
            #expect(missing.contains("no staff member #999999 on the roster"), "\(missing)")
            let (_, over) = try psql(team.db, as: team.anna, [Self.importBatch([bob, carol, carol], minutes: [30, 700, 682], date: "2026-11-23")])
            #expect(over.contains("the 24 h cap: \(team.carol) would have 24h 02m logged on 2026-11-23"), "\(over)")
            // Within the rules, a manager's batch for several people is written whole.
            let done = try succeeds(team, as: team.anna, [
                Self.importBatch([bob, carol, carol], minutes: [30, 700, 680], date: "2026-11-23"),
                "SELECT count(*) FROM socialtime.audit_log WHERE action = 'import' AND actor = '\(team.anna)'",
            ])
            #expect(done.split(separator: "\n").last == "3", "\(done)")
        }
    }

    // MARK: - Import's ids

    @Test func staffImportsTakeTheSequencesIds() async throws {
        try await withTeam { team in
            try expectRefused(team, as: team.bob, [
                Self.importRow(String(team.bobID), id: 5000),
                Self.importRow(String(team.bobID), id: 1),
                Self.importRow(String(team.carolID)),
                "SELECT socialtime.import_entries(NULL, ARRAY[\(team.bobID)]::bigint[], ARRAY['2026-11-24'], ARRAY[60]::bigint[], ARRAY[\(Self.network)]::bigint[], ARRAY[\(Self.outcome)]::bigint[], ARRAY['x'], ARRAY['2026-11-27T10:00:00+01:00'], ARRAY[NULL]::text[], ARRAY[NULL]::text[], ARRAY[NULL]::text[], '2026-11-27T10:00:00+01:00', '\(team.anna)', NULL, NULL)",
            ])
            let (_, said) = try psql(team.db, as: team.bob, [Self.importRow(String(team.bobID), id: 5000)])
            #expect(said.contains("only a manager can import entries with the ids they were exported with"), "\(said)")
            // His own rows without ids take the next ids; a manager keeps an export's ids.
            let own = try succeeds(team, as: team.bob, [Self.importRow(String(team.bobID))])
            #expect(Int(own).map { $0 < 100 } == true, "\(own)")
            #expect(try succeeds(team, as: team.anna, [Self.importRow(String(team.bobID), id: 5000, date: "2026-11-25")]) == "5000")
        }
    }
}
