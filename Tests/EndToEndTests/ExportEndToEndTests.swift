import Foundation
import Testing

@Suite struct ExportEndToEndTests {
    static let hyperlink = "=HYPERLINK(\"http://x\",\"y\")"
    static let entriesHeader = ["entry_id", "week", "date", "staff", "staff_name", "network", "outcome", "minutes", "hours", "note", "logged_at"]
    static let summaryHeader = ["week", "staff", "staff_name", "minutes", "hours", "threshold_hours", "justification_status", "flagged", "justification", "reviewed_by", "review_comment", "reviewed_minutes"]
    static let resultsHeader = ["result_id", "week", "date", "staff", "staff_name", "outcome", "unit", "quantity", "note", "logged_at"]
    static let flagsHeader = ["week", "staff", "staff_name", "minutes", "hours", "threshold_hours", "justification_status", "reviewed_by", "review_comment", "reviewed_minutes"]

    /// Last week (2026-W47): anna 6h 30m with no justification (flagged), bo 6h with a submitted
    /// one (awaiting review), carla 45m; plus an entry this week that no W47 file may contain.
    static func populatedBox(store: StoreKind = .sqlite) async throws -> Sandbox {
        let box = try await Sandbox.make(store: store)
        try #require(box.runAsOwner(["staff", "rename", "anna", "Anna Jensen"]).status == 0)
        try await box.registerInProcess("bo")
        try await box.registerInProcess("carla")
        let logs: [[String]] = [
            ["log", "5h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-17", "--note", hyperlink],
            ["log", "1h30m", "--network", "fb", "--outcome", "sales-leads", "--date", "2026-11-18", "--note", "a, \"b\"; c æøå"],
            ["--as", "bo", "log", "6h", "--network", "x", "--outcome", "listening", "--date", "2026-11-19", "--note=-minus and @at"],
            ["--as", "carla", "log", "45m", "--network", "instagram", "--outcome", "brand-awareness", "--date", "2026-11-22"],
            ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-24"],
            ["result", "2", "--outcome", "recruiting", "--date", "2026-11-18", "--note", "=two hires"],
        ]
        for arguments in logs { try #require(box.run(arguments).status == 0) }
        _ = try box.query("""
            INSERT INTO justifications(staff_id, week, text, status, submitted_at)
            SELECT id, '2026-W47', 'Monitoring; the "brand" conversation, daily', 'submitted', '2026-11-23T09:00:00+01:00' FROM staff WHERE handle = 'bo'
            """)
        return box
    }

    @Test(arguments: StoreKind.all, ["rfc4180", "excel"])
    func everyKindReadsBackWithPythonsCSVModule(store: StoreKind, dialect: String) async throws {
        let box = try await Self.populatedBox(store: store)
        let result = await box.runInProcess(["export", "--dialect", dialect])
        #expect(result.status == 0, "\(result.stderr)")
        let folder = box.path("reports")
        let names = ["entries", "summary", "flags", "results"].map { "socialtime-\($0)-2026-W47.csv" }
        #expect(CSVFiles.files(in: folder) == names.sorted())
        #expect(result.stdout.split(separator: "\n").map(String.init) == names.map { "reports/\($0)" })

        let excel = dialect == "excel"
        let delimiter = excel ? ";" : ","
        func hours(_ text: String) -> String { excel ? text.replacingOccurrences(of: ".", with: ",") : text }

        let entries = try CSVFiles.python(box.path("reports/\(names[0])"), delimiter: delimiter)
        #expect(entries.hasByteOrderMark == excel)
        #expect(entries.header == Self.entriesHeader)
        let rows = entries.records
        #expect(rows.map { $0["date"]! } == ["2026-11-17", "2026-11-18", "2026-11-19", "2026-11-22"])
        #expect(rows.map { $0["staff"]! } == ["anna", "anna", "bo", "carla"])
        #expect(rows[0]["staff_name"] == "Anna Jensen")
        #expect(rows[0]["note"] == "'" + Self.hyperlink, "the formula is neutralised")
        #expect(rows[0]["minutes"] == "300")
        #expect(rows[0]["hours"] == hours("5.00"))
        #expect(rows[1]["note"] == "a, \"b\"; c æøå")
        #expect(rows[1]["network"] == "facebook")
        #expect(rows[1]["hours"] == hours("1.50"))
        #expect(rows[2]["note"] == "'-minus and @at")
        #expect(rows[3]["hours"] == hours("0.75"))
        #expect(rows.allSatisfy { $0["week"] == "2026-W47" && $0["logged_at"]!.contains("T") })

        let summary = try CSVFiles.python(box.path("reports/\(names[1])"), delimiter: delimiter)
        #expect(summary.hasByteOrderMark == excel)
        #expect(summary.header == Self.summaryHeader)
        let people = summary.records
        #expect(people.map { $0["staff"]! } == ["anna", "bo", "carla"], "most hours first, as in the report")
        #expect(people.map { $0["flagged"]! } == ["true", "false", "false"])
        #expect(people.map { $0["justification_status"]! } == ["none", "submitted", "none"])
        #expect(people.map { $0["minutes"]! } == ["390", "360", "45"])
        #expect(people.map { $0["hours"]! } == ["6.50", "6.00", "0.75"].map(hours))
        #expect(people.allSatisfy { $0["threshold_hours"] == hours("5.00") })
        #expect(people[1]["justification"] == "Monitoring; the \"brand\" conversation, daily")

        let flags = try CSVFiles.python(box.path("reports/\(names[2])"), delimiter: delimiter)
        #expect(flags.header == Self.flagsHeader)
        #expect(flags.records.map { $0["staff"]! } == ["anna"])
        #expect(flags.records.first?["hours"] == hours("6.50"))

        let results = try CSVFiles.python(box.path("reports/\(names[3])"), delimiter: delimiter)
        #expect(results.header == Self.resultsHeader)
        #expect(results.records.map { [$0["staff"]!, $0["outcome"]!, $0["unit"]!, $0["quantity"]!, $0["note"]!, $0["week"]!] }
                == [["anna", "recruiting", "hires", "2", "'=two hires", "2026-W47"]])

        // Raw bytes: CRLF rows, and in Excel the BOM then semicolons.
        let raw = try #require(box.bytes(box.path("reports/\(names[0])")))
        #expect(String(decoding: raw, as: UTF8.self).hasSuffix("\r\n"))
        #expect(Array(raw.prefix(3)) == (excel ? [0xEF, 0xBB, 0xBF] : Array("ent".utf8)))
    }

