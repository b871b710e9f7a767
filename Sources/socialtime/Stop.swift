import ArgumentParser
import SocialTimeCore

struct Stop: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "stop",
        abstract: "Stop your timer and log the whole minutes it ran.",
        discussion: """
        Examples:
          socialtime stop
          socialtime stop --at 17:30 -m "Replied to 12 candidates"

        Minutes are rounded to the nearest (half a minute up); under a minute logs nothing. A timer
        that ran past midnight becomes one entry per date. One that ran past 24 hours is refused:
        stop it --at the time you stopped (today), or `socialtime cancel` it and `socialtime log` the time.
        """
    )

    @Option(help: ArgumentHelp("When the work ended: \(TimeOfDay.accepted), today, not in the future.", valueName: "HH:MM"))
    var at: String?

    @Option(name: [.customShort("m"), .long], help: ArgumentHelp("The entry's note, instead of the one given at start.", valueName: "text"))
    var note: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let time = try at.map { text throws(SocialTimeError) in try TimeOfDay.parse(text, what: "--at time") }
        let stopped = try await session.rulebook().stop(at: time, note: note)
        try session.report(stopped)
    }
}
