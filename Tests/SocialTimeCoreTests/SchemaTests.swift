import Foundation
import Testing
@testable import SocialTimeCore

@Suite struct SchemaTests {
    let clock = Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00")

    @Test func aNewDatabaseIsMigratedSeededAndInWALMode() async throws {
        let box = try TemporaryStore()
        #expect(box.store.schemaVersion == Schema.currentVersion)
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
        let sql = try db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table'").rows { $0.text(0) }
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

    @Test func aNewerSchemaIsRefusedAndLeftUntouched() async throws {
        let box = try TemporaryStore()
        try Connection(path: box.path).execute("PRAGMA user_version = 999")
        let before = FileManager.default.contents(atPath: box.path)
        let error = await socialTimeError { _ = try SQLiteStore(path: box.path, clock: clock) }
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
        let error = await socialTimeError { _ = try SQLiteStore(path: path, clock: clock) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("not a socialtime database") == true)
        #expect(FileManager.default.contents(atPath: path) == text)
    }

    @Test func missingFoldersAreCreated() async throws {
        let folder = NSTemporaryDirectory() + "deep-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try SQLiteStore(path: folder + "/a/b/c/socialtime.db", clock: clock)
        #expect(FileManager.default.fileExists(atPath: folder + "/a/b/c/socialtime.db"))
    }

    @Test func aReadOnlyFileCanBeReadButNotWritten() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make())
        chmod(box.path, 0o444)
        defer { chmod(box.path, 0o644) }
        let before = FileManager.default.contents(atPath: box.path)
        let readOnly = try box.reopen()
        #expect(readOnly.isReadOnly)
        #expect(try readOnly.entries(EntryQuery(week: ISOWeek(iso: "2026-W48")!)).count == 1)
        let error = await socialTimeError { _ = try readOnly.log(.make("anna", "2026-11-27", 30)) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("read-only") == true)
        #expect(FileManager.default.contents(atPath: box.path) == before)
    }
}

@Suite struct BusyStoreTests {
    @Test func aWriterThatNeverGetsTheLockFailsAsBusyAndWritesNothing() async throws {
        let box = try TemporaryStore()
        let impatient = try SQLiteStore(path: box.path, clock: Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "t"),
                                        busyTimeoutMilliseconds: 5)
        let other = try Connection(path: box.path)
        try await other.execute("BEGIN IMMEDIATE")
        let error = await socialTimeError { _ = try impatient.log(.make()) }
        try await other.execute("ROLLBACK")
        #expect(error?.exitCode == 75)
        #expect(error?.message.contains("try again") == true)
        #expect(error?.message.contains("locked") == false)
        #expect(try await box.store.entries(EntryQuery(week: ISOWeek(iso: "2026-W48")!)).isEmpty)
    }
}
