import Foundation
import Testing

/// `db backup` under load, killed half-way, and onto files that must stay as they are.
@Suite struct BackupEndToEndTests {
    /// A database with `entries` entries made in SQL by scripts/bench/generate.sql (seconds, not minutes).
    static func largeDatabase(_ box: Sandbox, entries: Int) async throws {
        #expect(await box.runInProcess(["staff", "list"]).status == 0)  // socialtime creates the schema
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/bench/generate.sql")
        let sql = try String(contentsOf: script, encoding: .utf8).replacingOccurrences(of: "@ENTRIES@", with: String(entries))
        let process = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/sqlite3"), arguments: [box.database],
                                         environment: [:], directory: box.folder, stdin: sql)
        #expect(try process.finish().status == 0)
    }

    /// 256 pages at a time restarted whenever another process wrote: under steady logging a large
    /// backup might never finish. One step (or a finished copy) must, and pass integrity_check.
    @Test func aLargeBackupFinishesWhileAnotherProcessLogsFiveEntriesASecond() async throws {
        let box = try await Sandbox.make()
        try await Self.largeDatabase(box, entries: 200_000)
        // Another process logs five entries a second (a shell loop, like a busy team).
        let loop = "i=0; while [ $i -lt 150 ]; do \"$0\" --db '\(box.database)' log 1m --network linkedin --outcome recruiting --date 2026-11-$(printf %02d $((i % 20 + 1))) >/dev/null 2>&1 || echo $? >> failures; i=$((i+1)); sleep 0.2; done"
        let logger = try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", loop, Sandbox.binary.path],
                                        environment: ["SOCIALTIME_TODAY": box.today, "TZ": box.timeZone, "SOCIALTIME_USER": "anna", "HOME": box.folder.path],
                                        directory: box.folder, stdin: nil)
        defer { logger.kill(); _ = try? logger.finish() }
        // The logger is running before the backup starts, and still logging after it: on a loaded
        // machine one log may take longer than the backup, so both are waited for, not timed.
        let initial = try box.entryCount()
        #expect(try Self.waitUntil { try box.entryCount() > initial }, "the logger never logged")
        let copy = box.path("backups/copy.db")
        let before = try box.entryCount()
        let result = try box.run(["db", "backup", copy])
        #expect(try Self.waitUntil { try box.entryCount() > before }, "nobody logged during or after the backup")
        #expect(!FileManager.default.fileExists(atPath: box.path("failures")),
                "a log failed while the backup ran: exit \((try? String(contentsOfFile: box.path("failures"), encoding: .utf8)) ?? "")")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try box.sqlite("PRAGMA integrity_check", database: copy) == "ok")
        #expect(Int(try box.sqlite("SELECT count(*) FROM entries", database: copy)) ?? 0 >= 200_000)
        #expect(try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int == 0o600)
    }

    /// Whether `condition` holds within 60 seconds, asked every tenth of a second.
    static func waitUntil(_ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<600 {
            if try condition() { return true }
            usleep(100_000)
        }
        return false
    }

    /// A failed backup left a 0-byte file that blocked every retry (and `db check` then turned it
    /// into an empty database). Killed half-way, nothing is at the destination.
    @Test func aKilledBackupLeavesNothingAtTheDestination() async throws {
        let box = try await Sandbox.make()
        try await Self.largeDatabase(box, entries: 200_000)
        let copy = box.path("copy.db")
        let process = try box.start(["db", "backup", copy])
        usleep(150_000)
        process.kill()
        _ = try process.finish()
        #expect(!FileManager.default.fileExists(atPath: copy))
        let retry = try box.run(["db", "backup", copy])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try box.sqlite("PRAGMA integrity_check", database: copy) == "ok")
    }

    @Test func dbCheckNeverTurnsAnEmptyOrMissingFileIntoADatabase() async throws {
        let box = try await Sandbox.make()
        let empty = box.path("empty.db")
        FileManager.default.createFile(atPath: empty, contents: nil)
        let checked = await box.runInProcess(["--db", empty, "db", "check"], withDatabase: false)
        #expect(checked.status != 0)
        #expect(box.bytes(empty)?.count == 0)
        let missing = box.path("missing.db")
        #expect(await box.runInProcess(["--db", missing, "db", "check"], withDatabase: false).status != 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(await box.runInProcess(["--db", missing, "db", "backup", box.path("b.db")], withDatabase: false).status != 0)
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func aBackupNeverOverwrites() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["staff", "list"]).status == 0)
        let existing = box.path("existing.db")
        FileManager.default.createFile(atPath: existing, contents: Data("keep".utf8))
        #expect(await box.runInProcess(["db", "backup", existing]).status == 64)
        #expect(box.bytes(existing) == Data("keep".utf8))
    }
}

