import ArgumentParser
import SocialTimeCore

struct NetworksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "networks",
        abstract: "The catalogue of social networks.",
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self
    )

    struct List: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the networks and their aliases.")
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            try session.write(CatalogueRendering.networks(try await session.rulebook().networks(), format: format.catalogueFormat))
        }
    }

    struct Add: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add a network.",
            discussion: "Example: socialtime networks add discord Discord --alias dc")
        @Argument(help: "Its key: 1 to 32 of a-z, 0-9, '.', '_' and '-'.") var key: String
        @Argument(help: "Its display name.") var name: String
        @Option(help: ArgumentHelp("Another name it may be typed as (repeatable).", valueName: "alias")) var alias: [String] = []
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let network = try await session.rulebook().addNetwork(key: key, name: name, aliases: alias)
            try session.print("Added network \(network.key) (\(network.name))" + (network.aliases.isEmpty ? "" : ", aliases: \(network.aliases.joined(separator: ", "))") + ".")
        }
    }
}
