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

    /// The line's values, as `LogRequest` runs them.
    var request: LogRequest {
        LogRequest(duration: duration, networkArgument: work.networkArgument, outcomeArgument: work.outcomeArgument,
                   extraWords: work.extraWords, network: work.network, outcome: work.outcome, date: date, note: note,
                   from: from, to: to, reason: reason, settings: global.settings)
    }

    func run(_ session: Session) async throws { try await request.run(session) }
}

/// A `log` line's values, read by ArgumentParser (`Log.request`) or, for the common lines,
/// directly (`quick`, without ArgumentParser's property wrappers): what `log` runs.
struct LogRequest: SessionCommand, Equatable {
    var duration: String?
    var networkArgument: String?
    var outcomeArgument: String?
    var extraWords: [String]
    var network: String?
    var outcome: String?
    var date: String
    var note: String
    var from: String?
    var to: String?
    var reason: String?
    var settings: GlobalSettings

    /// The common `log` lines read without ArgumentParser (`QuickLine`); nil for any other. The
    /// defaults are `Log`'s (`QuickLineTests` compare the two readings).
    static func quick(_ arguments: [String]) -> LogRequest? {
        guard let line = QuickLine.read(arguments, command: "log", names: [
            "-n": "network", "--network": "network", "-o": "outcome", "--outcome": "outcome", "-d": "date", "--date": "date",
            "-m": "note", "--note": "note", "--from": "from", "--to": "to", "--reason": "reason",
        ]) else { return nil }
        return LogRequest(duration: line.positional(0), networkArgument: line.positional(1), outcomeArgument: line.positional(2),
                          extraWords: Array(line.positionals.dropFirst(3)), network: line.options["network"],
                          outcome: line.options["outcome"], date: line.options["date"] ?? "today", note: line.options["note"] ?? "",
                          from: line.options["from"], to: line.options["to"], reason: line.options["reason"], settings: line.settings)
    }

    /// The words sorted out, before the store is touched (bad usage exits 64 and changes nothing).
    func arguments() throws(SocialTimeError) -> LogArguments {
        // The positional words in order, as `WorkOptions.words(after:)` gives them.
        let words = [duration, networkArgument, outcomeArgument].compactMap { $0 } + extraWords
        return try LogArguments.resolve(positionals: words, network: network, outcome: outcome, from: from, to: to)
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
