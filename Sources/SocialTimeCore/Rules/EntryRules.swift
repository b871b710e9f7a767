/// Logging, listing and correcting entries. Every change is kept in the audit log, which names
/// whoever made it — a manager acting on someone's entry is named, not the owner.
extension Rulebook {
    static func validatedNote(_ note: String) throws(SocialTimeError) -> String {
        try Text.validate(note, field: "note", maxLength: 2000)
    }

    static func auditJSON(_ entry: Entry) -> String {
        JSON.object([("date", .string(entry.date.description)), ("minutes", .int(entry.minutes.value)),
                     ("network", .string(entry.network)), ("outcome", .string(entry.outcome)),
                     ("note", .string(entry.note)), ("deleted", .bool(entry.deleted))]).serialized()
    }

    /// Audits a change to an entry; one to an ended week is marked as a late change of that week.
    func audit(_ action: String, _ entryID: Int, actor: Handle, before: Entry?, after: Entry?, reason: String? = nil,
               in tx: any WriteTransaction) async throws {
        try await tx.insertAudit(AuditRecord(at: now, actor: actor.value, action: action,
                                             before: before.map(Self.auditJSON), after: after.map(Self.auditJSON), reason: reason,
                                             lateWeek: lateWeek(before: before?.date, after: after?.date)),
                                 subject: .entry(entryID))
    }

    /// The entry, or 64 naming the id. `actor` first, so a refused `--as` is always the
    /// refusal (77) whatever the id; and a staff member is told the id is not among theirs —
    /// on a server, row-level security hides other people's entries from them altogether.
    func requireEntry(_ id: Int, for actor: Actor? = nil, in tx: any ReadTransaction) async throws -> Entry {
        guard let entry = try await tx.entry(id) else {
            if let actor, actor.rights == .staff {
                throw SocialTimeError.invalidInput("no entry #\(id) among \(actor.handle)'s entries: `socialtime entries` lists them with their ids")
            }
            throw SocialTimeError.invalidInput("no entry #\(id): `socialtime entries` lists entries with their ids")
        }
        return entry
    }

    /// Where the week stands after a change: its total, threshold and justification status.
    func weekStanding(_ staff: StaffMember, _ week: ISOWeek, in tx: any ReadTransaction) async throws -> WeekStanding {
        let total = try await tx.weekTotal(staffID: staff.id, week: week)
        let stored = try await tx.justification(staffID: staff.id, week: week)
        return WeekStanding(staff: staff.handle, week: week, total: total, threshold: try await threshold(for: week, in: tx),
                            justificationStatus: ReviewCoverage.status(of: stored, weekMinutes: total))
    }

    // MARK: - Commands

    /// Records an entry for the acting person (registering the login on first use), checked
    /// against the catalogues and the 24-hour day, and reports the person's week so far.
    public func log(_ entry: NewEntry, reason: String? = nil) async throws(SocialTimeError) -> LogReceipt {
        let note = try Self.validatedNote(entry.note)
        try DateParser.requirePast(entry.date, today: clock.today)
        return try await write { tx in
            let network = try await resolveNetwork(entry.network, in: tx)
            let outcome = try await resolveOutcome(entry.outcome, forNewWork: true, in: tx)
            let (actor, staff, registered) = try await registeredActor(in: tx)
            guard entry.staff == actor.handle else {
                throw SocialTimeError.invalidInput("an entry is logged by the person it belongs to: \(actor.handle) cannot log it as \(entry.staff)")
            }
            let reason = try await checkClosedWeeks([entry.date], actor: actor, entryID: nil, reason: reason, in: tx)
            try await checkDayCap(staff, date: entry.date, adding: entry.minutes, in: tx)
            try await checkOverlap(staff, entry.date, startedAt: entry.startedAt, endedAt: entry.endedAt, in: tx)
            let id = try await tx.insertEntry(EntryRecord(staffID: staff.id, date: entry.date, minutes: entry.minutes,
                                                          networkID: network.id, outcomeID: outcome.id, note: note, loggedAt: now,
                                                          startedAt: entry.startedAt, endedAt: entry.endedAt))
            let stored = try await requireEntry(id, in: tx)
            try await audit("create", id, actor: actor.handle, before: nil, after: stored, reason: reason, in: tx)
            return LogReceipt(entry: stored, registeredStaff: registered,
                              standing: try await weekStanding(staff, entry.date.isoWeek, in: tx))
        }
    }

    /// Entries in a date range: the acting person's own, or (managers) someone else's or everyone's.
    public func entries(_ query: EntryQuery) async throws(SocialTimeError) -> [Entry] {
        try await read { tx in
            let actor = try await actor(in: tx)
            try await authorizeReading(query.staff, actor: actor, in: tx, what: "list entries of")
            return try await tx.entries(query)
        }
    }

