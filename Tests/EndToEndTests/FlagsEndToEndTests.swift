import Foundation
import Testing

@Suite struct FlagsEndToEndTests {
    @Test(arguments: StoreKind.all) func jsonMatchesTheContractFieldByField(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let run = await box.runInProcess(["flags", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try ReportFixture.json(run.stdout)
        #expect(Set(json.keys) == ["week", "from", "to", "threshold_minutes", "flagged", "awaiting_review"])
        #expect(json["week"] as? String == "2026-W47")
        #expect(json["from"] as? String == "2026-11-16")
        #expect(json["to"] as? String == "2026-11-22")
        #expect(json["threshold_minutes"] as? Int == 300)
        let flagged = try #require(json["flagged"] as? [[String: Any]])
        #expect(flagged.map { $0["staff"] as? String } == ["mikkel", "anna"])
        #expect(flagged.map { $0["name"] as? String } == ["mikkel", "Anna Jensen"])
        #expect(flagged.map { $0["minutes"] as? Int } == [360, 300])
        #expect(flagged.map { $0["justification_status"] as? String } == ["rejected", "none"])
        #expect(flagged.allSatisfy { Set($0.keys) == ["staff", "name", "minutes", "justification_status", "reviewed_by", "review_comment", "reviewed_minutes", "late_changes"] })
        let awaiting = try #require(json["awaiting_review"] as? [[String: Any]])
        #expect(awaiting.count == 1)
        #expect(awaiting.first?["staff"] as? String == "sofie")
        #expect(awaiting.first?["minutes"] as? Int == 360)
        #expect(awaiting.first?["justification_status"] as? String == "submitted")
        // Key order is part of the contract's shape.
        #expect(run.stdout.range(of: "\"week\"")!.lowerBound < run.stdout.range(of: "\"threshold_minutes\"")!.lowerBound)
    }

    @Test(arguments: StoreKind.all) func textAndCSV(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let text = await box.runInProcess("flags")
        #expect(text.status == 0)
        #expect(text.stdout.contains("2026-W47 (2026-11-16 – 2026-11-22), threshold 5h"))
        #expect(text.stdout.contains("Flagged"))
        #expect(text.stdout.contains("Anna Jensen") && text.stdout.contains("Awaiting review (1)"))
        #expect(!text.stdout.contains("lars") && !text.stdout.contains("jonas"))
        let csv = await box.runInProcess("flags --format csv")
        // The review columns (reviewer, comment, minutes covered) follow the status; their values
        // come from the store.
        let rows = csv.stdout.split(separator: "\r\n").map(String.init)
        #expect(rows.count == 3)
        #expect(rows.first == "week,staff,staff_name,minutes,hours,threshold_hours,justification_status,reviewed_by,review_comment,reviewed_minutes")
        #expect(rows.dropFirst().first?.hasPrefix("2026-W47,mikkel,mikkel,360,6.00,5.00,rejected,") == true)
        #expect(rows.last?.hasPrefix("2026-W47,anna,Anna Jensen,300,5.00,5.00,none,") == true)
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 10 })
    }

    @Test(arguments: StoreKind.all) func failOnFlagsExitsThreeOnlyWhenSomeoneIsFlagged(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        #expect(await box.runInProcess("flags --fail-on-flags").status == 3)
        #expect(await box.runInProcess("flags --fail-on-flags --format json").status == 3)
        #expect(await box.runInProcess("flags").status == 0)
        #expect(await box.runInProcess("flags --fail-on-flags --threshold 6h01m").status == 0)
        #expect(await box.runInProcess("flags --fail-on-flags --week this").status == 0)
        // The stored threshold is used, and --threshold overrides it.
        // Set during W47 itself (a threshold never applies to a week already past).
        #expect(await box.runInProcess(["config", "threshold", "7h", "--from-week", "2026-W47"], environment: ["SOCIALTIME_TODAY": "2026-11-16"]).status == 0)
        #expect(await box.runInProcess("flags --fail-on-flags").status == 0)
        let lowered = await box.runInProcess("flags --fail-on-flags --threshold 4h59m --format json")
        #expect(lowered.status == 3)
        let json = try ReportFixture.json(lowered.stdout)
        #expect(json["threshold_minutes"] as? Int == 299)
        #expect((json["flagged"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["mikkel", "anna", "jonas"])
    }

    @Test(arguments: StoreKind.all) func badArgumentsAreUsageErrors(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        for arguments in ["flags --week 2026-W54", "flags --threshold 0", "flags --threshold lots", "flags --format xml"] {
            let run = await box.runInProcess(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(!run.stderr.isEmpty)
        }
        #expect(await box.runInProcess("flags --week 2026-W60").stderr.contains("no such week"))
    }

    /// `log` warns at the stored threshold, not a built-in five hours.
    @Test(arguments: StoreKind.all) func logWarnsAtTheStoredThreshold(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess("config threshold 1h").status == 0)
        let under = await box.runInProcess("log 59m --network linkedin --outcome recruiting")
        #expect(under.status == 0 && !under.stderr.contains("warning"))
        let reached = await box.runInProcess("log 1m --network linkedin --outcome recruiting")
        #expect(reached.status == 0)
        #expect(reached.stderr.contains("at or over the 1h threshold"))
        #expect(reached.stderr.contains("socialtime justify"))
    }
}
