extension SQLiteStore {
    /// The entry columns in the order `entry(_:)` reads them.
    static let entrySelect = """
        SELECT e.id, s.handle, s.name, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.deleted
        FROM entries e
        JOIN staff s ON s.id = e.staff_id
        JOIN networks n ON n.id = e.network_id
        JOIN outcomes o ON o.id = e.outcome_id
        """

    static func entry(_ row: Row) -> Entry {
        Entry(id: row.int(0), staff: Handle(trusted: row.text(1)), staffName: row.text(2),
              date: CalendarDate(iso: row.text(3)) ?? CalendarDate(dayNumber: 0), minutes: Minutes(row.int(4)),
              network: row.text(5), outcome: row.text(6), note: row.text(7), loggedAt: row.text(8), deleted: row.int(9) == 1)
    }

    func findEntry(_ id: Int) throws -> Entry? {
        try db.prepare(Self.entrySelect + " WHERE e.id = ?").firstRow([id], Self.entry)
    }

    func requireEntry(_ id: Int) throws -> Entry {
        guard let entry = try findEntry(id) else {
            throw SocialTimeError.invalidInput("no entry #\(id): `socialtime entries` lists entries with their ids")
        }
        return entry
    }

    /// Minutes a person has logged on a date, leaving out one entry (the one being changed).
    func dayTotal(staffID: Int, date: CalendarDate, excluding entryID: Int? = nil) throws -> Minutes {
        Minutes(try db.scalarInt("""
            SELECT coalesce(sum(minutes), 0) FROM entries
            WHERE staff_id = ? AND date = ? AND deleted = 0 AND id IS NOT ?
            """, [staffID, date.description, entryID]) ?? 0)
    }

    /// Refuses a change that would take a person's day past 24 hours. Runs inside the write
    /// transaction, so concurrent loggers cannot both squeeze under the cap.
    /// Returns the day's new total; `logged` skips the query when the caller already knows it
    /// (an import keeps a running total per person and day).
    @discardableResult
    func checkDayCap(staff: StaffMember, date: CalendarDate, adding minutes: Minutes, excluding entryID: Int? = nil,
                     logged known: Minutes? = nil) throws -> Minutes {
        let logged = try known ?? dayTotal(staffID: staff.id, date: date, excluding: entryID)
        guard logged + minutes <= .day else {
            let room = Minutes.day - logged
            throw SocialTimeError.invalidInput("\(staff.handle) already has \(logged) on \(date); \(minutes) more would pass 24 hours in one day"
                + (room.value > 0 ? " (at most \(room) fits)" : "") + ": nothing was logged")
        }
        return logged + minutes
    }

    func weekTotal(staffID: Int, week: ISOWeek) throws -> Minutes {
        Minutes(try db.scalarInt("""
            SELECT coalesce(sum(minutes), 0) FROM entries
            WHERE staff_id = ? AND date BETWEEN ? AND ? AND deleted = 0
            """, [staffID, week.monday.description, week.sunday.description]) ?? 0)
    }

    func justificationStatus(staffID: Int, week: ISOWeek) throws -> JustificationStatus {
        let status = try db.scalarText("SELECT status FROM justifications WHERE staff_id = ? AND week = ?", [staffID, week.description])
        return status.flatMap(JustificationStatus.init(rawValue:)) ?? .none
    }

    func audit(_ action: String, entryID: Int, actor: Handle, before: Entry?, after: Entry?) throws {
        try db.run("INSERT INTO audit_log(at, actor, action, entry_id, before, after) VALUES (?, ?, ?, ?, ?, ?)",
                   [clock.timestamp, actor.value, action, entryID,
                    before.map { Self.auditJSON($0).serialized() }, after.map { Self.auditJSON($0).serialized() }])
    }

    static func auditJSON(_ entry: Entry) -> JSON {
        .object([("date", .string(entry.date.description)), ("minutes", .int(entry.minutes.value)),
                 ("network", .string(entry.network)), ("outcome", .string(entry.outcome)),
                 ("note", .string(entry.note)), ("deleted", .bool(entry.deleted))])
    }

    static func validatedNote(_ note: String) throws(SocialTimeError) -> String {
        try Text.validate(note, field: "note", maxLength: 2000)
    }

    // MARK: Public operations

