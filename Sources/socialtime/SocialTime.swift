import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

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

    /// Checks the raw command line (UTF-8, negative numbers) before ArgumentParser reads it.
    static func main() {
        // Past a file size limit (`ulimit -f`, as some cron and CI setups have), the kernel would
        // kill us mid-write with SIGXFSZ and leave an export's temporary file behind; ignored, the
        // write fails with EFBIG and the export or SQLite reports it and cleans up like a full disk.
        signal(SIGXFSZ, SIG_IGN)
        // A reader that stops early (`| head`) then shows as EPIPE, which Output treats as success,
        // instead of killing us mid-write with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            main(try RawArguments.joiningNegativeValues(try RawArguments.decoded()))
        } catch {
            Output.error(error.message)
            Glibc.exit(error.exitCode)
        }
    }
}
