import Foundation
import Testing

@Suite struct ReportEndToEndTests {
    @Test(arguments: StoreKind.all) func jsonMatchesTheContractFieldByField(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let run = await box.runInProcess("report --format json")
        #expect(run.status == 0, "\(run.stderr)")
        let json = try ReportFixture.json(run.stdout)
        #expect(Set(json.keys) == ["week", "from", "to", "threshold_minutes", "staff", "outcomes", "networks", "totals", "trend", "late_changes"])
        #expect(json["week"] as? String == "2026-W47")
        #expect(json["from"] as? String == "2026-11-16" && json["to"] as? String == "2026-11-22")
        #expect(json["threshold_minutes"] as? Int == 300)

        let staff = try #require(json["staff"] as? [[String: Any]])
        #expect(staff.map { $0["staff"] as? String } == ["mikkel", "anna", "sofie", "lars", "jonas"])
        #expect(staff.map { $0["minutes"] as? Int } == [360, 300, 360, 301, 299])
        #expect(staff.map { $0["flagged"] as? Bool } == [true, true, false, false, false])
        #expect(staff.map { $0["justification_status"] as? String } == ["rejected", "none", "submitted", "accepted", "none"])
        #expect(staff.allSatisfy { Set($0.keys) == ["staff", "name", "minutes", "by_network", "by_outcome", "justification_status", "justification", "reviewed_by", "review_comment", "reviewed_minutes", "flagged", "late_changes"] })
        let anna = staff[1]
        #expect(anna["name"] as? String == "Anna Jensen")
        #expect(anna["by_network"] as? [String: Int] == ["linkedin": 180, "facebook": 120])
        #expect(anna["by_outcome"] as? [String: Int] == ["recruiting": 300])
        #expect(anna["justification"] is NSNull)
        #expect(staff[2]["justification"] as? String == ReportFixture.sofieText)
        #expect(staff[3]["justification"] as? String == ReportFixture.larsText)
        #expect(staff[0]["justification"] as? String == ReportFixture.mikkelText)

        let outcomes = try #require(json["outcomes"] as? [[String: Any]])
        #expect(outcomes.map { $0["outcome"] as? String } == ["customer-service", "sales-leads", "brand-awareness", "recruiting"])
        #expect(outcomes.map { $0["minutes"] as? Int } == [659, 360, 301, 300])
        #expect(outcomes.map { $0["results"] as? Int } == [0, 3, 0, 2])
        #expect(outcomes.map { $0["unit"] as? String } == ["inquiries", "leads", nil, "hires"])
        #expect(outcomes[2]["unit"] is NSNull)
        #expect(outcomes.map { $0["minutes_per_result"] as? Int } == [nil, 120, nil, 150])
        #expect(outcomes[0]["minutes_per_result"] is NSNull)
        #expect(outcomes.allSatisfy { Set($0.keys) == ["outcome", "unit", "minutes", "results", "minutes_per_result"] })

        let networks = try #require(json["networks"] as? [[String: Any]])
        #expect(networks.map { $0["network"] as? String } == ["facebook", "linkedin", "instagram"])
        #expect(networks.map { $0["minutes"] as? Int } == [779, 540, 301])

        let totals = try #require(json["totals"] as? [String: Int])
        #expect(totals == ["minutes": 1620, "staff": 5, "flagged": 2])

        let trend = try #require(json["trend"] as? [[String: Any]])
        #expect(trend.map { $0["week"] as? String } == ["2026-W43", "2026-W44", "2026-W45", "2026-W46"])
        #expect(trend.map { $0["minutes"] as? Int } == [0, 0, 0, 360])
        #expect(trend.map { $0["flagged"] as? Int } == [0, 0, 0, 1])

        let short = try ReportFixture.json(await box.runInProcess("report --format json --weeks 1 --week 2026-W48").stdout)
        #expect((short["trend"] as? [[String: Any]])?.map { $0["week"] as? String } == ["2026-W47"])
        #expect((short["totals"] as? [String: Int])?["minutes"] == 60)
    }

