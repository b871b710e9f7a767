import Foundation
import Testing
import SocialTimeCore
import SocialTimeSQLite
import PostgresScratch

/// Issue 13, the data half: `staff export-data`, `staff erase`, `config retention`, `db prune`
/// and `scripts/prune.sh`, checked against the data itself on both stores (a file's `.dump`, a
/// PostgreSQL database's every row) and, for a file, against the bytes of the database, its
/// -wal and -shm.
@Suite struct PersonalDataEndToEndTests {
    static let note = "zq-note-7f3a91"
    static let editedNote = "zq-edited-55b2c0"
    static let deletedNote = "zq-deleted-0c11de"
    static let justification = "zq-justification-c0ffee about the spring recruiting campaign"
    static let comment = "zq-comment-9d8e7f"
    static let resultNote = "zq-result-4a4a4a"
    static let timerNote = "zq-timer-e1e1e1"
    static let eveNote = "eve-keeps-this-note"
    static let texts = [note, editedNote, deletedNote, "zq-justification-c0ffee", comment, resultNote, timerNote]

    /// zoltan (staff) has every kind of row: three entries over two weeks (one edited, one
    /// deleted), a justification reviewed by anna with a comment, a result, a running timer and
    /// the audit rows of all that. eve (staff) has an entry and a justification of her own.
    static func seeded(store: StoreKind = .sqlite) async throws -> Sandbox {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("zoltan")
        try await box.registerInProcess("eve")
        func ok(_ arguments: [String], as who: String) async throws {
            let result = await box.runInProcess(arguments, environment: ["SOCIALTIME_USER": who])
            try #require(result.status == 0, "\(arguments): \(result.output)")
        }
        try await ok(["log", "4h", "linkedin", "recruiting", "-d", "2026-11-23", "-m", note], as: "zoltan")
        try await ok(["log", "2h", "x", "listening", "-d", "2026-11-24", "-m", "to be edited"], as: "zoltan")
        try await ok(["log", "1h", "linkedin", "recruiting", "-d", "2026-11-17", "-m", deletedNote], as: "zoltan")
        try await ok(["log", "30m", "facebook", "recruiting", "-d", "2026-11-18", "-m", "an older week"], as: "zoltan")
        try await ok(["edit", "2", "--note", editedNote], as: "zoltan")
        try await ok(["delete", "3"], as: "zoltan")
        try await ok(["justify", "--week", "2026-W48", justification], as: "zoltan")
        try await ok(["review", "zoltan", "--week", "2026-W48", "--accept", "--comment", comment], as: "anna")
        try await ok(["result", "2", "--outcome", "recruiting", "--date", "2026-11-24", "--note", resultNote], as: "zoltan")
        try await ok(["log", "6h", "linkedin", "sales-leads", "-d", "2026-11-25", "-m", eveNote], as: "eve")
        try await ok(["justify", "--week", "2026-W48", "Talking to buyers who asked about the new range"], as: "eve")
        // No command starts a timer yet: saved as the store's saveTimer saves it.
        _ = try box.query("""
            INSERT INTO timers(staff_id, network_id, outcome_id, note, started_at)
            SELECT s.id, n.id, o.id, '\(timerNote)', '2026-11-27T09:00:00+01:00' FROM staff s, networks n, outcomes o
            WHERE s.handle = 'zoltan' AND n.key = 'linkedin' AND o.key = 'recruiting'
            """)
        return box
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// eve's rows, everywhere: the erasure must leave them exactly as they were. (One query at
    /// a time: psql shows only the last result of several in one command.)
    static func othersRows(_ box: Sandbox) throws -> String {
        try [
            "SELECT 'e', e.id, e.date, e.minutes, e.note, e.deleted FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'eve' ORDER BY e.id",
            "SELECT 'j', j.id, j.week, j.text, j.status FROM justifications j JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'eve' ORDER BY j.id",
            """
            SELECT 'h', h.* FROM justification_history h JOIN justifications j ON j.id = h.justification_id
                JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'eve' ORDER BY h.id
            """,
            "SELECT 'a', a.* FROM audit_log a JOIN entries e ON e.id = a.entry_id JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'eve' ORDER BY a.id",
            "SELECT 's', id, handle, name, role, active FROM staff WHERE handle IN ('anna', 'eve') ORDER BY id",
        ].map(box.query).joined(separator: "\n")
    }

    /// Every row of every table: a file's `.dump` (its schema too), a PostgreSQL database's
    /// rows table by table (read by psql as the superuser).
    static func tables(_ box: Sandbox) throws -> String {
        try box.scratch?.dump() ?? box.sqlite(".dump")
    }

    /// Which of `needles` occur in the bytes of the database, its -wal and its -shm (a file's
    /// store only: a server's files are the server's business; nothing for PostgreSQL).
    static func survivors(_ needles: [String], in box: Sandbox) -> [String] {
        var found: [String] = []
        guard box.store == .sqlite else { return found }
        for suffix in ["", "-wal", "-shm"] {
            guard let bytes = box.bytes(box.database + suffix) else { continue }
            for needle in needles where bytes.range(of: Data(needle.utf8)) != nil {
                found.append("\(needle) in \(suffix.isEmpty ? "the database" : suffix)")
            }
        }
        return found
    }

    /// Another program with the database open (an idle connection, as a long-running reader
    /// would have): the erasing process is then not the last to close it, so SQLite's
    /// checkpoint-on-close does not tidy up after it — only the command's own scrub does. (Debian's
    /// libsqlite3 has secure delete on by default, so without this a missing scrub would go unseen.)
    /// Nil for PostgreSQL, which has no checkpoint-on-close to stand in for a scrub.
    static func holdOpen(_ box: Sandbox) throws -> Connection? {
        guard box.store == .sqlite else { return nil }
        let connection = try Connection(path: box.database)
        _ = try connection.scalarInt("SELECT count(*) FROM staff")
        return connection
    }

    @Test(arguments: StoreKind.all) func exportDataHoldsEveryRowStoredAboutThePerson(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let exported = await box.runInProcess(["staff", "export-data", "zoltan"], environment: ["SOCIALTIME_USER": "zoltan"])
        #expect(exported.status == 0, "\(exported.stderr)")
        let document = try Self.json(exported.stdout)
        #expect(Array(document.keys).sorted() == ["audit", "entries", "exported_at", "justifications", "results", "reviews_given", "staff",
                                                  "thresholds_set", "timer"])
        let staff = try #require(document["staff"] as? [String: Any])
        #expect(staff["handle"] as? String == "zoltan")
        #expect(staff["role"] as? String == "staff")
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.map { $0["id"] as? Int } == [1, 2, 3, 4])
        #expect(entries.map { $0["note"] as? String } == [Self.note, Self.editedNote, Self.deletedNote, "an older week"])
        #expect(entries.map { $0["deleted"] as? Bool } == [false, false, true, false])
        #expect(entries[1]["updated_at"] is String, "the edit is dated")
        let audit = try #require(document["audit"] as? [[String: Any]])
        // Four entries created, one edited and one deleted, and the result's own "create" row.
        #expect(audit.map { $0["action"] as? String } == ["create", "create", "create", "create", "edit", "delete", "create"])
        #expect(audit.allSatisfy { $0["actor"] as? String == "zoltan" })
        #expect((audit[4]["before"] as? String)?.contains("to be edited") == true, "the edit keeps what was there before")
        let justifications = try #require(document["justifications"] as? [[String: Any]])
        #expect(justifications.count == 1)
        #expect(justifications.first?["text"] as? String == Self.justification)
        #expect(justifications.first?["status"] as? String == "accepted")
        #expect(justifications.first?["reviewed_by"] as? String == "anna")
        #expect(justifications.first?["review_comment"] as? String == Self.comment)
        let history = try #require(justifications.first?["history"] as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["submitted", "accepted"])
        #expect(history.map { $0["by"] as? String } == ["zoltan", "anna"])
        let results = try #require(document["results"] as? [[String: Any]])
        #expect(results.map { $0["note"] as? String } == [Self.resultNote])
        #expect(results.first?["quantity"] as? Int == 2)
        let timer = try #require(document["timer"] as? [String: Any])
        #expect(timer["note"] as? String == Self.timerNote)
        #expect(timer["started_at"] as? String == "2026-11-27T09:00:00+01:00")
        // Every unique text stored about zoltan is in the document.
        for text in Self.texts { #expect(exported.stdout.contains(text), "\(text) is exported") }
        #expect(!exported.stdout.contains(Self.eveNote), "nobody else's data")
    }

    @Test(arguments: StoreKind.all) func exportDataWritesAFileAndShowsAReviewersReviews(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let written = await box.runInProcess(["staff", "export-data", "anna", "--out", "anna.json"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let document = try Self.json(try String(contentsOfFile: box.path("anna.json"), encoding: .utf8))
        let reviews = try #require(document["reviews_given"] as? [[String: Any]])
        #expect(reviews.count == 1)
        #expect(reviews.first?["staff"] as? String == "zoltan")
        #expect(reviews.first?["comment"] as? String == Self.comment)
        #expect(!(try String(contentsOfFile: box.path("anna.json"), encoding: .utf8)).contains("zq-justification"),
                "another person's justification text is not the reviewer's data")
    }

    /// `--out -` is standard output for every command that has `--out` (issue 24): the document
    /// and the report come out on stdout and no file named `-` appears.
    @Test(arguments: StoreKind.all) func dashOutIsStandardOutput(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let exported = await box.runInProcess(["staff", "export-data", "anna", "--out", "-"])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stderr.isEmpty)
        let document = try Self.json(exported.stdout)
        #expect(document["reviews_given"] is [[String: Any]])
        let report = await box.runInProcess(["report", "--format", "json", "--out", "-"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try Self.json(report.stdout)["week"] as? String != nil)
        let text = await box.runInProcess(["report", "--out", "-"])
        #expect(text.status == 0 && text.stdout.hasPrefix("Weekly report"), "\(text.stdout)")
        #expect(!FileManager.default.fileExists(atPath: box.path("-")), "no file named -")
    }

    @Test(arguments: StoreKind.all) func staffMayExportOnlyTheirOwn(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let refused = await box.runInProcess(["staff", "export-data", "zoltan"], environment: ["SOCIALTIME_USER": "eve"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("only a manager can export"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }

    @Test(arguments: StoreKind.all) func eraseLeavesNoTraceInAnyTableOrFileAndOthersUnchanged(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let others = try Self.othersRows(box)
        let seeded = try Self.tables(box)
        for text in Self.texts + ["zoltan", "to be edited", "an older week"] {
            #expect(seeded.contains(text), "the search finds \(text) in the tables before the erasure")
        }
        // The byte search of the database, -wal and -shm files: a file's store only.
        if store == .sqlite { #expect(Self.survivors(Self.texts, in: box).count > 0, "the search finds the texts before the erasure") }
        let other = try Self.holdOpen(box)
        defer { withExtendedLifetime(other) {} }
        let erased = try box.run(["staff", "erase", "zoltan", "--confirm", "zoltan"])
        #expect(erased.status == 0, "\(erased.output)")
        #expect(erased.stdout.contains("Erased zoltan: 4 entries, 1 results, 1 justifications, 7 audit rows, a running timer."), "\(erased.stdout)")
        let dump = try Self.tables(box)
        #expect(!dump.contains("zoltan"))
        for text in Self.texts + ["to be edited", "an older week"] { #expect(!dump.contains(text), "\(text) is in the tables") }
        #expect(Self.survivors(Self.texts + ["zoltan"], in: box) == [])
        #expect(try Self.othersRows(box) == others)
        #expect(dump.contains(Self.eveNote))
        #expect(try box.query("SELECT count(*) FROM staff WHERE handle LIKE 'erased-%'") == "0", "nothing of theirs stays, so no stand-in")
        // PostgreSQL enforces its foreign keys on every statement; a file's are checked here.
        if store == .sqlite { #expect(try box.sqlite("PRAGMA foreign_key_check") == "") }
    }

    /// A reader in the middle of a transaction keeps the log from being emptied: the erasure is
    /// done all the same, and the command says the text may stay in the -wal for a while.
    /// SQLite only: about the -wal file and a reader of it.
    @Test func aReaderDuringTheScrubIsReportedNotFatal() async throws {
        let box = try await Self.seeded()
        let reader = try #require(try Self.holdOpen(box))
        try reader.execute("BEGIN")
        _ = try reader.scalarInt("SELECT count(*) FROM entries")
        let erased = try box.run(["staff", "erase", "zoltan", "--confirm", "zoltan"])
        try reader.execute("COMMIT")
        #expect(erased.status == 0, "\(erased.output)")
        #expect(erased.stderr.contains("another program was reading the database, so the erased text may stay in"), "\(erased.stderr)")
        #expect(!(try box.sqlite(".dump")).contains("zoltan"))
    }

    @Test(arguments: StoreKind.all) func keepTotalsKeepsEveryWeeksTotalsAndNoNote(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let weeks = ["2026-W47", "2026-W48"]
        func report(_ week: String) async throws -> [String: Any] {
            let result = await box.runInProcess(["report", "--week", week, "--format", "json"])
            try #require(result.status == 0, "\(result.stderr)")
            return try Self.json(result.stdout)
        }
        var before: [[String: Any]] = []
        for week in weeks { before.append(try await report(week)) }
        let other = try Self.holdOpen(box)
        defer { withExtendedLifetime(other) {} }
        let erased = try box.run(["staff", "erase", "zoltan", "--confirm", "zoltan", "--keep-totals"])
        #expect(erased.status == 0, "\(erased.output)")
        for (index, week) in weeks.enumerated() {
            let after = try await report(week)
            for key in ["totals", "outcomes", "networks", "trend"] {
                #expect(NSDictionary(dictionary: ["v": after[key] as Any]) == NSDictionary(dictionary: ["v": before[index][key] as Any]),
                        "\(week) \(key) changed: \(String(describing: before[index][key])) → \(String(describing: after[key]))")
            }
            let minutes = { (report: [String: Any]) in ((report["staff"] as? [[String: Any]]) ?? []).compactMap { $0["minutes"] as? Int }.sorted() }
            #expect(minutes(after) == minutes(before[index]), "\(week): each person's minutes stay, anonymous")
        }
        #expect(try box.query("SELECT handle, name, CASE WHEN active THEN 'active' ELSE 'inactive' END FROM staff WHERE handle LIKE 'erased-%'")
                == "erased-1|erased-1|inactive")
        #expect(try box.query("SELECT count(*), sum(minutes) FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'erased-1'") == "3|390")
        #expect(try box.query("SELECT count(*) FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'erased-1' AND e.note <> ''") == "0")
        #expect(try box.query("SELECT count(*) FROM audit_log a JOIN entries e ON e.id = a.entry_id JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'erased-1'") == "0")
        let dump = try Self.tables(box)
        #expect(!dump.contains("zoltan"))
        for text in Self.texts { #expect(!dump.contains(text), "\(text) is in the tables") }
        #expect(Self.survivors(Self.texts + ["zoltan"], in: box) == [])
    }

    @Test(arguments: StoreKind.all) func aWrongOrMissingConfirmChangesNothing(store: StoreKind) async throws {
        let box = try await Self.seeded(store: store)
        let before = try DatabaseFingerprint(box)
        for confirm in [["--confirm", "zolta"], ["--confirm", "eve"], []] {
            let refused = await box.runInProcess(["staff", "erase", "zoltan"] + confirm)
            #expect(refused.status == 64, "\(confirm): \(refused.output)")
            #expect(refused.stderr.contains("--confirm zoltan"), "\(refused.stderr)")
            #expect(try DatabaseFingerprint(box) == before)
        }
        let staff = await box.runInProcess(["staff", "erase", "eve", "--confirm", "eve"], environment: ["SOCIALTIME_USER": "eve"])
        #expect(staff.status == 77, "\(staff.output)")
        #expect(try DatabaseFingerprint(box) == before)
    }

    // MARK: - Retention

    /// Today is 2026-11-27; with 1 month the cut-off is the Monday of 2026-10-27's week, 2026-10-26:
    /// W43 (to 2026-10-25) goes, W44 (from 2026-10-26) stays.
    static func pruneBox(store: StoreKind = .sqlite) async throws -> Sandbox {
        let box = try await Sandbox.make(store: store)
        for (date, note) in [("2026-10-19", "old-a"), ("2026-10-25", "old-sunday"), ("2026-10-26", "new-monday"), ("2026-11-20", "new-b")] {
            let logged = await box.runInProcess(["log", "6h", "linkedin", "recruiting", "-d", date, "-m", note])
            try #require(logged.status == 0, "\(logged.output)")
            let result = await box.runInProcess(["result", "1", "--outcome", "recruiting", "--date", date])
            try #require(result.status == 0, "\(result.output)")
        }
        for week in ["2026-W43", "2026-W44"] {
            let justified = await box.runInProcess(["justify", "--week", week, "Recruiting for the autumn, week \(week)"])
            try #require(justified.status == 0, "\(justified.output)")
        }
        try #require(await box.runInProcess(["edit", "2", "--note", "old-sunday-edited"]).status == 0)
        return box
    }

    @Test(arguments: StoreKind.all) func pruneRemovesExactlyWhatIsOlderAndDryRunOnlyCounts(store: StoreKind) async throws {
        let box = try await Self.pruneBox(store: store)
        let unset = await box.runInProcess(["db", "prune"])
        #expect(unset.status == 0)
        #expect(unset.stdout.contains("No retention is set"), "\(unset.stdout)")
        #expect(await box.runInProcess(["config", "retention", "1"]).status == 0)
        #expect(await box.runInProcess(["config", "retention"]).stdout.contains("1 months (weeks before 2026-10-26"))
        let before = try DatabaseFingerprint(box)
        let dry = await box.runInProcess(["db", "prune", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        // Each entry and each result has its "create" row in the audit log.
        let counts = "2 entries, 2 results, 1 justifications (1 history steps), 5 audit rows"
        #expect(dry.stdout.contains("Would delete everything before 2026-10-26 (retention 1 months): \(counts)"), "\(dry.stdout)")
        #expect(try DatabaseFingerprint(box) == before, "--dry-run changes nothing")
        let other = try Self.holdOpen(box)
        defer { withExtendedLifetime(other) {} }
        let pruned = try box.run(["db", "prune"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("Deleted everything before 2026-10-26 (retention 1 months): \(counts)"), "\(pruned.stdout)")
        #expect(try box.query("SELECT date FROM entries ORDER BY date") == "2026-10-26\n2026-11-20")
        #expect(try box.query("SELECT date FROM results ORDER BY date") == "2026-10-26\n2026-11-20")
        #expect(try box.query("SELECT week FROM justifications") == "2026-W44")
        #expect(try box.query("SELECT count(*) FROM justification_history") == "1")
        #expect(try box.query("SELECT count(*) FROM audit_log") == "4")  // the kept entries' and results' own rows
        let tables = try Self.tables(box)
        for text in ["old-a", "old-sunday"] { #expect(!tables.contains(text), "\(text) is in the tables") }
        #expect(Self.survivors(["old-a", "old-sunday"], in: box) == [])
        let again = await box.runInProcess(["db", "prune"])
        #expect(again.stdout.contains("0 entries, 0 results, 0 justifications (0 history steps), 0 audit rows"), "\(again.stdout)")
    }

    @Test(arguments: StoreKind.all) func retentionAndPruneAreForManagers(store: StoreKind) async throws {
        let box = try await Self.pruneBox(store: store)
        try await box.registerInProcess("eve")
        let before = try DatabaseFingerprint(box)
        for arguments in [["config", "retention", "6"], ["config", "retention", "off"], ["db", "prune"], ["db", "prune", "--dry-run"]] {
            let refused = await box.runInProcess(arguments, environment: ["SOCIALTIME_USER": "eve"])
            #expect(refused.status == 77, "\(arguments): \(refused.output)")
        }
        #expect(try DatabaseFingerprint(box) == before)
        #expect(await box.runInProcess(["config", "retention", "0"]).status == 64)
        #expect(await box.runInProcess(["config", "retention", "soon"]).status == 64)
        #expect(await box.runInProcess(["config", "retention", "24"]).status == 0)
        #expect(try box.query("SELECT value FROM settings WHERE key = 'retention_months'") == "24")
        #expect(await box.runInProcess(["config", "retention", "off"]).status == 0)
        #expect(try box.query("SELECT count(*) FROM settings WHERE key = 'retention_months'") == "0")
    }

    /// Runs `scripts/prune.sh` under `env -i` with only PATH (the binary's folder first),
    /// SOCIALTIME_DB, SOCIALTIME_TODAY and `extra`.
    static func runPruneScript(_ box: Sandbox, database: String, extra: [String] = []) throws -> RunResult {
        let script = CSVFiles.repository.appendingPathComponent("scripts/prune.sh").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["-i", "PATH=\(Sandbox.binary.deletingLastPathComponent().path):/usr/bin:/bin", "SOCIALTIME_DB=\(database)",
                             "SOCIALTIME_TODAY=\(box.today)"] + extra + ["/bin/bash", script]
        process.currentDirectoryURL = box.folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return RunResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A team server's crontab names its database by URL in SOCIALTIME_DB, with nothing else
    /// in the environment (the password in the URL here; ~/.pgpass on a real server).
    @Test(arguments: StoreKind.all) func pruneScriptWorksUnderABareEnvironmentAndSaysNothing(store: StoreKind) async throws {
        let box = try await Self.pruneBox(store: store)
        let unset = try Self.runPruneScript(box, database: box.database)
        #expect(unset.status == 0 && unset.output.isEmpty, "no retention: nothing to do, nothing said: \(unset.output)")
        #expect(await box.runInProcess(["config", "retention", "1"]).status == 0)
        let ran = try Self.runPruneScript(box, database: box.database)
        #expect(ran.status == 0, "\(ran.output)")
        #expect(ran.output.isEmpty, "silent on success: \(ran.output)")
        #expect(try box.query("SELECT date FROM entries ORDER BY date") == "2026-10-26\n2026-11-20")
    }

    /// A mistyped database in the crontab: a missing file, or a database missing from the server.
    @Test(arguments: StoreKind.all)
    func pruneScriptFailsWithOneLineNamingAMissingDatabase(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        var missing = URLComponents(string: box.database)
        missing?.path = "/socialtime_missing_db"
        let database = store == .sqlite ? box.path("missing.db") : try #require(missing?.string)
        let failed = try Self.runPruneScript(box, database: database)
        #expect(failed.status == 66, "\(failed.output)")
        #expect(failed.stdout.isEmpty)
        let named = store == .sqlite ? "missing.db" : "socialtime_missing_db"
        #expect(failed.stderr.hasPrefix("prune: ") && failed.stderr.contains("FAILED") && failed.stderr.contains(named), "\(failed.stderr)")
    }

    /// A busy database (exit 75) is retried; a stand-in binary plays socialtime, busy twice.
    @Test func pruneScriptRetriesWhileBusyThenSucceedsSilently() async throws {
        let box = try await Sandbox.make()
        let folder = box.path("bin")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let counter = box.path("attempts")
        try """
            #!/bin/sh
            n=$(cat "\(counter)" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "\(counter)"
            if [ $n -lt 3 ]; then echo "socialtime: error: busy" >&2; exit 75; fi
            echo "Deleted everything before 2026-10-26 (retention 1 months): …"
            """.write(toFile: folder + "/fake", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder + "/fake")
        let ran = try Self.runPruneScript(box, database: box.database, extra: ["SOCIALTIME=\(folder)/fake", "SOCIALTIME_PRUNE_PAUSE=0"])
        #expect(ran.status == 0, "\(ran.output)")
        #expect(ran.output.isEmpty, "\(ran.output)")
        #expect(try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
        try "0".write(toFile: counter, atomically: true, encoding: .utf8)
        let gaveUp = try Self.runPruneScript(box, database: box.database,
                                             extra: ["SOCIALTIME=\(folder)/fake", "SOCIALTIME_PRUNE_PAUSE=0", "SOCIALTIME_PRUNE_ATTEMPTS=2"])
        #expect(gaveUp.status == 75, "\(gaveUp.output)")
        #expect(gaveUp.stderr.contains("FAILED: exit 75, attempt 2: socialtime: error: busy"), "\(gaveUp.stderr)")
    }
}

/// `staff erase` and `db prune` through real login roles on a server: logins write no table
/// (migration 4), so both go through the database's own manager-only functions — a manager who
/// is not the administrator may erase and prune, a staff login gets 77 and changes nothing.
@Suite(.enabled(if: StoreKind.all.contains(.postgres))) struct PersonalDataLoginEndToEndTests {
    @Test func aManagerLoginErasesAndPrunesAStaffLoginIsRefused() async throws {
        let box = try await PersonalDataEndToEndTests.pruneBox(store: .postgres)
        let eve = TeamServerEndToEndTests.uniqueHandle("eve"), boss = TeamServerEndToEndTests.uniqueHandle("boss")
        let zed = TeamServerEndToEndTests.uniqueHandle("zed")
        defer { TeamServerEndToEndTests.dropRoles(box, [eve, boss]) }
        #expect(try box.runAsOwner(["staff", "add", eve, "--login"]).status == 0)
        #expect(try box.runAsOwner(["staff", "add", boss, "--manager", "--login"]).status == 0)
        #expect(try box.runAsOwner(["staff", "add", zed]).status == 0)
        let password = "pw-" + UUID().uuidString
        for role in [eve, boss] { try box.scratch!.sqlOnCluster("ALTER ROLE \"\(role)\" PASSWORD '\(password)'") }
        // zed has a live entry, a deleted one and a justification; anna (the administrator's
        // person) edits zed's entry, so anna's audit row about it goes with zed's entries.
        for arguments in [["log", "2h", "linkedin", "recruiting", "-d", "2026-11-23", "-m", "zed-private-note"],
                          ["log", "1h", "linkedin", "recruiting", "-d", "2026-11-24", "-m", "zed-deleted-note"],
                          ["justify", "--week", "2026-W48", "zed-justification about the recruiting week"]] {
            let done = await box.runInProcess(arguments, environment: ["SOCIALTIME_USER": zed])
            try #require(done.status == 0, "\(arguments): \(done.output)")
        }
        let zedsDeleted = try box.query("SELECT e.id FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = '\(zed)' AND e.date = '2026-11-24'")
        try #require(await box.runInProcess(["delete", zedsDeleted], environment: ["SOCIALTIME_USER": zed]).status == 0)
        try #require(await box.runInProcess(["config", "retention", "1"]).status == 0)
        let administrator = box.database
        let before = try DatabaseFingerprint(box)

        // eve, staff: both refused by the rulebook and by the database, nothing changed.
        box.user = nil
        box.database = try box.url(as: eve, password: password)
        for arguments in [["staff", "erase", zed, "--confirm", zed, "--keep-totals"], ["db", "prune"]] {
            let refused = try box.run(arguments)
            #expect(refused.status == 77, "\(arguments): \(refused.output)")
            #expect(refused.stderr.contains("only a manager can"), "\(refused.stderr)")
        }
        // Nor can she call the database's functions herself, with psql.
        for statement in ["SELECT socialtime.prune_before('2999-01-01', '2999-W01')",
                          "SELECT socialtime.erase_person(id, NULL, false, '') FROM staff WHERE handle = current_user"] {
            let direct = try ExternalTools.run("/usr/bin/env", ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", box.database, "-c", statement],
                                               in: box.folder)
            #expect(direct.status != 0 && direct.stderr.contains("only a manager can"), "\(statement): \(direct.output)")
        }
        box.database = administrator
        #expect(try DatabaseFingerprint(box) == before)

        // boss, a manager login (not the administrator): both work.
        box.database = try box.url(as: boss, password: password)
        let erased = try box.run(["staff", "erase", zed, "--confirm", zed, "--keep-totals"])
        #expect(erased.status == 0, "\(erased.output)")
        let pruned = try box.run(["db", "prune"])
        #expect(pruned.status == 0, "\(pruned.output)")
        box.database = administrator
        #expect(try box.query("SELECT count(*) FROM staff WHERE handle = '\(zed)'") == "0")
        // keep-totals: the live entry is erased-1's, without its note; the deleted one is gone.
        #expect(try box.query("""
            SELECT s.handle || ' ' || e.date || ' ' || e.minutes || ' [' || e.note || ']' FROM entries e JOIN staff s ON s.id = e.staff_id
            WHERE s.handle = 'erased-1' ORDER BY e.id
            """) == "erased-1 2026-11-23 120 []")
        #expect(try box.query("SELECT count(*) FROM entries WHERE note LIKE 'zed-%'") == "0")
        #expect(try box.query("SELECT text FROM justifications j JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'erased-1'")
                == Rulebook.erasedJustificationText)
        #expect(try box.query("SELECT count(*) FROM audit_log WHERE actor = '\(zed)'") == "0")
        // The prune: anna's weeks before 2026-10-26 are gone, the newer ones stay.
        #expect(try box.query("SELECT e.date FROM entries e JOIN staff s ON s.id = e.staff_id WHERE s.handle = 'anna' ORDER BY e.date")
                == "2026-10-26\n2026-11-20")
        // `db check` finds both functions in place, owned by the administrator, search_path pinned.
        let check = try box.runAsOwner(["db", "check"])
        #expect(check.status == 0, "\(check.output)")
    }
}
