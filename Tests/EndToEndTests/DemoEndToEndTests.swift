import Foundation
import Testing

@Suite struct DemoEndToEndTests {
    @Test func buildsTheDemoInTheCurrentFolderAndPrintsLastWeeksReport() throws {
        let box = try Sandbox()
        let run = try box.run(["demo"], withDatabase: false)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Weekly report 2026-W47 (2026-11-16 – 2026-11-22)"))
        #expect(run.stdout.contains("FLAGGED") && run.stdout.contains("awaiting review") && run.stdout.contains("justified"))
        #expect(run.stdout.contains("per lead") && run.stdout.contains("per hire"))
        #expect(run.stdout.contains("Demo database: socialtime-demo.db"))
        let demo = box.path("socialtime-demo.db")
        #expect(FileManager.default.fileExists(atPath: demo))
        #expect(try box.sqlite("SELECT count(*) FROM staff", database: demo) == "8")
        #expect(try box.sqlite("SELECT count(*) FROM staff WHERE role = 'manager'", database: demo) == "1")
        #expect(try box.sqlite("SELECT count(DISTINCT strftime('%W', date)) FROM entries", database: demo) == "6")
        #expect(try box.sqlite("SELECT group_concat(DISTINCT status) FROM (SELECT status FROM justifications WHERE week = '2026-W47' ORDER BY status)", database: demo) == "accepted,rejected,submitted")

        // Rebuilding gives the same data.
        let first = try box.sqlite("SELECT group_concat(date || minutes || note, ';') FROM entries", database: demo)
        let again = try box.run(["demo"], withDatabase: false)
        #expect(again.status == 0)
        #expect(again.stdout == run.stdout)
        #expect(try box.sqlite("SELECT group_concat(date || minutes || note, ';') FROM entries", database: demo) == first)

        // The demo database works with every other command.
        let flags = try box.runAsOwner(["--db", demo, "flags", "--format", "json", "--fail-on-flags"], withDatabase: false)
        #expect(flags.status == 3)
        let json = try ReportFixture.json(flags.stdout)
        #expect((json["flagged"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["anna", "jonas"])
        #expect((json["awaiting_review"] as? [[String: Any]])?.map { $0["staff"] as? String } == ["sofie"])
    }

    @Test func refusesToOverwriteARealDatabaseOrAnyOtherFile() throws {
        let box = try Sandbox()
        #expect(try box.run(["log", "1h", "--network", "linkedin", "--outcome", "recruiting"]).status == 0)
        let before = try #require(box.bytes(box.database))
        let refused = try box.run(["demo", "--db", box.database], withDatabase: false)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("is not a socialtime demo database"))
        #expect(box.bytes(box.database) == before)
        #expect(try box.entryCount() == 1)

        let text = box.path("notes.txt")
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: text))
        #expect(try box.run(["demo", "--db", text], withDatabase: false).status == 64)
        #expect(box.bytes(text) == Data("my notes".utf8))

        let explicit = box.path("elsewhere/demo.db")
        let built = try box.run(["demo", "--db", explicit], withDatabase: false)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(built.stdout.contains("Demo database: \(explicit)"))
    }
}
