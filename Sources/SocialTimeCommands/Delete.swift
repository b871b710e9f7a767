import ArgumentParser
import SocialTimeCore

struct Delete: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "delete",
        abstract: "Delete an entry (reversible with `restore`).")

    @Argument(help: "The entry's id.")
    var id: Int

    @Option(help: ArgumentHelp("Why, for a change in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let entry = try await session.rulebook().delete(id, reason: reason)
        try session.print("Deleted " + EntryRendering.summary(entry) + "\nUndo with: socialtime restore \(entry.id)")
    }
}
