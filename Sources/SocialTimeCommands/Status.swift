import ArgumentParser
import SocialTimeCore

struct Status: SocialTimeCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    static let configuration = CommandConfiguration(commandName: "status",
        abstract: "Your running timer, today's and this week's totals against the threshold, and your justification.",
        discussion: """
        Examples:
          socialtime status
          socialtime status --format json

        JSON fields: staff, date, today_minutes, week, week_minutes, threshold_minutes,
        justification_status, review_comment, timer (null, or network, outcome, note, started_at,
        elapsed_minutes).
        """
    )

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: Format = .text

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let status = try await session.rulebook(create: false).status()
        switch format {
        case .text: try session.print(StatusRendering.text(status))
        case .json: try session.print(StatusRendering.json(status).serialized(pretty: true))
        }
    }
}
