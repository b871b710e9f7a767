/// The running timer: at most one per person, kept in the store so that any terminal or machine
/// sees it. `stop` turns it into entries under exactly the rules of `log` (catalogues, the
/// 24-hour day, audit rows), one per local date it ran on, in one write transaction.
///
/// A timer is always the acting person's own: there is no "someone else's timer" to reach, and
/// acting as someone else follows the usual rule (a manager may, acting with that person's rights).
extension Rulebook {
    /// The zone dates and clock times are read in: the process's `TZ`, like every date in socialtime.
    var zone: LocalZone { .system }

    /// This run's moment, from the clock's timestamp: the same text `started_at` is stored as, so
    /// start and stop measure with one ruler whoever built the clock.
    var nowEpoch: Int { Instant.epochSeconds(iso: clock.timestamp) ?? clock.epochSeconds }

    /// The moment `--at HH:MM` names: that time today, refused when it is still to come.
    func moment(at time: TimeOfDay?, option: String = "--at") throws(SocialTimeError) -> Int {
        try moment(at: time.map { ClockMoment(date: nil, time: $0) }, option: option)
    }

    /// The moment `--at WHEN` names: a time today or on the date given, refused when still to come.
    func moment(at when: ClockMoment?, option: String = "--at") throws(SocialTimeError) -> Int {
        let now = nowEpoch
        guard let when else { return now }
        let local = zone.local(now)
        let moment = zone.moment(when.date ?? local.date, when.time)
        guard moment <= now else {
            throw .invalidInput("\(option) \(when) is in the future (it is now \(local.time) on \(local.date)): give a time that has passed")
        }
        return moment
    }

    /// The settings key of `config timer-limit` (whole minutes as text; absent = 10 h).
    public static let timerLimitKey = "timer_limit_minutes"
    public static let defaultTimerLimit = Minutes(600)

    func timerLimit(in tx: any ReadTransaction) async throws -> Minutes {
        guard let text = try await tx.setting(Self.timerLimitKey) else { return Self.defaultTimerLimit }
        guard let minutes = Int(text), (1...Minutes.day.value).contains(minutes) else {
            throw SocialTimeError.failure("the setting \(Self.timerLimitKey) holds '\(Text.printable(text))', not minutes: set it again with `socialtime config timer-limit DURATION`")
        }
        return Minutes(minutes)
    }

    /// `config timer-limit DURATION` (managers only): a timer that ran longer was almost certainly forgotten.
    public func setTimerLimit(_ minutes: Minutes) async throws(SocialTimeError) {
        guard minutes.value >= 1, minutes <= .day else {
            throw .invalidInput("invalid timer limit \(minutes): use 1 minute to 24 hours")
        }
        try await write { tx in
            try await actor(in: tx).requireManager(to: "change the timer limit")
            try await tx.setSetting(Self.timerLimitKey, String(minutes.value))
        }
    }

    /// The company's timer limit.
    public func timerLimit() async throws(SocialTimeError) -> Minutes {
        try await read { tx in
            _ = try await actor(in: tx)
            return try await timerLimit(in: tx)
        }
    }

    // MARK: - Commands

    /// Starts the acting person's timer (registering the login on first use, as `log` does).
    /// A timer already running is stopped and logged first, at the new one's start.
    public func start(network: String, outcome: String, note: String = "", at time: TimeOfDay? = nil,
                      reason: String? = nil) async throws(SocialTimeError) -> TimerStartReceipt {
        let note = try Self.validatedNote(note)
        let startEpoch = try moment(at: time)
        return try await write { tx in
            let network = try await resolveNetwork(network, in: tx)
            let outcome = try await resolveOutcome(outcome, forNewWork: true, in: tx)
            let (actor, staff, registered) = try await registeredActor(in: tx)
            if time != nil, let inside = try await overlapping(staff.id, zone.local(startEpoch).date, start: startEpoch, end: startEpoch + 1, in: tx) {
                throw SocialTimeError.invalidInput("--at \(time!) falls inside entry #\(inside.id) (\(inside.date) \(Self.clock(inside.startedAt))–\(Self.clock(inside.endedAt))) "
                    + "of \(staff.handle): time is counted once — start at or after \(Self.clock(inside.endedAt))")
            }
            var stopped: StoppedTimer?
            if let running = try await tx.timer(staffID: staff.id) {
                stopped = try await stop(running, of: staff, actor: actor, at: startEpoch, note: nil, reason: reason, in: tx,
                                         option: time == nil ? nil : "--at")
            }
            let startedAt = zone.local(startEpoch).timestamp
            try await tx.saveTimer(TimerRecord(staffID: staff.id, networkID: network.id, outcomeID: outcome.id, note: note, startedAt: startedAt))
            return TimerStartReceipt(timer: RunningTimer(staff: staff.handle, network: network.key, outcome: outcome.key, note: note, startedAt: startedAt),
                                     stopped: stopped, registeredStaff: registered)
        }
    }