    /// The issue's "done when": after `demo`, `export` writes last week's four CSVs into
    /// ./reports/ and Python reads each back (demo writes the same files itself, into ./reports/demo/).
    /// SQLite only: `demo` always writes its own SQLite file, socialtime-demo.db.
    @Test func exportAfterDemoWritesLastWeeksThreeFilesThatPythonReads() async throws {
        let box = try await Sandbox.make()
        let demo = await box.runInProcess(["demo"], withDatabase: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        #expect(demo.stdout.contains("CSV files: reports/demo/socialtime-entries-2026-W47.csv, reports/demo/socialtime-summary-2026-W47.csv, reports/demo/socialtime-flags-2026-W47.csv, reports/demo/socialtime-results-2026-W47.csv"))
        let fromDemo = ["entries", "summary", "flags", "results"].map { box.bytes(box.path("reports/demo/socialtime-\($0)-2026-W47.csv")) }
        let export = await box.runAsOwnerInProcess(["--db", "socialtime-demo.db", "export"], withDatabase: false)
        #expect(export.status == 0, "\(export.stderr)")
        let names = ["entries", "summary", "flags", "results"].map { "socialtime-\($0)-2026-W47.csv" }
        #expect(CSVFiles.files(in: box.path("reports")) == (names + ["demo"]).sorted())
        #expect(names.map { box.bytes(box.path("reports/\($0)")) } == fromDemo)
        let headers = [Self.entriesHeader, Self.summaryHeader, Self.flagsHeader, Self.resultsHeader]
        for (name, header) in zip(names, headers) {
            let parsed = try CSVFiles.python(box.path("reports/\(name)"), delimiter: ",")
            #expect(parsed.header == header)
            #expect(parsed.rows.count > 1, "\(name) has rows")
        }
        let flags = try CSVFiles.python(box.path("reports/socialtime-flags-2026-W47.csv"), delimiter: ",")
        #expect(flags.records.map { $0["staff"]! } == ["anna", "jonas"], "the demo's flagged people")
    }

    @Test(arguments: StoreKind.all) func aSecondExportWritesIdenticalBytes(store: StoreKind) async throws {
        let box = try await Self.populatedBox(store: store)
        #expect(await box.runInProcess(["export", "--out", "first/"]).status == 0)
        #expect(await box.runInProcess(["export", "--out", "second/"]).status == 0)
        #expect(await box.runInProcess(["export", "--out", "first/"]).status == 0)
        for name in CSVFiles.files(in: box.path("first")) {
            #expect(box.bytes(box.path("first/\(name)")) == box.bytes(box.path("second/\(name)")), "\(name)")
        }
        #expect(CSVFiles.files(in: box.path("first")).count == 4)
    }

    @Test(arguments: StoreKind.all) func stdoutTakesOneKindAndThePathNoteGoesToStderr(store: StoreKind) async throws {
        let box = try await Self.populatedBox(store: store)
        let piped = await box.runInProcess(["export", "--kind", "flags", "--out", "-"])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.hasPrefix("week,staff,staff_name,minutes,hours,threshold_hours,justification_status,reviewed_by,review_comment,reviewed_minutes\r\n2026-W47,anna,Anna Jensen,390,6.50,5.00,none,,,\r\n"))
        #expect(piped.stderr.contains("socialtime-flags-2026-W47.csv"))
        #expect(!FileManager.default.fileExists(atPath: box.path("reports")), "nothing written to the default folder")

        #expect(await box.runInProcess(["export", "--kind", "entries", "--out", "file.csv"]).status == 0)
        let entries = await box.runInProcess(["export", "--kind", "entries", "--out", "-"])
        #expect(entries.stdout.data(using: .utf8) == box.bytes(box.path("file.csv")))

        let all = await box.runInProcess(["export", "--kind", "all", "--out", "-"])
        #expect(all.status == 64)
        #expect(all.stderr.contains("one --kind"))
        #expect(await box.runInProcess(["export", "--out", "one.csv"]).status == 64)
    }

