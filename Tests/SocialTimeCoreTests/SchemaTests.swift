import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct SchemaTests {
    @Test func aNewDatabaseIsMigratedSeededAndInWALMode() async throws {
        let box = try TemporaryStore()
        #expect(box.data.schemaVersion == Schema.currentVersion)
        #expect(Schema.currentVersion == 5)
        let db = try Connection(path: box.path)
        #expect(try db.scalarText("PRAGMA journal_mode") == "wal")
        #expect(try await box.store.networks().map(\.key) == ["bluesky", "facebook", "instagram", "linkedin", "mastodon", "pinterest",
                                                     "reddit", "snapchat", "threads", "tiktok", "x", "youtube"])
        #expect(try await box.store.networks().first { $0.key == "x" }?.aliases == ["twitter"])
        let outcomes = try await box.store.outcomes()
        #expect(outcomes.map(\.key).sorted() == ["advertising", "brand-awareness", "customer-service", "internal-communication",
                                                 "knowledge-sharing", "listening", "recruiting", "sales-leads"])
        #expect(outcomes.allSatisfy { !$0.description.isEmpty })
        #expect(outcomes.first { $0.key == "sales-leads" }?.unit == "leads")
    }

    @Test func reopeningDoesNotMigrateOrSeedTwice() async throws {
        let box = try TemporaryStore()
        _ = try box.reopen()
        _ = try box.reopen()
        #expect(try await box.store.networks().count == 12)
    }

    @Test func allTablesAreStrict() async throws {
        let box = try TemporaryStore()
        let db = try Connection(path: box.path)
        // sqlite_sequence is SQLite's own (AUTOINCREMENT's high-water marks), not ours.
        let sql = try db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").rows { $0.text(0) }
        #expect(sql.count >= 9)
        #expect(sql.allSatisfy { $0.hasSuffix("STRICT") })
    }

    @Test func theDatabaseItselfRefusesBadRows() async throws {
        let box = try TemporaryStore()
        let db = try Connection(path: box.path)
        for bad in ["INSERT INTO staff(handle, name, created_at) VALUES ('Bad Handle', 'x', 'now')",
                    "INSERT INTO staff(handle, name, role, created_at) VALUES ('ok', 'x', 'boss', 'now')"] {
            #expect(throws: SQLiteError.self) { try db.execute(bad) }
        }
    }

    /// A version-1 file (thresholds undated, in `settings`; the audit log about entries only)
    /// opens as version 2 keeping everything: the old threshold applies from '1999-W52', the
    /// first week a date of 2000 can fall in, so every week keeps being judged by it.
    @Test func aVersionOneDatabaseMigratesKeepingItsThresholdAndAudit() async throws {
        let folder = NSTemporaryDirectory() + "socialtime-v1-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/old.db"
        do {
            let old = try Connection(path: path)
            try old.execute(Schema.migrations[0])
            try old.execute("""
                INSERT INTO staff(id, handle, name, role, created_at) VALUES (1, 'boss', 'Bo Boss', 'manager', '2026-11-01T09:00:00+01:00');
                INSERT INTO staff(id, handle, name, created_at) VALUES (2, 'anna', 'Anna', '2026-11-01T09:00:00+01:00');
                INSERT INTO networks(id, key, name) VALUES (1, 'linkedin', 'LinkedIn');
                INSERT INTO outcomes(id, key, description, unit) VALUES (1, 'recruiting', 'Finding candidates', 'hires');
                INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at)
                    VALUES (7, 2, '2026-11-17', 250, 1, 1, 'job post', '2026-11-17T16:00:00+01:00');
                INSERT INTO audit_log(id, at, actor, action, entry_id, before, after)
                    VALUES (1, '2026-11-17T16:00:00+01:00', 'anna', 'create', 7, NULL, '{"minutes":200}'),
                           (2, '2026-11-18T09:00:00+01:00', 'boss', 'edit', 7, '{"minutes":200}', '{"minutes":250}');
                INSERT INTO settings(key, value) VALUES ('threshold_minutes', '240');
                PRAGMA user_version = 1;
                """)
        }
        let store = try SQLiteStore(path: path)
        #expect(store.schemaVersion == Schema.currentVersion)
        let thresholds = try await store.read { tx in try await tx.thresholds() }
        #expect(thresholds == [DatedThreshold(fromWeek: ISOWeek(iso: "1999-W52")!, minutes: Minutes(240))])
        #expect(try await store.read { tx in try await tx.setting("threshold_minutes") } == nil)
        let driver = RulesDriver(data: store, clock: Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00"))
        #expect(try await driver.threshold() == Minutes(240))
        #expect(try await driver.admin.threshold(for: ISOWeek.first) == Minutes(240))
        // Judged by the migrated 4 h, anna's 4 h 10 m week is flagged.
        #expect(try await driver.analyze(ISOWeek(iso: "2026-W47")!).flagged.map(\.staff.value) == ["anna"])
        let history = try await driver.history(of: 7)
        #expect(history == [AuditRecord(at: "2026-11-17T16:00:00+01:00", actor: "anna", action: "create", before: nil, after: #"{"minutes":200}"#),
                            AuditRecord(at: "2026-11-18T09:00:00+01:00", actor: "boss", action: "edit", before: #"{"minutes":200}"#, after: #"{"minutes":250}"#)])
        let db = try Connection(path: path)
        #expect(try db.scalarInt("SELECT count(*) FROM audit_log WHERE entry_id = 7 AND result_id IS NULL") == 2)
        #expect(try db.scalarInt("SELECT count(*) FROM networks") == 1, "a migrated file is not seeded again")
        // The file is now a full version 2: results, e-mail addresses and dated thresholds work.
        try await driver.admin.setThreshold(Minutes(300), from: ISOWeek(iso: "2026-W48")!)
        #expect(try await driver.admin.threshold(for: ISOWeek(iso: "2026-W47")!) == Minutes(240))
        #expect(try await driver.admin.threshold(for: ISOWeek(iso: "2026-W48")!) == Minutes(300))
    }

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() async throws {
        let box = try TemporaryStore()
        try Connection(path: box.path).execute("PRAGMA user_version = 999")
        let before = FileManager.default.contents(atPath: box.path)
        let error = socialTimeError { _ = try SQLiteStore(path: box.path) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("newer socialtime") == true)
        #expect(error?.message.contains("999") == true)
        #expect(FileManager.default.contents(atPath: box.path) == before)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() async throws {
        let path = NSTemporaryDirectory() + "not-a-db-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = Data(String(repeating: "hours,minutes\n", count: 100).utf8)
        FileManager.default.createFile(atPath: path, contents: text)
        let error = socialTimeError { _ = try SQLiteStore(path: path) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("not a socialtime database") == true)
        #expect(FileManager.default.contents(atPath: path) == text)
    }

    @Test func missingFoldersAreCreated() async throws {
        let folder = NSTemporaryDirectory() + "deep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SQLiteStore(path: folder + "/a/b/c/socialtime.db")
        #expect(FileManager.default.fileExists(atPath: folder + "/a/b/c/socialtime.db"))
    }

    @Test func aReadOnlyFileCanBeReadButNotWritten() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make())
        chmod(box.path, 0o444)
        defer { chmod(box.path, 0o644) }
        let before = FileManager.default.contents(atPath: box.path)
        let readOnly = try box.reopen()
        #expect(readOnly.data.isReadOnly)
        #expect(try await readOnly.entries(EntryQuery(week: ISOWeek(iso: "2026-W48")!)).count == 1)
        let error = await socialTimeError { _ = try await readOnly.log(.make("anna", "2026-11-27", 30)) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("read-only") == true)
        #expect(FileManager.default.contents(atPath: box.path) == before)
    }
}

@Suite struct BusyStoreTests {
    @Test func aWriterThatNeverGetsTheLockFailsAsBusyAndWritesNothing() async throws {
        let box = try TemporaryStore()
        let impatient = RulesDriver(data: try SQLiteStore(path: box.path, busyTimeoutMilliseconds: 5),
                                    clock: Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "t"))
        let other = try Connection(path: box.path)
        try other.execute("BEGIN IMMEDIATE")
        let error = await socialTimeError { _ = try await impatient.log(.make()) }
        try other.execute("ROLLBACK")
        #expect(error?.exitCode == 75)
        #expect(error?.message.contains("try again") == true)
        #expect(error?.message.contains("locked") == false)
        #expect(try await box.store.entries(EntryQuery(week: ISOWeek(iso: "2026-W48")!)).isEmpty)
    }
}
