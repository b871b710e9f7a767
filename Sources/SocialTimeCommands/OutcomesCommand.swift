import ArgumentParser
import SocialTimeCore

struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "The company's catalogue of business outcomes.",
        subcommands: [List.self, Add.self, Rename.self, Retire.self],
        defaultSubcommand: List.self
    )

    struct List: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the outcomes, their units and descriptions.")
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            try session.write(CatalogueRendering.outcomes(try await session.rulebook().outcomes(), format: format.catalogueFormat))
        }
    }

    struct Add: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "add",
            abstract: "Add an outcome.",
            discussion: "Example: socialtime outcomes add partnerships --description \"Finding partners\" --unit partners")
        @Argument(help: "Its key: 1 to 32 of a-z, 0-9, '.', '_' and '-'.") var key: String
        @Option(help: ArgumentHelp("What the business gets from it.", valueName: "text")) var description: String
        @Option(help: ArgumentHelp("What its results are counted in (hires, leads, ...).", valueName: "unit")) var unit: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let outcome = try await session.rulebook().addOutcome(key: key, description: description, unit: unit)
            try session.print("Added outcome \(outcome.key)" + (outcome.unit.map { " (counted in \($0))" } ?? "") + ".")
        }
    }

    struct Rename: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename an outcome; its history moves with it.")
        @Argument(help: "Its current key.") var key: String
        @Argument(help: "The new key.") var newKey: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let outcome = try await session.rulebook().renameOutcome(key, to: newKey)
            try session.print("Renamed outcome \(key) to \(outcome.key).")
        }
    }

    struct Retire: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "retire", abstract: "Retire an outcome: it keeps its history but takes no new entries.")
        @Argument(help: "Its key.") var key: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let outcome = try await session.rulebook().retireOutcome(key)
            try session.print("Retired outcome \(outcome.key).")
        }
    }
}
