import ArgumentParser
import SocialTimeCore
import SocialTimeStores

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the database file.",
        subcommands: [Check.self, Backup.self, Path.self, Prune.self, Init.self, Copy.self]
    )

    struct Check: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the database's integrity and show its schema version.")
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let rulebook = try await session.rulebook(create: false)
            if let report = try await rulebook.checkServer() {
                try session.print(report.description)
                if !report.isHealthy {
                    throw SocialTimeError.failure("the database's security is not as socialtime set it up: " + report.deviations.joined(separator: "; "))
                }
                return
            }
            let report = try await rulebook.check()
            try session.print(report.description)
            if !report.isHealthy { throw SocialTimeError.failure("the database failed its integrity check: restore it from a backup") }
        }
    }

    struct Backup: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "backup",
            abstract: "Copy the database to FILE while it stays in use (SQLite's online backup).")
        @Argument(help: "Where to write the copy; it must not exist yet.") var file: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            try await session.rulebook(create: false).backup(to: session.path(file))
            try session.print("Backed up \(try session.location.path) to \(file).")
        }
    }

    struct Init: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "init",
            abstract: "Set up a PostgreSQL database for a team (or a SQLite file).",
            discussion: """
            On PostgreSQL, run it once as a role that may create roles: it creates the schema \
            (versioned migrations), the socialtime_staff and socialtime_manager group roles, the \
            grants and the row-level security policies, and seeds the catalogues. That role is the \
            database's administrator. Running it again upgrades the schema or does nothing.

            Example:
              socialtime --db postgresql://admin@db.example.com/socialtime db init
            """)
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let typed = try session.location
            let location = typed.isPostgreSQL ? typed : DatabaseLocation.Resolved(path: session.path(typed.path), source: typed.source)
            try session.print(try await session.context.stores.initialize(location, surroundings: session.surroundings))
        }
    }

    struct Path: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where the data lives (a server URL without its password).")
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            // A URL's password stays out: this line ends up in scripts' output and logs.
            try session.print(try session.location.shown)
        }
    }
}
