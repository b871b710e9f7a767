import ArgumentParser
import SocialTimeCore

struct Delete: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete",
        abstract: "Delete an entry (reversible with `restore`).")

    @Argument(help: "The entry's id.")
    var id: Int

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Session.run(global) { session in
            let entry = try session.store.delete(id, actor: try session.actingHandle())
            Output.print("Deleted " + EntryRendering.summary(entry) + "\nUndo with: socialtime restore \(entry.id)")
        }
    }
}
