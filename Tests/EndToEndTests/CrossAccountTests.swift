import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 20, "nothing crosses between accounts": what an adversarial colleague sharing the local
/// store found, one test per finding. Where accounts are the point, the second account is real
/// (`nobody`, uid 65534, through setpriv).
@Suite struct CrossAccountTests {
    static func at(_ now: String) -> [String: String] { ["SOCIALTIME_NOW": now] }

    /// Runs the binary as `nobody`, a colleague who does not own the database file.
    static func runAsNobody(_ box: Sandbox, _ arguments: [String], environment extra: [String: String] = [:],
                            directory: URL? = nil) throws -> RunResult {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "TZ": box.timeZone,
                           "SOCIALTIME_TODAY": box.today, "NO_COLOR": "1"]
        for (key, value) in extra { environment[key] = value }
        return try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                  arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", "--", Sandbox.binary.path] + arguments,
                                  environment: environment, directory: directory ?? box.folder, stdin: nil).finish()
    }

    // MARK: - Tampered stored values

    /// `started_at` written with other tools far past 2999: `start` and `stop` trapped (exit 132,
    /// a force-unwrap of year 10000). Now the value is named (exit 1) and `cancel` still works.
    @Test func aTamperedTimerStartIsNamedNotATrap() async throws {
        let box = try await Sandbox.make()
        #expect(try box.run(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-25T09:00")).status == 0)
        _ = try box.sqlite("UPDATE timers SET started_at = '9999-12-31T23:59:59-23:59'")
        #expect(try box.sqlite("SELECT started_at FROM timers") == "9999-12-31T23:59:59-23:59")
        for command in [["stop"], ["start", "x", "listening"]] {
            let result = try box.run(command, environment: Self.at("2026-11-25T10:00"))
            #expect(result.status == 1, "\(command): \(result.output)")
            #expect(result.stderr.contains("the running timer's start '9999-12-31T23:59:59-23:59' in the database is not a timestamp between 2000-01-01 and 2999-12-31"),
                    "\(result.stderr)")
        }
        #expect(try box.sqlite("SELECT count(*) FROM entries") == "0")
        let status = try box.run(["status"], environment: Self.at("2026-11-25T10:00"))
        #expect(status.status == 0, "\(status.output)")
        #expect(try box.run(["cancel"], environment: Self.at("2026-11-25T10:00")).status == 0)
        #expect(try box.sqlite("SELECT count(*) FROM timers") == "0")
    }

    /// A note and an alias holding ESC sequences and U+2028, written with other tools, reached the
    /// terminal raw (a colleague's `entries` could retitle the window or hide lines). On a terminal
    /// they are shown escaped; piped, the bytes stay as stored.
    @Test func controlCharactersFromTheStoreAreEscapedOnATerminal() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "-m", "plain note"]).status == 0)
        _ = try box.sqlite("PRAGMA ignore_check_constraints = ON; UPDATE entries SET note = 'evil' || char(27) || ']0;owned' || char(7) || 'x' || char(8232) || 'y' || char(27) || '[2J'")
        let script = "exec \"$0\" --db \"$1\" entries"
        let terminal = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/script"),
                                          arguments: ["-qec", "/bin/sh -c '\(script)' \(Sandbox.binary.path) \(box.database)", "/dev/null"],
                                          environment: ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "TZ": box.timeZone,
                                                        "SOCIALTIME_TODAY": box.today, "SOCIALTIME_USER": "anna", "TERM": "dumb"],
                                          directory: box.folder, stdin: nil).finish()
        #expect(terminal.status == 0, "\(terminal.output)")
        #expect(terminal.stdout.contains("evil\\u{001B}]0;owned\\u{0007}x\\u{2028}y\\u{001B}[2J"), "\(terminal.stdout.debugDescription)")
        #expect(!terminal.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{7}" || $0 == "\u{2028}" }, "\(terminal.stdout.debugDescription)")
        let piped = try box.run(["entries"])
        #expect(piped.stdout.contains("evil\u{1B}]0;owned\u{7}x\u{2028}y"), "\(piped.stdout.debugDescription)")
    }

    // MARK: - Timers at the real midnight

    /// America/Havana turns its clocks back from 01:00 to 00:00 on 2026-11-01, so 00:00 comes
    /// twice: a timer from 23:30 to 01:30 ran 30 minutes on the 31st and 150 on the 1st. `mktime`
    /// names the later midnight, which logged 90m/90m.
    @Test(arguments: StoreKind.all) func aTimerAcrossHavanasRepeatedMidnightSplitsAtTheFirst(store: StoreKind) async throws {
        let box = try await Sandbox.make(today: "2026-10-31", timeZone: "America/Havana", store: store)
        #expect(try box.run(["start", "linkedin", "recruiting"], environment: Self.at("2026-10-31T23:30")).status == 0)
        let stopped = try box.run(["stop"], environment: Self.at("2026-11-01T01:30"))
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(try box.query("SELECT date, minutes FROM entries ORDER BY id") == "2026-10-31|30\n2026-11-01|150")
    }

    /// In March Havana skips from 00:00 to 01:00: the day before ends at 01:00 local (that
    /// midnight does not exist), and a timer from 23:00 to 02:00 ran 60 + 60 minutes.
    @Test(arguments: StoreKind.all) func aTimerAcrossHavanasMissingMidnightSplitsWhereTheDateChanges(store: StoreKind) async throws {
        let box = try await Sandbox.make(today: "2026-03-07", timeZone: "America/Havana", store: store)
        #expect(try box.run(["start", "linkedin", "recruiting"], environment: Self.at("2026-03-07T23:00")).status == 0)
        let stopped = try box.run(["stop"], environment: Self.at("2026-03-08T02:00"))
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(try box.query("SELECT date, minutes FROM entries ORDER BY id") == "2026-03-07|60\n2026-03-08|60")
    }

    // MARK: - Import messages

    /// A staff member's file of made-up entry ids (1…N, her own handle) was answered with
    /// "entry_id 1 is already used by a different entry (#1 … anna … secret note)": colleagues'
    /// entries, read out of error messages, with `--dry-run` too and into the rejects file.
    @Test(arguments: StoreKind.all) func importMessagesNeverShowAColleaguesEntryToStaff(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["log", "3h", "linkedin", "recruiting", "--date", "2026-11-25", "-m", "anna secret note"]).status == 0)
        #expect(await box.runInProcess(["--as", "eve", "log", "1h", "x", "listening", "--date", "2026-11-25", "-m", "eve own note"]).status == 0)
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\n"
        let rows = (1...2).map { "\($0),2026-W48,2026-11-26,eve,Eve,linkedin,recruiting,30,0.50,probe,2026-11-26T09:00:00+01:00\n" }.joined()
        let file = box.path("probe.csv")
        #expect(FileManager.default.createFile(atPath: file, contents: Data((header + rows).utf8)))
        let before = try DatabaseFingerprint(box)
        for extra in [["--dry-run"], [], ["--skip-bad-rows"]] {
            let result = await box.runInProcess(["--as", "eve", "import", file] + extra)
            // Every row is bad, so --skip-bad-rows has nothing to import either: 65, the reasons
            // in the message, and no rejects file.
            let said = result.output
            #expect(result.status == 65, "\(extra): \(result.output)")
            #expect(!FileManager.default.fileExists(atPath: box.path("probe.rejected.csv")))
            #expect(said.contains("entry_id 1 is already used by a different entry (another person's)"), "\(extra): \(said)")
            // Her own entry may be shown to her.
            #expect(said.contains("entry_id 2 is already used by a different entry (#2 2026-11-25 eve"), "\(extra): \(said)")
            #expect(!said.contains("secret") && !said.contains("3h"), "\(extra): \(said)")
        }
        #expect(try DatabaseFingerprint(box) == before)
    }

    // MARK: - Files socialtime writes

    /// In a shared drop folder a colleague (a real second account) plants
    /// `team.rejected.csv -> /root/.bashrc`-like file; the administrator's `import --skip-bad-rows`
    /// replaced the target with rows the planter chose. Every file socialtime writes refuses a link
    /// as its last component (exit 1), before anything is imported, and leaves link and target alone.
    @Test(.enabled(if: getuid() == 0, "needs root to plant links as a second account"))
    func plantedLinksInASharedFolderAreNeverWrittenThrough() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "--date", "2026-11-25"]).status == 0)
        let drop = box.path("drop")
        let private_ = box.path("private")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: private_, withIntermediateDirectories: true)
        #expect(chmod(drop, 0o1777) == 0 && chmod(box.folder.path, 0o755) == 0)
        let victim = private_ + "/bashrc"
        #expect(FileManager.default.createFile(atPath: victim, contents: Data("root's own\n".utf8)))
        // The colleague's file (one good row, one bad) and her links, made as her account.
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\n"
        let rows = "9,2026-W48,2026-11-26,anna,Anna,linkedin,recruiting,30,0.50,ok,2026-11-26T09:00:00+01:00\n"
            + "10,2026-W48,2026-11-26,anna,Anna,nowhere,recruiting,30,0.50,echo owned,2026-11-26T09:00:00+01:00\n"
        let plant = """
            printf '%s' "$1" > "$2/team.csv"
            for name in team.rejected.csv report.txt entries.csv data.json; do ln -s "$3" "$2/$name"; done
            """
        let planted = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                         arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", plant, "sh", header + rows, drop, victim],
                                         environment: ["PATH": "/usr/bin:/bin"], directory: box.folder, stdin: nil).finish()
        #expect(planted.status == 0, "\(planted.output)")
        let before = try DatabaseFingerprint(box)

        let attempts: [[String]] = [
            ["import", drop + "/team.csv", "--skip-bad-rows"],
            ["report", "--out", drop + "/report.txt"],
            ["export", "--kind", "entries", "--out", drop + "/entries.csv"],
            ["staff", "export-data", "anna", "--out", drop + "/data.json"],
        ]
        for arguments in attempts {
            let result = try box.runAsOwner(arguments)
            #expect(result.status == 1, "\(arguments): \(result.output)")
            #expect(result.stderr.contains("is a symbolic link"), "\(arguments): \(result.stderr)")
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "root's own\n")
        #expect(try DatabaseFingerprint(box) == before, "nothing imported while the rejects file was refused")
        let left = try FileManager.default.contentsOfDirectory(atPath: drop).sorted()
        #expect(left == ["data.json", "entries.csv", "report.txt", "team.csv", "team.rejected.csv"], "\(left)")
        for name in left where name != "team.csv" {
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: drop + "/" + name)) == victim)
        }
    }

    /// NAME.rejected.csv being a folder: the good rows were committed, then the command exited 64.
    @Test func aRejectsPathThatCannotBeWrittenImportsNothing() async throws {
        let box = try await Sandbox.make()
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\n"
        let rows = "9,2026-W48,2026-11-26,anna,Anna,linkedin,recruiting,30,0.50,ok,2026-11-26T09:00:00+01:00\n"
            + "10,2026-W48,2026-11-26,anna,Anna,nowhere,recruiting,30,0.50,bad,2026-11-26T09:00:00+01:00\n"
        #expect(FileManager.default.createFile(atPath: box.path("team.csv"), contents: Data((header + rows).utf8)))
        try FileManager.default.createDirectory(atPath: box.path("team.rejected.csv"), withIntermediateDirectories: false)
        let before = try DatabaseFingerprint(box)
        let result = try box.run(["import", box.path("team.csv"), "--skip-bad-rows"])
        #expect(result.status == 64 && result.stderr.contains("team.rejected.csv is a folder"), "\(result.output)")
        #expect(try DatabaseFingerprint(box) == before)
        // With the folder gone, the same command imports the good row and writes the bad one.
        try FileManager.default.removeItem(atPath: box.path("team.rejected.csv"))
        let retried = try box.run(["import", box.path("team.csv"), "--skip-bad-rows"])
        #expect(retried.status == 0, "\(retried.output)")
        #expect(try box.sqlite("SELECT count(*) FROM entries") == "1")
    }

    /// `/dev/stdout` and a link to it are the command's own output: still written through.
    @Test func aLinkToTheCommandsOwnStandardOutputIsStillWritten() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting"]).status == 0)
        #expect(symlink("/dev/stdout", box.path("out")) == 0)
        for out in ["/dev/stdout", box.path("out")] {
            let result = try box.run(["report", "--out", out])
            #expect(result.status == 0 && result.stdout.contains("Weekly report"), "\(out): \(result.output)")
        }
        let stderr = try box.run(["report", "--out", "/dev/stderr"])
        #expect(stderr.status == 0 && stderr.stderr.contains("Weekly report"), "\(stderr.output)")
    }

    // MARK: - Ownership on the file opened

    /// Eve (a real second account, staff on the shared file) flips `~/l` between the shared
    /// database and her own file and runs `socialtime --db ~/l …`: ownership was decided by a
    /// second `stat` of the path after SQLite opened it, so she was sometimes the shared file's
    /// administrator — she read anna's notes and promoted herself. Now it is decided on the
    /// descriptor SQLite holds.
    @Test(.enabled(if: getuid() == 0, "needs root to run a second account"))
    func aLinkFlippedBetweenTheSharedFileAndOnesOwnNeverMakesAColleagueItsAdministrator() async throws {
        let box = try await Sandbox.make()
        try await box.registerInProcess("nobody")
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "-m", "anna secret note"]).status == 0)
        #expect(chmod(box.folder.path, 0o777) == 0 && chmod(box.database, 0o666) == 0)
        let home = box.path("eve")
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: false)
        #expect(chown(home, 65534, 65534) == 0)
        let own = home + "/own.db", link = home + "/l"
        let mine = try Self.runAsNobody(box, ["--db", own, "log", "1h", "x", "listening", "-m", "eve own note"])
        #expect(mine.status == 0, "\(mine.output)")
        let flip = #"while :; do ln -sfn "$1" "$3.new" && mv -T "$3.new" "$3"; ln -sfn "$2" "$3.new" && mv -T "$3.new" "$3"; done"#
        let flipper = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                         arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c", flip, "sh", box.database, own, link],
                                         environment: ["PATH": "/usr/bin:/bin"], directory: box.folder, stdin: nil)
        var shared = 0, hers = 0
        for _ in 0..<60 {
            let read = try Self.runAsNobody(box, ["--db", link, "entries", "--all-staff"])
            #expect(!read.output.contains("anna secret note"), "\(read.output)")
            if read.status == 77 { shared += 1 }
            if read.status == 0 && read.stdout.contains("eve own note") { hers += 1 }
            _ = try Self.runAsNobody(box, ["--db", link, "staff", "promote", "nobody"])
        }
        flipper.kill()
        _ = try? flipper.finish()
        // The race was run: both files were opened through the link.
        #expect(shared > 0 && hers > 0, "shared \(shared), hers \(hers)")
        #expect(try box.sqlite("SELECT role FROM staff WHERE handle = 'nobody'") == "staff")
    }

    // MARK: - A new file, many first users

    /// Sixteen processes setting up a new file at the same moment: one read the version before
    /// another's set-up committed and the tables after, and called the file "another program's
    /// SQLite database" (8 of 800 first `log`s). A race, so several rounds; every run must succeed.
    @Test func manyFirstUsersOfANewFileAllSucceed() async throws {
        for _ in 0..<8 {
            let box = try await Sandbox.make(user: nil)
            let workers = (1...16).map { [["staff", "add", "p\($0)"]] }
            let runs = try box.runConcurrently(workers)
            for result in runs.all where result.status != 0 {
                Issue.record("exited \(result.status): \(result.stderr)")
            }
            #expect(try box.sqlite("SELECT count(*) FROM staff WHERE handle LIKE 'p%'") == "16")
        }
    }

    // MARK: - E-mail addresses

    /// `set-email` took addresses `remind` then refused, and an address could not be removed.
    @Test(arguments: StoreKind.all) func setEmailTakesOnlyAddressesMailCanGoToAndClearRemovesOne(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["staff", "set-email", "anna", "anna@example.com"]).status == 0)
        let before = try DatabaseFingerprint(box)
        for bad in ["anna;x@example.com", "anna(x)@example.com", "ænne@example.com", "anna:x@example.com"] {
            let result = await box.runInProcess(["staff", "set-email", "anna", bad])
            #expect(result.status == 64 && result.stderr.contains("invalid e-mail address"), "\(bad): \(result.output)")
        }
        for wrong in [["staff", "set-email", "anna"], ["staff", "set-email", "anna", "a@example.com", "--clear"]] {
            let result = await box.runInProcess(wrong)
            #expect(result.status == 64, "\(wrong): \(result.output)")
        }
        #expect(try DatabaseFingerprint(box) == before)
        let cleared = await box.runInProcess(["staff", "set-email", "anna", "--clear"])
        #expect(cleared.status == 0 && cleared.stdout.contains("E-mail removed"), "\(cleared.output)")
        #expect(try box.query("SELECT count(*) FROM staff WHERE handle = 'anna' AND email IS NULL") == "1")
    }

    // MARK: - Erasure

    /// After `staff erase bo`: his review comment on eve's justification stayed (and whoever
    /// later logged in as `erased-1` read it with export-data); the edit he made to eve's entry
    /// stayed but its audit row was gone, so eve's entry changed with no explanation.
    @Test(arguments: StoreKind.all) func erasureRemovesTheirCommentsAndKeepsOthersEntriesExplained(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("bo", manager: true)
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["--as", "eve", "log", "6h", "linkedin", "recruiting", "--date", "2026-11-24", "-m", "eve's call"]).status == 0)
        #expect(await box.runInProcess(["--as", "eve", "justify", "--week", "2026-W48", "Six candidate calls booked from the post"]).status == 0)
        #expect(await box.runInProcess(["--as", "bo", "review", "eve", "--week", "2026-W48", "--reject", "--comment", "bo private remark"]).status == 0)
        #expect(await box.runInProcess(["--as", "bo", "edit", "1", "--duration", "5h"]).status == 0)
        let erased = await box.runInProcess(["staff", "erase", "bo", "--confirm", "bo"])
        #expect(erased.status == 0, "\(erased.output)")

        #expect(try box.query("SELECT count(*) FROM justifications WHERE review_comment LIKE '%bo private%'") == "0")
        #expect(try box.query("SELECT count(*) FROM justification_history WHERE comment LIKE '%bo private%'") == "0")
        // eve's justification keeps its status (it decides her flags), by the stand-in.
        #expect(try box.query("SELECT j.status, s.handle FROM justifications j JOIN staff s ON s.id = j.reviewed_by") == "rejected|erased-1")
        // eve's entry: 5 h, and its history still says who changed it from 6 h.
        #expect(try box.query("SELECT minutes FROM entries WHERE id = 1") == "300")
        #expect(try box.query("SELECT actor, action FROM audit_log WHERE entry_id = 1 ORDER BY id") == "eve|create\nerased-1|edit")
        let history = await box.runInProcess(["history", "1"])
        #expect(history.status == 0 && history.stdout.contains("erased-1"), "\(history.output)")
        // The stand-in is nobody's own: acting as it, its data cannot be exported.
        let asStandIn = await box.runInProcess(["--as", "erased-1", "staff", "export-data", "erased-1"])
        #expect(asStandIn.status != 0 && !asStandIn.stdout.contains("bo private"), "\(asStandIn.output)")
        #expect(await box.runInProcess(["staff", "export-data", "erased-1"]).status == 0, "a manager may still export it")
    }

    /// Ids were reused: after `staff erase` removed the newest entries, anna's next entry got an
    /// erased id (SQLite gives max(id) + 1); a prune of the newest rows did the same.
    @Test(arguments: StoreKind.all) func idsAreNeverReusedAfterAnErasureOrAPrune(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("bo")
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "--date", "2026-11-24"]).status == 0)  // #1, anna's
        #expect(await box.runInProcess(["--as", "bo", "log", "1h", "x", "listening", "--date", "2026-11-24"]).status == 0)  // #2
        #expect(await box.runInProcess(["--as", "bo", "log", "1h", "x", "listening", "--date", "2026-11-25"]).status == 0)  // #3
        #expect(await box.runInProcess(["--as", "bo", "result", "2", "--outcome", "recruiting", "--date", "2026-11-24"]).status == 0)  // result #1
        #expect(await box.runInProcess(["staff", "erase", "bo", "--confirm", "bo"]).status == 0)
        #expect(try box.query("SELECT max(id) FROM entries") == "1")
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "--date", "2026-11-25"]).status == 0)
        #expect(await box.runInProcess(["result", "1", "--outcome", "recruiting", "--date", "2026-11-25"]).status == 0)
        #expect(try box.query("SELECT id FROM entries ORDER BY id") == "1\n4")
        #expect(try box.query("SELECT id FROM results ORDER BY id") == "2")

        // The newest entry and result are the oldest dates: a prune removes them.
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "--date", "2026-09-01"]).status == 0)  // #5
        #expect(await box.runInProcess(["result", "1", "--outcome", "recruiting", "--date", "2026-09-01"]).status == 0)  // result #3
        #expect(await box.runInProcess(["config", "retention", "1"]).status == 0)
        #expect(await box.runInProcess(["db", "prune"]).status == 0)
        #expect(await box.runInProcess(["log", "1h", "linkedin", "recruiting", "--date", "2026-11-26"]).status == 0)
        #expect(await box.runInProcess(["result", "1", "--outcome", "recruiting", "--date", "2026-11-26"]).status == 0)
        #expect(try box.query("SELECT id FROM entries ORDER BY id") == "1\n4\n6")
        #expect(try box.query("SELECT id FROM results ORDER BY id") == "2\n4")
    }

    // MARK: - Mail commands

    /// `remind --sendmail "sleep 100"` hung for ever, and a sendmail that read 10 bytes and exited
    /// 0 counted as sent. Sent now means: read the whole message, exited 0, within the timeout.
    @Test func aMailCommandThatHangsOrStopsReadingIsNotSent() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "6h", "linkedin", "recruiting", "--date", "2026-11-24"]).status == 0)
        #expect(await box.runInProcess(["staff", "set-email", "anna", "anna@example.com"]).status == 0)
        let delivered = try box.run(["remind", "--sendmail", "cat > \(box.path("sent.eml"))"])
        #expect(delivered.status == 0, "\(delivered.output)")
        let sent = try String(contentsOfFile: box.path("sent.eml"), encoding: .utf8)
        #expect(sent.contains("To: anna@example.com") || sent.contains("<anna@example.com>"), "\(sent)")

        let partial = try box.run(["remind", "--sendmail", "head -c 10 > /dev/null"])
        #expect(partial.status == 1, "\(partial.output)")
        #expect(partial.stderr.contains("exited before reading the whole message (10 of"), "\(partial.stderr)")

        let hung = try box.run(["remind", "--sendmail", "sleep 100", "--sendmail-timeout", "1"])
        #expect(hung.status == 1, "\(hung.output)")
        #expect(hung.stderr.contains("did not finish within 1 s (--sendmail-timeout)"), "\(hung.stderr)")

        let bad = try box.run(["remind", "--sendmail", "cat", "--sendmail-timeout", "0"])
        #expect(bad.status == 64 && bad.stderr.contains("--sendmail-timeout 0 is out of range"), "\(bad.output)")
    }

    // MARK: - Installing, and the cron scripts' locks

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    /// Under `umask 000` the completions (sourced by bash for every user) were 0666 and the
    /// folders 0777; a PREFIX with `&` corrupted crontab.example and one with `|` left half an install.
    @Test func installUnderAnOpenUmaskGivesExplicitModesAndRefusesUnsafePrefixes() async throws {
        let box = try await Sandbox.make()
        let prefix = box.path("open umask")
        let install = try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"),
                                         arguments: ["-c", #"umask 000; exec /bin/sh "$0" --binary "$1""#, InstallScriptTests.script, Sandbox.binary.path],
                                         environment: ["PATH": "/usr/bin:/bin", "PREFIX": prefix], directory: box.folder, stdin: nil).finish()
        #expect(install.status == 0, "\(install.output)")
        for file in ["share/bash-completion/completions/socialtime", "share/zsh/site-functions/_socialtime",
                     "share/fish/vendor_completions.d/socialtime.fish", "share/socialtime/crontab.example", "share/man/man1/socialtime.1"] {
            #expect(Self.mode(prefix + "/" + file) == 0o644, "\(file): \(String(Self.mode(prefix + "/" + file), radix: 8))")
        }
        for folder in ["", "/bin", "/share", "/share/bash-completion", "/share/bash-completion/completions", "/share/socialtime"] {
            #expect(Self.mode(prefix + folder) == 0o755, "\(folder): \(String(Self.mode(prefix + folder), radix: 8))")
        }
        #expect(Self.mode(prefix + "/bin/socialtime") == 0o755)
        let crontab = try String(contentsOfFile: prefix + "/share/socialtime/crontab.example", encoding: .utf8)
        #expect(crontab.contains("'\(prefix)/share/socialtime/remind.sh'"), "a PREFIX with a space stays one word: \(crontab)")

        for unsafe in ["/tmp/a&b", "/tmp/a|b", "/tmp/a%b", "/tmp/a:b", "/tmp/a'b"] {
            let target = box.path("p") + unsafe
            let refused = try InstallScriptTests.run("/bin/sh", [InstallScriptTests.script, "--binary", Sandbox.binary.path],
                                                     environment: ["PATH": "/usr/bin:/bin", "PREFIX": target], in: box)
            #expect(refused.status == 64 && refused.stderr.contains("cannot be written safely into a crontab"), "\(unsafe): \(refused.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: box.path("p")), "nothing was installed for a refused PREFIX")
    }

    /// remind.sh and weekly-report.sh locked `/tmp/socialtime-*.lock`: any other account could
    /// create and hold it, and every run waited an hour. The lock is now beside the database.
    @Test(.enabled(if: getuid() == 0, "needs root to hold a lock as a second account"))
    func theCronScriptsLockBesideTheDatabaseNotInTmp() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "6h", "linkedin", "recruiting", "--date", "2026-11-24"]).status == 0)
        #expect(await box.runInProcess(["staff", "set-email", "anna", "anna@example.com"]).status == 0)
        let scripts = CSVFiles.repository.appendingPathComponent("scripts").path
        // Another account holds every lock name /tmp could offer, for longer than the test.
        let squatter = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                          arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/sh", "-c",
                                                      #"exec 3>>/tmp/socialtime-remind.lock 4>>/tmp/socialtime-weekly-report.lock; flock 3; flock 4; exec sleep 600"#],
                                          environment: ["PATH": "/usr/bin:/bin"], directory: box.folder, stdin: nil)
        defer {
            squatter.kill()
            _ = try? squatter.finish()
            for name in ["remind", "weekly-report"] { unlink("/tmp/socialtime-\(name).lock") }
        }
        let sendmail = box.path("sendmail")
        #expect(FileManager.default.createFile(atPath: sendmail, contents: Data("#!/bin/sh\ncat >> \"$0.out\"\n".utf8),
                                               attributes: [.posixPermissions: 0o755]))
        let environment = ["PATH": "\(Sandbox.binary.deletingLastPathComponent().path):/usr/bin:/bin", "SOCIALTIME_DB": box.database,
                           "SOCIALTIME_TODAY": box.today, "SOCIALTIME_USER": "anna", "TZ": box.timeZone, "SENDMAIL": sendmail,
                           "HOME": box.folder.path]
        // Under `timeout`: with the lock in /tmp the script would wait an hour for the squatter.
        let remind = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/timeout"), arguments: ["120", "/bin/bash", scripts + "/remind.sh"],
                                        environment: environment, directory: box.folder, stdin: nil).finish()
        #expect(remind.status == 0, "\(remind.output)")
        #expect(FileManager.default.fileExists(atPath: box.database + ".remind.lock"))
        #expect(FileManager.default.fileExists(atPath: sendmail + ".out"))
    }
}
