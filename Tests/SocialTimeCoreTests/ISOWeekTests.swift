import Testing
@testable import SocialTimeCore

@Suite struct ISOWeekTests {
    /// Expected weeks computed independently with GNU date: `date -d D +%G-W%V`.
    static let yearBoundaries: [(String, String)] = [
        ("2015-12-31", "2015-W53"), ("2016-01-03", "2015-W53"), ("2020-12-31", "2020-W53"),
        ("2021-01-01", "2020-W53"), ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"),
        ("2024-12-29", "2024-W52"), ("2024-12-30", "2025-W01"), ("2025-12-28", "2025-W52"),
        ("2025-12-29", "2026-W01"), ("2026-01-01", "2026-W01"), ("2026-11-23", "2026-W48"),
        ("2026-11-29", "2026-W48"), ("2026-12-28", "2026-W53"), ("2026-12-31", "2026-W53"),
        ("2027-01-01", "2026-W53"), ("2027-01-03", "2026-W53"), ("2027-01-04", "2027-W01"),
        ("2004-12-31", "2004-W53"), ("2005-01-02", "2004-W53"), ("2008-12-29", "2009-W01"),
        ("2009-12-31", "2009-W53"), ("2010-01-03", "2009-W53"), ("2000-01-01", "1999-W52"),
        ("2032-12-31", "2032-W53"),
    ]

    @Test(arguments: yearBoundaries)
    func weekOfDateMatchesGNUDate(date: String, expected: String) throws {
        let day = try #require(CalendarDate(iso: date))
        #expect(ISOWeek(containing: day).description == expected)
    }

    @Test(arguments: yearBoundaries)
    func weekContainsItsDateBetweenMondayAndSunday(date: String, expected: String) throws {
        let day = try #require(CalendarDate(iso: date))
        let week = try #require(ISOWeek(iso: expected))
        #expect(week.contains(day))
        #expect(week.monday.isoWeekday == 1)
        #expect(week.sunday.isoWeekday == 7)
        #expect(ISOWeek(containing: week.monday) == week)
        #expect(ISOWeek(containing: week.sunday) == week)
    }

    @Test func weekFiftyThreeExistsOnlyInLongYears() {
        #expect(ISOWeek(year: 2026, week: 53) != nil)
        #expect(ISOWeek(year: 2025, week: 53) == nil)
        #expect(ISOWeek(iso: "2025-W53") == nil)
        #expect(ISOWeek(iso: "2026-W00") == nil)
        #expect(ISOWeek(year: 2026, week: 53)?.next.description == "2027-W01")
        #expect(ISOWeek(iso: "2027-W01")?.previous.description == "2026-W53")
    }

    @Test func parsesOnlyTheISOForm() {
        #expect(ISOWeek(iso: "2026-W48")?.monday.description == "2026-11-23")
        #expect(ISOWeek(iso: "2026-w48")?.description == "2026-W48")
        for bad in ["2026W48", "2026-W4", "2026-W480", "26-W48", "2026-X48", "", "2026-W+8"] {
            #expect(ISOWeek(iso: bad) == nil, "\(bad)")
        }
    }

    @Test func dayNumbersRoundTripAcrossCenturies() throws {
        for dayNumber in stride(from: -1_000, through: 30_000, by: 7) {
            let date = CalendarDate(dayNumber: dayNumber)
            #expect(date.dayNumber == dayNumber)
            #expect(CalendarDate(iso: date.description) == date)
        }
        #expect(try #require(CalendarDate(iso: "1970-01-01")).dayNumber == 0)
        #expect(try #require(CalendarDate(iso: "2026-11-29")).isoWeekday == 7)
    }

    @Test func impossibleDatesAreRefused() {
        for bad in ["2026-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "20260101", "2026-01-01x"] {
            #expect(CalendarDate(iso: bad) == nil, "\(bad)")
        }
        #expect(CalendarDate(iso: "2024-02-29") != nil)
        #expect(CalendarDate(iso: "2000-02-29") != nil)
        #expect(CalendarDate(iso: "1900-02-29") == nil)
    }
}
