import Foundation
import Testing

/// Issue 10's timer, command by command: `start`, `stop`, `cancel` and `status`, with the clock
/// fixed by SOCIALTIME_NOW. In-process, except where two separate processes are the point.
@Suite struct TimerEndToEndTests {
    static func at(_ now: String) -> [String: String] { ["SOCIALTIME_NOW": now] }

    static let statusKeys: Set<String> = ["staff", "date", "today_minutes", "week", "week_minutes", "threshold_minutes",
                                          "justification_status", "review_comment", "timer"]
    static let timerKeys: Set<String> = ["network", "outcome", "note", "started_at", "elapsed_minutes"]

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test(arguments: StoreKind.all) func startThenStopLogsTheRoundedMinutes(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let started = await box.runInProcess(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-25T09:00"))
        #expect(started.status == 0 && started.stdout.contains("Started a timer for anna on linkedin for recruiting at 09:00"), "\(started.output)")
        let stopped = await box.runInProcess(["stop"], environment: Self.at("2026-11-25T10:29:40"))
        #expect(stopped.status == 0, "\(stopped.output)")
        #expect(stopped.stdout.contains("Logged #1 2026-11-25 anna 1h 30m on linkedin for recruiting"), "\(stopped.stdout)")
        #expect(try box.query("SELECT date, minutes, substr(started_at, 12, 8), substr(ended_at, 12, 8) FROM entries")
                == "2026-11-25|90|09:00:00|10:29:40")
        #expect(try box.query("SELECT count(*) FROM timers") == "0")
        #expect(try box.query("SELECT actor, action FROM audit_log") == "anna|create")
    }

