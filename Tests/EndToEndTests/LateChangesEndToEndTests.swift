import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 18's done-when, in-process on both stores: late changes in the report, closed
/// weeks, forgotten timers, overlaps, the past's thresholds, and roles nobody takes by accident
/// (with a real second account on a shared file: the built binary, as `nobody`).
@Suite struct LateChangesEndToEndTests {
    static let log = ["--network", "linkedin", "--outcome", "recruiting"]

    /// boss (a manager, the sandbox's acting person) and anna (staff), flagged for 2026-W48: 4 h on
    /// Thursday (entry 1) and 2 h on Tuesday (entry 2), logged during that week.
    static func flaggedAnna(_ store: StoreKind) async throws -> Sandbox {
        let box = try await Sandbox.make(today: "2026-11-27", user: "boss", store: store)
        try await box.registerInProcess("anna")
        #expect(await box.runInProcess(["--as", "anna", "log", "4h", "--date", "2026-11-26"] + log).status == 0)
        #expect(await box.runInProcess(["--as", "anna", "log", "2h", "--date", "2026-11-24"] + log).status == 0)
        return box
    }

    @Test(arguments: StoreKind.all)
    func lateChangesShowInTheReportAndAClosedWeekNeedsAManagerWithAReason(store: StoreKind) async throws {
        let box = try await Self.flaggedAnna(store)
        box.today = "2026-12-03"  // Thursday of W49: W48 has ended
        let deleted = await box.runInProcess(["--as", "anna", "delete", "1"])
        #expect(deleted.status == 0, "\(deleted.output)")
        #expect(await box.runInProcess(["--as", "anna", "edit", "2", "--duration", "30m"]).status == 0)

        let report = try ReportFixture.json(await box.runInProcess(["report", "--format", "json"]).stdout)
        #expect(report["week"] as? String == "2026-W48")
        let anna = try #require((report["staff"] as? [[String: Any]])?.first { $0["staff"] as? String == "anna" })
        let late = try #require(anna["late_changes"] as? [[String: Any]])
        try #require(late.count == 2, "\(late)")
        #expect(late[0]["entry_id"] as? Int == 1 && late[0]["action"] as? String == "delete" && late[0]["by"] as? String == "anna")
        #expect(late[0]["minutes_before"] as? Int == 240 && late[0]["minutes_after"] is NSNull && late[0]["date"] as? String == "2026-11-26")
        #expect((late[0]["at"] as? String)?.contains("T") == true)
        #expect(late[1]["entry_id"] as? Int == 2 && late[1]["action"] as? String == "edit")
        #expect(late[1]["minutes_before"] as? Int == 120 && late[1]["minutes_after"] as? Int == 30 && late[1]["reason"] is NSNull)
        let text = await box.runInProcess(["report"])
        #expect(text.stdout.contains("Late changes — made after 2026-W48 ended"), "\(text.stdout)")
        #expect(text.stdout.contains("anna: 2 late changes, net −5h 30m"), "\(text.stdout)")
        for format in ["markdown", "html"] {
            let rendered = await box.runInProcess(["report", "--format", format])
            #expect(rendered.status == 0 && rendered.stdout.contains("anna: 2 late changes"), "\(format)")
        }

        // With weeks closing 7 days after they end, W48 closes on 2026-12-07.
        #expect(await box.runInProcess(["config", "close-after", "7"]).status == 0)
        box.today = "2026-12-07"
        let before = try DatabaseFingerprint(box)
        for command in [["restore", "1"], ["edit", "2", "--duration", "1h"], ["delete", "2"],
                        ["log", "1h", "--date", "2026-11-25"] + Self.log] {
            let refused = await box.runInProcess(["--as", "anna"] + command)
            #expect(refused.status == 77, "\(command): \(refused.output)")
            #expect(refused.stderr.contains("2026-W48 closed on 2026-12-07") && refused.stderr.contains("ask a manager"), "\(refused.stderr)")
        }
        let noReason = await box.runInProcess(["restore", "1"])
        #expect(noReason.status == 64 && noReason.stderr.contains("--reason"), "\(noReason.output)")
        #expect(try DatabaseFingerprint(box) == before)
        // Justifications stay open.
        #expect(await box.runInProcess(["--as", "anna", "justify", "--week", "2026-W48", "Recruiting three developers for spring"]).status == 0)
        let restored = await box.runInProcess(["restore", "1", "--reason", "Deleted by mistake, confirmed with anna"])
        #expect(restored.status == 0, "\(restored.output)")
        let after = try ReportFixture.json(await box.runInProcess(["report", "--format", "json", "--week", "2026-W48"]).stdout)
        let all = try #require(after["late_changes"] as? [[String: Any]])
        #expect(all.last?["action"] as? String == "restore" && all.last?["by"] as? String == "boss")
        #expect(all.last?["reason"] as? String == "Deleted by mistake, confirmed with anna")
        let history = await box.runInProcess(["history", "1"])
        #expect(history.stdout.contains("restore  (late change of 2026-W48)  reason: Deleted by mistake, confirmed with anna"), "\(history.stdout)")
        let exported = await box.runInProcess(["staff", "export-data", "anna"])
        #expect(exported.stdout.contains("Deleted by mistake, confirmed with anna"), "\(exported.output)")
        let justifications = await box.runInProcess(["justifications", "--week", "2026-W48", "--staff", "anna", "--format", "json"])
        #expect(justifications.stdout.contains("\"late_changes\""), "\(justifications.output)")
        #expect(await box.runInProcess(["config", "close-after", "-3"]).status == 64)
        #expect(await box.runInProcess(["--as", "anna", "config", "close-after", "off"]).status == 77)
    }

