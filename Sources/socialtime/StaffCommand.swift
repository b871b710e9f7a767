import ArgumentParser
import SocialTimeCore

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "The roster: who logs, who manages.",
        subcommands: [List.self, Add.self, Rename.self, Promote.self, Demote.self, Deactivate.self, Activate.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List everyone on the roster.")
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                Output.write(CatalogueRendering.staff(try session.store.listStaff(), format: format.catalogueFormat))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person to the roster.")
        @Argument(help: "Their handle: 1 to 32 of a-z, 0-9, '.', '_' and '-'.") var handle: String
        @Option(help: ArgumentHelp("Their display name (default: the handle).", valueName: "name")) var name: String?
        @Flag(help: "Give them the manager role (they can review justifications).") var manager = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.addStaff(try Handle(validating: handle), name: name, manager: manager)
                Output.print("Added \(CatalogueRendering.describe(member)).")
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Change a person's display name.")
        @Argument(help: "Their handle.") var handle: String
        @Argument(help: "The new display name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.renameStaff(try Handle(validating: handle), to: name)
                Output.print("Renamed: \(CatalogueRendering.describe(member)).")
            }
        }
    }

    struct Promote: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "promote", abstract: "Give a person the manager role.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.setRole(try Handle(validating: handle), .manager)
                Output.print("Promoted: \(CatalogueRendering.describe(member)).")
            }
        }
    }

    struct Demote: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demote", abstract: "Take the manager role away.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.setRole(try Handle(validating: handle), .staff)
                Output.print("Demoted: \(CatalogueRendering.describe(member)).")
            }
        }
    }

    struct Deactivate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "Stop a person from logging; their history stays.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.setActive(try Handle(validating: handle), false)
                Output.print("Deactivated: \(CatalogueRendering.describe(member)).")
            }
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "activate", abstract: "Let a deactivated person log again.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                let member = try session.store.setActive(try Handle(validating: handle), true)
                Output.print("Activated: \(CatalogueRendering.describe(member)).")
            }
        }
    }
}

extension ListFormat {
    var catalogueFormat: CatalogueRendering.Format {
        switch self {
        case .text: return .text
        case .json: return .json
        case .csv: return .csv
        }
    }
}
