import ArgumentParser
import SocialTimeCore

/// `results list|edit|delete`: achieved results, corrected like entries (and audited).
struct ResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "results",
        abstract: "List, correct or delete achieved results.",
        subcommands: [List.self, Edit.self, Delete.self],
        defaultSubcommand: List.self
    )

    struct List: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "list",
            abstract: "List results of a week (default: this week, yours).",
            discussion: """
            Examples:
              socialtime results list --week last
              socialtime results list --all-staff --format csv
            """)
        @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week")) var week: String = "this"
        @Option(help: ArgumentHelp("Someone else's results (managers).", valueName: "handle"), completion: StoreCompletion.staff)
        var staff: String?
        @Flag(help: "Everyone's results (managers).") var allStaff = false
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if staff != nil && allStaff { throw ValidationError("--staff and --all-staff cannot be combined: pick one") }
        }

        func run(_ session: Session) async throws {
            let week = try session.dates.week(self.week)
            let rulebook = try await session.rulebook(create: false)
            let who: Handle? = allStaff ? nil : try staff.map { text throws(SocialTimeError) in try Handle(validating: text) } ?? rulebook.actingHandle()
            let results = try await rulebook.results(from: week.monday, to: week.sunday, staff: who)
            switch format {
            case .json: try session.print(ResultRendering.json(results).serialized(pretty: true))
            case .csv: try session.write(ResultRendering.csv(results))
            case .text: try session.print(ResultRendering.text(results, title: "Results \(week) (\(week.monday) – \(week.sunday)), \(who.map(\.value) ?? "everyone")"))
            }
        }
    }

    struct Edit: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "edit",
            abstract: "Correct a result; the audit log keeps the old value.",
            discussion: "Example:\n  socialtime results edit 7 --quantity 2 --note \"One lead was a duplicate\"")
        @Argument(help: "The result's id (from `socialtime results list`).") var id: Int
        @Option(help: ArgumentHelp("How many: a whole number from 1.", valueName: "quantity")) var quantity: String?
        @Option(help: ArgumentHelp("The day: \(DateParser.acceptedDates).", valueName: "date")) var date: String?
        @Option(help: ArgumentHelp("The outcome.", valueName: "outcome"), completion: StoreCompletion.outcomes) var outcome: String?
        @Option(help: ArgumentHelp("The note.", valueName: "text")) var note: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let change = ResultChange(quantity: try quantity.map { text throws(SocialTimeError) in try NewResult.quantity(text) },
                                      date: try date.map { text throws(SocialTimeError) in try session.dates.pastDate(text) },
                                      outcome: outcome, note: note)
            let result = try await session.rulebook().editResult(id, change)
            try session.print("Changed result #\(result.id): \(result.quantityText) for \(result.outcome) on \(result.date) by \(result.staff)")
        }
    }

    struct Delete: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "delete",
            abstract: "Delete a result; the audit log keeps what it was.")
        @Argument(help: "The result's id (from `socialtime results list`).") var id: Int
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let result = try await session.rulebook().deleteResult(id)
            try session.print("Deleted result #\(result.id): \(result.quantityText) for \(result.outcome) on \(result.date) by \(result.staff)")
        }
    }
}
