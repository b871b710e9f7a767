import Foundation
import Testing

@Suite struct DemoEndToEndTests {
    @Test func buildsTheDemoInTheCurrentFolderAndPrintsLastWeeksReport() async throws {
        let box = try await Sandbox.make()
        let run = await box.runInProcess(["demo"], withDatabase: false)
        #expect(run.status == 0, "\(run.stderr)")
        // A Danish company: its report is in Danish, its people write Danish.
        #expect(run.stdout.hasPrefix("Ugerapport uge 47 2026 (2026-11-16 – 2026-11-22)"), "\(run.stdout)")
        #expect(run.stdout.contains("FLAGET") && run.stdout.contains("til godkendelse") && run.stdout.contains("begrundet"))
        #expect(run.stdout.contains("38 henvendelser") && run.stdout.contains("1 ansættelse") && run.stdout.contains("6 leads"))
        #expect(run.stdout.contains("„Hvilke resultater kom der ud af de timer?"))
        #expect(!run.stdout.contains("Weekly report") && !run.stdout.contains("FLAGGED"))
        #expect(run.stdout.contains("Demo database: socialtime-demo.db"))
        let demo = box.path("socialtime-demo.db")
        #expect(FileManager.default.fileExists(atPath: demo))
        #expect(try box.sqlite("SELECT count(*) FROM staff", database: demo) == "8")
        #expect(try box.sqlite("SELECT count(*) FROM staff WHERE role = 'manager'", database: demo) == "1")
        #expect(try box.sqlite("SELECT count(DISTINCT strftime('%W', date)) FROM entries", database: demo) == "6")
        #expect(try box.sqlite("SELECT group_concat(DISTINCT status) FROM (SELECT status FROM justifications WHERE week = '2026-W47' ORDER BY status)", database: demo) == "accepted,rejected,submitted")
        #expect(try box.sqlite("SELECT value FROM settings WHERE key = 'language'", database: demo) == "da")
        #expect(try box.sqlite("SELECT note FROM results WHERE quantity = 6 AND date = '2026-11-20'", database: demo) == "Møder booket ud fra samtaler på LinkedIn")

        // A second run in the same folder rebuilds its own database and CSVs: same data, exit 0.
        let first = try box.sqlite("SELECT group_concat(date || minutes || note, ';') FROM entries", database: demo)
        let csv = box.path("reports/demo/socialtime-entries-2026-W47.csv")
        let firstCSV = try #require(box.bytes(csv))
        let again = await box.runInProcess(["demo"], withDatabase: false)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == run.stdout)
        #expect(box.bytes(csv) == firstCSV)
        #expect(try box.sqlite("SELECT group_concat(date || minutes || note, ';') FROM entries", database: demo) == first)

        // The demo database works with every other command.
        let flags = await box.runAsOwnerInProcess(["--db", demo, "flags", "--format", "json", "--fail-on-flags"], withDatabase: false)
        #expect(flags.status == 3)
        let json = try ReportFixture.json(flags.stdout)
        #expect((json["flagged"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["anna", "jonas"])
        #expect((json["awaiting_review"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["sofie"])
    }

    @Test func refusesToOverwriteARealDatabaseOrAnyOtherFile() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "1h", "--network", "linkedin", "--outcome", "recruiting"]).status == 0)
        let before = try #require(box.bytes(box.database))
        let refused = await box.runInProcess(["demo", "--db", box.database], withDatabase: false)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("is not a socialtime demo database"))
        #expect(box.bytes(box.database) == before)
        #expect(try box.entryCount() == 1)

        let text = box.path("notes.txt")
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: text))
        #expect(await box.runInProcess(["demo", "--db", text], withDatabase: false).status == 64)
        #expect(box.bytes(text) == Data("my notes".utf8))

        let explicit = box.path("elsewhere/demo.db")
        let built = await box.runInProcess(["demo", "--db", explicit], withDatabase: false)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("Demo database: \(explicit)"))
    }

    /// `demo` overwrote a real reports/socialtime-entries-<week>.csv (and reset its mode); it now
    /// writes into reports/demo/ and refuses a file there it did not write, before building anything.
    @Test(arguments: ["socialtime-entries-2026-W47.csv", "socialtime-results-2026-W47.csv", ".socialtime-demo"])
    func neverOverwritesAFileItDidNotWrite(name: String) async throws {
        let box = try await Sandbox.make()
        try FileManager.default.createDirectory(atPath: box.path("reports/demo"), withIntermediateDirectories: true)
        let precious = box.path("reports/demo/" + name)
        try Data("payroll\r\n".utf8).write(to: URL(fileURLWithPath: precious))
        chmod(precious, 0o640)
        let run = await box.runInProcess(["demo"], withDatabase: false)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("\(name) already exists and was not written by socialtime demo"), "\(run.stderr)")
        #expect(box.bytes(precious) == Data("payroll\r\n".utf8))
        #expect(try FileManager.default.attributesOfItem(atPath: precious)[.posixPermissions] as? Int == 0o640)
        #expect(!FileManager.default.fileExists(atPath: box.path("socialtime-demo.db")), "refused before building the database")
    }

    /// A demo CSV changed after demo wrote it is no longer demo's: the next run refuses it; an
    /// `export` into ./reports/ beside it is another folder and does not disturb the demo.
    @Test func aDemoFileEditedSinceIsNotOverwritten() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["demo"], withDatabase: false).status == 0)
        let summary = box.path("reports/demo/socialtime-summary-2026-W47.csv")
        var edited = try #require(box.bytes(summary))
        edited.append(contentsOf: Data("my own row\r\n".utf8))
        try edited.write(to: URL(fileURLWithPath: summary))
        let refused = await box.runInProcess(["demo"], withDatabase: false)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("socialtime-summary-2026-W47.csv already exists and was not written by socialtime demo"))
        #expect(box.bytes(summary) == edited)
    }
}
