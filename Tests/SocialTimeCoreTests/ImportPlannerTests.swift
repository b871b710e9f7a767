import Testing
@testable import SocialTimeCore

/// Stage 1 of an import, with no database: the fixtures (built to the shapes of real Toggl Track,
/// Clockify and Watson exports) planned against a catalogue value.
@Suite struct ImportPlannerTests {
    static let fixtures = String(#filePath.split(separator: "/").dropLast(2).joined(separator: "/")).withLeadingSlash + "/Fixtures/"

    static func catalog(_ people: [ImportCatalog.Person] = []) -> ImportCatalog {
        ImportCatalog(people: people,
                      networks: StoreSeed.networks.map { .init(key: $0.key, aliases: $0.aliases) },
                      outcomes: StoreSeed.outcomes.map { .init(key: $0.key, retired: $0.key == "internal-communication") },
                      today: CalendarDate(iso: "2026-11-27")!)
    }

    static func person(_ handle: String, _ name: String, _ email: String? = nil, active: Bool = true) -> ImportCatalog.Person {
        ImportCatalog.Person(handle: try! Handle(validating: handle), name: name, email: email, active: active)
    }

    func plan(fixture name: String, _ options: ImportOptions, _ catalog: ImportCatalog = catalog()) throws(SocialTimeError) -> ImportPlan {
        var reader = try CSVReader(source: try FileByteSource(path: Self.fixtures + name))
        return try ImportPlanner.plan(&reader, options: options, catalog: catalog, source: name)
    }

    func plan(text: String, _ options: ImportOptions, _ catalog: ImportCatalog = catalog()) throws(SocialTimeError) -> ImportPlan {
        var reader = try CSVReader(source: MemoryByteSource(text))
        return try ImportPlanner.plan(&reader, options: options, catalog: catalog, source: "file.csv")
    }

    /// `handle date minutes network outcome note` per planned row.
    func lines(_ plan: ImportPlan) -> [String] {
        plan.rows.map { "\($0.staff) \($0.date) \($0.minutes.value) \($0.network) \($0.outcome) \($0.note)".trimmingWhitespace() }
    }

    static let togglHeader = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\r\n"
    static let clockifyHeader = "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,End Date,End Time,Duration (h),Duration (decimal)\n"

    // MARK: Date orders, durations, times

    @Test func clockifyDayFirstWithSemicolonsBOMCRLFHMMAndDecimalComma() throws {
        let plan = try plan(fixture: "clockify-dmy-semicolon.csv", ImportOptions(format: .clockify))
        #expect(lines(plan) == [
            "soren.ostergaard 2026-11-05 210 linkedin recruiting Opslag om ledig stilling",
            "soren.ostergaard 2026-11-21 45 facebook customer-service Svar på kundehenvendelser",
            "soren.ostergaard 2026-11-10 45 linkedin listening Netværk",  // no durations: from 08:15 to 09:00
            "soren.ostergaard 2026-11-11 90 facebook advertising Kampagne",  // Duration (h) empty, 1,5 decimal hours
        ])
        #expect(plan.skippedShort == 1, "the 0:00 story is an accidental timer")
        #expect(plan.rowsRead == 5 && plan.badRows.isEmpty)
        #expect(plan.newPeople == [ImportPlan.NewPerson(handle: try Handle(validating: "soren.ostergaard"), name: "Søren Østergaard", email: "soren@example.dk")])
    }

    @Test func clockifyMonthFirstWithAMPMTwoDigitYearsAndMidnight() throws {
        let plan = try plan(fixture: "clockify-mdy-ampm.csv", ImportOptions(format: .clockify))
        #expect(lines(plan) == [
            "lavinia.rezende 2026-11-16 135 linkedin recruiting Sourcing candidates",
            // 11:40 PM to 12:20 AM: one entry per date, as a timer across midnight
            "lavinia.rezende 2026-11-03 20 x listening Monitoring mentions (tags: monitoring)",
            "lavinia.rezende 2026-11-04 20 x listening Monitoring mentions (tags: monitoring)",
            "lavinia.rezende 2026-11-05 90 reddit listening Community thread",  // 12:00 PM to 01:30 PM
        ])
        #expect(plan.splitRows == 1)
        #expect(plan.rows[1].importKey == "clockify|lavinia.rezende|2026-11-03T23:40:00#1", "the row's identity: person and start")
        #expect(plan.rows[2].importKey == "clockify|lavinia.rezende|2026-11-03T23:40:00#1+2026-11-04")
        #expect(plan.rows[1].legacyKey == "clockify|lavinia.rezende|2026-11-03T23:40:00|2026-11-04T00:20:00#1",
                "what earlier versions stored, so their imports are recognised")
    }

    @Test func anUndecidableDateOrderIsRefusedWithTheFlagSuggested() throws {
        let error = socialTimeError { _ = try plan(fixture: "clockify-ambiguous.csv", ImportOptions(format: .clockify)) }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("line 2 has 01/02/2026") == true, "\(String(describing: error))")
        #expect(error?.message.contains("--date-order dmy") == true && error?.message.contains("--date-order mdy") == true)

        let dayFirst = try plan(fixture: "clockify-ambiguous.csv", ImportOptions(format: .clockify, dateOrder: .dmy))
        #expect(dayFirst.rows.map(\.date.description) == (1...9).map { "2026-02-0\($0)" })
        let monthFirst = try plan(fixture: "clockify-ambiguous.csv", ImportOptions(format: .clockify, dateOrder: .mdy))
        #expect(monthFirst.rows.map(\.date.description) == (1...9).map { "2026-0\($0)-02" })
    }

    @Test func datesThatDisagreeOnTheirOrderRefuseTheFile() throws {
        let row = { (date: String) in "Facebook,,x,,Bo,,bo@example.com,advertising,No,\(date),09:00,\(date),10:00,1:00,1.00\n" }
        let error = socialTimeError { _ = try plan(text: Self.clockifyHeader + row("21/01/2026") + row("05/05/2026") + row("01/21/2026"), ImportOptions(format: .clockify)) }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("line 2 has 21/01/2026 (day first), line 4 has 01/21/2026 (month first)") == true, "\(String(describing: error))")
        // Under an explicit order, a date that is no date in it is a bad row, not a guess.
        let flagged = try plan(text: Self.clockifyHeader + row("21/01/2026") + row("01/21/2026"), ImportOptions(format: .clockify, dateOrder: .mdy))
        #expect(flagged.badRows.map(\.line) == [2])
        #expect(flagged.badRows.first?.reason.contains("in month/day/year order") == true)
    }

    /// The streaming check decides the order as it reads: rows wait from the first date that
    /// needs the order to the first that proves it, or (past the limit) the file is read once
    /// more in the order decided. Either way the rows, bad rows and refusals are the in-memory
    /// plan's, whatever the limit.
    @Test func theStreamingCheckDecidesTheOrderAsTheWholeFileDoes() throws {
        let row = { (date: String, start: String, duration: String) in
            "Facebook,,x,,Bo,,bo@example.com,advertising,No,\(date),\(start),,,\(duration),\n" }
        func check(_ text: String, limit: Int) throws(SocialTimeError) -> ImportCheck {
            try ImportCheck.make(try CSVReader(source: MemoryByteSource(text)), options: ImportOptions(format: .clockify), catalog: Self.catalog(),
                                 source: "file.csv", zone: .fixed(offset: 0), progress: nil, pendingLimit: limit)
        }
        func days(_ check: ImportCheck) -> [String] {
            check.days.minutes.map { "\(check.days.day($0.key).date) \($0.value)" }.sorted()
        }
        // ISO rows first (finished at once), then ambiguous ones waiting for the proof on the last
        // line, one of them bad (a 25-hour row) and one bad before any date (no date at all).
        let file = Self.clockifyHeader + row("2026-03-02", "09:00", "1:00") + row("2026-03-02", "10:00", "0:30")
            + row("03/04/2026", "09:00", "2:00") + row("nodate", "09:00", "1:00") + row("03/04/2026", "11:00", "25:00")
            + row("05/04/2026", "09:00", "0:15") + row("21/04/2026", "09:00", "0:45")
        let planned = try plan(text: file, ImportOptions(format: .clockify))
        #expect(lines(planned).map { $0.split(separator: " ")[1] } == ["2026-03-02", "2026-03-02", "2026-04-03", "2026-04-05", "2026-04-21"])
        for limit in [1, 2, 3, 100] {
            let streamed = try check(file, limit: limit)
            #expect(streamed.order == .dmy, "limit \(limit)")
            #expect(days(streamed) == ["2026-03-02 90", "2026-04-03 120", "2026-04-05 15", "2026-04-21 45"], "limit \(limit)")
            #expect(streamed.badRows.map(\.line) == planned.badRows.map(\.line), "limit \(limit)")
            #expect(streamed.badRows.map(\.reason) == planned.badRows.map(\.reason), "limit \(limit)")
            #expect(streamed.rowsRead == 7 && streamed.entries == 5, "limit \(limit)")
        }
        // A later date that disagrees refuses the file as before, whether the rows waited or not.
        let disagreeing = file + row("04/13/2026", "09:00", "1:00")
        for limit in [1, 100] {
            let error = socialTimeError { _ = try check(disagreeing, limit: limit) }
            #expect(error?.message.contains("line 8 has 21/04/2026 (day first), line 9 has 04/13/2026 (month first)") == true, "\(String(describing: error))")
        }
        // Undecidable: refused with the flag suggested, as the in-memory plan refuses it.
        let undecided = Self.clockifyHeader + row("2026-03-02", "09:00", "1:00") + row("03/04/2026", "09:00", "1:00")
        for limit in [1, 100] {
            let error = socialTimeError { _ = try check(undecided, limit: limit) }
            #expect(error?.message.contains("line 3 has 03/04/2026, and no day is above 12") == true, "\(String(describing: error))")
        }
        // Dates that need no order are never held: year-first and dotted dates, any number of them.
        let iso = Self.clockifyHeader + (1...5).map { row("2026-03-0\($0)", "09:00", "1:00") }.joined() + row("02.03.2026", "11:00", "1:00")
        let streamed = try check(iso, limit: 1)
        #expect(streamed.order == .ymd && streamed.entries == 6)
        #expect(days(streamed).first == "2026-03-01 60" && days(streamed)[1] == "2026-03-02 120")
    }

    /// The import's own midnight cut (plain arithmetic on the wall clock) cuts exactly where the
    /// timer's does in a zone without offset.
    @Test func theWallClockCutIsTheTimerSplitOfAZoneWithoutOffset() {
        let day = CalendarDate(iso: "2026-03-01")!.dayNumber * 86_400
        let starts = [0, 29, 30, 59, 3_600, 86_399 - 30, 86_399, 86_370]
        let spans = [0, 1, 29, 30, 31, 89, 90, 3_600, 86_399, 86_400, 86_401, 86_430, 2 * 86_400 + 45, 3 * 86_400 - 1]
        for start in starts {
            for span in spans {
                let wall = day + start
                let timer = TimerSplit.split(from: wall, to: wall + span, in: .fixed(offset: 0))
                let cut = RowFinisher.split(from: wall, to: wall + span)
                #expect(cut.map(\.date) == timer.map(\.date) && cut.map(\.minutes) == timer.map(\.minutes.value)
                        && cut.map(\.start) == timer.map(\.start) && cut.map(\.end) == timer.map(\.end), "start \(start), span \(span)")
            }
        }
    }

    /// An import's moments by the day (`LocalDays`) are the zone's own, on plain days and around
    /// a clock change: a zone an hour ahead of UTC that turns to two hours at 01:00 UTC on
    /// 2026-03-29 (02:00 local does not exist that day) and back at 01:00 UTC on 2026-10-25
    /// (02:00-03:00 local happens twice), and zones behind and ahead of UTC.
    @Test func momentsByTheDayAreTheZonesOwn() {
        let winter = LocalZone.fixed(offset: 3_600), summer = LocalZone.fixed(offset: 7_200)
        let spring = CalendarDate(iso: "2026-03-29")!.dayNumber * 86_400 + 3_600
        let autumn = CalendarDate(iso: "2026-10-25")!.dayNumber * 86_400 + 3_600
        let inSummer: @Sendable (Int) -> Bool = { $0 >= spring && $0 < autumn }
        let changing = LocalZone(
            local: { inSummer($0) ? summer.local($0) : winter.local($0) },
            moment: { date, time in
                let asSummer = summer.moment(date, time)
                return inSummer(asSummer) ? asSummer : winter.moment(date, time)
            })
        let dates = ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26", "2000-01-01", "2999-12-31"]
            .map { CalendarDate(iso: $0)! }
        let seconds = [0, 59, 3_599, 3_600, 5_400, 7_199, 7_200, 9_000, 10_799, 10_800, 43_210, 86_340, 86_399]
        for zone in [changing, .fixed(offset: 0), .fixed(offset: -18_000), .fixed(offset: 19_800), .system] {
            var days = LocalDays(zone: zone)
            for date in dates {
                for second in seconds {
                    let moment = LocalMoment(date: date, seconds: second)
                    let epoch = moment.epoch(in: zone)
                    #expect(days.epoch(moment) == epoch, "\(date) \(second)")
                    #expect(days.timestamp(moment) == zone.local(epoch).timestamp, "\(date) \(second)")
                }
            }
        }
    }

    /// The byte-level readings of the common shapes agree with the general ones around them.
    @Test func theCommonShapesReadAsTheGeneralOnes() {
        #expect(WrittenDate("2026-13-01") == .impossible("2026-13-01"))
        #expect(WrittenDate(" 2026-01-21") == .known(CalendarDate(iso: "2026-01-21")!))
        #expect(WrittenDate("2026-01-2x") == nil && WrittenDate("2026-1-021") == .known(CalendarDate(iso: "2026-01-21")!))
        let times: [(String, Int?)] = [("00:00:00", 0), ("23:59:59", 86_399), ("24:00:00", nil), ("12:60:00", nil), ("12:00:60", nil),
                                       ("09:00:0x", nil), ("09-00-00", nil), (" 9:00:00", 32_400)]
        for (text, seconds) in times { #expect(ClockTime.seconds(text) == seconds, "\(text)") }
        let durations: [(String, Int?)] = [("00:00:29", 0), ("00:00:30", 1), ("99:59:59", 6_000), ("01:60:00", nil), ("01:00:60", nil),
                                           ("0a:00:00", nil), ("123:00:00", 7_380)]
        for (text, minutes) in durations { #expect(ExportedDuration.minutes(text) == minutes, "\(text)") }
        #expect("09:00".trimmingWhitespace() == "09:00" && " a\t".trimmingWhitespace() == "a" && "\u{A0}é\u{2003}".trimmingWhitespace() == "é")
        #expect("a\r\n".trimmingWhitespace() == "a" && "".trimmingWhitespace() == "" && " ".trimmingWhitespace() == "")
    }

    @Test func streamSizesAreBytesOrKMG() throws {
        let good: [(String, Int)] = [("512M", 512 << 20), ("64k", 64 << 10), ("2G", 2 << 30), ("1000", 1000), ("1", 1), ("64G", 64 << 30)]
        for (text, bytes) in good { #expect(try ImportOptions.streamSize(text) == bytes, "\(text)") }
        for bad in ["", "0", "0M", "-1", "1.5M", "M", "65G", "12T", "1 M x", "99999999999999999999", "１M"] {
            let error = socialTimeError { _ = try ImportOptions.streamSize(bad) }
            #expect(error?.exitCode == 64, "\(bad)")
            #expect(error?.message.contains("give a size such as 512M, 64K or 2G") == true, "\(bad)")
        }
        #expect(FileByteSource.defaultSpoolLimit == 512 << 20, "the limit without --max-stream-size")
        #expect(FileByteSource.size(512 << 20) == "512 MiB" && FileByteSource.size(3 << 10) == "3 KiB" && FileByteSource.size(100) == "100 bytes")
    }

    @Test func subMinuteRowsAreSkippedAndCountedAndAForgottenTimerIsABadLine() throws {
        let plan = try plan(fixture: "toggl-team.csv", ImportOptions(format: .toggl))
        #expect(plan.rowsRead == 9)
        #expect(plan.skippedShort == 1, "Dan's 29 seconds round to nothing")
        #expect(plan.rows.first { $0.staff.value == "frederik.as" }?.minutes == 1, "30 seconds round half up to a minute")
        #expect(plan.badRows.map(\.line) == [6], "the header is line 1; Eva's 97-hour timer is on line 6")
        #expect(plan.badRows.first?.reason.contains("97:00:00 (97h): an entry is at most 24 hours") == true)
        #expect(plan.rows.count + plan.skippedShort + plan.badRows.count == plan.rowsRead)
        #expect(ImportBadRow.refusal(plan.badRows, rows: plan.rowsRead, source: "toggl-team.csv").message
            .hasPrefix("toggl-team.csv has 1 bad row of 9; nothing was imported:\n  line 6: the row lasts 97:00:00"))
    }

    @Test func durationsInEveryExportedForm() {
        let cases: [(String, Int?)] = [("3:30", 210), ("03:30:00", 210), ("0:00:29", 0), ("0:00:30", 1), ("00:44:40", 45),
                                       ("3.5", 210), ("3,5", 210), ("0.75", 45), ("2", 120), ("97:00:00", 5820),
                                       ("", nil), ("abc", nil), ("-1:00", nil), ("1:60", nil), ("1:5", nil), ("1h30m", nil), ("1.2.3", nil)]
        for (text, minutes) in cases { #expect(ExportedDuration.minutes(text) == minutes, "\(text)") }
    }

    @Test func timesInTwentyFourHourAndAMPMForms() {
        let cases: [(String, Int?)] = [("09:00", 32_400), ("9:00:30", 32_430), ("23:59:59", 86_399), ("12:00 AM", 0), ("12:30 PM", 45_000),
                                       ("1:05 pm", 47_100), ("08:30AM", 30_600), ("24:00", nil), ("13:00 PM", nil), ("0:00 AM", nil), ("9", nil), ("9:5", nil)]
        for (text, seconds) in cases { #expect(ClockTime.seconds(text) == seconds, "\(text)") }
    }

    @Test func writtenDatesAndWhatTheyProve() {
        #expect(WrittenDate("21/01/2026")?.evidence == .dmy)
        #expect(WrittenDate("01/21/26")?.evidence == .mdy)
        #expect(WrittenDate("01/21/26")?.date(.mdy) == CalendarDate(iso: "2026-01-21"), "two-digit years are 20YY")
        #expect(WrittenDate("05/05/2026")?.isAmbiguous == false, "the same day either way")
        #expect(WrittenDate("03/04/2026")?.isAmbiguous == true)
        #expect(WrittenDate("21.01.2026") == .known(CalendarDate(iso: "2026-01-21")!))
        #expect(WrittenDate("21.01.26") == .known(CalendarDate(iso: "2026-01-21")!))
        #expect(WrittenDate("2026-01-21") == .known(CalendarDate(iso: "2026-01-21")!))
        #expect(WrittenDate("2026/01/21") == .known(CalendarDate(iso: "2026-01-21")!))
        #expect(WrittenDate("2026-02-30") == .impossible("2026-02-30"))
        #expect(WrittenDate("yesterday") == nil && WrittenDate("1/2") == nil && WrittenDate("1/2/345") == nil)
    }

    @Test func loggedAtMustBeISO8601WithAnOffset() {
        for good in ["2026-11-17T09:00:00+01:00", "2026-11-17T09:00Z", "2026-11-17T09:00:00.123-05:30", "2026-11-17T23:59:59Z"] {
            #expect(Timestamp.isValid(good), "\(good)")
        }
        for bad in ["garbage", "x", "", "2026-11-17 09:00:00+01:00", "2026-11-17T09:00:00", "2026-13-17T09:00:00+01:00",
                    "2026-11-17T24:00:00+01:00", "2026-11-17T09:00:00+01:00x", "2026-11-17T09:00:00+0100"] {
            #expect(!Timestamp.isValid(bad), "\(bad)")
        }
    }

    // MARK: Formats

    @Test func aClockifySummaryReportIsRefusedWithTheDetailedReportNamed() throws {
        let error = socialTimeError { _ = try plan(fixture: "clockify-summary.csv", ImportOptions(format: .clockify)) }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("clockify-summary.csv is not a Clockify Detailed report") == true, "\(String(describing: error))")
        #expect(error?.message.contains("Summary report") == true)
        #expect(error?.message.contains("Export the Detailed report instead") == true)
    }

    @Test func aHeaderNamingAColumnTwiceIsRefused() throws {
        let error = socialTimeError {
            _ = try plan(text: "entry_id,date,staff,staff_name,network,outcome,minutes,note,Note,logged_at\n", ImportOptions())
        }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("names the column 'Note' twice (columns 8 and 9)") == true, "\(String(describing: error))")
    }

    static let socialtimeHeader = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\n"

    @Test func socialtimeRowsKeepIdsWithinJSONRangeAndRealTimestamps() throws {
        let row = { (id: String, loggedAt: String) in "\(id),,2026-11-17,anna,Anna,linkedin,recruiting,60,,,\(loggedAt)\n" }
        let good = "2026-11-17T09:00:00+01:00"
        let plan = try plan(text: Self.socialtimeHeader + row("9007199254740992", good) + row("9007199254740993", good)
                            + row("9223372036854775807", good) + row("7", "garbage") + row("0", good) + row("7", good) + row("8", good)
                            + row("8", good), ImportOptions())
        #expect(plan.rows.map(\.entryID) == [9_007_199_254_740_992, 7, 8])
        #expect(plan.rows.first?.loggedAt == good)
        #expect(plan.rows.allSatisfy { $0.importKey == nil }, "socialtime rows are known by their entry id")
        #expect(plan.badRows.map(\.line) == [3, 4, 5, 6, 9])
        #expect(plan.badRows[0].reason.contains("is not a whole number from 1 to 9007199254740992 (2^53)"))
        #expect(plan.badRows[2].reason.contains("logged_at 'garbage' is not an ISO 8601 time with an offset"))
        #expect(plan.badRows[4].reason == "entry_id 8 is also on line 8: each entry appears once")
    }

    @Test func theTwentyFourHourDayHoldsWithinTheFileAndDatesMustBePast() throws {
        let row = { (date: String, minutes: Int) in "1\(minutes),,\(date),anna,Anna,linkedin,recruiting,\(minutes),,,2026-11-17T09:00:00+01:00\n" }
        let plan = try plan(text: Self.socialtimeHeader + row("2026-11-17", 1000) + row("2026-11-17", 440) + row("2026-11-17", 1)
                            + row("2026-11-28", 5) + row("1999-12-31", 6), ImportOptions())
        #expect(plan.rows.isEmpty)
        #expect(plan.badRows.map(\.line) == [2, 3, 4, 5, 6], "every row of the overfull day, whatever its place in the file")
        let overfull = "anna has 24h 1m on 2026-11-17 in this file, more than the 24 hours of a day: line 2 (16h 40m), line 3 (7h 20m), line 4 (1m)"
        #expect(plan.badRows[0...2].allSatisfy { $0.reason == overfull })
        #expect(plan.badRows[3].reason.contains("is in the future (today is 2026-11-27)"))
        #expect(plan.badRows[4].reason.contains("out of range"))
    }

    /// A year file sorted newest first and the same file oldest first: the same entries, the same
    /// refusals (the 24 h day does not depend on which row comes first).
    @Test func theOrderOfTheRowsChangesNothing() throws {
        let rows = (1...40).map { day -> String in
            let date = CalendarDate(iso: "2026-10-01")!.adding(days: day)
            return "User,,\(date),09:00:00,\(date),10:30:00,LinkedIn,recruiting,Note \(day)\n"
        } + ["User,,2026-10-08,11:00:00,2026-10-08,22:43:00,LinkedIn,recruiting,Genuine long day\n",
             "User,,2026-10-08,23:00:00,2026-10-09,03:00:00,LinkedIn,recruiting,Late shift\n"]
        let header = "User,Email,Start date,Start time,End date,End time,Project,Tags,Description\n"
        let options = ImportOptions(format: .toggl, staff: try Handle(validating: "anna"))
        let oldestFirst = try plan(text: header + rows.joined(), options)
        let newestFirst = try plan(text: header + rows.reversed().joined(), options)
        func entries(_ plan: ImportPlan) -> [String] {
            plan.rows.map { "\($0.date) \($0.minutes.value) \($0.note) \($0.importKey ?? "")" }.sorted()
        }
        #expect(entries(oldestFirst) == entries(newestFirst))
        #expect(oldestFirst.rows.count == 43, "41 rows, the late shift cut at midnight into two")
        #expect(oldestFirst.badRows.isEmpty && newestFirst.badRows.isEmpty)
        #expect(entries(oldestFirst).contains("2026-10-08 703 Genuine long day toggl|anna|2026-10-08T11:00:00#1"))
        #expect(entries(oldestFirst).contains("2026-10-09 180 Late shift toggl|anna|2026-10-08T23:00:00#1+2026-10-09"))
    }

    // MARK: People

    @Test func peopleAreMatchedByEmailThenNameThenUser() throws {
        let catalog = Self.catalog([Self.person("anna", "Anna J.", "ANNA@example.com"), Self.person("impostor", "Anna Jensen"),
                                    Self.person("bo", "bo berg"), Self.person("gone", "Carla Holm", active: false)])
        let rows = Self.togglHeader
            + "Anna Jensen,anna@example.com,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n"
            + "Bo Berg,bo@elsewhere.com,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n"
            + "Dan Hansen,dan@example.com,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n"
            + "Carla Holm,carla@example.com,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n"
            + "Eva Lund,eva@example.com,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n"
        let plan = try plan(text: rows, ImportOptions(format: .toggl, users: ["dan@example.com": try Handle(validating: "dan")]), catalog)
        #expect(plan.rows.map(\.staff.value) == ["anna", "bo", "dan", "eva.lund"], "e-mail beats a name; a name matches in any case")
        #expect(plan.badRows.map(\.line) == [5])
        #expect(plan.badRows.first?.reason.contains("gone is deactivated") == true)
        #expect(plan.newPeople.map(\.handle.value) == ["dan", "eva.lund"])
        #expect(plan.newPeople.last == ImportPlan.NewPerson(handle: try Handle(validating: "eva.lund"), name: "Eva Lund", email: "eva@example.com"))
    }

    @Test func aTakenSlugOrTwoPeopleWithOneNameAreNeverGuessed() throws {
        let catalog = Self.catalog([Self.person("eva.lund", "E. Lund"), Self.person("bo1", "Bo Berg"), Self.person("bo2", "Bo Berg")])
        let row = { (who: String) in "\(who),,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,recruiting,\r\n" }
        let plan = try plan(text: Self.togglHeader + row("Eva Lund") + row("Bo Berg") + row("李雷"), ImportOptions(format: .toggl), catalog)
        #expect(plan.rows.isEmpty)
        #expect(plan.badRows.map(\.reason) == [
            "'Eva Lund' matches nobody on the roster by e-mail or name, and the handle eva.lund made from the name is taken by E. Lund: map them with --user 'Eva Lund=HANDLE'",
            "2 people on the roster are called 'Bo Berg' (bo1, bo2): say which with --user 'Bo Berg=HANDLE'",
            "cannot make a handle from '李雷': map them with --user '李雷=HANDLE'",
        ])
    }

    @Test func handlesAreMadeFromNames() {
        let cases: [(String, String?)] = [("Lavínia Rezende", "lavinia.rezende"), ("Søren Østergaard", "soren.ostergaard"),
                                          ("Frederik Ås", "frederik.as"), ("  José   María  ", "jose.maria"), ("Anne-Marie O'Brien", "anne-marie.obrien"),
                                          ("Æbelø Straße", "aebelo.strasse"), ("Zoë Ł. Dvořák", "zoe.l.dvorak"), ("李雷", nil), ("", nil),
                                          ("Maximilian Alexander von Habsburg-Lothringen", "maximilian.alexander.von.habsbur")]
        for (name, handle) in cases { #expect(PeopleMatcher.handle(fromName: name)?.value == handle, "\(name)") }
    }

    @Test func staffIsRefusedForAFileNamingSeveralPeople() throws {
        let error = socialTimeError { _ = try plan(fixture: "toggl-team.csv", ImportOptions(format: .toggl, staff: try Handle(validating: "anna"))) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("--staff anna puts every row on one person, but toggl-team.csv names 8 people") == true, "\(String(describing: error))")
        let one = try plan(fixture: "clockify-detailed.csv", ImportOptions(format: .clockify, staff: try Handle(validating: "carla")))
        #expect(one.rows.map(\.staff.value) == ["carla", "carla"])
        #expect(one.newPeople.map(\.name) == ["Carla Holm"], "registered under the name the file gives")
    }

    // MARK: Networks, outcomes, notes

    @Test func valueMapsAndColumnsChooseNetworkAndOutcomeAndTheNoteKeepsTheRest() throws {
        let unmapped = try plan(fixture: "toggl-projects.csv", ImportOptions(format: .toggl))
        #expect(unmapped.badRows.first?.reason == "Project 'Mobile app' names no network: map it with --map-network 'Mobile app=KEY', or give every row one with --network-from KEY; "
                + "and the row has tags 'social', 'billable', none of which names a known outcome (map a tag with --map-outcome TAG=KEY, or give every row one with --outcome-from KEY)",
                "both problems of the row in one round")
        #expect(unmapped.advice?.contains("1 value of Project names no network: 'Mobile app' (2 rows)") == true, "\(unmapped.advice ?? "")")

        let mapped = try plan(fixture: "toggl-projects.csv", ImportOptions(
            format: .toggl, outcomeFrom: FieldSource(argument: "Client"),
            networkMap: ["MOBILE APP ": "linkedin"], outcomeMap: ["recruiting 2026": "recruiting"]))
        #expect(lines(mapped) == ["anna.jensen 2026-11-17 60 linkedin recruiting Shared the job ad (tags: social, billable)",
                                  "anna.jensen 2026-11-18 30 linkedin recruiting"])

        let byTag = try plan(fixture: "toggl-projects.csv", ImportOptions(format: .toggl, networkMap: ["Mobile app": "linkedin"],
                                                                           outcomeMap: ["social": "brand-awareness"]))
        #expect(lines(byTag).first == "anna.jensen 2026-11-17 60 linkedin brand-awareness Shared the job ad (client: Recruiting 2026; tags: billable)",
                "the client no mapping used stays in the note")
        #expect(byTag.badRows.map(\.line) == [3], "the second row has no tags to take the outcome from")

        let fixed = try plan(fixture: "toggl-projects.csv", ImportOptions(format: .toggl, networkFrom: FieldSource(argument: "facebook"),
                                                                          outcomeFrom: FieldSource(argument: "listening")))
        #expect(lines(fixed) == ["anna.jensen 2026-11-17 60 facebook listening Shared the job ad (project: Mobile app; client: Recruiting 2026; tags: social, billable)",
                                 "anna.jensen 2026-11-18 30 facebook listening project: Mobile app; client: Recruiting 2026"])
    }

    @Test func mapsAndSourcesNamingNothingAreUsageErrors() throws {
        let badMap = socialTimeError { _ = try plan(fixture: "toggl-projects.csv", ImportOptions(format: .toggl, networkMap: ["Mobile app": "myspace"])) }
        #expect(badMap?.exitCode == 64)
        #expect(badMap?.message.contains("no network is called 'myspace'") == true)
        let badSource = socialTimeError { _ = try plan(fixture: "toggl-projects.csv", ImportOptions(format: .toggl, outcomeFrom: FieldSource(argument: "Category"))) }
        #expect(badSource?.exitCode == 64)
        #expect(badSource?.message.contains("--outcome-from 'Category' names neither a column") == true)
    }

    // MARK: Identity

    @Test func identicalRowsStayDistinctAndAnOverlappingReExportAddsOnlyNewRows() throws {
        let first = try plan(fixture: "toggl-export-1.csv", ImportOptions(format: .toggl))
        #expect(first.importKeys == ["toggl|anna.jensen|2026-11-16T09:00:00#1",
                                     "toggl|anna.jensen|2026-11-16T09:00:00#2",
                                     "toggl|anna.jensen|2026-11-17T13:00:00#1"])
        let firstWrite = first.apply(ImportStoredState())
        #expect(firstWrite.inserts.count == 3 && firstWrite.alreadyPresent == 0)

        // Reordered columns, other amounts and billable flags, an edited tag, one more identical row and a new one.
        let second = try plan(fixture: "toggl-export-2.csv", ImportOptions(format: .toggl))
        let stored = ImportStoredState(presentKeys: Set(first.importKeys),
                                       dayTotals: [ImportPlan.Day(staff: try Handle(validating: "anna.jensen"), date: CalendarDate(iso: "2026-11-16")!): 120])
        let write = second.apply(stored)
        #expect(write.alreadyPresent == 3)
        #expect(write.inserts.map { second.rows[$0].line } == [5, 6], "the third identical hour and the follow-up")
        #expect(write.inserts.first.map { second.rows[$0].importKey } == "toggl|anna.jensen|2026-11-16T09:00:00#3")
        #expect(write.register.map(\.handle.value) == ["anna.jensen"], "planned against an empty roster, so registered with the rows")
    }

    @Test func watsonFramesSharingAnIdAreTwoEntries() throws {
        let plan = try plan(fixture: "watson-id-clash.csv", ImportOptions(format: .watson, staff: try Handle(validating: "dan")))
        #expect(plan.importKeys == ["watson|dan|a1b2c3d#1", "watson|dan|a1b2c3d#2"], "a Watson frame is known by its id")
        #expect(lines(plan) == ["dan 2026-11-17 51 linkedin sales-leads tags: outreach", "dan 2026-11-18 45 linkedin sales-leads"])
        #expect(plan.apply(ImportStoredState()).inserts.count == 2)
    }
}

