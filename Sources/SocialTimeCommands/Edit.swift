import ArgumentParser
import SocialTimeCore

struct Edit: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "edit",
        abstract: "Change an entry; the audit log keeps every version.")

    @Argument(help: "The entry's id, as `socialtime entries` shows it.")
    var id: Int

    // Unconditional, so that `--duration -1h` reaches the parser and gets its message.
    @Option(parsing: .unconditional, help: ArgumentHelp("New duration: \(DurationParser.accepted).", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("New date: \(DateParser.acceptedDates).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("New network.", valueName: "network"), completion: StoreCompletion.networks)
    var network: String?

    @Option(help: ArgumentHelp("New outcome.", valueName: "outcome"), completion: StoreCompletion.outcomes)
    var outcome: String?

    @Option(help: ArgumentHelp("New note (\"\" clears it).", valueName: "text"))
    var note: String?

    @Option(help: ArgumentHelp("Why, for a change in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let change = EntryChange(
            date: try date.map { text throws(SocialTimeError) in try session.dates.pastDate(text) },
            minutes: try duration.map { text throws(SocialTimeError) in try DurationParser.parse(text) },
            network: network, outcome: outcome, note: note)
        let receipt = try await session.rulebook().edit(id, change, reason: reason)
        try session.print("Changed " + EntryRendering.summary(receipt.entry))
        try session.warnIfUnjustified(receipt.standing)
    }
}
