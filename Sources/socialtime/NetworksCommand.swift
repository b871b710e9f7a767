import ArgumentParser
import SocialTimeCore

struct NetworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "networks",
        abstract: "The catalogue of social networks.",
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the networks and their aliases.")
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                Output.write(CatalogueRendering.networks(try session.store.networks(), format: format.catalogueFormat))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add a network.",
            discussion: "Example: socialtime networks add discord Discord --alias dc")
        @Argument(help: "Its key: 1 to 32 of a-z, 0-9, '.', '_' and '-'.") var key: String
        @Argument(help: "Its display name.") var name: String
        @Option(help: ArgumentHelp("Another name it may be typed as (repeatable).", valueName: "alias")) var alias: [String] = []
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let network = try session.store.addNetwork(key: key, name: name, aliases: alias)
                Output.print("Added network \(network.key) (\(network.name))" + (network.aliases.isEmpty ? "" : ", aliases: \(network.aliases.joined(separator: ", "))") + ".")
            }
        }
    }
}
