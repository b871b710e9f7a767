import Testing
@testable import SocialTimeCore

@Suite struct DateParserTests {
    let parser = DateParser(today: CalendarDate(iso: "2026-11-27")!)  // a Friday in 2026-W48

    @Test func relativeAndAbsoluteDates() throws {
        #expect(try parser.pastDate("today").description == "2026-11-27")
        #expect(try parser.pastDate("Yesterday").description == "2026-11-26")
        #expect(try parser.pastDate("2026-11-01").description == "2026-11-01")
        #expect(try parser.pastDate("2024-02-29").description == "2024-02-29")
    }

    @Test(arguments: ["2026-11-28", "2027-01-01", "9999-12-31"])
    func futureDatesAreRefusedForWork(text: String) {
        let error = socialTimeError { _ = try parser.pastDate(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("future") == true)
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "2026-04-31", "2025-02-29"])
    func impossibleDatesSayTheDayDoesNotExist(text: String) {
        let error = socialTimeError { _ = try parser.pastDate(text) }
        #expect(error?.message.contains("no such day") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["", "tomorrow", "27/11/2026", "2026-1-1", "0000-01-01", "1999-12-31", "2026-11-27T10:00"])
    func otherTextIsRefused(text: String) {
        let error = socialTimeError { _ = try parser.pastDate(text) }
        #expect(error?.exitCode == 64, "\(text)")
    }

    @Test func weeks() throws {
        #expect(try parser.week("this").description == "2026-W48")
        #expect(try parser.week("last").description == "2026-W47")
        #expect(try parser.week("2026-W53").description == "2026-W53")
        #expect(try parser.week("2027-01-02").description == "2026-W53")
        #expect(try parser.week("today").description == "2026-W48")
        #expect(try parser.week("2030-W10").description == "2030-W10")  // future weeks are allowed: empty
    }

    @Test func lastWeekAcrossNewYear() throws {
        let january = DateParser(today: CalendarDate(iso: "2027-01-05")!)
        #expect(try january.week("last").description == "2026-W53")
        let earlyJanuary = DateParser(today: CalendarDate(iso: "2026-01-01")!)
        #expect(try earlyJanuary.week("this").description == "2026-W01")
        #expect(try earlyJanuary.week("last").description == "2025-W52")
    }

    @Test(arguments: ["2025-W53", "2026-W54", "2026-W00"])
    func weeksThatDoNotExistAreNamedAsSuch(text: String) {
        let error = socialTimeError { _ = try parser.week(text) }
        #expect(error?.message.contains("no such week") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["", "week 48", "2026W48", "lastweek"])
    func badWeeksListWhatIsAccepted(text: String) {
        let error = socialTimeError { _ = try parser.week(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("YYYY-Www") == true, "\(String(describing: error))")
    }

    // 2026-11-27 is a Friday.
    @Test(arguments: [("friday", "2026-11-27"), ("fri", "2026-11-27"), ("Thursday", "2026-11-26"), ("mon", "2026-11-23"),
                      ("monday", "2026-11-23"), ("saturday", "2026-11-21"), ("sun", "2026-11-22"), ("wed", "2026-11-25"),
                      ("TUE", "2026-11-24")])
    func weekdaysAreTheMostRecentSuchDayTodayIncluded(text: String, date: String) throws {
        #expect(try parser.pastDate(text).description == date)
    }

    @Test(arguments: [("wendesday", "did you mean 'wednesday'?"), ("thrusday", "did you mean 'thursday'?"),
                      ("yesterdy", "did you mean 'yesterday'?"), ("mnday", "did you mean 'monday'?")])
    func weekdayTyposGetADidYouMean(text: String, says: String) {
        let error = socialTimeError { _ = try parser.pastDate(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains(says) == true, "\(String(describing: error))")
        #expect(error?.message.contains("monday/mon") == true)
    }

    @Test(arguments: ["mo", "m", "fridays", "thu1"])
    func partialWeekdaysAreRefused(text: String) {
        #expect(socialTimeError { _ = try parser.pastDate(text) }?.exitCode == 64, "\(text)")
    }

    @Test func shortWeeksAreInThisISOYear() throws {
        #expect(try parser.week("W48").description == "2026-W48")
        #expect(try parser.week("w1").description == "2026-W01")
        #expect(try parser.week("W53").description == "2026-W53")
        #expect(try parser.week("monday").description == "2026-W48")
        // On 2027-01-01 (a Friday in 2026-W53), the ISO year is still 2026.
        #expect(try DateParser(today: CalendarDate(iso: "2027-01-01")!).week("W02").description == "2026-W02")
        let error = socialTimeError { _ = try DateParser(today: CalendarDate(iso: "2027-03-01")!).week("W53") }
        #expect(error?.message.contains("2027 has no such week") == true, "\(String(describing: error))")
        #expect(socialTimeError { _ = try parser.week("W00") }?.message.contains("no such week") == true)
    }
}
