import ArgumentParser
import SocialTimeCore

struct Stop: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "stop",
        abstract: "Stop your timer and log the whole minutes it ran.",
        discussion: """
        Examples:
          socialtime stop
          socialtime stop --at 17:30 -m "Replied to 12 candidates"
          socialtime stop --at "yesterday 17:30"
          socialtime stop --keep

        Minutes are rounded to the nearest (half a minute up); under a minute logs nothing. A timer
        that ran past midnight becomes one entry per date. One that has run longer than the timer
        limit (`config timer-limit`, default 10h) was probably forgotten and is refused: say when
        you stopped with --at, log it all with --keep, or `socialtime cancel` it. Past 24 hours it
        can only be stopped --at a time at most 24 hours after its start.
        """
    )

    @Option(help: ArgumentHelp("When the work ended: HH:MM (today), \"yesterday HH:MM\", a weekday and a time (\"thu 17:30\"), or YYYY-MM-DDTHH:MM; not in the future.",
                               valueName: "when"))
    var at: String?

    @Flag(help: "Log all the time it ran, even past the timer limit.")
    var keep = false

    @Option(name: [.customShort("m"), .long], help: ArgumentHelp("The entry's note, instead of the one given at start.", valueName: "text"))
    var note: String?

    @Option(help: ArgumentHelp("Why, when the time falls in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        if keep && at != nil {
            throw ValidationError("--keep logs all the time up to now and --at says when it ended: give one of them")
        }
        let when = try at.map { text throws(SocialTimeError) in try ClockMoment.parse(text, dates: session.dates) }
        let stopped = try await session.rulebook().stop(at: when, keep: keep, note: note, reason: reason)
        try session.report(stopped)
    }
}
