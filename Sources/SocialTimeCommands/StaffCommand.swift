import ArgumentParser
import SocialTimeCore

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "The roster: who logs, who manages.",
        subcommands: [List.self, Add.self, Rename.self, SetEmail.self, Promote.self, Demote.self, Deactivate.self, Activate.self,
                      ExportData.self, Erase.self],
        defaultSubcommand: List.self
    )

    struct List: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List everyone on the roster.")
        @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: ListFormat = .text
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            try session.write(CatalogueRendering.staff(try await session.rulebook().listStaff(), format: format.catalogueFormat))
        }
    }

    struct Add: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person to the roster.")
        @Argument(help: "Their handle: 1 to 32 of a-z, 0-9, '.', '_' and '-'.") var handle: String
        @Option(help: ArgumentHelp("Their display name (default: the handle).", valueName: "name")) var name: String?
        @Option(help: ArgumentHelp("Their e-mail address, for reports and reminders.", valueName: "address")) var email: String?
        @Flag(help: "Give them the manager role (they can review justifications).") var manager = false
        @Flag(help: "PostgreSQL: create their login role (named like the handle), in the staff or manager group.") var login = false
        @Flag(help: "PostgreSQL: the role named like the handle already exists and is this person's own login: make it their login (never a role with special rights, a group, or another database's login).") var existingLogin = false
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().addStaff(try Handle(validating: handle), name: name, email: email, manager: manager, login: login, existingLogin: existingLogin)
            try session.print("Added \(CatalogueRendering.describe(member)).")
        }
    }

    struct Rename: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Change a person's display name.")
        @Argument(help: "Their handle.") var handle: String
        @Argument(help: "The new display name.") var name: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().renameStaff(try Handle(validating: handle), to: name)
            try session.print("Renamed: \(CatalogueRendering.describe(member)).")
        }
    }

    struct SetEmail: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "set-email",
            abstract: "Set or remove a person's e-mail address (yours, or anyone's for a manager).",
            discussion: "Examples:\n  socialtime staff set-email anna anna@example.com\n  socialtime staff set-email anna --clear")
        @Argument(help: "Their handle.") var handle: String
        @Argument(help: "The e-mail address.") var email: String?
        @Flag(help: "Remove the address (no reminders or report mail go to them).") var clear = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if clear && email != nil { throw ValidationError("give an address or --clear, not both") }
            if !clear && email == nil { throw ValidationError("give the e-mail address (e.g. anna@example.com), or --clear to remove it") }
        }

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().setEmail(try Handle(validating: handle), to: clear ? nil : email)
            if clear {
                try session.print("E-mail removed: \(CatalogueRendering.describe(member)) has no address.")
            } else {
                try session.print("E-mail set: \(CatalogueRendering.describe(member)) <\(member.email ?? "")>.")
            }
        }
    }

    struct Promote: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "promote", abstract: "Give a person the manager role.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().setRole(try Handle(validating: handle), .manager)
            try session.print("Promoted: \(CatalogueRendering.describe(member)).")
        }
    }

    struct Demote: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "demote", abstract: "Take the manager role away.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().setRole(try Handle(validating: handle), .staff)
            try session.print("Demoted: \(CatalogueRendering.describe(member)).")
        }
    }

    struct Deactivate: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "Stop a person from logging; their history stays.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().setActive(try Handle(validating: handle), false)
            try session.print("Deactivated: \(CatalogueRendering.describe(member)).")
        }
    }

    struct Activate: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "activate", abstract: "Let a deactivated person log again.")
        @Argument(help: "Their handle.") var handle: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let member = try await session.rulebook().setActive(try Handle(validating: handle), true)
            try session.print("Activated: \(CatalogueRendering.describe(member)).")
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
