import ArgumentParser
import SocialTimeCore

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore",
        abstract: "Bring back a deleted entry.")

    @Argument(help: "The entry's id.")
    var id: Int

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Session.run(global) { session in
            let entry = try session.store.restore(id, actor: try session.actingHandle())
            Output.print("Restored " + EntryRendering.summary(entry))
        }
    }
}
