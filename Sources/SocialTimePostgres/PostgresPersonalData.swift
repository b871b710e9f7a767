import PostgresNIO
import SocialTimeCore

/// "Personal data" on PostgreSQL: one person's rows for `staff export-data`, their removal for
/// `staff erase`, and `db prune`'s removal of old weeks — the same SQL as the SQLite file's.
extension PostgresTransaction {
    func forEachEntry(matching query: EntryQuery, _ body: (Entry) async throws -> Void) async throws {
        var sql = Self.entrySelect + " WHERE e.date BETWEEN $1 AND $2"
        var binds = Self.binds(query.from.description, query.to.description)
        if let staff = query.staff {
            binds.append(staff.value)
            sql += " AND s.handle = $3"
        }
        if !query.includeDeleted { sql += " AND NOT e.deleted" }
        try await db.forEachRow(PostgresQuery(unsafeSQL: sql + " ORDER BY e.date, s.handle, e.id", binds: binds)) { row in
            try await body(Self.entry(row))
        }
    }

    func personalData(staffID: Int) async throws -> PersonalData? {
        let staffRow = try await db.query("SELECT id, handle, name, email, role, active, created_at FROM socialtime.staff WHERE id = \(staffID)").rows.first
        guard let staffRow else { return nil }
        let (id, handle, name, email, role, active, createdAt) = try staffRow.decode((Int, String, String, String?, String, Bool, String).self)
        let staff = PersonalStaffRow(id: id, handle: .stored(handle), name: name, email: email,
                                     role: StaffMember.Role(rawValue: role) ?? .staff, active: active, createdAt: createdAt)
        let entries = try await db.query("""
            SELECT e.id, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.updated_at, e.started_at, e.ended_at, e.deleted, e.import_key
            FROM socialtime.entries e JOIN socialtime.networks n ON n.id = e.network_id JOIN socialtime.outcomes o ON o.id = e.outcome_id
            WHERE e.staff_id = \(staffID) ORDER BY e.id
            """).rows.map { row in
            let (id, date, minutes, network, outcome, note, loggedAt, updatedAt, startedAt, endedAt, deleted, importKey)
                = try row.decode((Int, String, Int, String, String, String, String, String?, String?, String?, Bool, String?).self)
            return PersonalEntry(id: id, date: CalendarDate(iso: date) ?? CalendarDate(dayNumber: 0), minutes: Minutes(minutes),
                                 network: network, outcome: outcome, note: note, loggedAt: loggedAt, updatedAt: updatedAt,
                                 startedAt: startedAt, endedAt: endedAt, deleted: deleted, importKey: importKey)
        }
        let audit = try await db.query("""
            SELECT id, entry_id, result_id, at, actor, action, before, after, reason, late_week FROM socialtime.audit_log
            WHERE entry_id IN (SELECT id FROM socialtime.entries WHERE staff_id = \(staffID))
               OR result_id IN (SELECT id FROM socialtime.results WHERE staff_id = \(staffID))
               OR actor = \(handle)
            ORDER BY id
            """).rows.map { row in
            let (id, entryID, resultID, at, actor, action, before, after, reason, late)
                = try row.decode((Int, Int?, Int?, String, String, String, String?, String?, String?, String?).self)
            return PersonalAuditRow(id: id, subject: entryID.map(AuditSubject.entry) ?? .result(resultID ?? 0),
                                    record: AuditRecord(at: at, actor: actor, action: action, before: before, after: after,
                                                        reason: reason, lateWeek: late.flatMap(ISOWeek.init(iso:))))
        }
        var justifications: [PersonalJustification] = []
        for stored in try await self.justifications(week: nil, staffID: staffID) {
            justifications.append(PersonalJustification(justification: stored, history: try await justificationHistory(justificationID: stored.id)))
        }
        let reviews = try await db.query("""
            SELECT s.handle, j.week, h.status, h.comment, h.changed_at
            FROM socialtime.justification_history h JOIN socialtime.justifications j ON j.id = h.justification_id
            JOIN socialtime.staff s ON s.id = j.staff_id
            WHERE h.changed_by = \(staffID) AND j.staff_id <> \(staffID)
            UNION
            SELECT s.handle, j.week, j.status, j.review_comment, j.reviewed_at
            FROM socialtime.justifications j JOIN socialtime.staff s ON s.id = j.staff_id
            WHERE j.reviewed_by = \(staffID) AND j.staff_id <> \(staffID)
            ORDER BY 5, 1, 2
            """).rows.map { row in
            let (staff, week, status, comment, at) = try row.decode((String, String, String, String?, String?).self)
            return ReviewGiven(staff: .stored(staff), week: ISOWeek(iso: week) ?? .first,
                               status: StoredJustificationStatus(rawValue: status) ?? .submitted, comment: comment, at: at ?? "")
        }
        let results = try await db.query("""
            SELECT r.id, r.date, o.key, r.quantity, r.note, r.logged_at, r.updated_at, r.deleted
            FROM socialtime.results r JOIN socialtime.outcomes o ON o.id = r.outcome_id WHERE r.staff_id = \(staffID) ORDER BY r.id
            """).rows.map { row in
            let (id, date, outcome, quantity, note, loggedAt, updatedAt, deleted)
                = try row.decode((Int, String, String, Int, String, String, String?, Bool).self)
            return PersonalResult(id: id, date: CalendarDate(iso: date) ?? CalendarDate(dayNumber: 0), outcome: outcome,
                                  quantity: quantity, note: note, loggedAt: loggedAt, updatedAt: updatedAt, deleted: deleted)
        }
        let thresholds = try await db.query("SELECT from_week, minutes, set_at FROM socialtime.thresholds WHERE set_by = \(handle) ORDER BY from_week")
            .rows.map { row in
                let (week, minutes, setAt) = try row.decode((String, Int, String?).self)
                return ThresholdSet(threshold: DatedThreshold(fromWeek: ISOWeek(iso: week) ?? .first, minutes: Minutes(minutes)), setAt: setAt ?? "")
            }
        return PersonalData(staff: staff, entries: entries, audit: audit, justifications: justifications, reviewsGiven: reviews,
                            results: results, timer: try await timer(staffID: staffID), thresholdsSet: thresholds)
    }

