import Foundation
import Testing

@Suite struct JustifyReviewEndToEndTests {
    @Test(arguments: StoreKind.all) func justifyIsForAWeekWithHoursAndRegistersTheLogin(store: StoreKind) async throws {
        let box = try await Sandbox.make(user: nil, store: store)
        let login = box.ownerLogin
        let empty = await box.runInProcess(["justify", "LinkedIn outreach for the spring hiring round"])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("nothing logged in 2026-W48"))
        #expect(try box.query("SELECT count(*) FROM justifications") == "0")
        #expect(await box.runInProcess(["log", "2h", "--network", "linkedin", "--outcome", "recruiting"]).stdout.contains("Registered \(login)"))
        let run = await box.runInProcess(["justify", "LinkedIn outreach for the spring hiring round"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Submitted \(login)'s justification for 2026-W48"))
        #expect(try box.query("SELECT s.handle, j.week, j.status FROM justifications j JOIN staff s ON s.id = j.staff_id") == "\(login)|2026-W48|submitted")
    }

    @Test(arguments: StoreKind.all) func shortOrControlCharacterTextIsRefusedAndNothingChanges(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let before = try ReportFixture.counts(box)
        let short = await box.runInProcess(["justify", "--week", "last", "  Nineteen chars ok  "])
        #expect(short.status == 64)
        #expect(short.stderr.contains("at least 20 characters") && short.stderr.contains("has 17"))
        let newline = await box.runInProcess(["justify", "--week", "last", "Line one is long enough\nline two"])
        #expect(newline.status == 64)
        #expect(newline.stderr.contains("control character"))
        #expect(await box.runInProcess(["justify", "--week", "2026-W99", "A long enough justification text"]).status == 64)
        #expect(try ReportFixture.counts(box) == before)
    }

    @Test(arguments: StoreKind.all) func resubmittingResetsToSubmittedAndKeepsHistory(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let again = await box.runInProcess(["--as", "mikkel", "justify", "--week", "2026-W47", "38 inquiries answered in Messenger"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Replaced mikkel's justification for 2026-W47 (6h logged)"))
        #expect(try box.query("SELECT status || '|' || text || '|' || coalesce(CAST(reviewed_by AS TEXT), '-') FROM justifications j JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'mikkel'")
            == "submitted|38 inquiries answered in Messenger|-")
        #expect(try box.query("SELECT group_concat(line, ' / ') FROM (SELECT h.status || ':' || h.text AS line FROM justification_history h JOIN justifications j ON j.id = h.justification_id JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'mikkel' ORDER BY h.id) AS ordered")
            == "submitted:\(ReportFixture.mikkelText) / rejected:\(ReportFixture.mikkelText) / submitted:38 inquiries answered in Messenger")
        let flags = try ReportFixture.json(await box.runInProcess("flags --format json").stdout)
        #expect((flags["awaiting_review"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["mikkel", "sofie"])
    }

    @Test(arguments: StoreKind.all) func reviewIsForManagersOnly(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let before = try ReportFixture.counts(box)
        let refused = await box.runInProcess(["--as", "jonas", "review", "sofie", "--accept"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("only a manager can review justifications; jonas is staff"))
        #expect(!refused.stderr.contains("--as"))  // names the rule, suggests no way around it
        let stranger = await box.runInProcess(["--as", "stranger", "review", "sofie", "--accept"])
        #expect(stranger.status == 64)
        #expect(try box.query("SELECT count(*) FROM staff WHERE handle = 'stranger'") == "0")
        #expect(try ReportFixture.counts(box) == before)

        #expect(await box.runInProcess(["staff", "promote", "jonas"]).status == 0)
        let accepted = await box.runInProcess(["--as", "jonas", "review", "sofie", "--accept", "--comment", "Good & clear"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("Accepted sofie's justification for 2026-W47 (6h logged): Good & clear"))
        #expect(try box.query("SELECT status || '|' || review_comment FROM justifications j JOIN staff s ON s.id = j.staff_id WHERE s.handle = 'sofie'") == "accepted|Good & clear")
        #expect(try box.query("SELECT status || '|' || comment FROM justification_history ORDER BY id DESC LIMIT 1") == "accepted|Good & clear")
    }

    @Test(arguments: StoreKind.all) func reviewRefusesWhatIsNotThere(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let before = try ReportFixture.counts(box)
        let noJustification = await box.runInProcess(["--as", "boss", "review", "anna", "--reject"])
        #expect(noJustification.status == 64)
        #expect(noJustification.stderr.contains("anna has no justification for 2026-W47: there is nothing to review"))
        let otherWeek = await box.runInProcess(["--as", "boss", "review", "sofie", "--week", "this", "--accept"])
        #expect(otherWeek.status == 64)
        let unknown = await box.runInProcess(["--as", "boss", "review", "nobody", "--accept"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("no staff member 'nobody'"))
        let neither = await box.runInProcess(["--as", "boss", "review", "sofie"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("exactly one of --accept and --reject"))
        #expect(await box.runInProcess(["--as", "boss", "review", "sofie", "--accept", "--reject"]).status == 64)
        #expect(await box.runInProcess(["--as", "boss", "review", "sofie", "--accept", "--comment", "bad\u{7}bell"]).status == 64)
        #expect(try ReportFixture.counts(box) == before)
    }
}