    /// Streams the entries `query` names, under the same permissions as `entries(_:)`: a week of
    /// a large company never sits in memory whole.
    public func forEachEntry(_ query: EntryQuery, _ body: (Entry) async throws -> Void) async throws(SocialTimeError) {
        try await read { tx in
            let actor = try await actor(in: tx)
            try await authorizeReading(query.staff, actor: actor, in: tx, what: "list entries of")
            try await tx.forEachEntry(matching: query, body)
        }
    }

    /// `nil` staff means everyone: a manager's view.
    func authorizeReading(_ staff: Handle?, actor: Actor, in tx: any ReadTransaction, what: String) async throws {
        guard let staff else {
            try actor.requireManager(to: "\(what) everyone")
            return
        }
        try actor.requireOwnOrManager(staff, to: what)
        if staff != actor.handle { _ = try await requireStaff(staff, in: tx) }
    }

    /// One entry, if the acting person may see it.
    public func entry(_ id: Int) async throws(SocialTimeError) -> Entry {
        try await read { tx in
            let actor = try await actor(in: tx)
            let entry = try await requireEntry(id, for: actor, in: tx)
            try actor.requireOwnOrManager(entry.staff, to: "read")
            return entry
        }
    }

    /// Changes the given fields of an entry under the same rules as `log`.
    public func edit(_ id: Int, _ change: EntryChange, reason: String? = nil) async throws(SocialTimeError) -> EntryChangeReceipt {
        guard !change.isEmpty else {
            throw .invalidInput("nothing to change: give at least one of --duration, --date, --network, --outcome, --note")
        }
        let note = try change.note.map { note throws(SocialTimeError) in try Self.validatedNote(note) }
        if let date = change.date { try DateParser.requirePast(date, today: clock.today) }
        return try await write { tx in
            let actor = try await actor(in: tx)
            let before = try await requireEntry(id, for: actor, in: tx)
            try actor.requireOwnOrManager(before.staff, to: "edit")
            guard !before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is deleted: `socialtime restore \(id)` brings it back first")
            }
            let staff = try await requireStaff(before.staff, in: tx)
            let network = try await resolveNetwork(change.network ?? before.network, in: tx)
            let outcome = try await resolveOutcome(change.outcome ?? before.outcome, forNewWork: change.outcome != nil, in: tx)
            let date = change.date ?? before.date
            let minutes = change.minutes ?? before.minutes
            let reason = try await checkClosedWeeks([before.date, date], actor: actor, entryID: id, reason: reason, in: tx)
            try await checkDayCap(staff, date: date, adding: minutes, excluding: id, in: tx, verb: "changed")
            let clockTimes = try await movedClockTimes(id, staff, from: before.date, to: date, minutes: minutes, in: tx)
            try await tx.updateEntry(id: id, date: date, minutes: minutes, networkID: network.id, outcomeID: outcome.id,
                                     note: note ?? before.note, clockTimes: clockTimes, updatedAt: now)
            let after = try await requireEntry(id, in: tx)
            try await audit("edit", id, actor: actor.handle, before: before, after: after, reason: reason, in: tx)
            return EntryChangeReceipt(entry: after, standing: try await weekStanding(staff, after.date.isoWeek, in: tx))
        }
    }

    /// The clock times of a timed entry after an edit, so they never go stale: the same start
    /// time on `date` (`--date`), the end `minutes` after it (`--duration`). A result past the
    /// day's midnight or over another of the person's timed entries is refused (64). Nil for an
    /// entry without clock times.
    func movedClockTimes(_ id: Int, _ staff: StaffMember, from oldDate: CalendarDate, to date: CalendarDate, minutes: Minutes,
                         in tx: any ReadTransaction) async throws -> (startedAt: String, endedAt: String)? {
        guard let timed = try await tx.timedEntries(staffID: staff.id, from: oldDate, to: oldDate).first(where: { $0.id == id }) else {
            return nil
        }
        guard let oldStart = Instant.epochSeconds(iso: timed.startedAt) else {
            throw SocialTimeError.failure("entry #\(id) has a damaged start '\(Text.printable(timed.startedAt))'")
        }
        let start = zone.moment(date, zone.local(oldStart).time)
        let end = start + minutes.value * 60
        let midnight = zone.moment(date.adding(days: 1), TimeOfDay(hour: 0, minute: 0)!)
        guard end <= midnight else {
            throw SocialTimeError.invalidInput("entry #\(id) starts at \(Self.clock(timed.startedAt)) on \(date): \(minutes) "
                + "would run past midnight, and an entry belongs to one day — give a shorter --duration, or log the rest on the next day")
        }
        let startedAt = zone.local(start).timestamp, endedAt = zone.local(end).timestamp
        try await checkOverlap(staff, date, startedAt: startedAt, endedAt: endedAt, excluding: id, in: tx)
        return (startedAt, endedAt)
    }

    /// Marks an entry deleted; `restore` brings it back. Nothing is erased.
    public func delete(_ id: Int, reason: String? = nil) async throws(SocialTimeError) -> Entry {
        try await write { tx in
            let actor = try await actor(in: tx)
            let before = try await requireEntry(id, for: actor, in: tx)
            try actor.requireOwnOrManager(before.staff, to: "delete")
            guard !before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is already deleted (`socialtime restore \(id)` brings it back)")
            }
            let reason = try await checkClosedWeeks([before.date], actor: actor, entryID: id, reason: reason, in: tx)
            try await tx.setEntryDeleted(id: id, true, updatedAt: now)
            let after = try await requireEntry(id, in: tx)
            try await audit("delete", id, actor: actor.handle, before: before, after: after, reason: reason, in: tx)
            return after
        }
    }

    /// Undoes a delete, unless the person's day has since filled up past 24 hours.
    public func restore(_ id: Int, reason: String? = nil) async throws(SocialTimeError) -> EntryChangeReceipt {
        try await write { tx in
            let actor = try await actor(in: tx)
            let before = try await requireEntry(id, for: actor, in: tx)
            try actor.requireOwnOrManager(before.staff, to: "restore")
            guard before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is not deleted: nothing to restore")
            }
            let reason = try await checkClosedWeeks([before.date], actor: actor, entryID: id, reason: reason, in: tx)
            let staff = try await requireStaff(before.staff, in: tx)
            try await checkDayCap(staff, date: before.date, adding: before.minutes, excluding: id, in: tx, verb: "restored")
            try await tx.setEntryDeleted(id: id, false, updatedAt: now)
            // Back among the live entries, a timed one may not overlap what was logged meanwhile
            // (a refusal rolls the restore back).
            if let restored = try await tx.timedEntries(staffID: staff.id, from: before.date, to: before.date).first(where: { $0.id == id }) {
                try await checkOverlap(staff, before.date, startedAt: restored.startedAt, endedAt: restored.endedAt, excluding: id, in: tx)
            }
            let after = try await requireEntry(id, in: tx)
            try await audit("restore", id, actor: actor.handle, before: before, after: after, reason: reason, in: tx)
            return EntryChangeReceipt(entry: after, standing: try await weekStanding(staff, after.date.isoWeek, in: tx))
        }
    }

    /// The audit trail of one entry, oldest first.
    public func history(ofEntry id: Int) async throws(SocialTimeError) -> (entry: Entry, changes: [AuditRecord]) {
        try await read { tx in
            let actor = try await actor(in: tx)
            let entry = try await requireEntry(id, for: actor, in: tx)
            try actor.requireOwnOrManager(entry.staff, to: "read the history of")
            return (entry, try await tx.audit(of: .entry(id)))
        }
    }
}

