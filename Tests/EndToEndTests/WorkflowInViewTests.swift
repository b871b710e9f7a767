import Foundation
import Testing

/// The workflow in view: justifications with their review and history, an entry's history,
/// results that can be corrected (audited). In-process against the report fixture.
@Suite struct WorkflowInViewTests {
    @Test(arguments: StoreKind.all) func justificationsShowTheReviewAndTheHistory(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let all = await box.runInProcess(["justifications", "--week", "2026-W47", "--all-staff", "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let list = try #require(try ReportFixture.json(all.stdout)["justifications"] as? [[String: Any]])
        #expect(list.map { $0["staff"] as? String } == ["lars", "mikkel", "sofie"])
        let mikkel = try #require(list.first { $0["staff"] as? String == "mikkel" })
        #expect(Set(mikkel.keys) == ["staff", "week", "status", "text", "minutes", "reviewed_by", "review_comment", "reviewed_minutes", "history", "late_changes"])
        #expect(mikkel["status"] as? String == "rejected")
        #expect(mikkel["reviewed_by"] as? String == "boss")
        #expect(mikkel["review_comment"] as? String == "How many inquiries?")
        #expect(mikkel["reviewed_minutes"] as? Int == 360)
        #expect(mikkel["minutes"] as? Int == 360)
        let history = try #require(mikkel["history"] as? [[String: Any]])
        #expect(history.map { $0["status"] as? String } == ["submitted", "rejected"])
        #expect(history.map { $0["by"] as? String } == ["mikkel", "boss"])
        let sofie = try #require(list.first { $0["staff"] as? String == "sofie" })
        #expect(sofie["reviewed_by"] is NSNull && sofie["reviewed_minutes"] is NSNull)

        // Staff see their own only.
        let own = await box.runInProcess(["--as", "mikkel", "justifications", "--week", "2026-W47", "--format", "json"])
        #expect((try ReportFixture.json(own.stdout)["justifications"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["mikkel"])
        let others = await box.runInProcess(["--as", "mikkel", "justifications", "--week", "2026-W47", "--all-staff"])
        #expect(others.status == 77 && others.stderr.contains("only a manager can read the justifications of everyone"))
        let text = await box.runInProcess(["--as", "mikkel", "justifications", "--week", "2026-W47"])
        #expect(text.stdout.contains("Reviewer's comment: How many inquiries?"), "\(text.stdout)")
    }

    @Test(arguments: StoreKind.all) func historyShowsWhoChangedWhat(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("boss", manager: true)
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["--as", "eve", "log", "1h", "--network", "x", "--outcome", "listening", "--note", "first"]).status == 0)
        #expect(await box.runInProcess(["--as", "boss", "edit", "1", "--duration", "45m", "--note", "second"]).status == 0)
        #expect(await box.runInProcess(["--as", "eve", "delete", "1"]).status == 0)
        let history = await box.runInProcess(["--as", "eve", "history", "1"])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.stdout.contains("eve  create") && history.stdout.contains("boss  edit") && history.stdout.contains("eve  delete"))
        #expect(history.stdout.contains("time: 1h → 45m") && history.stdout.contains("note: first → second"), "\(history.stdout)")
        let json = try ReportFixture.json(await box.runInProcess(["history", "1", "--format", "json"]).stdout)
        #expect((json["history"] as? [[String: Any]])?.map { $0["action"] as? String } == ["create", "edit", "delete"])
        try await box.registerInProcess("zed")
        let foreign = await box.runInProcess(["--as", "zed", "history", "1"])
        #expect(foreign.status == 77)
    }

    @Test(arguments: StoreKind.all) func resultsCanBeCorrectedAndDeletedAndTheAuditKeepsTheOldValue(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["result", "3", "--outcome", "sales-leads", "--note", "trade fair"]).status == 0)
        let edited = await box.runInProcess(["results", "edit", "1", "--quantity", "2", "--note", "one was a duplicate"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("2 leads for sales-leads"))
        let listed = try ReportFixture.json(await box.runInProcess(["results", "list", "--format", "json"]).stdout)
        let rows = try #require(listed["results"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["quantity"] as? Int == 2 && rows[0]["unit"] as? String == "leads")
        #expect(Set(rows[0].keys) == ["result_id", "week", "date", "staff", "staff_name", "outcome", "unit", "quantity", "note", "logged_at"])
        let history = await box.runInProcess(["history", "1", "--result"])
        #expect(history.stdout.contains("quantity: 3 → 2") && history.stdout.contains("note: trade fair → one was a duplicate"), "\(history.stdout)")
        #expect(await box.runInProcess(["results", "delete", "1"]).status == 0)
        #expect(try ReportFixture.json(await box.runInProcess(["results", "list", "--format", "json"]).stdout)["results"] as? [Any] != nil)
        #expect(try box.query("SELECT quantity, CAST(deleted AS integer) FROM results") == "2|1")
        #expect(try box.query("SELECT group_concat(action) FROM audit_log WHERE result_id = 1") == "create,edit,delete")
        let bad = await box.runInProcess(["results", "edit", "1", "--quantity", "4"])
        #expect(bad.status == 64 && bad.stderr.contains("no result #1"))
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["--as", "eve", "result", "1", "--outcome", "recruiting"]).status == 0)
        let before = try DatabaseFingerprint(box)
        let foreign = await box.runInProcess(["--as", "eve", "results", "edit", "2", "--quantity", "9"])
        #expect(foreign.status == 0)  // eve's own
        try await box.registerInProcess("zed")
        let refused = await box.runInProcess(["--as", "zed", "results", "delete", "2"])
        #expect(refused.status == 77 && refused.stderr.contains("only a manager can delete results of another person's data"))
        #expect(try DatabaseFingerprint(box) != before)  // eve's own edit went through
    }
}

@Suite struct CompanyNameTests {
    @Test func theCompanyNameIsAManagersSettingShownOnTheReport() async throws {
        let box = try await Sandbox.make()
        try await box.registerInProcess("eve")
        #expect(await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening", "--date", "2026-11-18"]).status == 0)
        let set = await box.runInProcess(["config", "company", "Nordisk Kaffe A/S & Søn"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(await box.runInProcess(["config", "company"]).stdout.contains("Company: Nordisk Kaffe A/S & Søn"))
        let html = await box.runInProcess(["report", "--format", "html"])
        #expect(html.stdout.contains("Nordisk Kaffe A/S &amp; Søn"), "the HTML report names the company, escaped")
        let before = try box.sqlite(".dump")
        let refused = await box.runInProcess(["--as", "eve", "config", "company", "Eve's Company"])
        #expect(refused.status == 77 && refused.stderr.contains("only a manager can change the company name; eve is staff"))
        #expect(try box.sqlite(".dump") == before)
    }
}
