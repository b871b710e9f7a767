import ArgumentParser
import SocialTimeCore

struct Log: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "log",
        abstract: "Record time spent on a social network, against the outcome it serves.",
        discussion: """
        Examples:
          socialtime log 1h30m --network linkedin --outcome recruiting --note "Shared the job ad"
          socialtime log 1,5 --network fb --outcome customer-service --date yesterday
        """,
        // Only --help: with -h, a mistyped `-1h` would be read as -1 -h and print help, exit 0.
        helpNames: [.long]
    )

    @Argument(help: ArgumentHelp("How long: \(DurationParser.accepted). 1 minute to 24 hours.", valueName: "duration"))
    var duration: String

    @Option(help: ArgumentHelp("The network: a key or alias from `socialtime networks list`.", valueName: "network"))
    var network: String

    @Option(help: ArgumentHelp("The business outcome the work serves, from `socialtime outcomes list`.", valueName: "outcome"))
    var outcome: String

    @Option(help: ArgumentHelp("The day of the work: \(DateParser.acceptedDates). Default: today.", valueName: "date"))
    var date: String = "today"

    @Option(help: ArgumentHelp("What you did, in a line.", valueName: "text"))
    var note: String = ""

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let rulebook = try await session.rulebook()
        let entry = NewEntry(staff: try rulebook.actingHandle(), date: try session.dates.pastDate(date),
                             minutes: try DurationParser.parse(duration), network: network, outcome: outcome, note: note)
        let receipt = try await rulebook.log(entry)
        if receipt.registeredStaff {
            try session.registered(receipt.entry.staff)
        }
        try session.print("Logged " + EntryRendering.summary(receipt.entry))
        try session.print("\(receipt.standing.week): \(receipt.weekTotal) logged by \(receipt.entry.staff) (threshold \(receipt.threshold)).")
        try session.warnIfUnjustified(receipt.standing)
    }
}
