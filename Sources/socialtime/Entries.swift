import ArgumentParser
import SocialTimeCore

struct Entries: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "entries",
        abstract: "List entries with their ids (default: this week, the acting person).")

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "this"

    @Option(help: ArgumentHelp("Whose entries (default: the acting person).", valueName: "handle"), completion: StoreCompletion.staff)
    var staff: String?

    @Flag(help: "Everyone's entries.")
    var allStaff = false

    @Flag(help: "Show deleted entries too (they can be restored).")
    var includeDeleted = false

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: ListFormat = .text

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if allStaff && staff != nil { throw ValidationError("--staff and --all-staff cannot be combined: pick one") }
    }

    func run(_ session: Session) async throws {
        let week = try session.dates.week(self.week)
        let rulebook = try await session.rulebook(create: false)
        let who: Handle? = allStaff ? nil : try staff.map { text throws(SocialTimeError) in try Handle(validating: text) } ?? rulebook.actingHandle()
        let view = try await rulebook.entriesView(EntryQuery(week: week, staff: who, includeDeleted: includeDeleted))
        let entries = view.entries
        switch format {
        case .json: try session.print(EntryRendering.json(entries).serialized(pretty: true))
        case .csv: try session.write(EntryRendering.csv(entries))
        case .text:
            let whose = who.map { "\($0)" } ?? "everyone"
            try session.print(EntryRendering.text(EntryListing(
                entries: entries, title: "\(week) (\(week.monday) – \(week.sunday)), \(whose)", showStaff: who == nil, week: week,
                threshold: view.threshold, justifications: view.justifications,
                columns: session.context.stdoutIsTerminal ? session.context.terminalColumns ?? 80 : nil)))
        }
    }
}
