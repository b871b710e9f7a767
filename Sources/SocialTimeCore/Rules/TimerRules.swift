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
        let now = nowEpoch
        guard let time else { return now }
        let local = zone.local(now)
        let moment = zone.moment(local.date, time)
        guard moment <= now else {
            throw .invalidInput("\(option) \(time) is in the future (it is now \(local.time) on \(local.date)): give a time today that has passed")
        }
        return moment
    }

    // MARK: - Commands

    /// Starts the acting person's timer (registering the login on first use, as `log` does).
    /// A timer already running is stopped and logged first, at the new one's start.
    public func start(network: String, outcome: String, note: String = "", at time: TimeOfDay? = nil) async throws(SocialTimeError) -> TimerStartReceipt {
        let note = try Self.validatedNote(note)
        let startEpoch = try moment(at: time)
        return try await write { tx in
            let network = try await resolveNetwork(network, in: tx)
            let outcome = try await resolveOutcome(outcome, forNewWork: true, in: tx)
            let (actor, staff, registered) = try await registeredActor(in: tx)
            var stopped: StoppedTimer?
            if let running = try await tx.timer(staffID: staff.id) {
                stopped = try await stop(running, of: staff, actor: actor, at: startEpoch, note: nil, in: tx, option: time == nil ? nil : "--at")
            }
            let startedAt = zone.local(startEpoch).timestamp
            try await tx.saveTimer(TimerRecord(staffID: staff.id, networkID: network.id, outcomeID: outcome.id, note: note, startedAt: startedAt))
            return TimerStartReceipt(timer: RunningTimer(staff: staff.handle, network: network.key, outcome: outcome.key, note: note, startedAt: startedAt),
                                     stopped: stopped, registeredStaff: registered)
        }
    }

    /// Stops the acting person's timer and logs the whole minutes it ran (at `time` today when
    /// given); `note` replaces the note it was started with.
    public func stop(at time: TimeOfDay? = nil, note: String? = nil) async throws(SocialTimeError) -> StoppedTimer {
        let note = try note.map { note throws(SocialTimeError) in try Self.validatedNote(note) }
        let endEpoch = try moment(at: time)
        return try await write { tx in
            let (actor, staff, _) = try await registeredActor(in: tx)
            guard let running = try await tx.timer(staffID: staff.id) else { throw Self.noTimer(staff.handle, verb: "stop") }
            return try await stop(running, of: staff, actor: actor, at: endEpoch, note: note, in: tx, option: time == nil ? nil : "--at")
        }
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
            return TimerStatus(staff: actor.handle, date: today, todayMinutes: todayTotal, week: week, weekMinutes: weekTotal,
                               threshold: try await threshold(for: week, in: tx),
                               justificationStatus: ReviewCoverage.status(of: justification, weekMinutes: weekTotal),
                               reviewComment: justification?.comment, timer: timer, elapsedMinutes: elapsed.map { Minutes($0) })
        }
    }

    // MARK: - Stopping

    static func noTimer(_ handle: Handle, verb: String) -> SocialTimeError {
        .invalidInput("no timer is running for \(handle): nothing to \(verb) (start one with `socialtime start NETWORK OUTCOME`)")
    }

    /// Logs `running` up to `endEpoch` and removes it: one entry per local date, each under the
    /// rules of `log`. Under a minute logs nothing. Past 24 hours is refused with the way out.
    func stop(_ running: RunningTimer, of staff: StaffMember, actor: Actor, at endEpoch: Int, note: String?,
              in tx: any WriteTransaction, option: String?) async throws -> StoppedTimer {
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
                + "past 24 hours: nothing was logged. Say when you stopped with `socialtime stop --at HH:MM` (a time today, at most 24 hours after the start), "
                + "or discard it with `socialtime cancel` and log the time with `socialtime log`")
        }
        let note = note ?? running.note
        var entries: [Entry] = []
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
                let id = try await tx.insertEntry(EntryRecord(staffID: staff.id, date: segment.date, minutes: segment.minutes,
                                                              networkID: network.id, outcomeID: outcome.id, note: note, loggedAt: now,
                                                              startedAt: zone.local(segment.start).timestamp,
                                                              endedAt: zone.local(segment.end).timestamp))
                let stored = try await requireEntry(id, in: tx)
                try await audit("create", id, actor: actor.handle, before: nil, after: stored, in: tx)
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
}