    @Test(arguments: StoreKind.all)
    func aForgottenTimerAndOverlapsAreRefusedWithTheWaysOn(store: StoreKind) async throws {
        let box = try await Sandbox.make(today: "2026-12-02", user: "boss", store: store)
        let started = await box.runInProcess(["start", "linkedin", "recruiting"], environment: ["SOCIALTIME_NOW": "2026-12-02T09:00"])
        #expect(started.status == 0, "\(started.output)")
        let morning = ["SOCIALTIME_NOW": "2026-12-03T08:30"]
        let status = await box.runInProcess(["status"], environment: morning)
        #expect(status.stdout.contains("longer than the timer limit of 10h"), "\(status.output)")
        let before = try DatabaseFingerprint(box)
        let refused = await box.runInProcess(["stop"], environment: morning)
        #expect(refused.status == 64, "\(refused.output)")
        for words in ["23h 30m", "socialtime stop --at WHEN", "socialtime stop --keep", "socialtime cancel"] {
            #expect(refused.stderr.contains(words), "\(words): \(refused.stderr)")
        }
        #expect(try DatabaseFingerprint(box) == before)
        let stopped = await box.runInProcess(["stop", "--at", "yesterday 17:30"], environment: morning)
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(try box.query("SELECT minutes || ' ' || date FROM entries") == "510 2026-12-02")
        #expect(await box.runInProcess(["stop", "--at", "someday 17:30"], environment: morning).status == 64)

        // The entry ran 09:00–17:30 on 2026-12-02: nothing timed may overlap it.
        let evening = ["SOCIALTIME_NOW": "2026-12-02T20:00"]
        let overlap = await box.runInProcess(["log", "--from", "09:30", "--to", "10:00", "--date", "2026-12-02"] + Self.log, environment: evening)
        #expect(overlap.status == 64 && overlap.stderr.contains("overlaps entry #1"), "\(overlap.output)")
        let inside = await box.runInProcess(["start", "ig", "brand-awareness", "--at", "17:00"], environment: evening)
        #expect(inside.status == 64 && inside.stderr.contains("entry #1"), "\(inside.output)")
        #expect(await box.runInProcess(["log", "--from", "17:30", "--to", "18:00", "--date", "2026-12-02"] + Self.log, environment: evening).status == 0)
        #expect(try box.entryCount() == 2)

        // Imported rows with start and end times: neither over a stored entry nor over each other.
        func toggl(_ name: String, _ rows: [String]) throws -> [String] {
            let file = box.path(name)
            try (["User,Email,Project,Description,Start date,Start time,End date,End time,Duration,Tags"] + rows.map { "Boss,boss@example.com,LinkedIn,Calls,2026-12-02,\($0),recruiting" })
                .joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            return ["import", file, "--from", "toggl", "--user", "Boss=boss"]
        }
        let overStored = await box.runInProcess(try toggl("a.csv", ["10:00:00,2026-12-02,11:00:00,01:00:00"]), environment: evening)
        #expect(overStored.status == 64 && overStored.stderr.contains("overlaps entry #1"), "\(overStored.output)")
        let overEachOther = await box.runInProcess(try toggl("b.csv", ["18:00:00,2026-12-02,19:00:00,01:00:00", "18:30:00,2026-12-02,19:15:00,00:45:00"]),
                                        environment: evening)
        #expect(overEachOther.status == 64 && overEachOther.stderr.contains("overlaps line 2"), "\(overEachOther.output)")
        #expect(try box.entryCount() == 2)
        let fine = await box.runInProcess(try toggl("c.csv", ["18:00:00,2026-12-02,19:00:00,01:00:00"]), environment: evening)
        #expect(fine.status == 0, "\(fine.output)")
        let overImported = await box.runInProcess(["log", "--from", "18:10", "--to", "18:20", "--date", "2026-12-02"] + Self.log, environment: evening)
        #expect(overImported.status == 64 && overImported.stderr.contains("overlaps entry #3"), "\(overImported.output)")

        #expect(await box.runInProcess(["config", "timer-limit", "12h"]).status == 0)
        #expect(await box.runInProcess(["config", "timer-limit"]).stdout.contains("Timer limit: 12h"))
        #expect(await box.runInProcess(["config", "timer-limit", "25h"]).status == 64)
    }