    /// Records an entry for `entry.staff` (registering an unknown person), checked against the
    /// catalogues and the 24-hour day, and reports the person's week so far.
    public func log(_ entry: NewEntry) throws(SocialTimeError) -> LogReceipt {
        let note = try Self.validatedNote(entry.note)
        try DateParser.requirePast(entry.date, today: clock.today)
        return try write {
            let network = try resolveNetwork(entry.network)
            let outcome = try resolveOutcome(entry.outcome, forNewWork: true)
            let (staff, registered) = try actingStaff(entry.staff)
            try checkDayCap(staff: staff, date: entry.date, adding: entry.minutes)
            try db.run("""
                INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [staff.id, entry.date.description, entry.minutes.value, network.id, outcome.id, note, clock.timestamp])
            let stored = try requireEntry(db.lastInsertRowID)
            try audit("create", entryID: stored.id, actor: staff.handle, before: nil, after: stored)
            let week = ISOWeek(containing: entry.date)
            return LogReceipt(entry: stored, registeredStaff: registered,
                              weekTotal: try weekTotal(staffID: staff.id, week: week),
                              threshold: try storedThreshold(),
                              justificationStatus: try justificationStatus(staffID: staff.id, week: week))
        }
    }

    /// Entries in a date range, in a stable order: date, staff, id.
    public func entries(_ query: EntryQuery) throws(SocialTimeError) -> [Entry] {
        try read {
            var sql = Self.entrySelect + " WHERE e.date BETWEEN ? AND ?"
            var values: [SQLBindable] = [query.from.description, query.to.description]
            if let staff = query.staff {
                sql += " AND s.handle = ?"
                values.append(staff.value)
            }
            if !query.includeDeleted { sql += " AND e.deleted = 0" }
            sql += " ORDER BY e.date, s.handle, e.id"
            return try db.prepare(sql).rows(values, Self.entry)
        }
    }

    public func entry(_ id: Int) throws(SocialTimeError) -> Entry? {
        try read { try findEntry(id) }
    }

    /// Changes the given fields of an entry under the same rules as `log`; the audit log keeps both versions.
    public func edit(_ id: Int, _ change: EntryChange, actor: Handle) throws(SocialTimeError) -> Entry {
        guard !change.isEmpty else {
            throw .invalidInput("nothing to change: give at least one of --duration, --date, --network, --outcome, --note")
        }
        let note = try change.note.map { note throws(SocialTimeError) in try Self.validatedNote(note) }
        if let date = change.date { try DateParser.requirePast(date, today: clock.today) }
        return try write {
            let before = try requireEntry(id)
            guard !before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is deleted: `socialtime restore \(id)` brings it back first")
            }
            let staff = try requireStaff(before.staff)
            let network = try change.network.map { try resolveNetwork($0) }
            let outcome = try change.outcome.map { try resolveOutcome($0, forNewWork: true) }
            let date = change.date ?? before.date
            let minutes = change.minutes ?? before.minutes
            try checkDayCap(staff: staff, date: date, adding: minutes, excluding: id)
            try db.run("""
                UPDATE entries SET date = ?, minutes = ?,
                    network_id = coalesce(?, network_id), outcome_id = coalesce(?, outcome_id),
                    note = ?, updated_at = ?
                WHERE id = ?
                """, [date.description, minutes.value, network?.id, outcome?.id, note ?? before.note, clock.timestamp, id])
            let after = try requireEntry(id)
            try audit("edit", entryID: id, actor: actor, before: before, after: after)
            return after
        }
    }

    /// Marks an entry deleted; `restore` brings it back. Nothing is ever erased.
    public func delete(_ id: Int, actor: Handle) throws(SocialTimeError) -> Entry {
        try write {
            let before = try requireEntry(id)
            guard !before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is already deleted (`socialtime restore \(id)` brings it back)")
            }
            try db.run("UPDATE entries SET deleted = 1, updated_at = ? WHERE id = ?", [clock.timestamp, id])
            let after = try requireEntry(id)
            try audit("delete", entryID: id, actor: actor, before: before, after: after)
            return after
        }
    }

    /// Undoes a delete, unless the person's day has since filled up past 24 hours.
    public func restore(_ id: Int, actor: Handle) throws(SocialTimeError) -> Entry {
        try write {
            let before = try requireEntry(id)
            guard before.deleted else {
                throw SocialTimeError.invalidInput("entry #\(id) is not deleted: nothing to restore")
            }
            try checkDayCap(staff: try requireStaff(before.staff), date: before.date, adding: before.minutes, excluding: id)
            try db.run("UPDATE entries SET deleted = 0, updated_at = ? WHERE id = ?", [clock.timestamp, id])
            let after = try requireEntry(id)
            try audit("restore", entryID: id, actor: actor, before: before, after: after)
            return after
        }
    }

    /// The audit trail of one entry, oldest first: (when, who, what, before, after).
    public func history(of id: Int) throws(SocialTimeError) -> [AuditRecord] {
        try read {
            try db.prepare("SELECT at, actor, action, before, after FROM audit_log WHERE entry_id = ? ORDER BY id").rows([id]) { row in
                AuditRecord(at: row.text(0), actor: row.text(1), action: row.text(2), before: row.optionalText(3), after: row.optionalText(4))
            }
        }
    }
}

/// One change in the audit log; `before` and `after` are JSON snapshots of the entry.
public struct AuditRecord: Sendable, Equatable {
    public let at: String
    public let actor: String
    public let action: String
    public let before: String?
    public let after: String?
}