    /// Stops the acting person's timer and logs the whole minutes it ran (at `time` today when
    /// given); `note` replaces the note it was started with.
    public func stop(at time: TimeOfDay?, note: String? = nil) async throws(SocialTimeError) -> StoppedTimer {
        try await stop(at: time.map { ClockMoment(date: nil, time: $0) }, note: note)
    }

    /// Stops the acting person's timer and logs the whole minutes it ran, up to `when` if given.
    /// One that has run longer than the timer limit is refused (64) unless `when` says when it
    /// stopped or `keep` says to log it all.
    public func stop(at when: ClockMoment? = nil, keep: Bool = false, note: String? = nil,
                     reason: String? = nil) async throws(SocialTimeError) -> StoppedTimer {
        let note = try note.map { note throws(SocialTimeError) in try Self.validatedNote(note) }
        let endEpoch = try moment(at: when)
        return try await write { tx in
            let (actor, staff, _) = try await registeredActor(in: tx)
            guard let running = try await tx.timer(staffID: staff.id) else { throw Self.noTimer(staff.handle, verb: "stop") }
            return try await stop(running, of: staff, actor: actor, at: endEpoch, note: note, reason: reason, in: tx, option: when == nil ? nil : "--at",
                                  checkLimit: when == nil && !keep)
        }
    }

    /// Refuses to log a timer that ran past the limit without being told when it stopped.
    func checkTimerLimit(_ running: RunningTimer, ranSeconds seconds: Int, in tx: any ReadTransaction) async throws {
        let limit = try await timerLimit(in: tx)
        let ran = Minutes(Instant.roundedMinutes(seconds))
        guard ran > limit else { return }
        let started = Instant.epochSeconds(iso: running.startedAt).map(zone.local)
        throw SocialTimeError.invalidInput(TimerMessages.overLimit(network: running.network, outcome: running.outcome,
                                                                   startedDate: started?.date, startedTime: started?.time,
                                                                   ran: ran, limit: limit))
    }

    /// Discards the acting person's timer: nothing is logged.
    public func cancel() async throws(SocialTimeError) -> RunningTimer {
        try await write { tx in
            let actor = try await actor(in: tx)
            guard let member = actor.member, let running = try await tx.timer(staffID: member.id) else {
                throw Self.noTimer(actor.handle, verb: "cancel")
            }
            try await tx.deleteTimer(staffID: member.id)
            return running
        }
    }

    /// The acting person's day and week: the running timer, today's and this week's totals
    /// against the week's threshold, and the justification's state. Only reads.
    public func status() async throws(SocialTimeError) -> TimerStatus {
        let now = nowEpoch
        return try await read { tx in
            let actor = try await actor(in: tx)
            let today = clock.today
            let week = today.isoWeek
            let member = actor.member
            let todayTotal = try await member.asyncMap { try await tx.dayTotal(staffID: $0.id, date: today, excluding: nil) } ?? .zero
            let weekTotal = try await member.asyncMap { try await tx.weekTotal(staffID: $0.id, week: week) } ?? .zero
            let justification = try await member.asyncMap { try await tx.justification(staffID: $0.id, week: week) } ?? nil
            let timer = try await member.asyncMap { try await tx.timer(staffID: $0.id) } ?? nil
            let elapsed = timer.flatMap { Instant.storedEpochSeconds(iso: $0.startedAt) }.map { max(0, Instant.roundedMinutes(now - $0)) }
            var status = TimerStatus(staff: actor.handle, date: today, todayMinutes: todayTotal, week: week, weekMinutes: weekTotal,
                               threshold: try await threshold(for: week, in: tx),
                               justificationStatus: ReviewCoverage.status(of: justification, weekMinutes: weekTotal),
                               reviewComment: justification?.comment, timer: timer, elapsedMinutes: elapsed.map { Minutes($0) })
            status.timerLimit = try await timerLimit(in: tx)
            return status
        }
    }

    // MARK: - Stopping

    static func noTimer(_ handle: Handle, verb: String) -> SocialTimeError {
        .invalidInput("no timer is running for \(handle): nothing to \(verb) (start one with `socialtime start NETWORK OUTCOME`)")
    }

