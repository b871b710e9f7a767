import ArgumentParser
import SocialTimeCore

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config",
        abstract: "Company-wide settings.",
        subcommands: [Threshold.self]
    )

    struct Threshold: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "threshold",
            abstract: "Show or set the weekly threshold (default 5h) at which hours need a justification.")
        @Argument(help: ArgumentHelp("The new threshold: \(DurationParser.accepted); 1 minute to 168 hours.", valueName: "duration"))
        var duration: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Session.run(global) { session in
                if let duration {
                    let minutes = try DurationParser.parse(duration, range: Minutes(1)...Minutes(168 * 60), what: "threshold")
                    try session.store.setThreshold(minutes)
                    Output.print("Weekly threshold set to \(minutes).")
                } else {
                    Output.print("Weekly threshold: \(try session.store.threshold()).")
                }
            }
        }
    }
}
