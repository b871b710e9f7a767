import Testing
@testable import SocialTimeCore

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("90m", 90), ("2h", 120), ("1h30m", 90), ("1.5h", 90), ("1.5", 90), ("1,5", 90), ("1:30", 90),
        ("0:45", 45), ("45m", 45), ("1h05m", 65), ("1h5m", 65), ("24h", 1440), ("24", 1440), ("1m", 1),
        (" 2H ", 120), ("1.25", 75), ("0,1", 6), ("1.1h", 66), ("0.0083", 0), ("0.01", 1), ("1440m", 1440),
        ("2.999", 180), ("0.75h", 45), ("1h30", 90), ("2h05", 125), ("1H30", 90),
        // Timewarrior's and people's unit words, with or without a space (issue 24).
        ("45min", 45), ("45 min", 45), ("45mins", 45), ("45 minutes", 45), ("1 minute", 1), ("2hours", 120),
        ("1 hour", 60), ("1.5 hrs", 90), ("1hr", 60), ("1 h", 60), ("1h 30m", 90), ("1h 30min", 90), ("1 hour 5 min", 65),
    ])
    func parsesEveryFormTheSpecLists(text: String, minutes: Int) {
        #expect(DurationParser.minutes(in: text) == Minutes(minutes), "\(text)")
    }

    @Test(arguments: ["", " ", "abc", "h", "m", "1x", "1h60", "1h30x", "1:3", "1:60", "1h60m", "1.5m", "1..5", "1.", ".5",
                      "-1h", "+1h", "1e3", "1 30", "45 mi", "45 minn", "min 45", "1min30", "99999999h", "1,5,5", "1:30:00", "½", "１h", "0x10"])
    func refusesWhatIsNotADuration(text: String) {
        #expect(DurationParser.minutes(in: text) == nil, "\(text)")
    }

    @Test func roundsHalfMinutesUp() {
        // 0.0125 h = 0.75 min → 1; 0.0075 h = 0.45 min → 0.
        #expect(DurationParser.minutes(in: "0.0125") == Minutes(1))
        #expect(DurationParser.minutes(in: "0.0075") == Minutes(0))
        // 1.00833 h = 60.4998 min → 60.
        #expect(DurationParser.minutes(in: "1.00833") == Minutes(60))
    }

    @Test func entryRangeIsOneMinuteToTwentyFourHours() throws {
        #expect(throws: SocialTimeError.self) { try DurationParser.parse("0m") }
        #expect(throws: SocialTimeError.self) { try DurationParser.parse("24h1m") }
        #expect(throws: SocialTimeError.self) { try DurationParser.parse("25h") }
        #expect(throws: SocialTimeError.self) { try DurationParser.parse("0.001") }
        #expect(try DurationParser.parse("24h") == Minutes.day)
    }

    @Test func messagesNameTheValueAndWhatIsAccepted() {
        let bad = socialTimeError { _ = try DurationParser.parse("abc") }
        #expect(bad?.exitCode == 64)
        #expect(bad?.message.contains("'abc'") == true)
        #expect(bad?.message.contains("1h30m") == true)
        let tooLong = socialTimeError { _ = try DurationParser.parse("25h") }
        #expect(tooLong?.message.contains("1500 minutes") == true)
        #expect(tooLong?.message.contains("24h") == true)
    }

    @Test func customRangeForThresholds() throws {
        let week = Minutes(1)...Minutes(168 * 60)
        #expect(try DurationParser.parse("40h", range: week) == Minutes(2400))
        #expect(throws: SocialTimeError.self) { try DurationParser.parse("169h", range: week) }
    }

    @Test(arguments: [
        ("1.30", "1.30 is read as 1.3 h = 1h 18m; for 1 h 30 min write 1:30"),
        ("1,45", "1,45 is read as 1,45 h = 1h 27m; for 1 h 45 min write 1:45"),
        ("2.05", "2.05 is read as 2.05 h = 2h 3m; for 2 h 5 min write 2:05"),
        ("0.30", "0.30 is read as 0.3 h = 18m; for 30 min write 30m"),
        ("1.50", "1.50 is read as 1.5 h = 1h 30m; for 1 h 50 min write 1:50"),
    ])
    func twoDigitDecimalsThatCouldBeMinutesComeWithTheOtherSpelling(text: String, hint: String) throws {
        let reading = try DurationParser.read(text)
        #expect(reading.hint == hint)
        #expect(reading.minutes == DurationParser.minutes(in: text))
    }

    /// 1.75 cannot be minutes, 1.00 reads the same either way, one or three decimals are not clock minutes.
    @Test(arguments: ["1.5", "1,255", "1.75", "1.00", "1:30", "90m", "1h30", "1.305", "2"])
    func otherSpellingsHaveNoHint(text: String) throws {
        #expect(try DurationParser.read(text).hint == nil, "\(text)")
    }

    @Test(arguments: [("30", "did you mean 30m?"), ("45", "did you mean 45m?"), ("90", "did you mean 90m?")])
    func aBareNumberBeyondTheDaySuggestsMinutes(text: String, says: String) {
        let error = socialTimeError { _ = try DurationParser.parse(text) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains(says) == true, "\(String(describing: error))")
        #expect(error?.message.contains("a bare number is hours") == true)
    }

    @Test func aBareNumberBeyondEvenMinutesGetsNoSuggestion() {
        // 2000 minutes is more than a day too: suggesting 2000m would be another refusal.
        let error = socialTimeError { _ = try DurationParser.parse("2000") }
        #expect(error?.message.contains("did you mean") == false)
        #expect(error?.message.contains("25h") == false)
    }

    @Test func aDurationSplitInTwoWordsSaysToWriteItAsOne() {
        #expect(DurationParser.splitDurationMessage(first: "1h", second: "30m")?.contains("write the duration as one, 1h30m") == true)
        #expect(DurationParser.splitDurationMessage(first: "1h", second: "linkedin") == nil)
        #expect(DurationParser.splitDurationMessage(first: "90m", second: "30m") == nil)
    }
}
