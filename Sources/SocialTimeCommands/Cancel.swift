import ArgumentParser
import SocialTimeCore

struct Cancel: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "cancel",
        abstract: "Discard your running timer without logging anything.",
        discussion: """
        Examples:
          socialtime cancel
          socialtime cancel && socialtime log --from 09:00 --to 11:30 linkedin recruiting -d yesterday
        """
    )

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let timer = try await session.rulebook().cancel()
        let started = TimeOfDay(timestamp: timer.startedAt).map { "\($0) on \(timer.startedAt.prefix(10))" } ?? timer.startedAt
        try session.print("Cancelled the timer on \(timer.network) for \(timer.outcome) started at \(started): nothing was logged.")
    }
}
