import ArgumentParser
import SocialTimeCore

struct Restore: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Bring back a deleted entry.")

    @Argument(help: "The entry's id.")
    var id: Int

    @Option(help: ArgumentHelp("Why, for a change in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let receipt = try await session.rulebook().restore(id, reason: reason)
        try session.print("Restored " + EntryRendering.summary(receipt.entry))
        try session.warnIfUnjustified(receipt.standing)
    }
}
