import ArgumentParser
import SocialTimeCore

struct Restore: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Bring back a deleted entry.")

    @Argument(help: "The entry's id.")
    var id: Int

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let receipt = try await session.rulebook().restore(id)
        try session.print("Restored " + EntryRendering.summary(receipt.entry))
        try session.warnIfUnjustified(receipt.standing)
    }
}
