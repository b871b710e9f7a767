import ArgumentParser
import SocialTimeCore

struct ResultCommand: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "result",
        abstract: "Record an achieved result for an outcome (3 leads, 1 hire).",
        discussion: """
        The report divides each outcome's hours by its results: the effort-to-value figure.

        Example:
          socialtime result 3 --outcome sales-leads --note "Webinar sign-ups from the LinkedIn post"
        """
    )

    @Argument(help: ArgumentHelp("How many: a whole number from 1.", valueName: "quantity"))
    var quantity: String

    @Option(help: ArgumentHelp("The outcome achieved, from `socialtime outcomes list`.", valueName: "outcome"))
    var outcome: String

    @Option(help: ArgumentHelp("The day it was achieved: \(DateParser.acceptedDates).", valueName: "date"))
    var date: String = "today"

    @Option(help: ArgumentHelp("What was achieved, in a line.", valueName: "text"))
    var note: String = ""

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let result = NewResult(staff: try await session.rulebook().actingHandle(), date: try session.dates.pastDate(date),
                               quantity: try NewResult.quantity(quantity), outcome: outcome, note: note)
        let (recorded, registered) = try await session.rulebook().recordResult(result)
        if registered {
            try session.registered(recorded.staff)
        }
        try session.print("Recorded \(recorded.quantityText) for \(recorded.outcome) on \(recorded.date) by \(recorded.staff)"
            + (recorded.note.isEmpty ? "." : " — \(recorded.note)"))
    }
}