    @Test(arguments: StoreKind.all)
    func aThresholdForAPastWeekIsRefusedAndPastFlagsStayTheSame(store: StoreKind) async throws {
        let box = try await Self.flaggedAnna(store)
        box.today = "2026-12-03"
        let weeks = ["2026-W46", "2026-W47", "2026-W48"]
        func flags() async -> [String] {
            var texts: [String] = []
            for week in weeks { texts.append(await box.runInProcess(["flags", "--week", week, "--format", "json"]).stdout) }
            return texts
        }
        let before = await flags()
        let refused = await box.runInProcess(["config", "threshold", "4h", "--from-week", "2026-W40"])
        #expect(refused.status == 64 && refused.stderr.contains("2026-W40 is in the past"), "\(refused.output)")
        #expect(await box.runInProcess(["config", "threshold", "4h", "--from-week", "last"]).status == 64)
        #expect(await flags() == before)
        #expect(await box.runInProcess(["config", "threshold", "4h", "--from-week", "2026-W50"]).status == 0)
        #expect(await flags() == before)
    }

    @Test(arguments: StoreKind.all)
    func aTeamsTogglFileRegistersEveryoneAsStaff(store: StoreKind) async throws {
        let box = try await Sandbox.make(user: nil, store: store)  // a new database, its administrator importing
        let file = box.path("team.csv")
        try """
            User,Email,Project,Description,Start date,Start time,End date,End time,Duration,Tags
            Anna Jensen,anna@example.com,LinkedIn,Job ad,2026-11-17,09:00:00,2026-11-17,10:30:00,01:30:00,recruiting
            Bo Berg,bo@example.com,Facebook,Answers,2026-11-18,13:00:00,2026-11-18,13:45:00,00:45:00,customer-service
            Carla Lund,carla@example.com,Instagram,Story,2026-11-19,11:00:00,2026-11-19,11:20:00,00:20:00,brand-awareness

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = await box.runInProcess(["import", file, "--from", "toggl"])
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("Registered as staff: anna.jensen, bo.berg, carla.lund"), "\(imported.stdout)")
        #expect(try box.query("SELECT count(*) FROM staff WHERE role = 'staff'") == "3")
        #expect(try box.query("SELECT count(*) FROM staff WHERE role = 'manager'") == "0")
        // Until a manager exists only the administrator has manager rights.
        let flags = await box.runInProcess(["--as", "anna.jensen", "flags"])
        #expect(flags.status == 77, "\(flags.output)")
    }

    /// Runs the binary as `nobody` (uid 65534), a colleague on the same machine.
    static func asNobody(_ box: Sandbox, _ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        try IdentityEndToEndTests.runAsNobody(box, arguments, environment: environment)
    }

    /// A file shared with a group as the README shows (the administrator creates it): a
    /// colleague's first log registers them as staff, with no manager rights on a roster without a
    /// manager; a manager's login cannot review through --as, nor as themselves their own week.
    @Test(.enabled(if: getuid() == 0, "needs root to run a command as a second account"))
    func onASharedFileNobodyBecomesAManagerAndReviewsAreInOnesOwnName() async throws {
        let box = try await Sandbox.make(user: nil)
        #expect(try box.runAsOwner(["config", "company", "Acme"]).status == 0)  // the administrator creates the file
        #expect(chmod(box.folder.path, 0o777) == 0 && chmod(box.database, 0o666) == 0)
        let first = try Self.asNobody(box, ["log", "1h"] + Self.log)
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("Registered nobody as a new staff member"), "\(first.stdout)")
        let administrators = try box.runAsOwner(["log", "30m"] + Self.log)
        #expect(administrators.stdout.contains("as a manager (the administrator's own login)"), "\(administrators.output)")
        #expect(try box.sqlite("SELECT role FROM staff WHERE handle = 'nobody'") == "staff")
        let before = try DatabaseFingerprint(box)
        #expect(try Self.asNobody(box, ["flags"]).status == 77)
        #expect(try Self.asNobody(box, ["staff", "promote", "nobody"]).status == 77)
        let list = try Self.asNobody(box, ["staff", "list"])
        #expect(list.status == 0 && list.stdout.contains("nobody"), "\(list.output)")
        #expect(try DatabaseFingerprint(box) == before)

        // nobody made a manager by the administrator; anna (staff) and dan (a manager) justify W48.
        #expect(try box.run(["staff", "promote", "nobody"]).status == 0)
        try await box.registerInProcess("anna")
        try await box.registerInProcess("dan", manager: true)
        try await box.registerInProcess("carl")
        box.today = "2026-11-27"
        for person in ["anna", "dan", "nobody"] {
            #expect(try box.run(["--as", person, "log", "6h", "--date", "2026-11-24"] + Self.log).status == 0)
            #expect(try box.run(["--as", person, "justify", "--week", "2026-W48", "Recruiting three developers for spring"]).status == 0)
        }
        box.today = "2026-12-01"
        let reviewed = try DatabaseFingerprint(box)
        let viaOption = try Self.asNobody(box, ["--as", "dan", "review", "anna", "--accept"])
        #expect(viaOption.status == 77 && viaOption.stderr.contains("in their own name"), "\(viaOption.output)")
        let viaVariable = try Self.asNobody(box, ["review", "anna", "--accept"], environment: ["SOCIALTIME_USER": "dan"])
        #expect(viaVariable.status == 77, "\(viaVariable.output)")
        let ownWeek = try Self.asNobody(box, ["--as", "dan", "review", "nobody", "--accept"])
        #expect(ownWeek.status == 77, "\(ownWeek.output)")
        let own = try Self.asNobody(box, ["review", "nobody", "--accept"])
        #expect(own.status == 77 && own.stderr.contains("their own justification"), "\(own.output)")
        #expect(try DatabaseFingerprint(box) == reviewed)
        // In the login's own name it works; staff list shows a manager everyone.
        let accepted = try Self.asNobody(box, ["review", "anna", "--accept"])
        #expect(accepted.status == 0, "\(accepted.output)")
        #expect(try box.sqlite("SELECT s.handle FROM justifications j JOIN staff s ON s.id = j.reviewed_by") == "nobody")
        // Staff see themselves and the managers only.
        let annasList = try box.run(["--as", "anna", "staff", "list"])
        #expect(annasList.stdout.contains("dan") && annasList.stdout.contains("anna") && !annasList.stdout.contains("carl"), "\(annasList.stdout)")
    }

    /// Issue 18's follow-up: an edited timed entry keeps clock times that match it.
    @Test(arguments: StoreKind.all)
    func editingATimedEntryMovesItsClockTimesAndIsCheckedForOverlapsAndMidnight(store: StoreKind) async throws {
        let box = try await Sandbox.make(today: "2026-12-03", user: "boss", store: store)
        #expect(await box.runInProcess(["log", "--from", "09:00", "--to", "10:00", "--date", "2026-12-01"] + Self.log).status == 0)
        #expect(await box.runInProcess(["log", "--from", "11:00", "--to", "12:00", "--date", "2026-12-02"] + Self.log).status == 0)
        let times = "SELECT substr(started_at, 1, 16) || ' ' || substr(ended_at, 1, 16) FROM entries WHERE id = 1"
        let longer = await box.runInProcess(["edit", "1", "--duration", "90m"])
        #expect(longer.status == 0, "\(longer.output)")
        #expect(try box.query(times) == "2026-12-01T09:00 2026-12-01T10:30")
        let moved = await box.runInProcess(["edit", "1", "--date", "2026-12-02"])
        #expect(moved.status == 0, "\(moved.output)")
        #expect(try box.query(times) == "2026-12-02T09:00 2026-12-02T10:30")

        let before = try DatabaseFingerprint(box)
        let overlap = await box.runInProcess(["edit", "1", "--duration", "2h30m"])
        #expect(overlap.status == 64 && overlap.stderr.contains("overlaps entry #2"), "\(overlap.output)")
        let midnight = await box.runInProcess(["edit", "2", "--duration", "13h30m"])
        #expect(midnight.status == 64 && midnight.stderr.contains("past midnight") && midnight.stderr.contains("--duration"), "\(midnight.output)")
        #expect(try DatabaseFingerprint(box) == before)
        let toMidnight = await box.runInProcess(["edit", "1", "--date", "2026-12-01", "--duration", "15h"])
        #expect(toMidnight.status == 0, "\(toMidnight.output)")
        #expect(try box.query(times) == "2026-12-01T09:00 2026-12-02T00:00")
    }
}