    @Test(arguments: StoreKind.all) func aTimerAcrossMidnightLogsOneEntryPerDate(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["start", "-n", "fb", "-o", "customer-service", "-m", "night shift"], environment: Self.at("2026-11-25T23:30")).status == 0)
        let stopped = await box.runInProcess(["stop"], environment: Self.at("2026-11-26T00:45"))
        #expect(stopped.status == 0 && stopped.stdout.contains("crossed midnight"), "\(stopped.output)")
        #expect(try box.query("SELECT date, minutes, note FROM entries ORDER BY id") == "2026-11-25|30|night shift\n2026-11-26|45|night shift")
    }

    @Test(arguments: StoreKind.all) func aSecondStartStopsAndLogsTheFirst(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-25T09:00")).status == 0)
        let second = await box.runInProcess(["start", "x", "listening"], environment: Self.at("2026-11-25T09:45"))
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout.contains("Logged #1 2026-11-25 anna 45m on linkedin for recruiting")
                && second.stdout.contains("Started a timer for anna on x for listening at 09:45"), "\(second.stdout)")
        let status = await box.runInProcess(["status", "--format", "json"], environment: Self.at("2026-11-25T10:00"))
        let object = try Self.json(status.stdout)
        let timer = try #require(object["timer"] as? [String: Any])
        #expect(timer["network"] as? String == "x" && timer["elapsed_minutes"] as? Int == 15)
        #expect(object["today_minutes"] as? Int == 45)
    }

    @Test(arguments: StoreKind.all) func statusJSONHasExactlyTheSpecsFields(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let idle = await box.runInProcess(["status", "--format", "json"], environment: Self.at("2026-11-25T09:00"))
        #expect(idle.status == 0, "\(idle.output)")
        let idleObject = try Self.json(idle.stdout)
        #expect(Set(idleObject.keys) == Self.statusKeys)
        #expect(idleObject["timer"] is NSNull && idleObject["review_comment"] is NSNull)
        #expect(idleObject["staff"] as? String == "anna" && idleObject["date"] as? String == "2026-11-25" && idleObject["week"] as? String == "2026-W48")
        #expect(idleObject["threshold_minutes"] as? Int == 300 && idleObject["justification_status"] as? String == "none")

        #expect(await box.runInProcess(["log", "20m", "x", "listening", "-d", "2026-11-24"], environment: Self.at("2026-11-25T09:00")).status == 0)
        #expect(await box.runInProcess(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-25T09:00")).status == 0)
        let running = await box.runInProcess(["status", "--format", "json"], environment: Self.at("2026-11-25T09:42"))
        let object = try Self.json(running.stdout)
        #expect(Set(object.keys) == Self.statusKeys)
        let timer = try #require(object["timer"] as? [String: Any])
        #expect(Set(timer.keys) == Self.timerKeys)
        #expect(timer["elapsed_minutes"] as? Int == 42 && timer["note"] is NSNull && timer["outcome"] as? String == "recruiting")
        #expect((timer["started_at"] as? String)?.hasPrefix("2026-11-25T09:00:00") == true)
        #expect(object["week_minutes"] as? Int == 20 && object["today_minutes"] as? Int == 0)

        let text = await box.runInProcess(["status"], environment: Self.at("2026-11-25T09:42"))
        #expect(text.stdout.contains("Timer: linkedin, recruiting, running since 09:00 (42m)") && text.stdout.contains("2026-W48: 20m of the 5h threshold"),
                "\(text.stdout)")
    }

    /// The timer lives in the database: a `status` in another process sees it.
    @Test(arguments: StoreKind.all) func aTimerStartedInOneProcessIsSeenByStatusInAnother(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let started = try box.run(["start", "linkedin", "recruiting", "-m", "spring roles"], environment: Self.at("2026-11-25T09:00"))
        #expect(started.status == 0, "\(started.output)")
        let status = try box.run(["status", "--format", "json"], environment: Self.at("2026-11-25T09:42"))
        #expect(status.status == 0, "\(status.output)")
        let timer = try #require(try Self.json(status.stdout)["timer"] as? [String: Any])
        #expect(timer["network"] as? String == "linkedin" && timer["note"] as? String == "spring roles")
        #expect(timer["started_at"] as? String == "2026-11-25T09:00:00+01:00" && timer["elapsed_minutes"] as? Int == 42)
    }

    @Test(arguments: StoreKind.all) func aTimerPastADayIsRefusedAndCancelDiscardsIt(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-24T09:00")).status == 0)
        let before = try DatabaseFingerprint(box)
        let refused = await box.runInProcess(["stop"], environment: Self.at("2026-11-25T10:00"))
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("past 24 hours") && refused.stderr.contains("`socialtime stop --at WHEN`")
                && refused.stderr.contains("`socialtime cancel`"), "\(refused.stderr)")
        #expect(try DatabaseFingerprint(box) == before)
        let cancelled = await box.runInProcess(["cancel"], environment: Self.at("2026-11-25T10:00"))
        #expect(cancelled.status == 0 && cancelled.stdout.contains("nothing was logged"), "\(cancelled.output)")
        #expect(try box.entryCount() == 0)
        #expect(try box.query("SELECT count(*) FROM timers") == "0")
    }

    @Test(arguments: StoreKind.all) func underAMinuteSaysSoAndLogsNothing(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["start", "linkedin", "recruiting"], environment: Self.at("2026-11-25T09:00")).status == 0)
        let stopped = await box.runInProcess(["stop"], environment: Self.at("2026-11-25T09:00:25"))
        #expect(stopped.status == 0 && stopped.stdout.contains("under a minute, nothing was logged"), "\(stopped.output)")
        #expect(try box.entryCount() == 0)
    }

    @Test func bashCompletesStartsNetworkAndOutcomeFromTheDatabase() async throws {
        let box = try await CompletionEndToEndTests.sandboxWithCompletion()
        #expect(await box.runInProcess("log 1h linkedin recruiting").status == 0)
        #expect(try CompletionEndToEndTests.complete(["--db", box.database, "start", "linke"], in: box) == ["linkedin"])
        #expect(try CompletionEndToEndTests.complete(["--db", box.database, "start", "linkedin", "recr"], in: box) == ["recruiting"])
        #expect(try CompletionEndToEndTests.complete(["--db", box.database, "start", "-o", "cust"], in: box) == ["customer-service"])
    }
}
