import ArgumentParser
import SocialTimeCore

extension Config {
    struct TimerLimit: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "timer-limit",
            abstract: "Show or set how long a timer may run before `stop` asks what happened (default 10h).",
            discussion: """
            A timer that has run longer was almost certainly forgotten: `stop` refuses it and names \
            the ways on (`stop --at WHEN`, `stop --keep`, `cancel`), and `status` warns. Managers only.

            Examples:
              socialtime config timer-limit
              socialtime config timer-limit 12h
            """)
        @Argument(help: ArgumentHelp("The limit: \(DurationParser.accepted); 1 minute to 24 hours.", valueName: "duration"))
        var duration: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            if let duration {
                let minutes = try DurationParser.parse(duration, range: Minutes(1)...Minutes(24 * 60), what: "timer limit")
                try await session.rulebook().setTimerLimit(minutes)
                try session.print("Timer limit set to \(minutes): `stop` asks about a timer that ran longer.")
            } else {
                let minutes = try await session.rulebook(create: false).timerLimit()
                try session.print("Timer limit: \(minutes).")
            }
        }
    }
}
