import SocialTimeCore

/// "Personal data" on a SQLite file: one person's rows for `staff export-data`, their removal for
/// `staff erase`, and `db prune`'s removal of old weeks. Plain SQL; the rules decide the rest.
extension SQLiteTransaction {
    // MARK: - Export

    func personalData(staffID: Int) throws -> PersonalData? {
        guard let staff = try db.prepare("SELECT id, handle, name, email, role, active, created_at FROM staff WHERE id = ?")
            .firstRow([staffID], { row in
                PersonalStaffRow(id: row.int(0), handle: Handle(trusted: row.text(1)), name: row.text(2), email: row.optionalText(3),
                                 role: StaffMember.Role(rawValue: row.text(4)) ?? .staff, active: row.int(5) == 1, createdAt: row.text(6))
            }) else { return nil }
        let entries = try db.prepare("""
            SELECT e.id, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.updated_at, e.started_at, e.ended_at, e.deleted, e.import_key
            FROM entries e JOIN networks n ON n.id = e.network_id JOIN outcomes o ON o.id = e.outcome_id
            WHERE e.staff_id = ? ORDER BY e.id
            """).rows([staffID]) { row in
            PersonalEntry(id: row.int(0), date: CalendarDate(iso: row.text(1)) ?? CalendarDate(dayNumber: 0), minutes: Minutes(row.int(2)),
                          network: row.text(3), outcome: row.text(4), note: row.text(5), loggedAt: row.text(6),
                          updatedAt: row.optionalText(7), startedAt: row.optionalText(8), endedAt: row.optionalText(9),
                          deleted: row.int(10) == 1, importKey: row.optionalText(11))
        }
        let audit = try db.prepare("SELECT id, entry_id, result_id, at, actor, action, before, after, reason, late_week FROM audit_log WHERE \(Self.personalAudit) ORDER BY id")
            .rows([staffID, staffID, staff.handle.value]) { row in
                PersonalAuditRow(id: row.int(0), subject: row.optionalInt(1).map(AuditSubject.entry) ?? .result(row.int(2)),
                                 record: AuditRecord(at: row.text(3), actor: row.text(4), action: row.text(5),
                                                     before: row.optionalText(6), after: row.optionalText(7), reason: row.optionalText(8),
                                                     lateWeek: row.optionalText(9).flatMap(ISOWeek.init(iso:))))
            }
        var justifications: [PersonalJustification] = []
        for stored in try self.justifications(week: nil, staffID: staffID) {
            justifications.append(PersonalJustification(justification: stored, history: try justificationHistory(justificationID: stored.id)))
        }
        // A review is a history step and the justification's current state: UNION keeps one of each.
        let reviews = try db.prepare("""
            SELECT s.handle, j.week, h.status, h.comment, h.changed_at
            FROM justification_history h JOIN justifications j ON j.id = h.justification_id JOIN staff s ON s.id = j.staff_id
            WHERE h.changed_by = ?1 AND j.staff_id <> ?1
            UNION
            SELECT s.handle, j.week, j.status, j.review_comment, j.reviewed_at
            FROM justifications j JOIN staff s ON s.id = j.staff_id
            WHERE j.reviewed_by = ?1 AND j.staff_id <> ?1
            ORDER BY 5, 1, 2
            """).rows([staffID]) { row in
            ReviewGiven(staff: Handle(trusted: row.text(0)), week: ISOWeek(iso: row.text(1)) ?? .first,
                        status: StoredJustificationStatus(rawValue: row.text(2)) ?? .submitted, comment: row.optionalText(3), at: row.text(4))
        }
        let results = try db.prepare("""
            SELECT r.id, r.date, o.key, r.quantity, r.note, r.logged_at, r.updated_at, r.deleted
            FROM results r JOIN outcomes o ON o.id = r.outcome_id WHERE r.staff_id = ? ORDER BY r.id
            """).rows([staffID]) { row in
            PersonalResult(id: row.int(0), date: CalendarDate(iso: row.text(1)) ?? CalendarDate(dayNumber: 0), outcome: row.text(2),
                           quantity: row.int(3), note: row.text(4), loggedAt: row.text(5), updatedAt: row.optionalText(6), deleted: row.int(7) == 1)
        }
        let thresholds = try db.prepare("SELECT from_week, minutes, set_at FROM thresholds WHERE set_by = ? ORDER BY from_week")
            .rows([staff.handle.value]) { row in
                ThresholdSet(threshold: DatedThreshold(fromWeek: ISOWeek(iso: row.text(0)) ?? .first, minutes: Minutes(row.int(1))), setAt: row.text(2))
            }
        return PersonalData(staff: staff, entries: entries, audit: audit, justifications: justifications, reviewsGiven: reviews,
                            results: results, timer: try timer(staffID: staffID), thresholdsSet: thresholds)
    }

