import ArgumentParser
import SocialTimeCore

struct DB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Look after the database file.",
        subcommands: [Check.self, Backup.self, Path.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: "Check the database's integrity and show its schema version.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                try DatabaseFile.requireExisting(try session.databasePath)
                let report = try session.store.check()
                Output.print(report.description)
                if !report.isHealthy { throw SocialTimeError.failure("the database failed its integrity check: restore it from a backup") }
            }
        }
    }

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "backup",
            abstract: "Copy the database to FILE while it stays in use (SQLite's online backup).")
        @Argument(help: "Where to write the copy; it must not exist yet.") var file: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                try DatabaseFile.requireExisting(try session.databasePath)
                try session.store.backup(to: file)
                Output.print("Backed up \(try session.databasePath) to \(file).")
            }
        }
    }

    struct Path: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "path", abstract: "Print where the data lives.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in Output.print(try session.databasePath) }
        }
    }
}
