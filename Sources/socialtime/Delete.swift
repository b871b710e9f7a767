import ArgumentParser
import SocialTimeCore

struct Delete: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "delete",
        abstract: "Delete an entry (reversible with `restore`).")

    @Argument(help: "The entry's id.")
    var id: Int

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let entry = try await session.rulebook().delete(id)
        try session.print("Deleted " + EntryRendering.summary(entry) + "\nUndo with: socialtime restore \(entry.id)")
    }
}