    @Test(arguments: StoreKind.all) func textReadsWellInEightyColumns(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let run = await box.runInProcess("report")
        #expect(run.status == 0)
        let text = run.stdout
        #expect(text.hasPrefix("Weekly report 2026-W47 (2026-11-16 – 2026-11-22)\n"))
        #expect(text.contains("Threshold 5h · 5 people · 27h logged · 2 flagged · 1 awaiting review"))
        #expect(text.contains("2h 30m per hire") && text.contains("2h per lead"))
        #expect(!text.contains("\u{1B}["), "no colour when stdout is not a terminal")
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        // Flagged first: mikkel and anna above sofie.
        let order = ["mikkel  ", "anna  ", "sofie  ", "lars  ", "jonas  "].map { text.range(of: $0)!.lowerBound }
        #expect(order == order.sorted())
    }

    @Test(arguments: StoreKind.all) func markdownHasTheSections(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let run = await box.runInProcess("report --format markdown")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("# Weekly report 2026-W47 (2026-11-16 – 2026-11-22)\n"))
        for heading in ["## People — flagged first", "## Outcomes — effort to value", "## Networks", "## Trend", "## Justifications"] {
            #expect(run.stdout.contains(heading + "\n"), "\(heading)")
        }
        #expect(run.stdout.contains("| anna | Anna Jensen | 5h | none | **FLAGGED** |"))
        #expect(run.stdout.contains("Launch week: the reel series &amp; the product ads"))
    }

    /// Notes, names and justifications with markup and ampersands come out escaped, and
    /// the file is written through --out.
    @Test(arguments: StoreKind.all) func htmlEscapesEverythingAPersonTyped(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let script = "<script>alert(1)</script>"
        for step in [
            ["staff", "add", "boss", "--manager"],
            ["staff", "add", "eve", "--name", "Eve \(script) & Co"],
            ["--as", "eve", "log", "6h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-17", "--note", "\(script) & more"],
            ["--as", "eve", "justify", "--week", "last", "We hired two & \(script) was a test"],
            ["outcomes", "add", "partners", "--description", "Partners", "--unit", "<b>deals</b> & co"],
            ["--as", "eve", "log", "1h", "--network", "facebook", "--outcome", "partners", "--date", "2026-11-18"],
            ["--as", "eve", "result", "2", "--outcome", "partners", "--date", "2026-11-18"],
        ] {
            #expect(await box.runInProcess(step).status == 0, "\(step)")
        }
        let out = box.path("report.html")
        let run = await box.runInProcess(["report", "--format", "html", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let html = try #require(box.bytes(out).map { String(decoding: $0, as: UTF8.self) })
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("Eve &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("We hired two &amp; &lt;script&gt;alert(1)&lt;/script&gt; was a test"))
        #expect(html.contains("&lt;b&gt;deals&lt;/b&gt; &amp; co"))
        #expect(html.contains("<svg") && html.contains("</html>"))
        #expect(!FileManager.default.fileExists(atPath: box.path(".report.html.tmp")))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test(arguments: StoreKind.all) func everyFormatRunsOnAnEmptyWeek(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        for format in ["text", "markdown", "json", "html"] {
            let run = await box.runInProcess(["report", "--format", format, "--week", "2026-W30"])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            #expect(run.stdout.contains("2026-W30"))
        }
    }

    @Test(arguments: StoreKind.all) func badArgumentsAndUnwritableOutput(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        for arguments in [["report", "--weeks", "53"], ["report", "--weeks", "-1"], ["report", "--format", "pdf"], ["report", "--week", "someday"]] {
            let run = await box.runInProcess(arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
            #expect(run.stderr.lowercased().contains("error"))
        }
        let missing = await box.runInProcess(["report", "--out", box.path("no/such/folder/report.txt")])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("does not exist"))
        let folder = await box.runInProcess(["report", "--out", box.folder.path])
        #expect(folder.status == 64)
        // A previous file stays when the new one cannot be written over it… and is replaced when it can.
        let out = box.path("r.json")
        #expect(await box.runInProcess(["report", "--format", "json", "--out", out]).status == 0)
        #expect(await box.runInProcess(["report", "--format", "text", "--out", out]).status == 0)
        #expect(String(decoding: box.bytes(out)!, as: UTF8.self).hasPrefix("Weekly report"))
    }
}