    /// Logs `running` up to `endEpoch` and removes it: one entry per local date, each under the
    /// rules of `log` — a date in a closed week too (staff 77, a manager with `reason`). Under a
    /// minute logs nothing. Past 24 hours is refused with the way out.
    func stop(_ running: RunningTimer, of staff: StaffMember, actor: Actor, at endEpoch: Int, note: String?,
              reason: String? = nil, in tx: any WriteTransaction, option: String?, checkLimit: Bool = true) async throws -> StoppedTimer {
        guard let startEpoch = Instant.storedEpochSeconds(iso: running.startedAt) else {
            throw SocialTimeError.failure("the running timer's start '\(Text.printable(running.startedAt))' in the database is not a timestamp "
                + "between \(CalendarDate.supportedRange.lowerBound) and \(CalendarDate.supportedRange.upperBound): `socialtime cancel` discards it")
        }
        let started = zone.local(startEpoch)
        guard endEpoch >= startEpoch else {
            throw SocialTimeError.invalidInput("\(option ?? "now") \(zone.local(endEpoch).time) is before the timer started (\(started.time) on \(started.date)): "
                + "give a later time, or `socialtime cancel` to discard the timer")
        }
        let segments = TimerSplit.split(from: startEpoch, to: endEpoch, in: zone)
        let total = Minutes(segments.map(\.minutes.value).reduce(0, +))
        guard total <= .day else {
            throw SocialTimeError.invalidInput("the timer (\(running.network), \(running.outcome)) started on \(started.date) at \(started.time) has run \(total), "
                + "past 24 hours: nothing was logged. Say when you stopped with `socialtime stop --at WHEN` (HH:MM, \"yesterday HH:MM\", "
                + "a weekday and time, or YYYY-MM-DDTHH:MM; at most 24 hours after the start), "
                + "or discard it with `socialtime cancel` and log the time with `socialtime log`")
        }
        if checkLimit { try await checkTimerLimit(running, ranSeconds: endEpoch - startEpoch, in: tx) }
        let note = note ?? running.note
        var entries: [Entry] = []
        // A timer left running into a week that has since closed logs into it like `log` would.
        let reason = try await checkClosedWeeks(segments.map(\.date), actor: actor, entryID: nil, reason: reason, in: tx)
        if !segments.isEmpty {
            let network = try await resolveNetwork(running.network, in: tx)
            let outcome: Outcome
            do {
                outcome = try await resolveOutcome(running.outcome, forNewWork: true, in: tx)
            } catch let error as SocialTimeError {
                throw SocialTimeError.invalidInput(error.message + " (`socialtime cancel` discards the timer)")
            }
            for segment in segments {
                // A timer started under another TZ, or a clock far off, must not log a date import then refuses.
                try CalendarDate.requireSupported(segment.date, what: "the timer's date")
                try await checkDayCap(staff, date: segment.date, adding: segment.minutes, in: tx)
                try await checkOverlap(staff, segment.date, startedAt: zone.local(segment.start).timestamp,
                                       endedAt: zone.local(segment.end).timestamp, in: tx)
                let id = try await tx.insertEntry(EntryRecord(staffID: staff.id, date: segment.date, minutes: segment.minutes,
                                                              networkID: network.id, outcomeID: outcome.id, note: note, loggedAt: now,
                                                              startedAt: zone.local(segment.start).timestamp,
                                                              endedAt: zone.local(segment.end).timestamp))
                let stored = try await requireEntry(id, in: tx)
                try await audit("create", id, actor: actor.handle, before: nil, after: stored, reason: reason, in: tx)
                entries.append(stored)
            }
        }
        try await tx.deleteTimer(staffID: staff.id)
        var standings: [WeekStanding] = []
        for week in entries.map(\.week) where !standings.contains(where: { $0.week == week }) {
            standings.append(try await weekStanding(staff, week, in: tx))
        }
        return StoppedTimer(timer: running, endedAt: zone.local(endEpoch).timestamp, elapsedSeconds: endEpoch - startEpoch,
                            entries: entries, standings: standings)
    }
}

/// Where a timer's time goes: one stretch per local date it ran on.
public enum TimerSplit {
    public struct Segment: Sendable, Equatable {
        public let date: CalendarDate
        public let start: Int
        public let end: Int
        public let minutes: Minutes
    }

    /// The stretches from `start` to `end` (seconds since the epoch), cut at each local midnight.
    /// Minutes are rounded on the running total — each stretch gets round(end) − round(start) of
    /// the time since the start — so the entries always add up to the whole elapsed time rounded
    /// once, half a minute up. A stretch that rounds to nothing is left out.
    public static func split(from start: Int, to end: Int, in zone: LocalZone) -> [Segment] {
        var segments: [Segment] = []
        var from = start
        while from < end {
            let to = min(end, zone.endOfDay(containing: from))
            let minutes = Instant.roundedMinutes(to - start) - Instant.roundedMinutes(from - start)
            if minutes > 0 {
                segments.append(Segment(date: zone.local(from).date, start: from, end: to, minutes: Minutes(minutes)))
            }
            // A zone whose day would not advance must not loop for ever.
            guard to > from else { break }
            from = to
        }
        return segments
    }
}

