import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A large import does not keep colleagues from logging; the last of the adversarial findings
/// (an invalid --as on import, a dry run on a read-only file, a company's week listed in bounded
/// memory).
@Suite struct LoadAndLeftoverTests {
    /// The import plans the whole file before it takes the write lock, and writes in one short
    /// transaction: ten people logging meanwhile wait at most a moment, never get 75.
    @Test func tenPeopleLogWhileA200kRowImportRuns() async throws {
        let (source, export) = try await CrashDuringTransferTests.history()
        let box = try await Sandbox.make()
        let workers = (1...10).map { "w\($0)" }
        for worker in workers { try await box.registerInProcess(worker) }
        // The file keeps its entry ids (1 … 200,000): new entries must be numbered past them, as
        // in a database that already holds a longer history.
        _ = try box.sqlite("INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at) VALUES (1000000, 1, '2026-11-02', 1, 1, 1, 'older history', '2026-11-02T10:00:00+01:00')")
        let importing = try box.start(["import", export], environment: ["SOCIALTIME_USER": ""])
        let commands = workers.map { worker in
            (1...6).map { n in ["--as", worker, "log", "\(n)m", "--network", "linkedin", "--outcome", "recruiting", "--note", "while importing"] }
        }
        let runs = try box.runConcurrently(commands)
        let imported = try importing.finish()
        #expect(imported.status == 0, "\(imported.output)")
        for result in runs.all {
            #expect(result.status == 0, "a log during the import: \(result.status) \(result.stderr)")
        }
        #expect(try box.sqlite("SELECT count(*) FROM entries WHERE note = 'while importing'") == "60")
        #expect(try box.entryCount() == CrashDuringTransferTests.rows + 60 + 1)
        _ = source
    }

    @Test func anInvalidActingHandleIsRefusedByImport() async throws {
        let box = try await Sandbox.make()
        try "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n".write(
            toFile: box.path("empty.csv"), atomically: true, encoding: .utf8)
        let before = try box.sqlite(".dump")
        let result = await box.runInProcess(["import", "empty.csv", "--as", "Not Valid"])
        #expect(result.status == 64, "\(result.output)")
        #expect(result.stderr.contains("--as: invalid handle 'Not Valid'"), "\(result.stderr)")
        #expect(try box.sqlite(".dump") == before)
    }

    @Test func aDryRunImportReadsAReadOnlyDatabase() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening"]).status == 0)
        #expect(await box.runInProcess(["export", "--week", "this", "--kind", "entries", "--out", "mine.csv"]).status == 0)
        let other = try await Sandbox.make()
        #expect(chmod(other.database, 0o444) == 0)
        let before = try #require(other.bytes(other.database))
        let dry = await other.runInProcess(["import", box.path("mine.csv"), "--dry-run"])
        #expect(dry.status == 0, "\(dry.output)")
        #expect(dry.stdout.contains("Dry run"), "\(dry.stdout)")
        #expect(other.bytes(other.database) == before)
    }

    /// `entries --all-staff` of a week with 200,000 entries streams like `export`.
    @Test func aCompanysWeekIsListedInBoundedMemory() async throws {
        let box = try await Sandbox.make()
        _ = try box.sqlite("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO staff(handle, name, created_at) SELECT printf('p%04d', i), printf('Person %04d', i), '2026-11-01T08:00:00+01:00' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999)
            INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
            SELECT 2 + i % 2000, date('2026-11-23', '+' || (i % 5) || ' days'), 1, 1 + i % 12, 1 + i % 8,
                   printf('note %d about the campaign', i), '2026-11-23T10:00:00+01:00' FROM n;
            """)
        for format in ["csv", "json"] {
            let script = #"""
                exec python3 -c '
                import resource, subprocess, sys
                out = subprocess.run([sys.argv[1], "--db", sys.argv[2], "entries", "--all-staff", "--format", sys.argv[3]], stdout=subprocess.PIPE).stdout
                print(out.count(b"\n"), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
                ' "$0" "$1" "$2"
                """#
            let result = try box.runShell(script, arguments: [format])
            let numbers = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            try #require(numbers.count == 2, "\(result.output)")
            #expect(numbers[0] >= 200_000, "\(format): \(numbers[0]) lines")
            #expect(numbers[1] < 64 * 1024, "\(format): peak resident memory \(numbers[1]) KiB")
        }
    }
}
