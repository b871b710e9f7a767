import ArgumentParser
import SocialTimeCore

extension DB {
    struct Prune: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "prune",
            abstract: "Delete what is older than the retention (managers only).",
            discussion: """
            Deletes entries, results, justifications (with their history) and audit rows of the \
            weeks older than `config retention`, in one transaction, says how many of each, and \
            scrubs the removed text out of the database files. With no retention set it does nothing.

            Examples:
              socialtime db prune --dry-run
              socialtime db prune
            """)
        @Flag(help: "Only count what would be deleted; change nothing.") var dryRun = false
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            let outcome = try await session.rulebook(create: false).prune(dryRun: dryRun)
            guard let months = outcome.months, let cutoff = outcome.cutoff else {
                try session.print("No retention is set (socialtime config retention MONTHS): nothing was pruned.")
                return
            }
            let c = outcome.counts
            let counts = "\(c.entries) entries, \(c.results) results, \(c.justifications) justifications "
                + "(\(c.justificationEvents) history steps), \(c.auditRows) audit rows"
            try session.print(outcome.dryRun
                ? "Would delete everything before \(cutoff) (retention \(months) months): \(counts). Nothing was changed (--dry-run)."
                : "Deleted everything before \(cutoff) (retention \(months) months): \(counts).")
            if !outcome.scrubbed {
                try session.warning(StaffCommand.Erase.unscrubbed(try session.location.path, what: "deleted"))
            }
        }
    }
}
