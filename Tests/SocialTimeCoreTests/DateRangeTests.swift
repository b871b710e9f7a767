import Testing
@testable import SocialTimeCore

/// The one supported range, 2000-01-01 … 2999-12-31, as every date and week parser applies it.
@Suite struct DateRangeTests {
    let parser = DateParser(today: CalendarDate(iso: "2026-11-27")!)

    @Test(arguments: ["0001-01-01", "1999-12-31", "3000-01-01", "9999-12-31"])
    func datesOutsideTheRangeAreRefused(text: String) {
        let error = socialTimeError { _ = try parser.date(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("2000-01-01 to 2999-12-31") == true, "\(error?.message ?? "")")
    }

    @Test(arguments: ["2000-01-01", "2999-12-31"])
    func theEndsOfTheRangeAreDates(text: String) throws {
        #expect(try parser.date(text).description == text)
    }

    /// `entries --week 9999-12-31` printed a week ending in year 0000.
    @Test(arguments: ["9999-12-31", "3000-01-06", "9999-W52", "3000-W02", "0001-01-01", "0001-W01", "1999-W51"])
    func weeksOutsideTheRangeAreRefused(text: String) {
        let error = socialTimeError { _ = try parser.week(text) }
        #expect(error?.exitCode == 64, "\(text)")
    }

    @Test func weeksThatTouchTheRangeAreWeeks() throws {
        #expect(try parser.week("2000-01-01").description == "1999-W52")
        #expect(try parser.week("1999-W52").description == "1999-W52")
        #expect(try parser.week("2999-12-31").description == "3000-W01")
        #expect(try parser.week("3000-W01").description == "3000-W01")
    }

    @Test func weekFiftyThreeOnlyInLongYears() throws {
        #expect(try parser.week("2020-W53").description == "2020-W53")
        #expect(try parser.week("2026-W53").description == "2026-W53")
        #expect(socialTimeError { _ = try parser.week("2021-W53") }?.exitCode == 64)
        #expect(socialTimeError { _ = try parser.week("2027-W53") }?.exitCode == 64)
    }

    /// `SOCIALTIME_TODAY=2999-12-31 … --week next` must be a refusal, not a trap.
    @Test func relativeWeeksThatLeaveTheRangeAreRefused() throws {
        let end = DateParser(today: CalendarDate(iso: "2999-12-31")!)
        #expect(try end.week("this").description == "3000-W01")
        #expect(try end.week("last").description == "2999-W52")
        #expect(socialTimeError { _ = try end.week("next") }?.exitCode == 64)
        let start = DateParser(today: CalendarDate(iso: "2000-01-01")!)
        #expect(try start.week("this").description == "1999-W52")
        #expect(socialTimeError { _ = try start.week("last") }?.exitCode == 64)
        #expect(try start.week("next").description == "2000-W01")
    }

    /// ISOWeek's arithmetic is total: it used to force-unwrap January 1st of year 10000 (SIGILL).
    @Test func weekArithmeticAtTheCalendarsEdgesDoesNotTrap() {
        let last = ISOWeek(containing: CalendarDate(iso: "9999-12-31")!)
        #expect(!last.next.isSupported)
        #expect(ISOWeek(year: 1, week: 1)!.previous.isSupported == false)
    }

    @Test(arguments: ["9999-12-31", "1999-12-31", "0001-01-01"])
    func todayOverrideOutsideTheRangeIsRefused(text: String) {
        let error = socialTimeError { _ = try Clock.at(epochSeconds: 0, todayOverride: text, nowOverride: nil) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("SOCIALTIME_TODAY") == true)
    }

    @Test func todayOverrideInsideTheRangeIsUsed() throws {
        #expect(try Clock.at(epochSeconds: 0, todayOverride: "2999-12-31", nowOverride: nil).today.description == "2999-12-31")
    }
}