/// What `start` reports: the new timer, and the one it stopped first, if any.
public struct TimerStartReceipt: Sendable, Equatable {
    public let timer: RunningTimer
    public let stopped: StoppedTimer?
    public let registeredStaff: Bool
}

/// What stopping a timer logged: no entry (under a minute), one, or one per date it ran on.
public struct StoppedTimer: Sendable, Equatable {
    public let timer: RunningTimer
    /// When it stopped: ISO 8601 with offset.
    public let endedAt: String
    public let elapsedSeconds: Int
    public let entries: [Entry]
    /// The person's week after the entries, for each week they fall in.
    public let standings: [WeekStanding]
}

/// `status`: the acting person's running timer, day, week and justification.
public struct TimerStatus: Sendable, Equatable {
    public let staff: Handle
    public let date: CalendarDate
    public let todayMinutes: Minutes
    public let week: ISOWeek
    public let weekMinutes: Minutes
    public let threshold: Minutes
    public let justificationStatus: JustificationStatus
    public let reviewComment: String?
    public let timer: RunningTimer?
    /// Whole minutes the timer has run so far, rounded to the nearest.
    public let elapsedMinutes: Minutes?
    /// The company's timer limit: a timer running longer was probably forgotten.
    public var timerLimit: Minutes = Rulebook.defaultTimerLimit

    /// The running timer has run past the limit: `stop` will refuse it.
    public var timerOverLimit: Bool { timer != nil && (elapsedMinutes ?? .zero) > timerLimit }
}

/// A moment as `stop --at WHEN` names it: a clock time on a date (today when nil).
public struct ClockMoment: Sendable, Equatable, CustomStringConvertible {
    public let date: CalendarDate?
    public let time: TimeOfDay

    public init(date: CalendarDate?, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    public var description: String { date.map { "\($0)T\(time)" } ?? "\(time)" }

    /// `HH:MM` (today), `yesterday HH:MM`, a weekday and a time (`thu 17:30`, the most recent),
    /// or `YYYY-MM-DDTHH:MM`.
    public static func parse(_ text: String, dates: DateParser) throws(SocialTimeError) -> ClockMoment {
        let trimmed = text.trimmingWhitespace()
        let words = trimmed.split(whereSeparator: { $0 == " " }).map(String.init)
        do {
            if words.count == 2 {
                return ClockMoment(date: try dates.pastDate(words[0]), time: try TimeOfDay.parse(words[1], what: "--at time"))
            }
            if words.count == 1, let t = trimmed.firstIndex(of: "T"), trimmed.count == 16 {
                return ClockMoment(date: try dates.pastDate(String(trimmed[..<t])),
                                   time: try TimeOfDay.parse(String(trimmed[trimmed.index(after: t)...]), what: "--at time"))
            }
            if words.count == 1 {
                return ClockMoment(date: nil, time: try TimeOfDay.parse(trimmed, what: "--at time"))
            }
        } catch {
            // The part's own reason ("hours run from 00 to 23"), without naming the value twice.
            let detail = error.message.firstRange(of: "': ").map { String(error.message[$0.upperBound...]) } ?? error.message
            throw .invalidInput("invalid --at '\(Text.printable(text))': \(detail); WHEN is HH:MM (today), \"yesterday HH:MM\", "
                + "a weekday and a time (\"thu 17:30\"), or YYYY-MM-DDTHH:MM")
        }
        throw .invalidInput("invalid --at '\(Text.printable(text))': \(accepted)")
    }

    public static let accepted = "use HH:MM (today), \"yesterday HH:MM\", a weekday and a time (\"thu 17:30\"), or YYYY-MM-DDTHH:MM"
}

/// The timer's messages that name the ways on, each made in one place.
public enum TimerMessages {
    /// `stop` of a timer past the limit: what it ran and the three ways on.
    public static func overLimit(network: String, outcome: String, startedDate: CalendarDate?, startedTime: TimeOfDay?,
                                 ran: Minutes, limit: Minutes) -> String {
        let since = startedDate.map { date in " started on \(date)" + (startedTime.map { " at \($0)" } ?? "") } ?? ""
        return "the timer (\(network), \(outcome))\(since) has run \(ran), longer than the timer limit of \(limit) "
            + "(`config timer-limit`): it was probably forgotten, and nothing was logged. "
            + "Say when you stopped with `socialtime stop --at WHEN` (e.g. --at \"yesterday 17:30\"), "
            + "log it all with `socialtime stop --keep`, or discard it with `socialtime cancel`"
    }

    /// `status`'s warning about such a timer.
    public static func statusWarning(ran: Minutes, limit: Minutes) -> String {
        "warning: the timer has run \(ran), longer than the timer limit of \(limit): "
            + "`socialtime stop --at WHEN`, `socialtime stop --keep` or `socialtime cancel`"
    }
}
