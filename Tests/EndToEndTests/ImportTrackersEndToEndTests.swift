import Foundation
import Testing

/// Issue 23 end to end, on both stores: corrections found again by person and start and applied
/// with --update, Watson's frames file and Timewarrior's files, rows across midnight, the 24 h
/// day whatever the row order, hints that fix a file in one round, and the edges of
/// --skip-bad-rows and --dry-run. The sandbox runs in Europe/Copenhagen (UTC+1 in November).
@Suite struct ImportTrackersEndToEndTests {
    static func entries(_ box: Sandbox) throws -> [String] { try ImportEndToEndTests.entries(box) }

    // MARK: Corrections

    @Test(arguments: StoreKind.all) func aCorrectedEndIsOneChangedRowThatUpdateApplies(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let first = await box.runInProcess(["import", CSVFiles.fixture("toggl-correction-1.csv"), "--from", "toggl"])
        #expect(first.status == 0, "\(first.output)")
        let before = try Self.entries(box)
        #expect(before == [
            "bo.berg 2026-10-26 120 linkedin recruiting Candidate search (client: Acme; task: Sourcing)",
            "bo.berg 2026-10-28 105 facebook customer-service Page replies (client: Acme)",
            "bo.berg 2026-10-29 30 linkedin recruiting Follow-ups",
        ])

        // The same export after the end of 2026-10-28's row was corrected from 14:45 to 15:15.
        let corrected = CSVFiles.fixture("toggl-correction-2.csv")
        let counted = await box.runInProcess(["import", corrected, "--from", "toggl"])
        #expect(counted.status == 0, "\(counted.output)")
        #expect(counted.stdout.hasPrefix("Nothing new to import from \(corrected) (1 changed row not updated (--update applies it), 2 entries already in the database)."), "\(counted.stdout)")
        #expect(try Self.entries(box) == before, "without --update nothing is added or changed")

        let updated = await box.runInProcess(["import", corrected, "--from", "toggl", "--update"])
        #expect(updated.status == 0, "\(updated.output)")
        #expect(updated.stdout.hasPrefix("Updated 1 entry from \(corrected) (1 changed row updated, 2 entries already in the database)."), "\(updated.stdout)")
        #expect(try Self.entries(box) == [before[0], "bo.berg 2026-10-28 135 facebook customer-service Page replies (client: Acme)", before[2]],
                "exactly that entry changed")
        let id = try box.query("SELECT id FROM entries WHERE date = '2026-10-28'")
        let history = await box.runInProcess(["history", id])
        #expect(history.status == 0, "\(history.output)")
        #expect(history.stdout.contains("anna  edit"), "\(history.stdout)")
        #expect(history.stdout.contains("time: 1h 45m → 2h 15m"), "\(history.stdout)")
        #expect(try box.query("SELECT late_week FROM audit_log WHERE action = 'edit'") == "2026-W44", "a late change: the week has ended")

        let again = await box.runInProcess(["import", corrected, "--from", "toggl", "--update"])
        #expect(again.stdout.hasPrefix("Nothing new to import: all 3 entries of \(corrected) are already in the database."), "\(again.stdout)")
    }

    // MARK: Watson frames and Timewarrior

    @Test(arguments: StoreKind.all) func watsonFramesAreReadSplitAtMidnightAndKnownByTheirId(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let file = CSVFiles.fixture("watson-frames.json")
        let result = try box.run(["import", file, "--from", "watson", "--staff", "dan"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.hasPrefix("Imported 4 entries from \(file) (1 row across midnight split by date)."), "\(result.stdout)")
        #expect(try Self.entries(box) == [
            "dan 2026-11-17 90 linkedin recruiting",
            "dan 2026-11-18 548 linkedin recruiting tags: evening",  // 14:52 to midnight
            "dan 2026-11-19 474 linkedin recruiting tags: evening",  // midnight to 07:54
            "dan 2026-11-20 45 reddit listening",
        ])

        // `watson edit` moved the first frame's start from 09:00 to 08:45: the same frame, changed.
        let edited = CSVFiles.fixture("watson-frames-edited.json")
        let counted = try box.run(["import", edited, "--from", "watson", "--staff", "dan"])
        #expect(counted.stdout.contains("1 changed row not updated"), "\(counted.stdout)")
        #expect(try box.entryCount() == 4)
        let updated = try box.run(["import", edited, "--from", "watson", "--staff", "dan", "--update"])
        #expect(updated.status == 0, "\(updated.output)")
        #expect(try Self.entries(box).first == "dan 2026-11-17 105 linkedin recruiting")
        #expect(try box.entryCount() == 4, "an edited start is not a second entry")
    }

    @Test(arguments: StoreKind.all) func timewarriorExportAndDataFileAreTheSameIntervals(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let json = CSVFiles.fixture("timew-export.json")
        let result = try box.run(["import", json, "--from", "timewarrior", "--staff", "eve"])
        #expect(result.status == 0, "\(result.output)")
        let expected = [
            "eve 2026-11-16 90 linkedin recruiting Screening calls",
            "eve 2026-11-17 60 facebook listening tags: night shift",  // 23:00 local to midnight
            "eve 2026-11-18 120 facebook listening tags: night shift",
            "eve 2026-11-20 15 reddit listening",
        ]
        #expect(try Self.entries(box) == expected)

        // The data file holds the same intervals: known by their start, nothing new.
        let data = CSVFiles.fixture("timew-2026-11.data")
        let again = try box.run(["import", data, "--from", "timewarrior", "--staff", "eve"])
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.hasPrefix("Nothing new to import: all 3 entries of \(data) are already in the database."), "\(again.stdout)")
        #expect(try Self.entries(box) == expected)

        let fresh = try await Sandbox.make(store: store)
        let fromData = try fresh.run(["import", data, "--from", "timewarrior", "--staff", "eve"])
        #expect(fromData.status == 0, "\(fromData.output)")
        #expect(try Self.entries(fresh) == expected)
    }

    @Test(arguments: StoreKind.all) func trackerFilesThatAreNotWhatTheySayAreRefusedWithTheWayForward(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let noStaff = await box.runInProcess(["import", CSVFiles.fixture("timew-export.json"), "--from", "timewarrior"])
        #expect(noStaff.status == 64)
        #expect(noStaff.stderr.contains("Timewarrior files name no user: pass --staff HANDLE"), "\(noStaff.stderr)")
        let csv = await box.runInProcess(["import", CSVFiles.fixture("toggl-detailed.csv"), "--from", "timewarrior", "--staff", "eve"])
        #expect(csv.status == 65)
        #expect(csv.stderr.contains("is not a Timewarrior file: expected the JSON array that `timew export` writes"), "\(csv.stderr)")
        let watson = await box.runInProcess(["import", CSVFiles.fixture("timew-export.json"), "--from", "watson", "--staff", "eve"])
        #expect(watson.status == 65, "\(watson.output)")
        #expect(watson.stderr.contains("not a Watson frame"), "\(watson.stderr)")
        try "[[1794902400, 1794907800, \"linkedin\", \"x1\", [\"recruiting\"], 1]".write(toFile: box.path("cut.json"), atomically: true, encoding: .utf8)
        let cut = await box.runInProcess(["import", "cut.json", "--from", "watson", "--staff", "eve"])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("the file ends before the closing ']'"), "\(cut.stderr)")
        #expect(try box.entryCount() == 0)
    }

    // MARK: The 24-hour day

    @Test(arguments: StoreKind.all) func aYearFileImportsTheSameWhicheverWayItIsSorted(store: StoreKind) async throws {
        var rows: [String] = []
        for day in 0..<120 {
            let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2026, month: 6, day: 1).date!)!
            let text = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            rows.append("Anna Jensen,anna@example.com,,LinkedIn,,Day \(day),No,\(text),09:00:00,\(text),\(day % 7 == 3 ? "20:43:00" : "10:00:00"),,recruiting,0.00")
        }
        // A genuine long day, and a shift across midnight.
        rows.append("Anna Jensen,anna@example.com,,Facebook,,Long day,No,2026-07-01,11:00:00,2026-07-01,22:43:00,,listening,0.00")
        rows.append("Anna Jensen,anna@example.com,,Facebook,,Late shift,No,2026-07-02,22:00:00,2026-07-03,02:30:00,,listening,0.00")
        let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)"
        var results: [[String]] = []
        for sorted in [rows, rows.reversed()] {
            let box = try await Sandbox.make(store: store)
            try ([header] + sorted).joined(separator: "\n").write(toFile: box.path("year.csv"), atomically: true, encoding: .utf8)
            let result = await box.runInProcess(["import", "year.csv", "--from", "toggl", "--user", "anna@example.com=anna"])
            #expect(result.status == 0, "\(result.output)")
            results.append(try box.query("""
                SELECT e.date || ' ' || e.minutes || ' ' || n.key || ' ' || e.note || ' ' || e.import_key FROM entries e
                JOIN networks n ON n.id = e.network_id ORDER BY e.date, e.import_key
                """).split(separator: "\n").map(String.init))
        }
        #expect(results[0] == results[1])
        #expect(results[0].count == 123)
        #expect(results[0].contains("2026-07-01 703 facebook Long day toggl|anna|2026-07-01T11:00:00#1"))
        #expect(results[0].contains("2026-07-03 150 facebook Late shift toggl|anna|2026-07-02T22:00:00#1+2026-07-03"))
    }

    @Test(arguments: StoreKind.all) func anOverfullDayNamesItsDateTotalAndEveryRow(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["log", "3h", "linkedin", "recruiting", "-d", "2026-11-17"]).status == 0)
        let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"
        let rows = "Anna,anna@example.com,,LinkedIn,,A,No,2026-11-16,20:00:00,2026-11-17,09:30:00,,recruiting,0.00\n"
            + "Anna,anna@example.com,,LinkedIn,,B,No,2026-11-17,10:00:00,2026-11-17,22:00:00,,recruiting,0.00\n"
            + "Anna,anna@example.com,,LinkedIn,,C,No,2026-11-18,10:00:00,2026-11-18,11:00:00,,recruiting,0.00\n"
        try (header + rows).write(toFile: box.path("day.csv"), atomically: true, encoding: .utf8)
        let result = await box.runInProcess(["import", "day.csv", "--from", "toggl", "--user", "anna@example.com=anna"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("day.csv has 2 bad rows of 3; nothing was imported:"), "\(result.stderr)")
        let reason = "anna would have 24h 30m on 2026-11-17, more than the 24 hours of a day: 3h already stored and 21h 30m from this file (line 2 (9h 30m), line 3 (12h))"
        #expect(result.stderr.contains("line 2: \(reason)"), "\(result.stderr)")
        #expect(result.stderr.contains("line 3: \(reason)"), "\(result.stderr)")
        #expect(try box.entryCount() == 1)
    }

    // MARK: Hints

    @Test(arguments: StoreKind.all) func unknownProjectsAndTagsAreListedOnceWithOptionsAShellTakes(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"
        var rows = ""
        for (index, project) in ["Master's Thesis", "Master's Thesis", "Website", "Master's Thesis"].enumerated() {
            rows += "Anna,anna@example.com,,\(project),,Work,No,2026-11-1\(index + 2),09:00:00,2026-11-1\(index + 2),10:00:00,,billable,0.00\n"
        }
        try (header + rows).write(toFile: box.path("projects.csv"), atomically: true, encoding: .utf8)
        let result = await box.runInProcess(["import", "projects.csv", "--from", "toggl", "--user", "anna@example.com=anna"])
        #expect(result.status == 65)
        let stderr = result.stderr
        #expect(stderr.contains("2 values of Project name no network: 'Master's Thesis' (3 rows), 'Website' (1 row)"), "\(stderr)")
        #expect(stderr.contains("no row's Project names a known network: give every row one with --network-from KEY"), "\(stderr)")
        #expect(stderr.contains("--map-network 'Master'\\''s Thesis=KEY' --map-network Website=KEY"), "\(stderr)")
        #expect(stderr.contains("1 value of Tags names no outcome: 'billable' (4 rows)"), "both kinds in one round: \(stderr)")
        #expect(!stderr.contains("'tags'"), "no option the user did not type is quoted back")

        // Pasting the suggestion, as printed, through a shell imports the file.
        let pasted = try box.runShell("exec \"$0\" --db \"$1\" import projects.csv --from toggl --user anna@example.com=anna --network-from linkedin --map-outcome billable=recruiting")
        #expect(pasted.status == 0, "\(pasted.output)")
        #expect(try box.entryCount() == 4)
    }

    // MARK: --skip-bad-rows and --dry-run

    @Test(arguments: StoreKind.all) func skippingBadRowsWithNoGoodRowIsAnError(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let header = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount (EUR)\n"
        try (header + "Anna,anna@example.com,,Nowhere,,A,No,2026-11-16,09:00:00,2026-11-16,10:00:00,,recruiting,0.00\n")
            .write(toFile: box.path("bad.csv"), atomically: true, encoding: .utf8)
        let result = await box.runInProcess(["import", "bad.csv", "--from", "toggl", "--user", "anna@example.com=anna", "--skip-bad-rows"])
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("no row of bad.csv can be imported (its 1 row is bad); nothing was imported:\n  line 2: Project 'Nowhere' names no network"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.path("bad.rejected.csv")))
        #expect(try box.entryCount() == 0)
    }

    @Test func aDryRunPreviewsAFirstImportAndCreatesNothing() async throws {
        let box = try await Sandbox.make(user: nil)
        let missing = box.path("new/team.db")
        let result = await box.runInProcess(["--db", missing, "import", CSVFiles.fixture("toggl-correction-1.csv"), "--from", "toggl", "--dry-run"],
                                 withDatabase: false)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.hasPrefix("Dry run: \(CSVFiles.fixture("toggl-correction-1.csv")) would import 3 entries. Nothing was written."), "\(result.stdout)")
        #expect(result.stdout.contains("Would register as staff: bo.berg"), "\(result.stdout)")
        #expect(result.stderr.contains("no database at \(missing) yet"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.path("new")), "nothing is created")

        let bad = await box.runInProcess(["--db", missing, "import", CSVFiles.fixture("toggl-projects.csv"), "--from", "toggl", "--dry-run"], withDatabase: false)
        #expect(bad.status == 65, "checked against a new database's catalogues: \(bad.output)")
        #expect(bad.stderr.contains("Project 'Mobile app' names no network"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.path("new")))
    }
}

