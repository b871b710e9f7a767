import ArgumentParser
import SocialTimeCore

struct Start: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "start",
        abstract: "Start a timer on a network and outcome; `stop` logs the minutes it ran.",
        discussion: """
        Examples:
          socialtime start linkedin recruiting
          socialtime start -n fb -o customer-service -m "Answering DMs"
          socialtime start x listening --at 09:15

        One timer runs per person, kept in the database, so any terminal sees it. Starting one while
        another runs stops that one first and logs it (at the new start time). --at is a time today
        that has passed.
        """
    )

    @OptionGroup var work: WorkOptions

    @Option(name: [.customShort("m"), .long], help: ArgumentHelp("What you are doing, in a line (stop -m can replace it).", valueName: "text"))
    var note: String = ""

    @Option(help: ArgumentHelp("When the work began: \(TimeOfDay.accepted), today, not in the future.", valueName: "HH:MM"))
    var at: String?

    @Option(help: ArgumentHelp("Why, when the running timer it stops falls in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let line = try TimerArguments.resolve(positionals: work.words(), network: work.network, outcome: work.outcome)
        let time = try at.map { text throws(SocialTimeError) in try TimeOfDay.parse(text, what: "--at time") }
        let rulebook = try await session.rulebook()
        let receipt = try await rulebook.start(network: line.network, outcome: line.outcome, note: note, at: time, reason: reason)
        if receipt.registeredStaff { try session.registered(receipt.timer.staff) }
        if let stopped = receipt.stopped { try session.report(stopped) }
        let started = TimeOfDay(timestamp: receipt.timer.startedAt).map { "\($0)" } ?? receipt.timer.startedAt
        try session.print("Started a timer for \(receipt.timer.staff) on \(receipt.timer.network) for \(receipt.timer.outcome) at \(started)"
            + (receipt.timer.note.isEmpty ? "" : " — \(receipt.timer.note)") + " (`socialtime stop` logs it).")
    }
}

extension Session {
    /// What stopping a timer logged, as `log` would say it, with the week warnings.
    func report(_ stopped: StoppedTimer) throws(SocialTimeError) {
        let timer = stopped.timer
        let from = TimeOfDay(timestamp: timer.startedAt).map { "\($0)" } ?? timer.startedAt
        let to = TimeOfDay(timestamp: stopped.endedAt).map { "\($0)" } ?? stopped.endedAt
        if stopped.entries.isEmpty {
            try print("Stopped the timer on \(timer.network) for \(timer.outcome) after \(stopped.elapsedSeconds) seconds: under a minute, nothing was logged.")
            return
        }
        try print("Stopped the timer on \(timer.network) for \(timer.outcome) (\(from) – \(to))"
            + (stopped.entries.count > 1 ? ": it crossed midnight, one entry per date." : "."))
        for entry in stopped.entries { try print("Logged " + EntryRendering.summary(entry)) }
        for standing in stopped.standings {
            try print("\(standing.week): \(standing.total) logged by \(standing.staff) (threshold \(standing.threshold)).")
            try warnIfUnjustified(standing)
        }
    }
}
