import ArgumentParser
import SocialTimeCore

struct Flags: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Who reached the weekly threshold without an accepted justification (default: last week).",
        discussion: """
        Flagged: at or over the threshold with no justification or a rejected one. Submitted ones are \
        listed as awaiting review. With --fail-on-flags the exit status is 3 when anyone is flagged, for cron and CI.
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "last"

    @Option(help: ArgumentHelp("Override the stored threshold for this run: \(DurationParser.accepted).", valueName: "duration"))
    var threshold: String?

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: ListFormat = .text

    @Flag(help: "Exit with status 3 when anyone is flagged.")
    var failOnFlags = false

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let week = try session.dates.week(self.week)
        let threshold = try self.threshold.map { text throws(SocialTimeError) in
            try DurationParser.parse(text, range: Minutes(1)...Minutes(168 * 60), what: "threshold")
        }
        let analysis = try await session.rulebook(create: false).analyze(week, threshold: threshold)
        switch format {
        case .text: try session.write(FlagsRendering.text(analysis))
        case .json: try session.print(FlagsRendering.json(analysis).serialized(pretty: true))
        case .csv: try session.write(FlagsRendering.csv(analysis))
        }
        if failOnFlags && !analysis.flagged.isEmpty { throw ExitCode(3) }
    }
}