    /// A manager's, through the database's `erase_person` (logins write no table directly):
    /// the same rows as the SQLite file's erasure, in foreign-key order.
    func erasePersonalData(_ erasure: PersonalDataErasure) async throws {
        let standIn: Int? = erasure.standIn?.id
        try await db.execute("""
            SELECT socialtime.erase_person(\(erasure.staffID), \(standIn), \(erasure.keepEntries), \(erasure.keptJustificationText))
            """)
    }

    func pruneCounts(before cutoff: CalendarDate) async throws -> PruneCounts {
        let date = cutoff.description, week = ISOWeek(containing: cutoff).description
        let row = try await db.query("""
            SELECT (SELECT count(*) FROM socialtime.entries WHERE date < \(date))::bigint,
                   (SELECT count(*) FROM socialtime.results WHERE date < \(date))::bigint,
                   (SELECT count(*) FROM socialtime.justifications WHERE week < \(week))::bigint,
                   (SELECT count(*) FROM socialtime.justification_history
                    WHERE justification_id IN (SELECT id FROM socialtime.justifications WHERE week < \(week)))::bigint,
                   (SELECT count(*) FROM socialtime.audit_log
                    WHERE entry_id IN (SELECT id FROM socialtime.entries WHERE date < \(date))
                       OR result_id IN (SELECT id FROM socialtime.results WHERE date < \(date)))::bigint
            """).rows.first
        let (entries, results, justifications, events, audit) = try row?.decode((Int, Int, Int, Int, Int).self) ?? (0, 0, 0, 0, 0)
        return PruneCounts(entries: entries, results: results, justifications: justifications, justificationEvents: events, auditRows: audit)
    }

    /// A manager's, through the database's `prune_before`: exactly what `pruneCounts` counts.
    func prune(before cutoff: CalendarDate) async throws {
        let date = cutoff.description, week = ISOWeek(containing: cutoff).description
        try await db.execute("SELECT socialtime.prune_before(\(date), \(week))")
    }
}
