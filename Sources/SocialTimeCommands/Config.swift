import ArgumentParser
import SocialTimeCore

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config",
        abstract: "Company-wide settings.",
        subcommands: [Threshold.self, Retention.self, Company.self, CloseAfter.self, TimerLimit.self, Language.self]
    )

    struct Threshold: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "threshold",
            abstract: "Show or set the weekly threshold (default 5h) at which hours need a justification.",
            discussion: """
            The threshold is dated: a new one applies from this week (or --from-week) on, and every \
            earlier week keeps the threshold it had, so changing it never re-judges the past. Managers only.

            Examples:
              socialtime config threshold
              socialtime config threshold 4h
              socialtime config threshold 6h --from-week 2027-W01
            """)
        @Argument(help: ArgumentHelp("The new threshold: \(DurationParser.accepted); 1 minute to 168 hours.", valueName: "duration"))
        var duration: String?
        @Option(help: ArgumentHelp("The first week the new threshold applies to: \(DateParser.acceptedWeeks). Default: this week.", valueName: "week"))
        var fromWeek: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let thisWeek = ISOWeek(containing: session.clock.today)
            if let duration {
                let minutes = try DurationParser.parse(duration, range: Minutes(1)...Minutes(168 * 60), what: "threshold")
                let week = try fromWeek.map { text throws(SocialTimeError) in try session.dates.week(text) } ?? thisWeek
                try await session.rulebook().setThreshold(minutes, from: week)
                try session.print("Weekly threshold set to \(minutes) from \(week) on; earlier weeks keep theirs.")
            } else {
                if fromWeek != nil { throw ValidationError("--from-week goes with a new threshold: socialtime config threshold 4h --from-week W") }
                let rulebook = try await session.rulebook(create: false)
                try session.print("Weekly threshold: \(try await rulebook.threshold(for: thisWeek)) (this week, \(thisWeek)).")
                let history = try await rulebook.thresholdHistory()
                if !history.isEmpty {
                    try session.print("Changes: " + history.map { "\($0.minutes) from \($0.fromWeek == ISOWeek.first ? "the start" : $0.fromWeek.description)" }.joined(separator: ", "))
                }
            }
        }
    }
}
