import Foundation
import Testing

@Suite struct ImportEndToEndTests {
    /// Every entry as `handle date minutes network outcome note`, oldest id first.
    static func entries(_ box: Sandbox) throws -> [String] {
        try box.query("""
            SELECT rtrim(s.handle || ' ' || e.date || ' ' || e.minutes || ' ' || n.key || ' ' || o.key || ' ' || e.note)
            FROM entries e JOIN staff s ON s.id = e.staff_id JOIN networks n ON n.id = e.network_id
            JOIN outcomes o ON o.id = e.outcome_id ORDER BY e.id
            """).split(separator: "\n").map(String.init)
    }

    @Test(arguments: StoreKind.all, ["rfc4180", "excel"])
    func exportImportExportIsByteIdentical(store: StoreKind, dialect: String) async throws {
        let source = try await ExportEndToEndTests.populatedBox(store: store)
        #expect(await source.runInProcess(["staff", "add", "erik", "--name", "=Erik; \"the\" boss"]).status == 0)
        #expect(await source.runInProcess(["--as", "erik", "log", "20m", "--network", "linkedin", "--outcome", "recruiting",
                                "--date", "2026-11-20", "--note", "'=already quoted"]).status == 0)
        #expect(await source.runInProcess(["export", "--all", "--kind", "entries", "--dialect", dialect, "--out", "out/"]).status == 0)
        let file = source.path("out/socialtime-entries-all.csv")

        let target = try await Sandbox.make(user: "someone-else", store: store)
        let imported = await target.runInProcess(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 6 entries"))
        #expect(imported.stdout.contains("Registered as staff: anna, bo, erik, carla"))
        #expect(try target.query("SELECT name FROM staff WHERE handle = 'erik'") == "=Erik; \"the\" boss")
        #expect(await target.runInProcess(["export", "--all", "--kind", "entries", "--dialect", dialect, "--out", "out/"]).status == 0)
        #expect(target.bytes(target.path("out/socialtime-entries-all.csv")) == source.bytes(file))

        let again = await target.runInProcess(["import", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Nothing new to import: all 6 entries"))
        #expect(try target.entryCount() == 6)
    }

    /// Line numbers are the editor's: the header is line 1, and a quoted note spanning two lines
    /// takes both (10 rows on 11 data lines). Row 11 alone is fine; row 12 takes anna's day past 24 h.
    @Test(arguments: StoreKind.all) func badLinesAreReportedByLineAndNothingIsImported(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n"
        var bytes = Array(header.utf8)
        let lines = [
            "1,2026-W47,2026-11-17,anna,Anna,linkedin,recruiting,60,1.00,fine,2026-11-17T10:00:00+01:00\r\n",     // 2
            "2,2026-W47,2026-11-17,anna,Anna,myspace,recruiting,60,1.00,,2026-11-17T10:00:00+01:00\r\n",         // 3 unknown network
            "3,2026-W47,2026-11-17,anna,Anna,linkedin,recruiting,60,1.00,\"two\nlines\",2026-11-17T10:00:00+01:00\r\n", // 4-5 newline in note
            "4,2026-W47,2026-11-18,bo,Bo,x,listening,30,0.50,ok,2026-11-18T10:00:00+01:00\r\n",                   // 6
        ]
        for line in lines { bytes += Array(line.utf8) }
        bytes += Array("5,2026-W47,2026-11-18,bo,B".utf8) + [0xFF] + Array("o,x,listening,30,0.50,,2026-11-19T10:00:00+01:00\r\n".utf8) // 7 invalid UTF-8
        bytes += Array("6,2026-W47,2026-11-18,bo,Bo,x,listening,0,0.00,,2026-11-19T10:00:00+01:00\r\n".utf8)                            // 8 zero minutes
        bytes += Array("7,2026-W49,2026-12-01,bo,Bo,x,listening,30,0.50,,2026-11-19T10:00:00+01:00\r\n".utf8)                           // 9 future
        bytes += Array("8,2026-W47,2026-11-19,Bo Berg,Bo,x,listening,30,0.50,,2026-11-19T10:00:00+01:00\r\n".utf8)                      // 10 bad handle
        bytes += Array("9,2026-W47,2026-11-19,anna,Anna,linkedin,recruiting,1000,,,2026-11-19T10:00:00+01:00\r\n".utf8)                 // 11 fine alone, but the day is over 24 h
        bytes += Array("10,2026-W47,2026-11-19,anna,Anna,linkedin,recruiting,500,,,2026-11-19T10:00:00+01:00\r\n".utf8)                 // 12 day over 24 h
        try Data(bytes).write(to: URL(fileURLWithPath: box.path("bad.csv")))

        let result = await box.runInProcess(["import", "bad.csv"])
        #expect(result.status == 65, "\(result.stderr)")
        let reported = result.stderr.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("  line ") else { return nil }
            return Int(line.dropFirst(7).prefix { $0.isNumber })
        }
        #expect(reported == [3, 4, 7, 8, 9, 10, 11, 12], "\(result.stderr)")
        #expect(result.stderr.contains("8 bad rows of 10; nothing was imported"))
        #expect(result.stderr.contains("line 7: the text is not valid UTF-8"))
        #expect(result.stderr.contains("line 12: anna has 25h on 2026-11-19 in this file, more than the 24 hours of a day: line 11 (16h 40m), line 12 (8h 20m)"), "\(result.stderr)")
        #expect(try box.entryCount() == 0)
        #expect(try box.query("SELECT count(*) FROM staff") == "1")

        let dry = await box.runInProcess(["import", "bad.csv", "--dry-run"])
        #expect(dry.status == 65)
    }

    @Test(arguments: StoreKind.all) func dryRunValidatesAndWritesNothing(store: StoreKind) async throws {
        let source = try await ExportEndToEndTests.populatedBox(store: store)
        #expect(await source.runInProcess(["export", "--kind", "entries", "--out", "e.csv"]).status == 0)
        let target = try await Sandbox.make(store: store)
        let dry = await target.runInProcess(["import", source.path("e.csv"), "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("would import 4 entries"))
        #expect(try target.entryCount() == 0)
        #expect(try target.query("SELECT count(*) FROM staff") == "1")
    }

    @Test(arguments: StoreKind.all) func togglDetailedReportMapsUsersProjectsAndTags(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let arguments = ["import", CSVFiles.fixture("toggl-detailed.csv"), "--from", "toggl",
                         "--user", "anna@example.com=anna", "--user", "Bo Berg=bo"]
        let result = await box.runInProcess(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.entries(box) == [
            "anna 2026-11-17 90 linkedin recruiting Shared the job ad, answered comments (tags: social)",
            "bo 2026-11-18 45 facebook customer-service Answered customer questions",
            "anna 2026-11-19 20 instagram brand-awareness Story about the new hall",
        ])
        let again = await box.runInProcess(arguments)
        #expect(again.stdout.contains("Nothing new to import"))
        #expect(try box.entryCount() == 3)

        // Without --user, people the roster does not know are registered under handles made from their names.
        let unmapped = try await Sandbox.make(store: store)
        let registered = await unmapped.runInProcess(["import", CSVFiles.fixture("toggl-detailed.csv"), "--from", "toggl", "--user", "Bo Berg=bo"])
        #expect(registered.status == 0, "\(registered.stderr)")
        #expect(registered.stdout.contains("Registered as staff: anna.jensen, bo"), "\(registered.stdout)")
        #expect(try unmapped.query("SELECT name FROM staff WHERE handle = 'anna.jensen'") == "Anna Jensen")
    }

    /// The roster's display names match the file's people; nobody new is registered for them.
    @Test(arguments: StoreKind.all) func peopleOnTheRosterAreMatchedByName(store: StoreKind) async throws {
        let box = try await Sandbox.make(user: nil, store: store)  // the file's owner sets up the roster
        #expect(await box.runInProcess(["staff", "add", "anna", "--name", "anna jensen"]).status == 0)
        let result = await box.runInProcess(["import", CSVFiles.fixture("toggl-detailed.csv"), "--from", "toggl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 3 entries"))
        #expect(result.stdout.contains("Registered as staff: bo.berg\n") || result.stdout.hasSuffix("Registered as staff: bo.berg"), "\(result.stdout)")
        #expect(try Self.entries(box).map { String($0.prefix { $0 != " " }) } == ["anna", "bo.berg", "anna"])
    }

    /// A roster e-mail address beats a display name: Anna is "A. J." on the roster, but her address matches.
    @Test(arguments: StoreKind.all) func peopleOnTheRosterAreMatchedByEmailFirst(store: StoreKind) async throws {
        let box = try await Sandbox.make(user: nil, store: store)
        #expect(await box.runInProcess(["staff", "add", "aj", "--name", "A. J.", "--email", "ANNA@example.com"]).status == 0)
        #expect(await box.runInProcess(["staff", "add", "other", "--name", "Anna Jensen"]).status == 0)
        let result = await box.runInProcess(["import", CSVFiles.fixture("toggl-detailed.csv"), "--from", "toggl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.entries(box).map { String($0.prefix { $0 != " " }) } == ["aj", "bo.berg", "aj"])
        #expect(try box.query("SELECT email FROM staff WHERE handle = 'bo.berg'") == "bo@example.com", "registered with the file's address")
    }

    @Test(arguments: StoreKind.all) func clockifyDetailedReportForOnePerson(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let result = await box.runInProcess(["import", CSVFiles.fixture("clockify-detailed.csv"), "--from", "clockify", "--staff", "carla"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Registered as staff: carla"))
        #expect(try Self.entries(box) == [
            "carla 2026-11-16 135 linkedin recruiting Sourcing candidates",
            "carla 2026-11-20 40 x listening Monitoring mentions (tags: monitoring)",
        ])
    }

    @Test(arguments: StoreKind.all) func watsonFramesWithFixedOutcomeAndTagNetwork(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let result = try box.run(["import", CSVFiles.fixture("watson-log.csv"), "--from", "watson", "--staff", "dan"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.entries(box) == [
            "dan 2026-11-17 51 linkedin sales-leads tags: outreach",
            "dan 2026-11-21 45 reddit listening",
        ])
        #expect(try box.query("SELECT import_key FROM entries ORDER BY id") == "watson|dan|a1b2c3d#1\nwatson|dan|e4f5a6b#1")

        let fixed = try await Sandbox.make(store: store)
        let mapped = try fixed.run(["import", CSVFiles.fixture("watson-log.csv"), "--from", "watson", "--staff", "dan",
                                    "--network-from", "linkedin", "--outcome-from", "listening"])
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(try fixed.query("SELECT group_concat(n.key || '/' || o.key) FROM entries e JOIN networks n ON n.id = e.network_id JOIN outcomes o ON o.id = e.outcome_id")
                == "linkedin/listening,linkedin/listening")
        #expect(try await Sandbox.make(store: store).run(["import", CSVFiles.fixture("watson-log.csv"), "--from", "watson"]).status == 64)
    }

    @Test(arguments: StoreKind.all) func aForeignFileIsNotMistakenForOurs(store: StoreKind) async throws {
        let result = try await Sandbox.make(store: store).run(["import", CSVFiles.fixture("toggl-detailed.csv")])
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 1: this is not a socialtime file"))
    }
}