/// Translated headers and files that are not what they seem, on both stores.
@Suite struct ImportHeadersEndToEndTests {
    @Test(arguments: StoreKind.all) func clockifyHeadersInPortugueseAndGermanAreRead(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let portuguese = await box.runInProcess(["import", CSVFiles.fixture("clockify-pt.csv"), "--from", "clockify"])
        #expect(portuguese.status == 0, "\(portuguese.output)")
        let german = await box.runInProcess(["import", CSVFiles.fixture("clockify-de.csv"), "--from", "clockify"])
        #expect(german.status == 0, "\(german.output)")
        #expect(try ImportEndToEndTests.entries(box) == [
            "lavinia.rezende 2026-11-16 135 linkedin recruiting Triagem de currículos (client: Acme; task: Vagas)",
            "lavinia.rezende 2026-11-20 40 facebook customer-service Respostas",
            "jonas.weber 2026-11-17 90 linkedin recruiting Stellenanzeige",
            "jonas.weber 2026-11-18 30 reddit listening Nachtschicht",
            "jonas.weber 2026-11-19 30 reddit listening Nachtschicht",
        ])
        #expect(try box.query("SELECT email FROM staff WHERE handle = 'jonas.weber'") == "jonas@example.de")
    }

    /// Clockify's other interface languages (its profile settings offer English, French, German,
    /// Spanish and Portuguese): Spanish with a row across midnight, French with `;`.
    @Test(arguments: StoreKind.all) func clockifyHeadersInSpanishAndFrenchAreRead(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let spanish = await box.runInProcess(["import", CSVFiles.fixture("clockify-es.csv"), "--from", "clockify"])
        #expect(spanish.status == 0, "\(spanish.output)")
        let french = await box.runInProcess(["import", CSVFiles.fixture("clockify-fr.csv"), "--from", "clockify"])
        #expect(french.status == 0, "\(french.output)")
        #expect(try ImportEndToEndTests.entries(box) == [
            "lucia.fernandez 2026-11-16 90 linkedin recruiting Búsqueda de candidatos (client: Acme; task: Vacantes)",
            "lucia.fernandez 2026-11-17 30 instagram customer-service Respuestas a comentarios",
            "lucia.fernandez 2026-11-18 15 instagram customer-service Respuestas a comentarios",
            "elodie.martin 2026-11-19 45 facebook customer-service Réponses aux clients",
            "elodie.martin 2026-11-20 120 linkedin recruiting Offre d'emploi (client: Acme; task: Recrutement)",
        ])
        #expect(try box.query("SELECT email FROM staff WHERE handle = 'elodie.martin'") == "elodie@example.fr")
    }

    @Test(arguments: StoreKind.all) func aHeaderInAnUnknownLanguageOrOneCellPerLineSaysWhatIsExpected(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let mangled = await box.runInProcess(["import", CSVFiles.fixture("toggl-one-cell-per-line.csv"), "--from", "toggl"])
        #expect(mangled.status == 65)
        #expect(mangled.stderr.contains("is one quoted cell (\"User,Email,Client,Project,Task,Descripti…\"): a spreadsheet saved it that way"), "\(mangled.stderr)")
        try "Día,Horas,Persona\n2026-11-16,2,Ana\n".write(toFile: box.path("unknown.csv"), atomically: true, encoding: .utf8)
        let unknown = await box.runInProcess(["import", "unknown.csv", "--from", "clockify"])
        #expect(unknown.status == 65)
        #expect(unknown.stderr.contains("this header has 'Día', 'Horas', 'Persona', and socialtime needs Start date (or Startdatum, Fecha de inicio, Date de début, Data de início), Start time and End time, or Duration"), "\(unknown.stderr)")
        #expect(try box.entryCount() == 0)
    }
}
