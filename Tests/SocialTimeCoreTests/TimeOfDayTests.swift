import Testing
@testable import SocialTimeCore

@Suite struct TimeOfDayTests {
    @Test(arguments: [("00:00", 0), ("09:05", 545), ("17:30", 1050), ("23:59", 1439), (" 08:15 ", 495)])
    func readsStrictTwentyFourHourTimes(text: String, minutes: Int) throws {
        #expect(try TimeOfDay.parse(text).minutesSinceMidnight == minutes)
    }

    @Test(arguments: [("25:00", "hours run from 00 to 23"), ("24:00", "midnight is 00:00"), ("9:5", "use HH:MM"),
                      ("9:05", "use HH:MM"), ("12:60", "minutes run from 00 to 59"), ("", "invalid time ''"),
                      ("1230", "use HH:MM"), ("12.30", "use HH:MM"), ("-1:00", "use HH:MM"), ("12:3O", "use HH:MM"),
                      ("9am", "use HH:MM")])
    func refusesWithAClearMessage(text: String, says: String) {
        let error = socialTimeError { _ = try TimeOfDay.parse(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains(says) == true, "\(String(describing: error))")
        #expect(error?.message.contains("'\(text)'") == true)
    }

    @Test func readsTheTimeOfATimestamp() {
        #expect(TimeOfDay(timestamp: "2026-11-25T09:07:40+01:00")?.description == "09:07")
        #expect(TimeOfDay(timestamp: "2026-11-25") == nil)
    }

    static let day = CalendarDate(iso: "2026-11-25")!
    static let noon = (date: day, time: TimeOfDay(hour: 12, minute: 0)!)

    @Test func aSpanIsTheMinutesBetweenTheTimes() throws {
        #expect(try ClockSpan.read(from: "09:00", to: "10:30", on: Self.day, now: Self.noon).minutes == Minutes(90))
        #expect(try ClockSpan.read(from: "11:00", to: "12:00", on: Self.day, now: Self.noon).minutes == Minutes(60))
        // An earlier date may run to the end of the day.
        #expect(try ClockSpan.read(from: "22:00", to: "23:59", on: Self.day.adding(days: -1), now: Self.noon).minutes == Minutes(119))
    }

    @Test func aSpanMustRunForwardAndBeOver() {
        let backwards = socialTimeError { _ = try ClockSpan.read(from: "10:00", to: "09:00", on: Self.day, now: Self.noon) }
        #expect(backwards?.message.contains("--to 09:00 is before --from 10:00") == true)
        let empty = socialTimeError { _ = try ClockSpan.read(from: "10:00", to: "10:00", on: Self.day, now: Self.noon) }
        #expect(empty?.message.contains("the same time") == true)
        let future = socialTimeError { _ = try ClockSpan.read(from: "11:00", to: "12:01", on: Self.day, now: Self.noon) }
        #expect(future?.message.contains("--to 12:01 on 2026-11-25 is in the future (it is now 12:00") == true, "\(String(describing: future))")
        let tomorrow = socialTimeError { _ = try ClockSpan.read(from: "08:00", to: "09:00", on: Self.day.adding(days: 1), now: Self.noon) }
        #expect(tomorrow?.message.contains("in the future") == true)
        let badTime = socialTimeError { _ = try ClockSpan.read(from: "25:00", to: "09:00", on: Self.day, now: Self.noon) }
        #expect(badTime?.message.contains("invalid --from time '25:00'") == true)
    }
}

@Suite struct ClockNowTests {
    @Test func nowIsTheClocksTimeOnItsOwnDay() {
        let clock = Clock(today: CalendarDate(iso: "2026-11-25")!, timestamp: "2026-11-25T09:07:40+01:00")
        #expect(clock.now.date.description == "2026-11-25")
        #expect(clock.now.time.description == "09:07")
    }

    @Test func aDayFixedByTheEnvironmentCountsAsOver() {
        // SOCIALTIME_TODAY=2026-11-20 on the 25th: all of the 20th has happened.
        let clock = Clock(today: CalendarDate(iso: "2026-11-20")!, timestamp: "2026-11-25T09:07:40+01:00")
        #expect(clock.now.date.description == "2026-11-20")
        #expect(clock.now.time.description == "23:59")
    }
}
