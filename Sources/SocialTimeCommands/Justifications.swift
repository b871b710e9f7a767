import ArgumentParser
import SocialTimeCore

/// `justifications`: the text, status, reviewer, comment, minutes covered, and history.
struct Justifications: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "justifications",
        abstract: "Show justifications with their review and history (default: this week, yours).",
        discussion: """
        A review covers the minutes the week held when it was given; time logged after an \
        acceptance puts the justification back to submitted, shown with the minutes added since.

        Examples:
          socialtime justifications --week last
          socialtime justifications --all-staff --week last --format json
        """)
    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks), or all.", valueName: "week")) var week: String = "this"
    @Option(help: ArgumentHelp("Someone else's (managers).", valueName: "handle"), completion: StoreCompletion.staff) var staff: String?
    @Flag(help: "Everyone's (managers).") var allStaff = false
    @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: Format = .text
    @OptionGroup var global: GlobalOptions

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if staff != nil && allStaff { throw ValidationError("--staff and --all-staff cannot be combined: pick one") }
    }

    func run(_ session: Session) async throws {
        let week: ISOWeek? = self.week == "all" ? nil : try session.dates.week(self.week)
        let rulebook = try await session.rulebook(create: false)
        let who: Handle? = allStaff ? nil : try staff.map { text throws(SocialTimeError) in try Handle(validating: text) } ?? rulebook.actingHandle()
        let views = try await rulebook.justifications(week: week, staff: who)
        switch format {
        case .json: try session.print(JustificationRendering.json(views).serialized(pretty: true))
        case .text: try session.print(JustificationRendering.text(views, title: "Justifications \(week.map(\.description) ?? "of every week"), \(who.map(\.value) ?? "everyone")"))
        }
    }
}