extension String {
    fileprivate var withLeadingSlash: String { hasPrefix("/") ? self : "/" + self }
}

/// Issue 23's pieces without a store: suggestions a shell takes as printed, handles from e-mail
/// addresses, and the Watson and Timewarrior readers in a fixed zone.
@Suite struct ImportTrackerFileTests {
    @Test func suggestedOptionsAreQuotedForAShell() {
        #expect(Shell.quoted("Website=KEY") == "Website=KEY")
        #expect(Shell.quoted("Mobile app=KEY") == "'Mobile app=KEY'")
        #expect(Shell.quoted("Master's Thesis=KEY") == "'Master'\\''s Thesis=KEY'")
        #expect(Shell.quoted("$HOME=KEY") == "'$HOME=KEY'")
    }

    @Test func aUserThatIsAnEmailAddressGivesItsLocalPart() throws {
        let text = "User,Email,Project,Tags,Start date,Start time,End date,End time,Description\n"
            + "zander@nelentelect.co.za,,LinkedIn,recruiting,2026-11-16,09:00:00,2026-11-16,10:00:00,Calls\n"
        var reader = try CSVReader(source: MemoryByteSource(text))
        let plan = try ImportPlanner.plan(&reader, options: ImportOptions(format: .toggl), catalog: ImportPlannerTests.catalog(), source: "f.csv")
        #expect(plan.newPeople.map(\.handle.value) == ["zander"])
        #expect(plan.badRows.isEmpty)
    }

