import ArgumentParser
import SocialTimeCore

/// The formats of the weekly report.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json, html, email
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
          socialtime report --format email | sendmail -t
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "last"

    @Option(help: ArgumentHelp("How many weeks before it the trend shows (0 to \(Rulebook.maximumTrendWeeks)).", valueName: "n"))
    var weeks: Int = 4

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("Write the report to this file (atomically) instead of stdout; - is stdout.", valueName: "file"))
    var out: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if !(0...Rulebook.maximumTrendWeeks).contains(weeks) {
            throw ValidationError("--weeks \(weeks) is out of range: use 0 to \(Rulebook.maximumTrendWeeks)")
        }
    }

    /// The line's values, as `ReportRequest` runs them.
    var request: ReportRequest { ReportRequest(week: week, weeks: weeks, format: format, out: out, settings: global.settings) }

    func run(_ session: Session) async throws { try await request.run(session) }

    static func render(_ report: WeeklyReport, format: ReportFormat, colour: Bool) -> String {
        switch format {
        case .text: return ReportTextRenderer(colour: colour).render(report)
        case .markdown: return ReportMarkdownRenderer().render(report)
        case .json: return ReportJSONRenderer().render(report)
        case .html: return ReportHTMLRenderer().render(report)
        case .email: preconditionFailure("the email format needs the managers: use Report.email")
        }
    }

    /// The complete MIME message for `sendmail -t`: To the managers, the text report and exactly
    /// the `--format html` report.
    static func email(_ report: WeeklyReport, managers: [Mailbox], timestamp: String) throws(SocialTimeError) -> String {
        try ReportMail.message(report, to: managers, from: nil, date: try MailDate(iso: timestamp),
                               messageIDDomain: Sendmail.hostName).rendered
    }
}

/// A `report` line's values, read by ArgumentParser (`Report.request`) or, for the common lines,
/// directly (`quick`): what `report` runs.
struct ReportRequest: SessionCommand, Equatable {
    var week: String
    var weeks: Int
    var format: ReportFormat
    var out: String?
    var settings: GlobalSettings

    /// The common `report` lines read without ArgumentParser (`QuickLine`); nil for any other,
    /// including a `--weeks` or `--format` that ArgumentParser or `Report.validate()` would refuse.
    /// The defaults are `Report`'s (`QuickLineTests` compare the two readings).
    static func quick(_ arguments: [String]) -> ReportRequest? {
        guard let line = QuickLine.read(arguments, command: "report", names: [
            "--week": "week", "--weeks": "weeks", "--format": "format", "--out": "out",
        ]), line.positionals.isEmpty else { return nil }
        var weeks = 4
        if let text = line.options["weeks"] {
            guard let number = Int(text), (0...Rulebook.maximumTrendWeeks).contains(number) else { return nil }
            weeks = number
        }
        var format = ReportFormat.text
        if let text = line.options["format"] {
            guard let named = ReportFormat(rawValue: text) else { return nil }
            format = named
        }
        return ReportRequest(week: line.options["week"] ?? "last", weeks: weeks, format: format, out: line.options["out"],
                             settings: line.settings)
    }

    func run(_ session: Session) async throws {
        let rulebook = try await session.rulebook(create: false)
        let report = try await rulebook.weeklyReport(try session.dates.week(week), trendWeeks: weeks, generatedAt: session.clock.timestamp)
        let colour = Session.isStandardOutput(out) && session.colour
        let text: String
        if format == .email {
            // Every active manager with an address; an address a header cannot carry is named, not sent to.
            var managers: [Mailbox] = []
            for member in try await rulebook.listStaff() where member.role == .manager && member.active {
                guard let email = member.email else { continue }
                do throws(SocialTimeError) {
                    managers.append(try Mailbox(name: member.name, address: email))
                } catch {
                    try session.warning("\(member.handle): \(error.message)")
                }
            }
            text = try Report.email(report, managers: managers, timestamp: session.clock.timestamp)
        } else {
            text = Report.render(report, format: format, colour: colour)
        }
        try session.writeOut(text, to: out, wrote: "Wrote the \(format.rawValue) report for \(report.week) to \(out ?? "-").")
    }
}
