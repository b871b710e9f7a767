import Testing
@testable import SocialTimeCore

@Suite struct DurationParserTests {
    @Test(arguments: [
        ("90m", 90), ("2h", 120), ("1h30m", 90), ("1.5h", 90), ("1.5", 90), ("1,5", 90), ("1:30", 90),
        ("0:45", 45), ("45m", 45), ("1h05m", 65), ("1h5m", 65), ("24h", 1440), ("24", 1440), ("1m", 1),
        (" 2H ", 120), ("1.25", 75), ("0,1", 6), ("1.1h", 66), ("0.0083", 0), ("0.01", 1), ("1440m", 1440),
        ("2.999", 180), ("0.75h", 45),
    ])
    func parsesEveryFormTheSpecLists(text: String, minutes: Int) {
        #expect(DurationParser.minutes(in: text) == Minutes(minutes), "\(text)")
    }

    @Test(arguments: ["", " ", "abc", "h", "m", "1x", "1h30", "1:3", "1:60", "1h60m", "1.5m", "1..5", "1.", ".5",
                      "-1h", "+1h", "1e3", "1 h", "1h 30m", "99999999h", "1,5,5", "1:30:00", "½", "１h", "0x10"])
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
}