    @Test(arguments: StoreKind.all) func rangesAndAllNameTheirFilesAndCoverWholeWeeks(store: StoreKind) async throws {
        let box = try await Self.populatedBox(store: store)
        let range = await box.runInProcess(["export", "--from", "2026-11-19", "--to", "2026-11-24", "--out", "range/"])
        #expect(range.status == 0, "\(range.stderr)")
        #expect(CSVFiles.files(in: box.path("range")) == ["entries", "flags", "results", "summary"].map { "socialtime-\($0)-2026-11-19_2026-11-24.csv" })
        let entries = try CSVFiles.python(box.path("range/socialtime-entries-2026-11-19_2026-11-24.csv"), delimiter: ",")
        #expect(entries.records.map { $0["date"]! } == ["2026-11-19", "2026-11-22", "2026-11-24"])
        let summary = try CSVFiles.python(box.path("range/socialtime-summary-2026-11-19_2026-11-24.csv"), delimiter: ",")
        #expect(summary.records.map { "\($0["week"]!) \($0["staff"]!) \($0["minutes"]!)" }
                == ["2026-W47 anna 390", "2026-W47 bo 360", "2026-W47 carla 45", "2026-W48 anna 60"])

        #expect(await box.runInProcess(["export", "--all", "--kind", "entries", "--out", "all/"]).status == 0)
        let all = try CSVFiles.python(box.path("all/socialtime-entries-all.csv"), delimiter: ",")
        #expect(all.records.count == 5)
        #expect(await box.runInProcess(["export", "--from", "2026-11-24", "--to", "2026-11-19"]).status == 64)
        #expect(await box.runInProcess(["export", "--week", "last", "--all"]).status == 64)
    }

    /// Root may write anywhere chmod forbids, so the failures here are ones root cannot avoid
    /// either: a file size limit (`ulimit -f`, with SIGXFSZ ignored, so write(2) fails with EFBIG
    /// the way a full disk fails), a folder of /proc where no one can create files, and a folder
    /// whose parent is a regular file.
    @Test(arguments: StoreKind.all) func aFailedExportKeepsTheEarlierFileAndLeavesNoTemporaryFile(store: StoreKind) async throws {
        let box = try await Self.populatedBox(store: store)
        // 150 entries with long notes: an entries file of about 300 KB, far over the limit below
        // (128 KiB, or 256 KiB if /bin/sh counts ulimit blocks in KiB), while the database's
        // own writes on opening (its 32 KiB shared-memory file) stay under it. The note is spelled
        // out here: SQLite has no repeat() and PostgreSQL no printf().
        _ = try box.query("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
            INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
            SELECT 1, '2026-11-16', 1, 1, 1, '\(String(repeating: "x", count: 1900))', '2026-11-16T10:00:00+01:00' FROM n
            """)
        #expect(await box.runInProcess(["export", "--out", "out/"]).status == 0)
        let path = box.path("out/socialtime-entries-2026-W47.csv")
        let earlier = try #require(box.bytes(path))
        #expect(earlier.count > 280_000)
        try #require(box.run(["log", "10m", "--network", "x", "--outcome", "listening", "--date", "2026-11-20"]).status == 0)

        let limited = try Self.runLimited(box, fileSizeKiB: 128, ["export", "--out", "out/"])
        #expect(limited.status == 1, "\(limited.stderr)")
        #expect(limited.stderr.contains("cannot write"), "\(limited.stderr)")
        #expect(box.bytes(path) == earlier, "the earlier file is intact")
        #expect(CSVFiles.files(in: box.path("out")).allSatisfy { !$0.contains(".tmp") }, "\(CSVFiles.files(in: box.path("out")))")

        // Without the limit the same export succeeds and differs: the failure was the limit.
        #expect(await box.runInProcess(["export", "--out", "out/"]).status == 0)
        #expect(box.bytes(path) != earlier)

        let proc = await box.runInProcess(["export", "--out", "/proc/self/"])
        #expect(proc.status == 1)
        #expect(proc.stderr.contains("cannot write in /proc/self"))

        _ = FileManager.default.createFile(atPath: box.path("blocker"), contents: Data("x".utf8))
        let blocked = await box.runInProcess(["export", "--out", "blocker/reports/"])
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("in the way"))
    }

    /// Runs the binary under `sh` with a file size limit; SIGXFSZ is ignored so that writes past
    /// the limit fail with EFBIG instead of killing the process (ignored signals survive exec).
    static func runLimited(_ box: Sandbox, fileSizeKiB: Int, _ arguments: [String]) throws -> RunResult {
        try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"),
                           arguments: ["-c", "trap '' XFSZ; ulimit -f \(fileSizeKiB * 2) && exec \"$@\"", "sh",
                                       Sandbox.binary.path, "--db", box.database] + arguments,
                           environment: ["PATH": "/usr/bin:/bin", "TZ": box.timeZone, "SOCIALTIME_TODAY": box.today, "SOCIALTIME_USER": "anna"],
                           directory: box.folder, stdin: nil).finish()
    }
}
