import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Who is who on a local database: the login comes from the password database, not `$USER`;
/// acting as someone else needs the file's owner or a manager's login; a database no command
/// created is never created by a command that only reads; the threshold is dated; a review
/// covers the minutes it saw.
@Suite struct IdentityEndToEndTests {
    /// Runs the binary as the unprivileged account `nobody` (uid 65534), which does not own the
    /// database file: a colleague on the same machine.
    static func runAsNobody(_ box: Sandbox, _ arguments: [String], environment extra: [String: String] = [:]) throws -> RunResult {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "TZ": box.timeZone,
                           "SOCIALTIME_TODAY": box.today, "NO_COLOR": "1"]
        for (key, value) in extra { environment[key] = value }
        let process = try RunningProcess(binary: URL(fileURLWithPath: "/usr/bin/setpriv"),
                                         arguments: ["--reuid=65534", "--regid=65534", "--clear-groups", "--",
                                                     Sandbox.binary.path, "--db", box.database] + arguments,
                                         environment: environment, directory: box.folder, stdin: nil)
        return try process.finish()
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run a command as a second account"))
    func aSecondAccountThatIsStaffCannotActAsAnyoneElse() async throws {
        let box = try await Sandbox.make()  // anna: the sandbox's person, a manager
        try await box.registerInProcess("boss", manager: true)
        try await box.registerInProcess("nobody")  // the colleague's login, as staff
        try await box.registerInProcess("colleague")
        #expect(await box.runInProcess(["--as", "colleague", "log", "1h", "--network", "x", "--outcome", "listening"]).status == 0)
        // Shared the way the README shows: the file and its folder writable by the colleague.
        #expect(chmod(box.folder.path, 0o777) == 0 && chmod(box.database, 0o666) == 0)
        let before = try DatabaseFingerprint(box)

        let logArguments = ["log", "1h", "--network", "x", "--outcome", "listening"]
        let viaOption = try Self.runAsNobody(box, ["--as", "colleague"] + logArguments)
        #expect(viaOption.status == 77, "\(viaOption.output)")
        #expect(viaOption.stderr.contains("only a manager can act as someone else; nobody is staff"), "\(viaOption.stderr)")
        let viaVariable = try Self.runAsNobody(box, ["review", "colleague", "--week", "this", "--accept"], environment: ["SOCIALTIME_USER": "boss"])
        #expect(viaVariable.status == 77, "\(viaVariable.output)")
        let promote = try Self.runAsNobody(box, ["staff", "promote", "nobody"])
        #expect(promote.status == 77 && promote.stderr.contains("only a manager can promote people; nobody is staff"), "\(promote.output)")
        let colleaguesEntry = try Self.runAsNobody(box, ["delete", "1"])
        #expect(colleaguesEntry.status == 77, "\(colleaguesEntry.output)")
        #expect(try DatabaseFingerprint(box) == before)

        // $USER names nobody: the colleague still logs as the login the password database gives.
        let spoofed = try Self.runAsNobody(box, logArguments, environment: ["USER": "boss", "LOGNAME": "boss"])
        #expect(spoofed.status == 0, "\(spoofed.output)")
        #expect(spoofed.stdout.contains("logged by nobody"))
        #expect(try box.sqlite("SELECT s.handle FROM entries e JOIN staff s ON s.id = e.staff_id ORDER BY e.id DESC LIMIT 1") == "nobody")

        // Promoted, the colleague's login may act for others, with the acting person's own rights.
        #expect(await box.runInProcess(["staff", "promote", "nobody"]).status == 0)
        let forColleague = try Self.runAsNobody(box, ["--as", "colleague"] + logArguments)
        #expect(forColleague.status == 0, "\(forColleague.output)")
        let colleagueReport = try Self.runAsNobody(box, ["--as", "colleague", "report"])
        #expect(colleagueReport.status == 77, "the acting person's rights apply: \(colleagueReport.output)")
    }

