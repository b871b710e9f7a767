import Foundation
import Testing
import PostgresScratch

/// The PostgreSQL server for `db copy`'s round trip: `SOCIALTIME_TEST_POSTGRES_URL` (a
/// superuser's URL, as `scripts/pg-test-cluster.sh start` prints it), the same contract as
/// Tests/SocialTimePostgresTests/PostgresTestServer.swift: skipped loudly without it locally,
/// required in CI.
enum CopyTestServer {
    /// The shared contract of every target: one loud skip line locally, required in CI.
    static var enabled: Bool { PostgresTestCluster.enabled }
    static var url: String? { PostgresTestCluster.url }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CI is set but SOCIALTIME_TEST_POSTGRES_URL is not: CI must start a PostgreSQL cluster (scripts/pg-test-cluster.sh start) for db copy's round trip"
        }
    }

    /// Runs `body` with the URL of a new, empty database on the server (dropped afterwards).
    static func withDatabase(_ body: (String) async throws -> Void) async throws {
        guard let url else { throw Missing() }
        let name = "socialtime_copy_" + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(10))
        try psql(url, "CREATE DATABASE \(name)")
        defer { try? psql(url, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        // The superuser's URL names its own database last; the new one takes its place.
        var components = URLComponents(string: url)!
        components.path = "/" + name
        try await body(components.string!)
    }

    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SandboxError.setup("psql failed (\(process.terminationStatus)): \(sql)") }
    }
}

/// `db copy --to DB`: a whole history moves between stores with every id, so exports match.
@Suite struct DBCopyEndToEndTests {
    static let kinds = ["entries", "summary", "flags", "results"]
    static let tables = ["staff", "networks", "network_aliases", "outcomes", "entries", "results", "justifications",
                         "justification_history", "audit_log", "thresholds", "settings", "timers"]

    /// Several people, a manager's accepted review with a comment and a rejected one, clock
    /// times, a deleted entry, results (one corrected, one deleted), a dated threshold, a
    /// network with an alias, a retired outcome, a setting and a running timer.
    static func richFixture() async throws -> Sandbox {
        let box = try await Sandbox.make()
        try await box.registerInProcess("bob")
        try await box.registerInProcess("carl", manager: true)
        func run(_ arguments: [String], as person: String = "anna", at now: String? = nil) async throws {
            var environment = ["SOCIALTIME_USER": person]
            if let now { environment["SOCIALTIME_NOW"] = now }
            let result = await box.runInProcess(arguments, environment: environment)
            guard result.status == 0 else { throw SandboxError.setup("\(arguments.joined(separator: " ")) as \(person): \(result.output)") }
        }
        try await run(["networks", "add", "discord", "Discord", "--alias", "dc"])
        try await run(["outcomes", "add", "partnerships", "--description", "Finding partners", "--unit", "partners"])
        // Set during W46 itself: a threshold never applies to a week already past.
        try await run(["config", "threshold", "4h", "--from-week", "2026-W46"], at: "2026-11-10T09:00")
        try await run(["config", "retention", "24"])
        // Week 47: anna 6 h (accepted, with a comment), bob 5 h (rejected), carl 1 h.
        try await run(["log", "3h", "linkedin", "recruiting", "--date", "2026-11-16", "-m", "Candidates; \"quoted\", comma"])
        try await run(["log", "3h", "dc", "partnerships", "--date", "2026-11-17", "-m", "Ørsted partner call"])
        try await run(["log", "--from", "09:00", "--to", "11:30", "linkedin", "sales-leads", "--date", "2026-11-18"], as: "bob")
        try await run(["log", "2h30m", "fb", "customer-service", "--date", "2026-11-19"], as: "bob")
        try await run(["log", "1h", "x", "listening", "--date", "2026-11-20"], as: "bob")
        try await run(["log", "1h", "instagram", "brand-awareness", "--date", "2026-11-18"], as: "carl")
        try await run(["delete", "5"], as: "bob")
        try await run(["justify", "--week", "2026-W47", "Two partner meetings came out of the Discord community work"])
        try await run(["justify", "--week", "2026-W47", "Answering customers where they ask, three leads from it"], as: "bob")
        try await run(["review", "anna", "--week", "2026-W47", "--accept", "--comment", "Good: keep the partner log"], as: "carl")
        try await run(["review", "bob", "--week", "2026-W47", "--reject", "--comment", "Which inquiries came from it?"], as: "carl")
        try await run(["result", "2", "--outcome", "partnerships", "--date", "2026-11-17", "--note", "Two partners"])
        try await run(["result", "3", "--outcome", "sales-leads", "--date", "2026-11-18"], as: "bob")
        try await run(["result", "1", "--outcome", "recruiting", "--date", "2026-11-16"])
        try await run(["results", "edit", "2", "--quantity", "4"], as: "bob")
        try await run(["results", "delete", "3"])
        try await run(["outcomes", "retire", "partnerships"])
        try await run(["start", "linkedin", "recruiting", "-m", "Sourcing"], as: "bob", at: "2026-11-27T09:00")
        return box
    }