    func plan(_ text: String, _ format: ImportFormat) throws(SocialTimeError) -> ImportPlan {
        var reader = try CSVReader(source: MemoryByteSource(text))
        return try ImportPlanner.plan(&reader, options: ImportOptions(format: format, networkFrom: .column("tags"), staff: try Handle(validating: "eve")),
                                      catalog: ImportPlannerTests.catalog(), source: "f", zone: .fixed(offset: 3600))
    }

    @Test func timewarriorDataLinesAndExportJSONGiveTheSameRows() throws {
        let data = try plan("""
            inc 20261116T080000Z - 20261116T093000Z # linkedin recruiting # "Calls \\"today\\""

            inc 20261117T220000Z - 20261118T010000Z # facebook listening "night shift"
            inc 20261120T120000Z # reddit listening
            """, .timewarrior)
        let json = try plan("""
            [{"id":3,"start":"20261116T080000Z","end":"20261116T093000Z","tags":["linkedin","recruiting"],"annotation":"Calls \\"today\\""},
             {"id":2,"start":"20261117T220000Z","end":"20261118T010000Z","tags":["facebook","listening","night shift"]},
             {"id":1,"start":"20261120T120000Z","tags":["reddit","listening"]}]
            """, .timewarrior)
        for plan in [data, json] {
            #expect(plan.rows.map { "\($0.date) \($0.minutes.value) \($0.network) \($0.outcome) \($0.note)" } == [
                "2026-11-16 90 linkedin recruiting Calls \"today\"",
                "2026-11-17 60 facebook listening tags: night shift",
                "2026-11-18 120 facebook listening tags: night shift",
            ])
            #expect(plan.importKeys == ["timewarrior|eve|20261116T080000Z#1", "timewarrior|eve|20261117T220000Z#1",
                                        "timewarrior|eve|20261117T220000Z#1+2026-11-18"])
            #expect(plan.badRows.count == 1)
            #expect(plan.badRows.first?.reason.contains("is still running: stop it (`timew stop`) and export again") == true)
        }
        #expect(data.badRows.first?.line == 4 && json.badRows.first?.line == 3, "lines of the file, blank ones counted")
    }

    @Test func watsonFramesAreReadInTheLocalZone() throws {
        let frames = "[[1794902400, 1794907800, \"linkedin\", \"f1\", [\"recruiting\", \"calls\"], 1794907800]]"
        var reader = try CSVReader(source: MemoryByteSource(frames))
        let plan = try ImportPlanner.plan(&reader, options: ImportOptions(format: .watson, staff: try Handle(validating: "dan")),
                                          catalog: ImportPlannerTests.catalog(), source: "frames", zone: .fixed(offset: 3600))
        #expect(plan.rows.map { "\($0.date) \($0.minutes.value) \($0.network) \($0.outcome) \($0.note)" } == ["2026-11-17 90 linkedin recruiting tags: calls"])
        #expect(plan.importKeys == ["watson|dan|f1#1"])
    }
}
