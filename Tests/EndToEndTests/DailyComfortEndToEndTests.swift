import Foundation
import Testing

/// Issue 24's small daily frictions, each end to end: Timewarrior's duration spellings, the
/// short network aliases on new and existing databases, a word on a terminal while another
/// program holds the lock, clock times in `entries` and `history`, `history` in hours, and the
/// earlier texts of a justification.
@Suite struct DailyComfortEndToEndTests {
    static let noon = ["SOCIALTIME_NOW": "2026-11-27T12:00"]

    @Test(arguments: StoreKind.all) func timewarriorDurationsAndShortAliases(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        for arguments in [["log", "45min", "li", "recruiting"], ["log", "45", "min", "in", "recruiting"],
                          ["log", "1 hour 5 min", "-n", "tt", "-o", "brand-awareness"], ["log", "2hours", "yt", "listening"],
                          ["log", "20 mins", "fb", "customer-service"], ["log", "10m", "ig", "listening"]] {
            let run = await box.runInProcess(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        #expect(try box.query("SELECT group_concat(n.key || ' ' || e.minutes, ',') FROM entries e JOIN networks n ON n.id = e.network_id")
                == "linkedin 45,linkedin 45,tiktok 65,youtube 120,facebook 20,instagram 10")
        // Still refused, with what is accepted, and nothing written.
        for bad in [["log", "1 30", "li", "recruiting"], ["log", "45 mi", "li", "recruiting"], ["log", "45", "minn", "li", "recruiting"]] {
            let run = await box.runInProcess(bad)
            #expect(run.status == 64, "\(bad): \(run.stderr)")
            #expect(bad[1] == "45" || run.stderr.contains("45min"), "the message lists the accepted spellings: \(run.stderr)")
        }
        #expect(try box.entryCount() == 6)
    }

    /// A database made before the aliases were seeded gets them (SQLite: as it is migrated to
    /// schema version 4; PostgreSQL: at the next `db init`); an alias the company gave another
    /// network stays theirs.
    @Test(arguments: StoreKind.all) func existingDatabasesGetTheDefaultAliases(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        _ = try box.query("DELETE FROM network_aliases WHERE alias IN ('li', 'in', 'tt', 'fb')")
        _ = try box.query("INSERT INTO network_aliases(alias, network_id) SELECT 'in', id FROM networks WHERE key = 'instagram'")
        if store == .sqlite {
            // A file from before version 4 (version 3's tables are what version 4 rebuilds).
            _ = try box.query("PRAGMA user_version = 3")
        }
        if store == .postgres {
            let initialised = await box.runAsOwnerInProcess(["db", "init"])
            #expect(initialised.status == 0, "\(initialised.output)")
        }
        for arguments in [["log", "30m", "li", "recruiting"], ["log", "20m", "in", "recruiting"], ["log", "10m", "tt", "listening"], ["log", "5m", "fb", "listening"]] {
            let run = await box.runInProcess(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
        }
        #expect(try box.query("SELECT group_concat(n.key, ',') FROM entries e JOIN networks n ON n.id = e.network_id")
                == "linkedin,instagram,tiktok,facebook")
        #expect(try box.query("SELECT count(*) FROM network_aliases WHERE alias IN ('li', 'in', 'tt', 'fb')") == "4")
    }

    /// On a terminal, a command kept waiting by another program's write lock says so after a
    /// second; piped (cron), it stays silent. (PostgreSQL's per-person lock: the next test.)
    @Test(arguments: [true, false]) func aLockWaitIsSaidOnATerminal(terminal: Bool) async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "30m", "li", "recruiting"]).status == 0)
        // Another program holds the write lock for a while, then lets go.
        let holder = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/python3"), arguments: ["-c", """
            import sqlite3, sys, time
            db = sqlite3.connect(sys.argv[1], isolation_level=None)
            db.execute("BEGIN IMMEDIATE")
            open(sys.argv[2], "w").close()
            time.sleep(2.5)
            db.execute("ROLLBACK")
            """, box.database, box.path("locked")], environment: [:], directory: box.folder, stdin: nil)
        while !FileManager.default.fileExists(atPath: box.path("locked")) { usleep(20_000) }
        let run = await box.runInProcess(["log", "15m", "li", "recruiting"], stderrIsTerminal: terminal)
        _ = try holder.finish()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("waiting for another program to finish writing to \(box.database)") == terminal, "\(run.stderr)")
        #expect(try box.entryCount() == 2)
    }

    /// PostgreSQL: another command holds anna's lock (her roster row, as every write for her
    /// takes it) for a while, then lets go; `log` waits for it, and on a terminal says so after a
    /// second. Runs where the PostgreSQL test server is configured (StoreKind.all).
    @Test(arguments: StoreKind.all.filter { $0 == .postgres }, [true, false])
    func aServerLockWaitIsSaidOnATerminal(store: StoreKind, terminal: Bool) async throws {
        let box = try Sandbox(store: store)
        #expect(await box.runInProcess(["log", "30m", "li", "recruiting"]).status == 0)
        // psql holds the lock until `log` is seen waiting for it on the server (pg_stat_activity),
        // and then three seconds, well over the one after which `log` speaks: on a machine loaded
        // with two test runs at once, 1.6 s let the lock go before `log`'s notice was scheduled.
        try """
            touch locked
            i=0  # at most 30 s: a `log` that never waits fails the test instead of hanging it
            until [ "$(psql "$1" -X -A -t -c "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")" != 0 ] || [ $i -ge 600 ]; do sleep 0.05; i=$((i + 1)); done
            sleep 3
            """.write(toFile: box.path("hold.sh"), atomically: true, encoding: .utf8)
        let holder = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/psql"), arguments: [
            box.database, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "BEGIN", "-c",
            // The lock socialtime.lock_person takes, held from outside by the server's superuser.
            "SELECT 1 FROM socialtime.staff WHERE handle = 'anna' FOR NO KEY UPDATE",
            "-c", "\\! sh hold.sh '\(box.database)'", "-c", "ROLLBACK",
        ], environment: ["PATH": "/usr/bin:/bin"], directory: box.folder, stdin: nil)
        while !FileManager.default.fileExists(atPath: box.path("locked")) && holder.process.isRunning { usleep(20_000) }
        try #require(FileManager.default.fileExists(atPath: box.path("locked")), "psql took the lock")
        let run = await box.runInProcess(["log", "15m", "li", "recruiting"], stderrIsTerminal: terminal)
        let held = try holder.finish()
        #expect(held.status == 0, "\(held.output)")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("waiting for another socialtime command that is writing the same person's time to finish (up to 80 s)") == terminal,
                "\(run.stderr)")
        #expect(!run.stderr.contains(box.database), "the URL is not printed: \(run.stderr)")
        #expect(try box.entryCount() == 2)
    }

    @Test(arguments: StoreKind.all) func clockTimesShowInEntriesAndHistory(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["log", "--from", "09:00", "--to", "10:30", "li", "recruiting"], environment: Self.noon).status == 0)
        #expect(await box.runInProcess(["log", "15h", "fb", "listening", "-d", "yesterday"], environment: Self.noon).status == 0)
        let text = await box.runInProcess(["entries"], environment: Self.noon)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("CLOCK") && text.stdout.contains("09:00–10:30"), "\(text.stdout)")
        let json = try ReportFixture.json(await box.runInProcess(["entries", "--format", "json"], environment: Self.noon).stdout)
        let entries = try #require(json["entries"] as? [[String: Any]])
        let timed = try #require(entries.first { $0["network"] as? String == "linkedin" })
        // In-process the offset is the test process's time zone's: the clock times are what count.
        #expect((timed["started_at"] as? String)?.hasPrefix("2026-11-27T09:00:00") == true)
        #expect((timed["ended_at"] as? String)?.hasPrefix("2026-11-27T10:30:00") == true)
        let untimed = try #require(entries.first { $0["network"] as? String == "facebook" })
        #expect(untimed["started_at"] is NSNull && untimed["ended_at"] is NSNull)

        let history = await box.runInProcess(["history", "1"], environment: Self.noon)
        #expect(history.stdout.contains("(ran 09:00–10:30)"), "\(history.stdout)")
        // Durations in history read as hours and minutes.
        #expect(await box.runInProcess(["edit", "2", "--duration", "8h30m"], environment: Self.noon).status == 0)
        let edited = await box.runInProcess(["history", "2"], environment: Self.noon)
        #expect(edited.stdout.contains("time: 15h → 8h 30m"), "\(edited.stdout)")
        #expect(!edited.stdout.contains("900"), "\(edited.stdout)")
    }

    @Test(arguments: StoreKind.all) func justificationsShowEarlierTexts(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("boss", manager: true)
        #expect(await box.runInProcess(["log", "6h", "li", "recruiting", "-d", "2026-11-18"]).status == 0)
        let first = "Two candidates from the LinkedIn campaign"
        let second = "Three candidates, one hired, from the LinkedIn campaign"
        #expect(await box.runInProcess(["justify", "--week", "last", first]).status == 0)
        #expect(await box.runInProcess(["--as", "boss", "review", "anna", "--week", "last", "--reject", "--comment", "Which ones?"]).status == 0)
        #expect(await box.runInProcess(["justify", "--week", "last", second]).status == 0)
        let text = await box.runInProcess(["justifications", "--week", "last"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("\"\(second)\""), "\(text.stdout)")
        #expect(text.stdout.contains("\"\(first)\""), "the earlier version's text: \(text.stdout)")
        #expect(text.stdout.components(separatedBy: second).count == 2, "the current text once: \(text.stdout)")
    }
}
