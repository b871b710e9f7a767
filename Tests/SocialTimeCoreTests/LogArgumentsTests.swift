import Testing
@testable import SocialTimeCore

@Suite struct LogArgumentsTests {
    func resolve(_ words: [String], network: String? = nil, outcome: String? = nil, from: String? = nil, to: String? = nil) throws -> LogArguments {
        try LogArguments.resolve(positionals: words, network: network, outcome: outcome, from: from, to: to)
    }

    @Test func positionalsAndOptionsSayTheSame() throws {
        let expected = LogArguments(duration: "45m", network: "linkedin", outcome: "recruiting", from: nil, to: nil)
        #expect(try resolve(["45m", "linkedin", "recruiting"]) == expected)
        #expect(try resolve(["45m"], network: "linkedin", outcome: "recruiting") == expected)
        #expect(try resolve(["45m", "linkedin"], outcome: "recruiting") == expected)
        #expect(try resolve(["45m", "recruiting"], network: "linkedin") == expected)
    }

    /// `log 45 min linkedin recruiting` (Timewarrior's spelling, issue 24): the unit word is
    /// part of the duration, not the network.
    @Test func aUnitWordAfterANumberBelongsToTheDuration() throws {
        #expect(try resolve(["45", "min", "linkedin", "recruiting"]) == LogArguments(duration: "45 min", network: "linkedin", outcome: "recruiting", from: nil, to: nil))
        #expect(try resolve(["2", "hours", "linkedin", "recruiting"]).duration == "2 hours")
        #expect(try resolve(["1,5", "h"], network: "fb", outcome: "recruiting").duration == "1,5 h")
        #expect(try resolve(["45m", "min", "recruiting"]).network == "min", "only after a bare number")
    }

    @Test func clockTimesTakeTheDurationsPlace() throws {
        let line = try resolve(["linkedin", "recruiting"], from: "09:00", to: "10:30")
        #expect(line == LogArguments(duration: nil, network: "linkedin", outcome: "recruiting", from: "09:00", to: "10:30"))
        #expect(try resolve([], network: "x", outcome: "listening", from: "09:00", to: "10:30").network == "x")
    }

    @Test(arguments: [
        (["1h", "30m", "linkedin", "recruiting"], nil, nil, nil, "write the duration as one, 1h30m"),
        ([], "linkedin", "recruiting", nil, "missing duration"),
        (["1h"], nil, "recruiting", nil, "missing network"),
        (["1h", "linkedin"], nil, nil, nil, "missing outcome"),
        (["1h", "linkedin", "recruiting", "note"], nil, nil, nil, "unexpected 'note'"),
        (["1h", "linkedin", "recruiting"], "fb", nil, nil, "unexpected 'recruiting'"),
        (["1h", "linkedin", "recruiting"], nil, nil, "09:00", "--from and --to go together"),
        (["1h", "linkedin", "recruiting"], nil, nil, "both", "--from/--to give the duration: leave out '1h'"),
    ] as [([String], String?, String?, String?, String)])
    func mistakesAreNamed(words: [String], network: String?, outcome: String?, from: String?, says: String) {
        let error = socialTimeError {
            _ = try resolve(words, network: network, outcome: outcome, from: from == "both" ? "09:00" : from, to: from == "both" ? "10:00" : nil)
        }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains(says) == true, "\(String(describing: error))")
    }
}

@Suite struct SuggestionTests {
    @Test(arguments: [("entires", "entries"), ("lsit", "list"), ("logg", "log"), ("reprot", "report"), ("staf", "staff")])
    func aSlipOfTheFingersFindsTheWord(typed: String, meant: String) {
        #expect(Suggestion.closest(to: typed, in: ["log", "entries", "list", "report", "staff", "export"]) == meant)
    }

    @Test func somethingElseEntirelyFindsNothing() {
        #expect(Suggestion.closest(to: "frobnicate", in: ["log", "entries", "report"]) == nil)
    }
}