    /// Audit rows about a person's entries (?1) or results (?2), or made by them (?3 = handle).
    static let personalAudit = """
        entry_id IN (SELECT id FROM entries WHERE staff_id = ?) OR result_id IN (SELECT id FROM results WHERE staff_id = ?) OR actor = ?
        """

    // MARK: - Erase

    /// In foreign-key order: what refers to a row goes before the row.
    func erasePersonalData(_ erasure: PersonalDataErasure) throws {
        let id = erasure.staffID
        let keeping = erasure.keepEntries ? erasure.standIn : nil
        // Audit rows about their own entries and results go; the changes they made to other
        // people's stay, with the stand-in as actor, so those entries' history still explains them.
        try db.run("""
            DELETE FROM audit_log
            WHERE entry_id IN (SELECT id FROM entries WHERE staff_id = ?) OR result_id IN (SELECT id FROM results WHERE staff_id = ?)
            """, [id, id])
        if let standIn = erasure.standIn {
            try db.run("UPDATE audit_log SET actor = ? WHERE actor = ?", [standIn.handle.value, erasure.handle.value])
        } else {
            try db.run("DELETE FROM audit_log WHERE actor = ?", [erasure.handle.value])
        }
        try db.run("DELETE FROM justification_history WHERE justification_id IN (SELECT id FROM justifications WHERE staff_id = ?)", [id])
        // Their review comments are text they wrote: removed, while the reviews themselves stay.
        try db.run("UPDATE justifications SET review_comment = NULL WHERE reviewed_by = ?", [id])
        try db.run("UPDATE justification_history SET comment = NULL WHERE changed_by = ?", [id])
        if let standIn = erasure.standIn {
            // Other people's reviews stay (their justification keeps its status), by an anonymous reviewer.
            try db.run("UPDATE justifications SET reviewed_by = ? WHERE reviewed_by = ?", [standIn.id, id])
            try db.run("UPDATE justification_history SET changed_by = ? WHERE changed_by = ?", [standIn.id, id])
            try db.run("UPDATE thresholds SET set_by = ? WHERE set_by = ?", [standIn.handle.value, erasure.handle.value])
        }
        try db.run("DELETE FROM timers WHERE staff_id = ?", [id])
        if let keeping {
            try db.run("UPDATE justifications SET staff_id = ?, text = ?, review_comment = NULL WHERE staff_id = ?",
                       [keeping.id, erasure.keptJustificationText, id])
            try db.run("DELETE FROM results WHERE staff_id = ? AND deleted = 1", [id])
            try db.run("UPDATE results SET staff_id = ?, note = '' WHERE staff_id = ?", [keeping.id, id])
            try db.run("DELETE FROM entries WHERE staff_id = ? AND deleted = 1", [id])
            try db.run("""
                UPDATE entries SET staff_id = ?, note = '', started_at = NULL, ended_at = NULL, import_key = NULL
                WHERE staff_id = ?
                """, [keeping.id, id])
        } else {
            try db.run("DELETE FROM justifications WHERE staff_id = ?", [id])
            try db.run("DELETE FROM results WHERE staff_id = ?", [id])
            try db.run("DELETE FROM entries WHERE staff_id = ?", [id])
        }
        try db.run("DELETE FROM staff WHERE id = ?", [id])
    }

    // MARK: - Prune

    /// The rows of each kind a prune removes; `?` is the cut-off date, or its week for justifications.
    private static let pruned: [(table: String, filter: String, byWeek: Bool)] = [
        ("audit_log", "entry_id IN (SELECT id FROM entries WHERE date < ?) OR result_id IN (SELECT id FROM results WHERE date < ?)", false),
        ("justification_history", "justification_id IN (SELECT id FROM justifications WHERE week < ?)", true),
        ("justifications", "week < ?", true),
        ("results", "date < ?", false),
        ("entries", "date < ?", false),
    ]

    private static func values(_ item: (table: String, filter: String, byWeek: Bool), _ cutoff: CalendarDate) -> [SQLBindable] {
        let value = item.byWeek ? ISOWeek(containing: cutoff).description : cutoff.description
        return item.table == "audit_log" ? [value, value] : [value]
    }

    func pruneCounts(before cutoff: CalendarDate) throws -> PruneCounts {
        var counts: [String: Int] = [:]
        for item in Self.pruned {
            counts[item.table] = try db.scalarInt("SELECT count(*) FROM \(item.table) WHERE \(item.filter)", Self.values(item, cutoff)) ?? 0
        }
        return PruneCounts(entries: counts["entries"] ?? 0, results: counts["results"] ?? 0, justifications: counts["justifications"] ?? 0,
                           justificationEvents: counts["justification_history"] ?? 0, auditRows: counts["audit_log"] ?? 0)
    }

    func prune(before cutoff: CalendarDate) throws {
        for item in Self.pruned {
            try db.run("DELETE FROM \(item.table) WHERE \(item.filter)", Self.values(item, cutoff))
        }
    }
}
