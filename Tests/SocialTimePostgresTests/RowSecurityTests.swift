import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// The rules of "Who may do what", enforced by PostgreSQL itself: each test connects as a
/// person's own login role and talks SQL directly, as someone with `psql` would.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct RowSecurityTests {
    /// A database with anna and bob (staff) and boss (manager), each with an entry on
    /// 2026-11-23 and a justification for 2026-W48.
    func withTeam(_ body: (TeamDatabase, _ anna: String, _ bob: String, _ boss: String) async throws -> Void) async throws {
        try await TeamDatabase.with { db in
            let anna = try await db.addPerson("anna")
            let bob = try await db.addPerson("bob")
            let boss = try await db.addPerson("boss", manager: true)
            for person in [anna, bob, boss] {
                try await PostgresStoreConnection.with(db.settings(person)) { me async throws in
                    try await insertEntry(me, minutes: 60)
                    try await me.execute("""
                        SELECT socialtime.submit_justification(NULL, socialtime.my_staff_id(), '2026-W48', 'Recruiting on LinkedIn found two candidates', '2026-11-27T10:00:00+01:00')
                        """)
                }
            }
            try await body(db, anna, bob, boss)
        }
    }

    /// Logs an entry (through the database's function) for the connected person, or for the
    /// roster id `staffID`.
    func insertEntry(_ db: PostgresStoreConnection, for staffID: Int? = nil, date: String = "2026-11-23", minutes: Int) async throws {
        try await db.execute("""
            SELECT socialtime.log_entry(coalesce(\(staffID), socialtime.my_staff_id()), \(date), \(minutes),
                (SELECT id FROM networks WHERE key = 'linkedin'), (SELECT id FROM outcomes WHERE key = 'recruiting'), '',
                '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)
            """)
    }

    static let later = "'2026-11-28T10:00:00+01:00'"

    /// A person's roster id, read as the superuser (a staff role could not see a colleague's).
    func id(of handle: String, in db: TeamDatabase) async throws -> Int {
        try await db.asSuperuserHere { su async throws in
            try #require(try await su.scalar("SELECT id FROM socialtime.staff WHERE handle = \(handle)", as: Int.self))
        }
    }

    func minutes(of handle: String, in db: TeamDatabase) async throws -> Int {
        try await db.asSuperuserHere { su async throws in
            try await su.scalar("""
                SELECT coalesce(sum(e.minutes), 0)::int FROM socialtime.entries e JOIN socialtime.staff s ON s.id = e.staff_id
                WHERE s.handle = \(handle) AND NOT e.deleted
                """, as: Int.self) ?? -1
        }
    }

    @Test func aStaffRoleSeesOnlyItsOwnRows() async throws {
        try await withTeam { db, anna, bob, boss in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                #expect(try await me.scalar("SELECT count(*)::int FROM entries", as: Int.self) == 1)
                #expect(try await me.scalar("SELECT count(*)::int FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = \(bob)", as: Int.self) == 0)
                #expect(try await me.scalar("SELECT count(*)::int FROM justifications", as: Int.self) == 1)
                // The roster: herself and the managers, not her colleagues.
                let visible = try await me.query("SELECT handle FROM staff ORDER BY handle").rows.map { try $0.decode(String.self) }
                #expect(visible == [anna, boss])
            }
        }
    }

    @Test func updatingOrDeletingAnothersRowsChangesNothing() async throws {
        try await withTeam { db, anna, bob, boss in
            let bobID = try await id(of: bob, in: db)
            let bobsEntry = try await db.asSuperuserHere { su async throws in
                try await su.scalar("SELECT id FROM socialtime.entries WHERE staff_id = \(bobID)", as: Int.self) ?? 0
            }
            let editBobs = PostgresQuery(unsafeSQL: "SELECT socialtime.edit_entry(\(bobsEntry), '2026-11-23', 1, 1, 1, '', \(Self.later), NULL)")
            let editOwn = PostgresQuery(unsafeSQL: "SELECT socialtime.edit_entry(id, date, minutes, network_id, outcome_id, 'mine', \(Self.later), NULL) FROM entries")
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                // No table is hers to write: only the functions write, and only her rows.
                for statement: PostgresQuery in ["UPDATE entries SET minutes = 1 WHERE staff_id = \(bobID)", "UPDATE entries SET note = 'mine'",
                                                 "UPDATE justifications SET text = 'overwritten by a colleague!!' WHERE staff_id <> socialtime.my_staff_id()"] {
                    #expect(await refusal { try await me.execute(statement) }?.exitCode == 77, "\(statement.sql)")
                }
                let edit = await refusal { try await me.execute(editBobs) }
                #expect(edit?.exitCode == 77)
                #expect(try await me.execute(editOwn) == 1)
                // Hard deletes are not a staff member's at all (their own entries are deleted softly).
                let deleteError = await refusal { try await me.execute("DELETE FROM entries WHERE staff_id <> socialtime.my_staff_id()") }
                #expect(deleteError?.exitCode == 77)
                // Nor is the audit log to be rewritten, by anyone.
                let audit = await refusal { try await me.execute("UPDATE audit_log SET actor = 'x'") }
                #expect(audit?.exitCode == 77)
            }
            #expect(try await minutes(of: bob, in: db) == 60)
            #expect(try await minutes(of: boss, in: db) == 60)
        }
    }

    @Test func writingForSomeoneElseIsRefused() async throws {
        try await withTeam { db, anna, bob, _ in
            let bobID = try await id(of: bob, in: db)
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                let entry = await refusal { try await insertEntry(me, for: bobID, minutes: 30) }
                #expect(entry?.exitCode == 77)
                #expect(entry?.message.contains("only a manager can change another person's data") == true)
                let moved = await refusal { try await me.execute("UPDATE entries SET staff_id = (SELECT id FROM staff WHERE handle = \(db.handle("boss")))") }
                #expect(moved?.exitCode == 77)
                let timer = await refusal {
                    try await me.execute("SELECT socialtime.save_timer(id, 1, 1, '', '2026-11-28T10:00:00+01:00') FROM staff WHERE handle = \(db.handle("boss"))")
                }
                #expect(timer?.exitCode == 77)
                let forged = await refusal {
                    try await me.execute("INSERT INTO audit_log(at, actor, action, entry_id) SELECT 'now', \(db.handle("boss")), 'edit', id FROM entries")
                }
                #expect(forged?.exitCode == 77)
                let promoteSelf = await refusal { try await me.execute("SELECT socialtime.update_staff(socialtime.my_staff_id(), NULL, false, NULL, 'manager', NULL)") }
                #expect(promoteSelf?.exitCode == 77)
                let registerOther = await refusal { try await me.execute("SELECT socialtime.add_staff('mallory', 'M', 'staff', NULL, '2026-11-28T10:00:00+01:00')") }
                #expect(registerOther?.exitCode == 77)
                // What is hers she may do: rename herself.
                try await me.execute("SELECT socialtime.update_staff(socialtime.my_staff_id(), 'Anna A.', false, NULL, NULL, NULL)")
                #expect(try await me.scalar("SELECT name FROM staff WHERE handle = current_user", as: String.self) == "Anna A.")
            }
            #expect(try await minutes(of: bob, in: db) == 60)
        }
    }

    @Test func staffCannotChangeSettingsCataloguesOrLogins() async throws {
        try await withTeam { db, anna, bob, _ in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                for statement: PostgresQuery in [
                    "INSERT INTO thresholds(from_week, minutes) VALUES ('2026-W48', 600)",
                    "INSERT INTO settings(key, value) VALUES ('company', 'Mine')",
                    "INSERT INTO networks(key, name) VALUES ('myspace', 'MySpace')",
                    "UPDATE outcomes SET retired = true",
                    PostgresLogins.createLogin(try Handle(validating: bob)),
                    PostgresLogins.setManager(try Handle(validating: anna), true),
                ] {
                    let error = await refusal { try await me.execute(statement) }
                    #expect(error?.exitCode == 77, "\(statement.sql)")
                }
                #expect(try await me.scalar(PostgresLogins.currentRoleIsManager, as: Bool.self) == false)
            }
        }
    }

    @Test func nobodyReviewsTheirOwnJustification() async throws {
        try await withTeam { db, anna, _, boss in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                let error = await refusal {
                    try await me.execute("SELECT socialtime.review_justification(id, 'accepted', socialtime.my_staff_id(), '2026-11-30T09:00:00+01:00', NULL, 60) FROM justifications")
                }
                #expect(error?.exitCode == 77)
                #expect(error?.message.contains("only a manager can review justifications; \(anna) is not an active manager") == true)
                // Staff may re-submit their own, which is not a review.
                try await me.execute("SELECT socialtime.submit_justification(id, NULL, NULL, 'A longer text about the two candidates', '2026-11-28T10:00:00+01:00') FROM justifications")
                #expect(try await me.scalar("SELECT text FROM justifications", as: String.self) == "A longer text about the two candidates")
            }
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                let own = await refusal {
                    try await manager.execute("SELECT socialtime.review_justification(id, 'accepted', socialtime.my_staff_id(), '2026-11-30T09:00:00+01:00', NULL, 60) FROM justifications WHERE staff_id = socialtime.my_staff_id()")
                }
                #expect(own?.exitCode == 77)
                #expect(own?.message.contains("nobody reviews their own justification") == true)
                // Anna's is boss's to review.
                try await manager.execute("""
                    SELECT socialtime.review_justification(id, 'accepted', socialtime.my_staff_id(), '2026-11-30T09:00:00+01:00', NULL, 60)
                    FROM justifications WHERE staff_id = (SELECT id FROM staff WHERE handle = \(anna))
                    """)
                #expect(try await manager.scalar("SELECT status FROM justifications WHERE staff_id = (SELECT id FROM staff WHERE handle = \(anna))", as: String.self) == "accepted")
            }
        }
    }

    @Test func aTwentyFifthHourIsRefused() async throws {
        try await withTeam { db, anna, _, boss in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                try await insertEntry(me, minutes: 1380)        // 23 h + the 1 h already there
                let error = await refusal { try await insertEntry(me, minutes: 1) }
                #expect(error?.exitCode == 64)
                #expect(error?.message == "the 24 h cap: \(anna) would have 24h 01m logged on 2026-11-23, and a day holds at most 24h 00m")
                // Another day is another day; a deleted entry frees its time.
                try await insertEntry(me, date: "2026-11-24", minutes: 60)
                try await me.execute(PostgresQuery(unsafeSQL: "SELECT socialtime.set_entry_deleted(id, true, \(Self.later), NULL) FROM entries WHERE minutes = 1380"))
                try await insertEntry(me, minutes: 600)
                // Restoring it would make 24h + 10h: refused.
                let restore = await refusal { try await me.execute(PostgresQuery(unsafeSQL: "SELECT socialtime.set_entry_deleted(id, false, \(Self.later), NULL) FROM entries WHERE minutes = 1380")) }
                #expect(restore?.exitCode == 64)
                // Moving an entry onto a full day counts there.
                let edit = await refusal { try await me.execute(PostgresQuery(unsafeSQL: "SELECT socialtime.edit_entry(id, date, 1440, network_id, outcome_id, note, \(Self.later), NULL) FROM entries WHERE date = '2026-11-24'")) }
                #expect(edit == nil)
                let move = await refusal { try await me.execute(PostgresQuery(unsafeSQL: "SELECT socialtime.edit_entry(id, '2026-11-23', minutes, network_id, outcome_id, note, \(Self.later), NULL) FROM entries WHERE date = '2026-11-24'")) }
                #expect(move?.exitCode == 64)
            }
            // The cap binds managers too, writing for someone else.
            let annaID = try await id(of: anna, in: db)
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                let error = await refusal { try await insertEntry(manager, for: annaID, minutes: 1000) }
                #expect(error?.exitCode == 64)
            }
            #expect(try await minutes(of: anna, in: db) == 60 + 600 + 1440)
        }
    }

    @Test func oneStatementWritingManyEntriesIsCheckedPerDay() async throws {
        try await withTeam { db, anna, _, _ in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                // An import-like multi-row insert: 3 × 8 h on one day plus the hour there = 25 h.
                let error = await refusal {
                    try await me.execute("""
                        SELECT socialtime.import_entries(NULL, array_fill(socialtime.my_staff_id(), ARRAY[3]), array_fill('2026-11-23'::text, ARRAY[3]),
                            array_fill(480, ARRAY[3]), array_fill(1::bigint, ARRAY[3]), array_fill(1::bigint, ARRAY[3]), array_fill(''::text, ARRAY[3]),
                            array_fill('2026-11-27T10:00:00+01:00'::text, ARRAY[3]), array_fill(NULL::text, ARRAY[3]), array_fill(NULL::text, ARRAY[3]),
                            array_fill(NULL::text, ARRAY[3]), '2026-11-27T10:00:00+01:00', session_user::text, NULL, NULL)
                        """)
                }
                #expect(error?.exitCode == 64)
                #expect(try await me.scalar("SELECT count(*)::int FROM entries", as: Int.self) == 1)
            }
            #expect(try await minutes(of: anna, in: db) == 60)
        }
    }

    @Test func repeatableReadWritesAreRefusedSoTheCapCannotBeMissed() async throws {
        try await withTeam { db, anna, _, _ in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                try await me.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                let error = await refusal { try await insertEntry(me, minutes: 10) }
                try await me.execute("ROLLBACK")
                #expect(error?.message.contains("REPEATABLE READ") == true)
            }
        }
    }

    @Test func aManagerMayDoAllOfIt() async throws {
        try await withTeam { db, anna, bob, boss in
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                #expect(try await manager.scalar("SELECT count(*)::int FROM entries", as: Int.self) == 3)
                #expect(try await manager.scalar("SELECT count(*)::int FROM staff", as: Int.self) == 3)
                try await insertEntry(manager, for: try await id(of: bob, in: db), minutes: 30)
                #expect(try await manager.execute(PostgresQuery(unsafeSQL: """
                    SELECT socialtime.edit_entry(id, date, minutes, network_id, outcome_id, 'checked', \(Self.later), NULL)
                    FROM entries WHERE staff_id = (SELECT id FROM staff WHERE handle = '\(anna)')
                    """)) == 1)
                try await manager.execute("SELECT socialtime.save_threshold('2026-W48', 600, '2026-11-28T10:00:00+01:00', current_user)")
                try await manager.execute("SELECT socialtime.set_setting('company', 'Acme')")
                // The audit is the functions' alone, also for a manager.
                let forged = await refusal { try await manager.execute("INSERT INTO audit_log(at, actor, action, entry_id) SELECT '2026-11-28T10:00:00Z', current_user, 'edit', min(id) FROM entries") }
                #expect(forged?.exitCode == 77)
                #expect(try await manager.scalar(PostgresLogins.currentRoleIsManager, as: Bool.self) == true)
            }
            #expect(try await minutes(of: bob, in: db) == 90)
        }
    }

    @Test func promoteDemoteAndDeactivateMoveTheLogin() async throws {
        try await withTeam { db, anna, _, boss in
            let annaHandle = try Handle(validating: anna)
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                #expect(try await manager.execute(PostgresLogins.setManager(annaHandle, true)) == 1)
            }
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                #expect(try await me.scalar(PostgresLogins.currentRoleIsManager, as: Bool.self) == true)
                try await me.execute("SELECT socialtime.save_threshold('2026-W49', 360, '2026-11-28T10:00:00+01:00', current_user)")
            }
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                try await manager.execute(PostgresLogins.setManager(annaHandle, false))
            }
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                #expect(try await me.scalar(PostgresLogins.currentRoleIsManager, as: Bool.self) == false)
                let error = await refusal { try await me.execute("SELECT socialtime.save_threshold('2026-W50', 360, '2026-11-28T10:00:00+01:00', current_user)") }
                #expect(error?.exitCode == 77)
            }
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                try await manager.execute(PostgresLogins.setActive(annaHandle, false))
            }
            let gone = await connectRefusal(db.settings(anna))
            #expect(gone?.exitCode == 77)
            #expect(gone?.message.contains("not permitted to log in") == true)
            try await PostgresStoreConnection.with(db.settings(boss)) { manager async throws in
                try await manager.execute(PostgresLogins.setActive(annaHandle, true))
            }
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                #expect(try await me.scalar("SELECT count(*)::int FROM entries", as: Int.self) == 1)
            }
        }
    }

    @Test func roleNamesAreQuotedNotSpliced() async throws {
        try await TeamDatabase.with { db in
            // Handles may hold '.' and '-', which SQL identifiers cannot without quotes.
            let handle = try await db.addPerson("o.brien-2")
            try await PostgresStoreConnection.with(db.settings(handle)) { me async throws in
                #expect(try await me.scalar("SELECT current_user::text", as: String.self) == handle)
            }
            // A name that is not a handle never reaches CREATE ROLE: the roster refuses it first.
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                let error = await refusal { try await admin.execute("SELECT socialtime.create_login('x\"; DROP TABLE socialtime.entries; --', false)") }
                #expect(error?.message.contains("not on the roster") == true || error?.message.contains("no staff member") == true)
                #expect(try await admin.scalar("SELECT to_regclass('socialtime.entries') IS NOT NULL", as: Bool.self) == true)
            }
        }
    }

    /// 16 connections log 10 minutes each at once for one person whose day holds 23 h: exactly
    /// six fit, every other attempt is refused by the cap, and the day ends at 24 h.
    @Test func sixteenConcurrentWritersKeepTheCap() async throws {
        try await withTeam { db, anna, _, _ in
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                try await insertEntry(me, minutes: 1320)     // 22 h + 1 h = 23 h
            }
            let settings = db.settings(anna)
            let outcomes = try await withThrowingTaskGroup(of: SocialTimeError?.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        try await PostgresStoreConnection.with(settings) { me async throws in
                            await refusal {
                                try await me.transaction(.write) { tx in try await insertEntry(tx, minutes: 10) }
                            }
                        }
                    }
                }
                var all: [SocialTimeError?] = []
                for try await outcome in group { all.append(outcome) }
                return all
            }
            #expect(outcomes.filter { $0 == nil }.count == 6)
            #expect(outcomes.compactMap { $0 }.allSatisfy { $0.exitCode == 64 && $0.message.hasPrefix("the 24 h cap") })
            #expect(try await minutes(of: anna, in: db) == 1440)
        }
    }
}

/// Writers that collide: a lock held too long is busy (75) after the retries; a conflict that
/// clears is retried and succeeds.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct ConflictTests {
    @Test func aLockHeldPastTheLockTimeoutIsBusyAfterTheRetries() async throws {
        try await TeamDatabase.with { db in
            let anna = try await db.addPerson("anna")
            let insert: PostgresQuery = """
                SELECT socialtime.log_entry(socialtime.my_staff_id(), '2026-11-23', 30, 1, 1, '', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)
                """
            try await PostgresStoreConnection.with(db.settings(anna)) { holder async throws in
                try await PostgresStoreConnection.with(db.settings(anna), lockTimeoutMilliseconds: 200) { waiter async throws in
                    // The holder's open transaction keeps anna's cap lock until it ends.
                    try await holder.execute("BEGIN")
                    try await holder.execute(insert)
                    let started = ContinuousClock.now
                    let error = await refusal {
                        try await waiter.transaction(.write, attempts: 3) { tx in _ = try await tx.execute(insert) }
                    }
                    #expect(error?.exitCode == 75)
                    #expect(error?.message.contains("through 3 attempts (last: canceling statement due to lock timeout)") == true)
                    #expect(ContinuousClock.now - started >= .milliseconds(600))

                    // Once the holder commits, the same write goes through.
                    try await holder.execute("COMMIT")
                    try await waiter.transaction(.write) { tx in _ = try await tx.execute(insert) }
                    #expect(try await waiter.scalar("SELECT sum(minutes)::int FROM entries", as: Int.self) == 60)
                }
            }
        }
    }

    /// `lockStaff` and the cap trigger share one key: a writer holding the person's lock from
    /// Swift holds off another connection's entry for that person, and nobody else's.
    @Test func lockStaffHoldsTheSameLockAsTheCapTrigger() async throws {
        try await TeamDatabase.with { db in
            let anna = try await db.addPerson("anna")
            let bob = try await db.addPerson("bob")
            let annaID = try await db.asSuperuserHere { su async throws in
                try #require(try await su.scalar("SELECT id FROM socialtime.staff WHERE handle = \(anna)", as: Int.self))
            }
            let insert: PostgresQuery = """
                SELECT socialtime.log_entry(socialtime.my_staff_id(), '2026-11-23', 30, 1, 1, '', '2026-11-27T10:00:00+01:00', NULL, NULL, NULL)
                """
            try await PostgresStoreConnection.with(db.settings(db.admin)) { holder async throws in
                try await holder.execute("BEGIN")
                try await holder.execute(PostgresLogins.lockStaff(annaID))
                let blocked = await refusal {
                    try await PostgresStoreConnection.with(db.settings(anna), lockTimeoutMilliseconds: 200) { me async throws in
                        try await me.transaction(.write, attempts: 1) { tx in _ = try await tx.execute(insert) }
                    }
                }
                #expect(blocked?.exitCode == 75)
                try await PostgresStoreConnection.with(db.settings(bob), lockTimeoutMilliseconds: 200) { me async throws in
                    try await me.transaction(.write, attempts: 1) { tx in _ = try await tx.execute(insert) }
                }
                try await holder.execute("COMMIT")
                let role = try await holder.query(PostgresLogins.connectedRole).rows.first?.decode((String, Bool).self)
                #expect(role?.0 == db.admin)
                #expect(role?.1 == true)
            }
            try await PostgresStoreConnection.with(db.settings(anna)) { me async throws in
                let role = try await me.query(PostgresLogins.connectedRole).rows.first?.decode((String, Bool).self)
                #expect(role?.0 == anna)
                #expect(role?.1 == false)
            }
        }
    }

    @Test func aSerializationFailureIsRetriedUntilItCommits() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                try await admin.execute("INSERT INTO settings(key, value) VALUES ('counter', '0')")
            }
            // Eight serializable read-modify-write transactions on one row at once: the losers
            // get 40001, roll back and run again, so every increment lands.
            let settings = db.settings(db.admin)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await PostgresStoreConnection.with(settings) { me async throws in
                            try await me.transaction(.serializable, attempts: 50) { tx in
                                let value = try await tx.scalar("SELECT value FROM settings WHERE key = 'counter'", as: String.self) ?? "0"
                                try await tx.execute("UPDATE settings SET value = \(String((Int(value) ?? 0) + 1)) WHERE key = 'counter'")
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                #expect(try await admin.scalar("SELECT value FROM settings WHERE key = 'counter'", as: String.self) == "8")
            }
        }
    }
}
