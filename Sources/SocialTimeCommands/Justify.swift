import ArgumentParser
import SocialTimeCore

struct Justify: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "justify",
        abstract: "Explain what the business gets from your hours in a week.",
        discussion: """
        At least \(Rulebook.minimumJustificationLength) characters. Submitting again replaces the text and sends it \
        back for review; earlier versions are kept.

        Example:
          socialtime justify --week last "Ran the LinkedIn campaign for the two developer openings: 14 applicants, 3 interviews"
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "this"

    @Argument(help: ArgumentHelp("What the business gets from the hours.", valueName: "text"))
    var text: String

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let week = try session.dates.week(self.week)
        let (justification, registered) = try await session.rulebook().justify(week: week, text: text)
        if registered {
            try session.registered(justification.staff)
        }
        try session.print((justification.replaced ? "Replaced" : "Submitted") + " \(justification.staff)'s justification for \(week) "
            + "(\(justification.weekTotal) logged); it awaits a manager's review.")
    }
}