    /// Every export kind of the whole history, by kind.
    static func exports(_ box: Sandbox, db: String, folder: String) async throws -> [String: Data] {
        try FileManager.default.createDirectory(atPath: box.path(folder), withIntermediateDirectories: true)
        let result = await box.runInProcess(["--db", db, "export", "--all", "--kind", "all", "--out", folder + "/"], withDatabase: false)
        guard result.status == 0 else { throw SandboxError.setup("export from \(db): \(result.output)") }
        var files: [String: Data] = [:]
        for kind in kinds {
            files[kind] = box.bytes(box.path("\(folder)/socialtime-\(kind)-all.csv"))
        }
        return files
    }

    /// Every row of every table, as SQLite prints it: ids, audit rows and timers included.
    static func rows(_ box: Sandbox, database: String) throws -> [String: String] {
        var dump: [String: String] = [:]
        for table in tables {
            dump[table] = try box.sqlite("SELECT * FROM \(table) ORDER BY 1", database: database)
        }
        return dump
    }

    @Test(.enabled(if: CopyTestServer.enabled))
    func sqliteToPostgresToSQLiteKeepsEveryExportByteForByte() async throws {
        let box = try await Self.richFixture()
        let original = try await Self.exports(box, db: box.database, folder: "original")
        for kind in Self.kinds {
            #expect((original[kind]?.count ?? 0) > 0, "the fixture exports \(kind)")
        }
        let summary = String(decoding: original["summary"] ?? Data(), as: UTF8.self)
        #expect(summary.contains("rejected") && summary.contains("accepted"))

        try await CopyTestServer.withDatabase { url in
            let initialized = await box.runInProcess(["--db", url, "db", "init"], withDatabase: false)
            #expect(initialized.status == 0, "\(initialized.output)")
            let there = await box.runInProcess(["db", "copy", "--to", url])
            #expect(there.status == 0, "\(there.output)")
            #expect(there.stdout.contains("3 people, 6 entries, 3 results, 2 justifications"), "\(there.stdout)")
            let onPostgres = try await Self.exports(box, db: url, folder: "postgres")
            #expect(onPostgres == original)

            // A second copy into the same database finds people there: refused, nothing changed.
            let again = await box.runInProcess(["db", "copy", "--to", url])
            #expect(again.status == 64, "\(again.output)")
            #expect(again.stderr.contains("already holds data"))

            // As anna, through the administrator (the superuser that ran db init).
            let back = await box.runInProcess(["--db", url, "db", "copy", "--to", "back.db"], withDatabase: false)
            #expect(back.status == 0, "\(back.output)")
            let back2 = try await Self.exports(box, db: box.path("back.db"), folder: "back")
            #expect(back2 == original)
            let backRows = try Self.rows(box, database: box.path("back.db")), originalRows = try Self.rows(box, database: box.database)
            #expect(backRows == originalRows)

            // New ids continue after the copied ones on PostgreSQL.
            let logged = await box.runInProcess(["--db", url, "log", "30m", "linkedin", "recruiting", "--date", "2026-11-27"],
                                                withDatabase: false)
            #expect(logged.status == 0, "\(logged.output)")
            #expect(logged.output.contains("#7"), "\(logged.output)")
        }
    }

    @Test func sqliteToSQLiteKeepsEveryRowAndExport() async throws {
        let box = try await Self.richFixture()
        let copied = await box.runInProcess(["db", "copy", "--to", "copy.db"])
        #expect(copied.status == 0, "\(copied.output)")
        let copiedRows = try Self.rows(box, database: box.path("copy.db")), originalRows = try Self.rows(box, database: box.database)
        #expect(copiedRows == originalRows)
        #expect(copiedRows["entries"]?.isEmpty == false)
        let copiedExports = try await Self.exports(box, db: box.path("copy.db"), folder: "copy")
        let originalExports = try await Self.exports(box, db: box.database, folder: "original")
        #expect(copiedExports == originalExports)
    }

    @Test func aTargetWithPeopleIsRefusedUntouched() async throws {
        let box = try await Self.richFixture()
        let other = try await Sandbox.make(user: "zoe")
        let before = other.bytes(other.database)
        let refused = await box.runInProcess(["db", "copy", "--to", other.database])
        #expect(refused.status == 64, "\(refused.output)")
        #expect(refused.stderr.contains("already holds data (1 person on its roster)"), "\(refused.stderr)")
        #expect(other.bytes(other.database) == before)
    }

    @Test func onlyAManagerCopies() async throws {
        let box = try await Self.richFixture()
        let refused = await box.runInProcess(["db", "copy", "--to", "copy.db"], environment: ["SOCIALTIME_USER": "bob"])
        #expect(refused.status == 77, "\(refused.output)")
        #expect(refused.stderr.contains("only a manager can copy the database"), "\(refused.stderr)")
        let sameFile = await box.runInProcess(["db", "copy", "--to", box.database])
        #expect(sameFile.status == 64, "\(sameFile.output)")
    }
}
