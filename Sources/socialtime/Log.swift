import ArgumentParser
import SocialTimeCore

struct Log: ParsableCommand {
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

    func run() throws {
        try Session.run(global) { session in
            let entry = NewEntry(staff: try session.actingHandle(), date: try session.dates.pastDate(date),
                                 minutes: try DurationParser.parse(duration), network: network, outcome: outcome, note: note)
            let receipt = try session.store.log(entry)
            if receipt.registeredStaff {
                Output.registered(entry.staff)
            }
            Output.print("Logged " + EntryRendering.summary(receipt.entry))
            let week = receipt.entry.week
            Output.print("\(week): \(receipt.weekTotal) logged by \(entry.staff) (threshold \(receipt.threshold)).")
            if receipt.needsJustification {
                let weekOption = week == ISOWeek(containing: session.clock.today) ? "" : " --week \(week)"
                Output.warning("\(entry.staff) has \(receipt.weekTotal) on social networks in \(week), at or over the \(receipt.threshold) threshold, "
                    + (receipt.justificationStatus == .rejected ? "and the justification was rejected. " : "without a justification. ")
                    + "Explain what the business gets from it:\n  socialtime justify\(weekOption) \"What the business gets from these hours …\"")
            }
        }
    }
}
