import ArgumentParser
import SocialTimeCore

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the database file.",
        subcommands: [Check.self, Backup.self, Path.self]
    )

    struct Check: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the database's integrity and show its schema version.")
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let report = try await session.rulebook(create: false).check()
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

    struct Path: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where the data lives.")
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            try session.print(try session.location.path)
        }
    }
}
