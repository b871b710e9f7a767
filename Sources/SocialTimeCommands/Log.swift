import ArgumentParser
import SocialTimeCore

struct Log: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "log",
        abstract: "Record time spent on a social network, against the outcome it serves.",
        discussion: """
        Examples:
          socialtime log 45m linkedin recruiting
          socialtime log 1h30 -n fb -o customer-service -d yesterday -m "Answered DMs"
          socialtime log --from 09:00 --to 10:30 linkedin recruiting
          socialtime log 1,5 --network fb --outcome customer-service --date mon
          socialtime log 20m x listening -m "- replied to 3 DMs"

        A bare number is hours (1.5 = 1h 30m); 1.30 is 1.3 hours; write 1:30 for an hour and a half.
        """,
        // Only --help: with -h, a mistyped `-1h` would be read as -1 -h and print help, exit 0.
        helpNames: [.long]
    )

    @Argument(help: ArgumentHelp("How long: \(DurationParser.accepted). 1 minute to 24 hours. Left out with --from/--to.", valueName: "duration"))
    var duration: String?

    @OptionGroup var work: WorkOptions

    @Option(name: [.customShort("d"), .long], help: ArgumentHelp("The day of the work: \(DateParser.acceptedDates).", valueName: "date"),
            completion: .list(["today", "yesterday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]))
    var date: String = "today"

    @Option(name: [.customShort("m"), .long], help: ArgumentHelp("What you did, in a line. It may begin with '-' (-m \"- replied to 3 DMs\").", valueName: "text"))
    var note: String = ""

    @Option(help: ArgumentHelp("When the work began, \(TimeOfDay.accepted), on --date; with --to instead of a duration.", valueName: "HH:MM"))
    var from: String?

    @Option(help: ArgumentHelp("When the work ended (HH:MM, after --from, not in the future).", valueName: "HH:MM"))
    var to: String?

    @Option(help: ArgumentHelp("Why, for a change in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    /// The common `log` lines read without ArgumentParser (`QuickLine`); nil for any other.
    /// Every property is set, its default as declared above.
    static func quick(_ arguments: [String]) -> Log? {
        guard let line = QuickLine.read(arguments, command: "log", names: [
            "-n": "network", "--network": "network", "-o": "outcome", "--outcome": "outcome", "-d": "date", "--date": "date",
            "-m": "note", "--note": "note", "--from": "from", "--to": "to", "--reason": "reason",
        ]) else { return nil }
        var work = WorkOptions()
        work.networkArgument = line.positional(1)
        work.outcomeArgument = line.positional(2)
        work.extraWords = Array(line.positionals.dropFirst(3))
        work.network = line.options["network"]
        work.outcome = line.options["outcome"]
        var log = Log()
        log.duration = line.positional(0)
        log.work = work
        log.date = line.options["date"] ?? "today"
        log.note = line.options["note"] ?? ""
        log.from = line.options["from"]
        log.to = line.options["to"]
        log.reason = line.options["reason"]
        log.global = line.global
        return log
    }

    /// The words sorted out, before the store is touched (bad usage exits 64 and changes nothing).
    func arguments() throws(SocialTimeError) -> LogArguments {
        try LogArguments.resolve(positionals: work.words(after: [duration]), network: work.network, outcome: work.outcome,
                                 from: from, to: to)
    }

    func run(_ session: Session) async throws {
        let line = try arguments()
        let date = try session.dates.pastDate(date)
        let minutes: Minutes
        var hint: String?
        var span: (start: String, end: String)?
        if let duration = line.duration {
            let reading = try DurationParser.read(duration)
            minutes = reading.minutes
            hint = reading.hint
        } else {
            minutes = try ClockSpan.read(from: line.from ?? "", to: line.to ?? "", on: date, now: session.clock.now).minutes
            // The clock times it ran, kept with the entry, in this run's UTC offset.
            let offset = String(session.clock.timestamp.suffix(6))
            span = ("\(date)T\(line.from ?? ""):00\(offset)", "\(date)T\(line.to ?? ""):00\(offset)")
        }
        let rulebook = try await session.rulebook()
        let entry = NewEntry(staff: try rulebook.actingHandle(), date: date, minutes: minutes, network: line.network,
                             outcome: line.outcome, note: note, startedAt: span?.start, endedAt: span?.end)
        let receipt = try await rulebook.log(entry, reason: reason)
        if receipt.registeredStaff {
            try session.registered(receipt.entry.staff)
        }
        try session.print("Logged " + EntryRendering.summary(receipt.entry))
        if let hint { try session.print("Note: \(hint).") }
        try session.print("\(receipt.standing.week): \(receipt.weekTotal) logged by \(receipt.entry.staff) (threshold \(receipt.threshold)).")
        try session.warnIfUnjustified(receipt.standing)
    }
}