/// A person's week after a change: what `log`, `edit` and `restore` report back.
public struct WeekStanding: Sendable, Equatable {
    public let staff: Handle
    public let week: ISOWeek
    public let total: Minutes
    public let threshold: Minutes
    public let justificationStatus: JustificationStatus

    /// The week reached the threshold and nobody has explained, or the explanation was rejected.
    public var needsJustification: Bool {
        total >= threshold && (justificationStatus == .none || justificationStatus == .rejected)
    }
}

/// What `edit` and `restore` report back.
public struct EntryChangeReceipt: Sendable, Equatable {
    public let entry: Entry
    public let standing: WeekStanding
}

extension CalendarDate {
    public var isoWeek: ISOWeek { ISOWeek(containing: self) }
}

/// Entries with where their week stands: what `entries` shows.
public struct EntriesView: Sendable {
    public let entries: [Entry]
    /// The threshold in force in the week of the query's first day.
    public let threshold: Minutes
    /// The effective justification status of each person listed who has one.
    public let justifications: [Handle: JustificationStatus]
}

extension Rulebook {
    /// `entries`: the entries of a week with its threshold and the justification statuses, under
    /// the same permissions as `entries(_:)`.
    public func entriesView(_ query: EntryQuery) async throws(SocialTimeError) -> EntriesView {
        try await read { tx in
            let actor = try await actor(in: tx)
            try await authorizeReading(query.staff, actor: actor, in: tx, what: "list entries of")
            let week = query.from.isoWeek
            var statuses: [Handle: JustificationStatus] = [:]
            for person in try await staffWeeks(week, in: tx) where query.staff == nil || person.staff == query.staff {
                statuses[person.staff] = person.justificationStatus
            }
            return EntriesView(entries: try await tx.entries(query), threshold: try await threshold(for: week, in: tx),
                               justifications: statuses)
        }
    }
}
