import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct SQLiteWrapperTests {
    func temporaryConnection() throws -> (Connection, String) {
        let path = NSTemporaryDirectory() + "wrapper-\(UUID().uuidString).db"
        return (try Connection(path: path), path)
    }

    @Test func bindsAndReadsEveryType() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, n TEXT) STRICT")
        try db.run("INSERT INTO t VALUES (?, ?, ?, ?)", [Int64.max, 1.5, "æ'\"; DROP TABLE t;--", Optional<String>.none])
        let row = try db.prepare("SELECT i, r, s, n FROM t").firstRow { row in
            (row.int(0), row.text(2), row.optionalText(3), row.isNull(3))
        }
        #expect(row?.0 == Int(Int64.max))
        #expect(row?.1 == "æ'\"; DROP TABLE t;--")
        #expect(row?.2 == nil)
        #expect(row?.3 == true)
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 1)
    }

    /// The cache handed out one statement per SQL text, so the same query inside its own row loop
    /// rebound and reset the outer loop: it saw one row (or looped forever) instead of all of them.
    @Test func aNestedQueryOfTheSameSQLDoesNotResetTheOuterLoop() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE TABLE t (i INTEGER) STRICT; INSERT INTO t VALUES (1), (2), (3);")
        let sql = "SELECT i FROM t WHERE i >= ? ORDER BY i"
        var pairs: [String] = []
        try db.prepare(sql).forEachRow([1]) { outer in
            let i = outer.int(0)
            try db.prepare(sql).forEachRow([i]) { inner in pairs.append("\(i)\(inner.int(0))") }
        }
        #expect(pairs == ["11", "12", "13", "22", "23", "33"])
        // Once the loop is done the cached statement is reused again.
        #expect(try db.prepare(sql) === db.prepare(sql))
    }

    @Test func resultCodesHaveNames() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE TABLE t (i INTEGER) STRICT")
        let reader = try Connection(path: path, readOnly: true)
        do {
            try reader.execute("INSERT INTO t VALUES (1)")
            Issue.record("a read-only connection wrote")
        } catch {
            #expect(error.isReadOnlyDatabase && error.isReadOnly && !error.isFull && !error.isCannotOpen)
        }
        do {
            _ = try Connection(path: path + "-missing-folder/x/y.db", readOnly: true)
            Issue.record("opened a missing file")
        } catch {
            #expect(error.isCannotOpen)
        }
    }

    @Test func errorsCarrySQLitesOwnMessage() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try db.prepare("SELECT * FROM missing_table")
            Issue.record("expected an error")
        } catch let error as SQLiteError {
            #expect(error.message == "no such table: missing_table")
        }
    }

    @Test func checkConstraintsReportTheirCode() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE TABLE t (m INTEGER CHECK (m BETWEEN 1 AND 1440)) STRICT")
        do {
            try db.run("INSERT INTO t VALUES (?)", [1441])
            Issue.record("expected a constraint error")
        } catch let error as SQLiteError {
            #expect(error.isConstraint)
        }
    }

    @Test func aFailedTransactionRollsBackEverything() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try db.execute("CREATE TABLE t (v INTEGER NOT NULL)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.writeTransaction {
                try db.run("INSERT INTO t VALUES (?)", [1])
                throw Boom()
            }
        }
        #expect(!db.isInTransaction)
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        try db.writeTransaction { try db.run("INSERT INTO t VALUES (?)", [2]) }
        #expect(try db.scalarInt("SELECT sum(v) FROM t") == 2)
    }

    @Test func aSecondWriterWaitsThenReportsBusy() throws {
        let (first, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try first.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER)")
        let second = try Connection(path: path)
        try second.execute("PRAGMA busy_timeout = 10")  // keep the test quick; the product waits 5 s
        try first.execute("BEGIN IMMEDIATE")
        defer { try? first.execute("ROLLBACK") }
        do {
            try second.writeTransaction { try second.run("INSERT INTO t VALUES (1)") }
            Issue.record("the second writer should not get the lock")
        } catch let error as SQLiteError {
            #expect(error.isBusy)
        }
        // Readers are not blocked by a writer in WAL mode.
        #expect(try second.scalarInt("SELECT count(*) FROM t") == 0)
    }

    /// After a second of waiting for another writer's lock the connection says so once (the
    /// command turns that into "waiting for …" on a terminal); a shorter wait says nothing.
    @Test(arguments: [(1_100, 1), (300, 0)]) func aLongLockWaitIsAnnouncedOnce(timeout: Int32, announcements: Int) throws {
        let (first, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try first.execute("PRAGMA journal_mode = WAL; CREATE TABLE t (v INTEGER)")
        final class Count: @unchecked Sendable { var value = 0 }
        let count = Count()
        let second = try Connection(path: path, busyTimeoutMilliseconds: timeout, onLockWait: { count.value += 1 })
        try first.execute("BEGIN IMMEDIATE")
        defer { try? first.execute("ROLLBACK") }
        do {
            try second.run("INSERT INTO t VALUES (1)")
            Issue.record("the second writer should not get the lock")
        } catch let error as SQLiteError {
            #expect(error.isBusy)
        }
        #expect(count.value == announcements)
    }

    @Test func statementsAreReusedFromTheCache() throws {
        let (db, path) = try temporaryConnection()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try db.prepare("SELECT 1") === db.prepare("SELECT 1"))
    }

    @Test func onlineBackupCopiesTheData() throws {
        let (db, path) = try temporaryConnection()
        let copy = path + ".backup"
        defer { try? FileManager.default.removeItem(atPath: path); try? FileManager.default.removeItem(atPath: copy) }
        try db.execute("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('kept')")
        // The store backs up into an empty temporary file it made (0600); the wrapper never creates one.
        #expect(throws: SQLiteError.self) { try db.backup(to: copy) }
        FileManager.default.createFile(atPath: copy, contents: nil)
        try db.backup(to: copy)
        #expect(try Connection(path: copy).scalarText("SELECT v FROM t") == "kept")
    }
}
