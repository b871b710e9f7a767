import ArgumentParser
import SocialTimeCore

struct Entries: ParsableCommand {
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

    func run() throws {
        try Session.run(global) { session in
            let week = try session.dates.week(self.week)
            let who: Handle? = allStaff ? nil : try staff.map { text throws(SocialTimeError) in try Handle(validating: text) } ?? session.actingHandle()
            let entries = try session.store.entries(EntryQuery(week: week, staff: who, includeDeleted: includeDeleted))
            switch format {
            case .json: Output.print(EntryRendering.json(entries).serialized(pretty: true))
            case .csv: Output.write(EntryRendering.csv(entries))
            case .text:
                let whose = who.map { "\($0)" } ?? "everyone"
                Output.print(EntryRendering.text(entries, title: "\(week) (\(week.monday) – \(week.sunday)), \(whose)", showStaff: who == nil))
            }
        }
    }
}