    @Test func readOnlyCommandsNeverCreateADatabase() async throws {
        let box = try await Sandbox.make(user: nil)
        let typo = box.path("x/typo.db")
        for command in [["report"], ["flags"], ["export"], ["entries"], ["db", "check"], ["db", "backup", box.path("b.db")],
                        ["report", "--format", "json"], ["export", "--kind", "entries", "--out", "-"]] {
            let result = await box.runInProcess(["--db", typo] + command, withDatabase: false)
            #expect(result.status == 66, "\(command): \(result.output)")
            #expect(result.stderr.contains("no database at \(typo) (from --db)"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let fromVariable = await box.runInProcess(["report"], environment: ["SOCIALTIME_DB": typo], withDatabase: false)
        #expect(fromVariable.status == 66 && fromVariable.stderr.contains("(from SOCIALTIME_DB)"), "\(fromVariable.stderr)")
        let fromDefault = await box.runInProcess(["flags"], withDatabase: false)
        #expect(fromDefault.status == 66 && fromDefault.stderr.contains("(from the default location)"), "\(fromDefault.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.path("x")))
        #expect(!FileManager.default.fileExists(atPath: box.folder.path + "/.local"))
        #expect(!FileManager.default.fileExists(atPath: box.path("reports")))
    }

    @Test func theCronExportWithAMistypedDatabaseFailsLoudly() async throws {
        let box = try await Sandbox.make(user: nil)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/weekly-export.sh").path
        let typo = box.path("typo.db")
        // $0 is the binary, $1 the sandbox's database (unused here), $2 the mistyped path, $3 the script.
        let result = try box.runShell(#"PATH="$(dirname "$0"):$PATH" SOCIALTIME_DB="$2" exec "$3""#, arguments: [typo, script])
        #expect(result.status != 0, "\(result.output)")
        #expect(result.stderr.contains("no database at \(typo) (from SOCIALTIME_DB)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: typo))
    }

    @Test func aNewThresholdNeverReJudgesAnEarlierWeek() async throws {
        let box = try await Sandbox.make()
        try await ReportFixture.build(box)
        let before = await box.runInProcess(["flags", "--week", "2026-W47", "--format", "json"])
        #expect(before.status == 0)
        // Made today, in 2026-W48: it applies from this week on.
        let set = await box.runInProcess(["config", "threshold", "4h"])
        #expect(set.status == 0 && set.stdout.contains("from 2026-W48 on"), "\(set.output)")
        #expect(await box.runInProcess(["flags", "--week", "2026-W47", "--format", "json"]).stdout == before.stdout)
        #expect(await box.runInProcess(["log", "4h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-24"]).status == 0)
        let thisWeek = try ReportFixture.json(await box.runInProcess(["flags", "--week", "2026-W48", "--format", "json"]).stdout)
        #expect(thisWeek["threshold_minutes"] as? Int == 240)
        #expect((thisWeek["flagged"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["anna"])  // 5 h ≥ 4 h
        // The report's trend judges each week by its own threshold.
        let report = try ReportFixture.json(await box.runInProcess(["report", "--week", "2026-W48", "--weeks", "1", "--format", "json"]).stdout)
        #expect(report["threshold_minutes"] as? Int == 240)
        #expect((report["trend"] as? [[String: Any]])?.first?["flagged"] as? Int == 2)
    }

    @Test func anAcceptanceCoversOnlyTheMinutesItSaw() async throws {
        let box = try await Sandbox.make()
        try await box.registerInProcess("boss", manager: true)
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["--as", "eve", "log", "6h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-17"]).status == 0)
        #expect(await box.runInProcess(["--as", "eve", "justify", "--week", "2026-W47", "Six candidate calls booked from the LinkedIn post"]).status == 0)
        #expect(await box.runInProcess(["--as", "boss", "review", "eve", "--week", "2026-W47", "--accept", "--comment", "Fine"]).status == 0)
        let covered = try ReportFixture.json(await box.runInProcess(["flags", "--format", "json"]).stdout)
        #expect((covered["awaiting_review"] as? [[String: Any]])?.isEmpty == true)
        #expect(await box.runInProcess(["--as", "eve", "log", "2h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-18"]).status == 0)
        let grown = try ReportFixture.json(await box.runInProcess(["flags", "--format", "json"]).stdout)
        let awaiting = try #require((grown["awaiting_review"] as? [[String: Any]])?.first)
        #expect(awaiting["staff"] as? String == "eve")
        #expect(awaiting["minutes"] as? Int == 480)
        #expect(awaiting["justification_status"] as? String == "submitted")
        #expect(awaiting["reviewed_minutes"] as? Int == 360)
        #expect(awaiting["reviewed_by"] as? String == "boss")
        #expect((grown["flagged"] as? [[String: Any]])?.isEmpty == true)
    }
}
