import ArgumentParser
import SocialTimeCore

/// The formats of the weekly report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, html
}

struct Report: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The weekly manager report (default: last week).",
        discussion: """
        Per person (flagged first), per outcome with hours per result, per network, totals, and the \
        trend of the weeks before.

        Examples:
          socialtime report
          socialtime report --week 2026-W47 --format html --out report.html
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "last"

    @Option(help: ArgumentHelp("How many weeks before it the trend shows (0 to \(Rulebook.maximumTrendWeeks)).", valueName: "n"))
    var weeks: Int = 4

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of stdout.", valueName: "file"))
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if !(0...Rulebook.maximumTrendWeeks).contains(weeks) {
            throw ValidationError("--weeks \(weeks) is out of range: use 0 to \(Rulebook.maximumTrendWeeks)")
        }
    }

    func run(_ session: Session) async throws {
        let report = try await session.rulebook(create: false).weeklyReport(try session.dates.week(week), trendWeeks: weeks)
        let colour = out == nil && session.colour
        let text = Self.render(report, format: format, colour: colour)
        if let out {
            try ReportFile.write(text, to: session.path(out))
            try session.note("Wrote the \(format.rawValue) report for \(report.week) to \(out).")
        } else {
            try session.write(text)
        }
    }

    static func render(_ report: WeeklyReport, format: ReportFormat, colour: Bool) -> String {
        switch format {
        case .text: return ReportTextRenderer(colour: colour).render(report)
        case .markdown: return ReportMarkdownRenderer().render(report)
        case .json: return ReportJSONRenderer().render(report)
        case .html: return ReportHTMLRenderer().render(report)
        }
    }
}
