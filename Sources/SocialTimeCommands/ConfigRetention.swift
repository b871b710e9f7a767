import ArgumentParser
import SocialTimeCore

extension Config {
    struct Retention: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "retention",
            abstract: "Show or set how many months of data are kept (`db prune` deletes older weeks).",
            discussion: """
            With MONTHS, `socialtime db prune` (and scripts/prune.sh from cron) deletes entries, \
            results, justifications and audit rows of the weeks before the Monday of the week that \
            was MONTHS months ago. `off` keeps everything. Managers only.

            Examples:
              socialtime config retention
              socialtime config retention 24
              socialtime config retention off
            """)
        @Argument(help: ArgumentHelp("Months to keep (1 to 1200), or off.", valueName: "months")) var months: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            if let months {
                let value = try RetentionRules.parse(months)
                try await session.rulebook().setRetention(value)
                try session.print(value.map { "Retention set to \($0) months: `socialtime db prune` deletes older weeks." }
                                  ?? "Retention off: everything is kept.")
            } else {
                let value = try await session.rulebook(create: false).retention()
                try session.print(value.map { "Retention: \($0) months (weeks before \(RetentionRules.cutoff(today: session.clock.today, months: $0)) are pruned)." }
                                  ?? "Retention: off (everything is kept).")
            }
        }
    }
}
