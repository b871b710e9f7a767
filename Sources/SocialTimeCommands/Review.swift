import ArgumentParser
import SocialTimeCore

struct Review: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Accept or reject a person's justification (managers only).",
        discussion: """
        Examples:
          socialtime review anna --accept
          socialtime review jonas --week 2026-W47 --reject --comment "Which leads came from it?"
        """
    )

    @Argument(help: ArgumentHelp("Whose justification.", valueName: "handle"), completion: StoreCompletion.staff)
    var handle: String

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "last"

    @Flag(help: "Accept the justification.")
    var accept = false

    @Flag(help: "Reject it: the person is flagged until they submit a better one.")
    var reject = false

    @Option(help: ArgumentHelp("Why, for the person and the record.", valueName: "text"))
    var comment: String?

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if accept == reject { throw ValidationError("give exactly one of --accept and --reject") }
    }

    func run(_ session: Session) async throws {
        let week = try session.dates.week(self.week)
        let result = try await session.rulebook().review(staff: try Handle(validating: handle), week: week,
                                                            accept: accept, comment: comment)
        try session.print("\(result.status == .accepted ? "Accepted" : "Rejected") \(result.staff)'s justification for \(week) "
            + "(\(result.weekTotal) logged)" + (result.comment.map { ": \($0)" } ?? "."))
    }
}
