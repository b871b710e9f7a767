import ArgumentParser

/// Every command names itself (`commandName:`): otherwise ArgumentParser derives the name with
/// `String(describing:)`, a protocol-conformance scan per command type that was most of the
/// start-up time of a one-entry `log`.
@main
struct SocialTime: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "socialtime",
        abstract: "Effort-to-value time tracking for work on social networks.",
        discussion: """
        Log the hours spent on LinkedIn, Facebook, Instagram … against the business outcome they \
        serve. Anyone with five or more hours in an ISO week must explain what the business gets.

        Global options --db and --as work with every command, before or after its name.
        SOCIALTIME_TODAY=YYYY-MM-DD fixes "today"; TZ decides the calendar date.
        """,
        version: "0.1.0",
        subcommands: [
            Log.self, Entries.self, Edit.self, Delete.self, Restore.self,
            StaffCommand.self, NetworksCommand.self, OutcomesCommand.self, Config.self, DB.self,
            Justify.self, Review.self, ResultCommand.self, Flags.self, Report.self, Demo.self,
            Export.self, Import.self,
        ]
    )

    @OptionGroup var global: GlobalOptions
}
