import SocialTimeCore

/// One transaction on a SQLite file: `ReadTransaction` and `WriteTransaction` as plain SQL with
/// bound parameters. It holds no rule; it only loads and saves.
///
/// SQLite answers synchronously, so each `async` requirement is met by a synchronous method.
final class SQLiteTransaction: WriteTransaction {
    let db: Connection

    init(db: Connection) { self.db = db }

    // MARK: - Row mapping

    static let staffColumns = "id, handle, name, role, active, email"

    static func staffMember(_ row: Row) -> StaffMember {
        StaffMember(id: row.int(0), handle: Handle(trusted: row.text(1)), name: row.text(2),
                    role: StaffMember.Role(rawValue: row.text(3)) ?? .staff, active: row.int(4) == 1,
                    email: row.optionalText(5))
    }

    /// The entry columns in the order `entry(_:)` reads them.
    static let entrySelect = """
        SELECT e.id, s.handle, s.name, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.deleted, e.started_at, e.ended_at
        FROM entries e
        JOIN staff s ON s.id = e.staff_id
        JOIN networks n ON n.id = e.network_id
        JOIN outcomes o ON o.id = e.outcome_id
        """

    static func entry(_ row: Row) -> Entry {
        Entry(id: row.int(0), staff: Handle(trusted: row.text(1)), staffName: row.text(2),
              date: CalendarDate(iso: row.text(3)) ?? CalendarDate(dayNumber: 0), minutes: Minutes(row.int(4)),
              network: row.text(5), outcome: row.text(6), note: row.text(7), loggedAt: row.text(8), deleted: row.int(9) == 1,
              startedAt: row.optionalText(10), endedAt: row.optionalText(11))
    }

    static let justificationSelect = """
        SELECT j.id, j.staff_id, s.handle, j.week, j.text, j.status, j.submitted_at, r.handle, j.reviewed_at,
               j.review_comment, j.reviewed_minutes
        FROM justifications j
        JOIN staff s ON s.id = j.staff_id
        LEFT JOIN staff r ON r.id = j.reviewed_by
        """

    static func justification(_ row: Row) -> StoredJustification {
        StoredJustification(id: row.int(0), staffID: row.int(1), staff: Handle(trusted: row.text(2)),
                            week: ISOWeek(iso: row.text(3)) ?? ISOWeek(containing: CalendarDate(dayNumber: 0)),
                            text: row.text(4), status: StoredJustificationStatus(rawValue: row.text(5)) ?? .submitted,
                            submittedAt: row.text(6), reviewedBy: row.optionalText(7).map { Handle(trusted: $0) },
                            reviewedAt: row.optionalText(8), comment: row.optionalText(9),
                            reviewedMinutes: row.optionalInt(10).map { Minutes($0) })
    }

    static let resultSelect = """
        SELECT r.id, s.handle, s.name, r.date, r.quantity, o.key, o.unit, r.note, r.logged_at
        FROM results r
        JOIN staff s ON s.id = r.staff_id
        JOIN outcomes o ON o.id = r.outcome_id
        """

    static func result(_ row: Row) -> RecordedResult {
        RecordedResult(id: row.int(0), staff: Handle(trusted: row.text(1)), staffName: row.text(2),
                       date: CalendarDate(iso: row.text(3)) ?? CalendarDate(dayNumber: 0), quantity: row.int(4),
                       outcome: row.text(5), unit: row.optionalText(6), note: row.text(7), loggedAt: row.text(8))
    }

    // MARK: - Roster

    func staffMember(_ handle: Handle) throws -> StaffMember? {
        try db.prepare("SELECT \(Self.staffColumns) FROM staff WHERE handle = ?").firstRow([handle.value], Self.staffMember)
    }

    func staffMember(id: Int) throws -> StaffMember? {
        try db.prepare("SELECT \(Self.staffColumns) FROM staff WHERE id = ?").firstRow([id], Self.staffMember)
    }

    func allStaff() throws -> [StaffMember] {
        try db.prepare("SELECT \(Self.staffColumns) FROM staff ORDER BY handle").rows([], Self.staffMember)
    }

    func activeManagerCount() throws -> Int {
        try db.scalarInt("SELECT count(*) FROM staff WHERE role = 'manager' AND active = 1") ?? 0
    }

    // MARK: - Catalogues and settings

    func networks() throws -> [Network] {
        var aliases: [Int: [String]] = [:]
        try db.prepare("SELECT network_id, alias FROM network_aliases ORDER BY alias").forEachRow { row in
            aliases[row.int(0), default: []].append(row.text(1))
        }
        return try db.prepare("SELECT id, key, name FROM networks ORDER BY key").rows { row in
            Network(id: row.int(0), key: row.text(1), name: row.text(2), aliases: aliases[row.int(0)] ?? [])
        }
    }

    func outcomes() throws -> [Outcome] {
        try db.prepare("SELECT id, key, description, unit, retired FROM outcomes ORDER BY key").rows([]) { row in
            Outcome(id: row.int(0), key: row.text(1), description: row.text(2), unit: row.optionalText(3), retired: row.int(4) == 1)
        }
    }

    func thresholds() throws -> [DatedThreshold] {
        try db.prepare("SELECT from_week, minutes FROM thresholds ORDER BY from_week").rows([]) { row in
            DatedThreshold(fromWeek: ISOWeek(iso: row.text(0)) ?? ISOWeek.first, minutes: Minutes(row.int(1)))
        }
    }

    func setting(_ key: String) throws -> String? {
        try db.scalarText("SELECT value FROM settings WHERE key = ?", [key])
    }

    // MARK: - Entries

    func entry(_ id: Int) throws -> Entry? {
        try db.prepare(Self.entrySelect + " WHERE e.id = ?").firstRow([id], Self.entry)
    }

    func timedEntries(staffID: Int, from: CalendarDate, to: CalendarDate) throws -> [TimedEntry] {
        try db.prepare("""
            SELECT id, date, started_at, ended_at FROM entries
            WHERE staff_id = ? AND date BETWEEN ? AND ? AND deleted = 0 AND started_at IS NOT NULL AND ended_at IS NOT NULL
            ORDER BY date, id
            """).rows([staffID, from.description, to.description]) { row in
            guard let date = CalendarDate(iso: row.text(1)) else {
                throw SocialTimeError.failure("entry #\(row.int(0)) has a damaged date '\(Text.printable(row.text(1)))'")
            }
            return TimedEntry(id: row.int(0), date: date, startedAt: row.text(2), endedAt: row.text(3))
        }
    }

    func entries(_ query: EntryQuery) throws -> [Entry] {
        let (sql, values) = Self.entrySQL(query)
        return try db.prepare(sql).rows(values, Self.entry)
    }

    static func entrySQL(_ query: EntryQuery) -> (String, [SQLBindable]) {
        var sql = Self.entrySelect + " WHERE e.date BETWEEN ? AND ?"
        var values: [SQLBindable] = [query.from.description, query.to.description]
        if let staff = query.staff {
            sql += " AND s.handle = ?"
            values.append(staff.value)
        }
        if !query.includeDeleted { sql += " AND e.deleted = 0" }
        return (sql + " ORDER BY e.date, s.handle, e.id", values)
    }

    func forEachEntry(matching query: EntryQuery, _ body: (Entry) async throws -> Void) async throws {
        let (sql, values) = Self.entrySQL(query)
        let statement = try Statement(database: db.handle, sql: sql)
        try statement.bind(values)
        while try statement.step() {
            try await body(Self.entry(statement.currentRow))
        }
    }

    /// Streams straight from a statement of its own: a million entries never sit in memory at
    /// once, and a query run inside `body` cannot reset this loop.
    func forEachEntry(in range: ExportRange, _ body: (Entry) async throws -> Void) async throws {
        let order = " ORDER BY e.date, s.handle, e.id"
        let (sql, values): (String, [SQLBindable])
        switch range {
        case .all:
            (sql, values) = (Self.entrySelect + " WHERE e.deleted = 0" + order, [])
        case .week(let week):
            (sql, values) = (Self.entrySelect + " WHERE e.date BETWEEN ? AND ? AND e.deleted = 0" + order,
                             [week.monday.description, week.sunday.description])
        case .dates(let from, let to):
            (sql, values) = (Self.entrySelect + " WHERE e.date BETWEEN ? AND ? AND e.deleted = 0" + order,
                             [from.description, to.description])
        }
        let statement = try Statement(database: db.handle, sql: sql)
        try statement.bind(values)
        while try statement.step() {
            try await body(Self.entry(statement.currentRow))
        }
    }

    func dayTotal(staffID: Int, date: CalendarDate, excluding entryID: Int?) throws -> Minutes {
        Minutes(try db.scalarInt("""
            SELECT coalesce(sum(minutes), 0) FROM entries
            WHERE staff_id = ? AND date = ? AND deleted = 0 AND id IS NOT ?
            """, [staffID, date.description, entryID]) ?? 0)
    }

    func weekTotal(staffID: Int, week: ISOWeek) throws -> Minutes {
        Minutes(try db.scalarInt("""
            SELECT coalesce(sum(minutes), 0) FROM entries
            WHERE staff_id = ? AND date BETWEEN ? AND ? AND deleted = 0
            """, [staffID, week.monday.description, week.sunday.description]) ?? 0)
    }

    func importKeyExists(_ key: String) throws -> Bool {
        try db.scalarInt("SELECT 1 FROM entries WHERE import_key = ?", [key]) != nil
    }

    func highestEntryID() throws -> Int {
        try db.scalarInt("SELECT coalesce(max(id), 0) FROM entries") ?? 0
    }

    func importedEntryIDs(_ keys: [String]) throws -> [String: Int] {
        var found: [String: Int] = [:]
        for key in keys {
            if let id = try db.scalarInt("SELECT id FROM entries WHERE import_key = ?", [key]) { found[key] = id }
        }
        return found
    }

    func audit(of subject: AuditSubject) throws -> [AuditRecord] {
        let (column, id) = Self.auditColumn(subject)
        return try db.prepare("SELECT at, actor, action, before, after, reason, late_week FROM audit_log WHERE \(column) = ? ORDER BY id").rows([id]) { row in
            AuditRecord(at: row.text(0), actor: row.text(1), action: row.text(2), before: row.optionalText(3), after: row.optionalText(4),
                        reason: row.optionalText(5), lateWeek: row.optionalText(6).flatMap(ISOWeek.init(iso:)))
        }
    }

    /// A week's late changes: those dated in it, and edits that moved an entry into it. `+a.id`:
    /// ordered by the plain rowid, SQLite walked the whole audit log in id order (60 % of a report
    /// at a million rows) instead of the late-change index and a sort of the few it finds.
    static let lateChangesSQL = """
            SELECT a.entry_id, s.handle, e.date, e.minutes, a.at, a.actor, a.action, a.before, a.after, a.reason, a.late_week
            FROM audit_log a
            JOIN entries e ON e.id = a.entry_id
            JOIN staff s ON s.id = e.staff_id
            WHERE a.late_week = ?
               OR (a.late_week IS NOT NULL AND a.action = 'edit' AND json_extract(a.after, '$.date') BETWEEN ? AND ?)
            ORDER BY +a.id
            """

    func lateChanges(_ week: ISOWeek) throws -> [StoredLateChange] {
        try db.prepare(Self.lateChangesSQL).rows([week.description, week.monday.description, week.sunday.description]) { row in
            let entryID = row.int(0)
            guard let day = CalendarDate(iso: row.text(2)) else {
                throw SocialTimeError.failure("entry #\(entryID) has a damaged date '\(row.text(2))'")
            }
            return StoredLateChange(entryID: entryID, staff: try Handle(validating: row.text(1)), entryDate: day,
                                    entryMinutes: Minutes(row.int(3)),
                                    change: AuditRecord(at: row.text(4), actor: row.text(5), action: row.text(6), before: row.optionalText(7),
                                                        after: row.optionalText(8), reason: row.optionalText(9),
                                                        lateWeek: row.optionalText(10).flatMap(ISOWeek.init(iso:))))
        }
    }

    private static func auditColumn(_ subject: AuditSubject) -> (String, Int) {
        switch subject {
        case .entry(let id): return ("entry_id", id)
        case .result(let id): return ("result_id", id)
        }
    }

    /// The first and last live entry's dates, each end read through the date index:
    /// `min(date), max(date) … WHERE deleted = 0` made SQLite scan every entry (140 ms at a
    /// million), so the weekly report grew with the history.
    static let dataSpanSQL = """
        SELECT (SELECT date FROM entries WHERE deleted = 0 ORDER BY date LIMIT 1),
               (SELECT date FROM entries WHERE deleted = 0 ORDER BY date DESC LIMIT 1)
        """

    func dataSpan() throws -> DataSpan {
        let dates = try db.prepare(Self.dataSpanSQL).firstRow([]) {
            ($0.optionalText(0).flatMap(CalendarDate.init(iso:)), $0.optionalText(1).flatMap(CalendarDate.init(iso:)))
        }
        let weeks = try db.prepare("SELECT min(week), max(week) FROM justifications").firstRow([]) {
            ($0.optionalText(0).flatMap(ISOWeek.init(iso:)), $0.optionalText(1).flatMap(ISOWeek.init(iso:)))
        }
        return DataSpan(firstDate: dates?.0, lastDate: dates?.1, firstJustifiedWeek: weeks?.0, lastJustifiedWeek: weeks?.1)
    }

    // MARK: - Weeks

    /// Reads only that week's rows, through the date index.
    func staffWeeks(_ week: ISOWeek) throws -> [StoredStaffWeek] {
        var justifications: [Int: StoredJustification] = [:]
        for justification in try self.justifications(week: week, staffID: nil) {
            justifications[justification.staffID] = justification
        }
        return try db.prepare(Self.staffWeeksSQL).rows([week.monday.description, week.sunday.description, week.description]) { row in
            StoredStaffWeek(staff: Handle(trusted: row.text(1)), name: row.text(2), minutes: Minutes(row.int(3)),
                            justification: justifications[row.int(0)])
        }
    }

    /// The report's queries, named so a test can check that each searches an index range.
    static let staffWeeksSQL = """
            WITH totals AS (
                SELECT staff_id, sum(minutes) AS minutes FROM entries
                WHERE date BETWEEN ?1 AND ?2 AND deleted = 0
                GROUP BY staff_id
            ),
            people AS (
                SELECT staff_id FROM totals
                UNION
                SELECT staff_id FROM justifications WHERE week = ?3
            )
            SELECT s.id, s.handle, s.name, coalesce(t.minutes, 0)
            FROM people p
            JOIN staff s ON s.id = p.staff_id
            LEFT JOIN totals t ON t.staff_id = p.staff_id
            ORDER BY s.handle
            """

    static let slicesSQL = """
            SELECT s.handle, n.key, o.key, o.unit, sum(e.minutes)
            FROM entries e
            JOIN staff s ON s.id = e.staff_id
            JOIN networks n ON n.id = e.network_id
            JOIN outcomes o ON o.id = e.outcome_id
            WHERE e.date BETWEEN ? AND ? AND e.deleted = 0
            GROUP BY s.handle, n.key, o.key
            """

    func slices(_ week: ISOWeek) throws -> [ReportBuilder.Slice] {
        try db.prepare(Self.slicesSQL).rows([week.monday.description, week.sunday.description]) { row in
            ReportBuilder.Slice(staff: Handle(trusted: row.text(0)), network: row.text(1), outcome: row.text(2),
                                unit: row.optionalText(3), minutes: Minutes(row.int(4)))
        }
    }

    static let resultTotalsSQL = """
            SELECT o.key, o.unit, sum(r.quantity)
            FROM results r JOIN outcomes o ON o.id = r.outcome_id
            WHERE r.date BETWEEN ? AND ? AND r.deleted = 0
            GROUP BY o.key
            """

    func resultTotals(_ week: ISOWeek) throws -> [ReportBuilder.ResultTotal] {
        try db.prepare(Self.resultTotalsSQL).rows([week.monday.description, week.sunday.description]) { row in
            ReportBuilder.ResultTotal(outcome: row.text(0), unit: row.optionalText(1), quantity: row.int(2))
        }
    }

    // MARK: - Justifications

    func justification(staffID: Int, week: ISOWeek) throws -> StoredJustification? {
        try db.prepare(Self.justificationSelect + " WHERE j.staff_id = ? AND j.week = ?")
            .firstRow([staffID, week.description], Self.justification)
    }

    func justifications(week: ISOWeek?, staffID: Int?) throws -> [StoredJustification] {
        var conditions: [String] = []
        var values: [SQLBindable] = []
        if let week {
            conditions.append("j.week = ?")
            values.append(week.description)
        }
        if let staffID {
            conditions.append("j.staff_id = ?")
            values.append(staffID)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try db.prepare(Self.justificationSelect + filter + " ORDER BY j.week, s.handle").rows(values, Self.justification)
    }

    func justificationHistory(justificationID: Int) throws -> [JustificationEvent] {
        try db.prepare("""
            SELECT h.status, h.text, h.comment, h.changed_at, s.handle
            FROM justification_history h JOIN staff s ON s.id = h.changed_by
            WHERE h.justification_id = ? ORDER BY h.id
            """).rows([justificationID]) { row in
            JustificationEvent(status: StoredJustificationStatus(rawValue: row.text(0)) ?? .submitted, text: row.text(1),
                               comment: row.optionalText(2), at: row.text(3), by: Handle(trusted: row.text(4)))
        }
    }

    // MARK: - Results

    func result(_ id: Int) throws -> RecordedResult? {
        try db.prepare(Self.resultSelect + " WHERE r.id = ? AND r.deleted = 0").firstRow([id], Self.result)
    }

    func results(from: CalendarDate, to: CalendarDate, staffID: Int?) throws -> [RecordedResult] {
        var sql = Self.resultSelect + " WHERE r.date BETWEEN ? AND ? AND r.deleted = 0"
        var values: [SQLBindable] = [from.description, to.description]
        if let staffID {
            sql += " AND r.staff_id = ?"
            values.append(staffID)
        }
        return try db.prepare(sql + " ORDER BY r.date, s.handle, r.id").rows(values, Self.result)
    }

    // MARK: - Timers

    func timer(staffID: Int) throws -> RunningTimer? {
        try db.prepare("""
            SELECT s.handle, n.key, o.key, t.note, t.started_at
            FROM timers t JOIN staff s ON s.id = t.staff_id
            JOIN networks n ON n.id = t.network_id JOIN outcomes o ON o.id = t.outcome_id
            WHERE t.staff_id = ?
            """).firstRow([staffID]) { row in
            RunningTimer(staff: Handle(trusted: row.text(0)), network: row.text(1), outcome: row.text(2),
                         note: row.text(3), startedAt: row.text(4))
        }
    }

    // MARK: - Writes

    /// `BEGIN IMMEDIATE` holds the database's one write lock for the whole transaction, so
    /// every writer is already serialised: nothing more to take.
    func lockStaff(_ staffID: Int) {}

    func insertStaff(_ staff: NewStaffRecord) throws -> StaffMember {
        try db.run("INSERT INTO staff(handle, name, role, email, created_at) VALUES (?, ?, ?, ?, ?)",
                   [staff.handle.value, staff.name, staff.role.rawValue, staff.email, staff.createdAt])
        guard let member = try staffMember(id: db.lastInsertRowID) else {
            throw SocialTimeError.failure("the new staff member \(staff.handle) could not be read back")
        }
        return member
    }

    func createLogin(_ handle: Handle, existing: Bool) throws {
        throw SocialTimeError.invalidInput("--login creates a PostgreSQL login role; a SQLite file has no logins of its own (people are the accounts of this machine): leave --login out")
    }

    func updateStaff(id: Int, _ change: StaffRecordChange) throws {
        if let name = change.name { try db.run("UPDATE staff SET name = ? WHERE id = ?", [name, id]) }
        if let email = change.email { try db.run("UPDATE staff SET email = ? WHERE id = ?", [email, id]) }
        if let role = change.role { try db.run("UPDATE staff SET role = ? WHERE id = ?", [role.rawValue, id]) }
        if let active = change.active { try db.run("UPDATE staff SET active = ? WHERE id = ?", [active, id]) }
    }

    func insertNetwork(key: String, name: String, aliases: [String]) throws {
        try db.run("INSERT INTO networks(key, name) VALUES (?, ?)", [key, name])
        let id = db.lastInsertRowID
        for alias in aliases {
            try db.run("INSERT INTO network_aliases(alias, network_id) VALUES (?, ?)", [alias, id])
        }
    }

    func insertOutcome(key: String, description: String, unit: String?) throws {
        try db.run("INSERT INTO outcomes(key, description, unit) VALUES (?, ?, ?)", [key, description, unit])
    }

    func updateOutcome(id: Int, key: String?, retired: Bool?) throws {
        if let key { try db.run("UPDATE outcomes SET key = ? WHERE id = ?", [key, id]) }
        if let retired { try db.run("UPDATE outcomes SET retired = ? WHERE id = ?", [retired, id]) }
    }

    func saveThreshold(_ threshold: DatedThreshold, setAt: String, setBy: Handle) throws {
        try db.run("""
            INSERT INTO thresholds(from_week, minutes, set_at, set_by) VALUES (?, ?, ?, ?)
            ON CONFLICT(from_week) DO UPDATE SET minutes = excluded.minutes, set_at = excluded.set_at, set_by = excluded.set_by
            """, [threshold.fromWeek.description, threshold.minutes.value, setAt, setBy.value])
    }

    func setSetting(_ key: String, _ value: String?) throws {
        if let value {
            try db.run("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
        } else {
            try db.run("DELETE FROM settings WHERE key = ?", [key])
        }
    }

    func insertEntry(_ record: EntryRecord) throws -> Int {
        try db.run("""
            INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [record.id, record.staffID, record.date.description, record.minutes.value, record.networkID, record.outcomeID,
                  record.note, record.loggedAt, record.startedAt, record.endedAt, record.importKey])
        return db.lastInsertRowID
    }

    func updateEntry(id: Int, date: CalendarDate, minutes: Minutes, networkID: Int, outcomeID: Int, note: String,
                     clockTimes: (startedAt: String, endedAt: String)?, updatedAt: String) throws {
        try db.run("""
            UPDATE entries SET date = ?, minutes = ?, network_id = ?, outcome_id = ?, note = ?, updated_at = ?,
                started_at = COALESCE(?, started_at), ended_at = COALESCE(?, ended_at)
            WHERE id = ?
            """, [date.description, minutes.value, networkID, outcomeID, note, updatedAt, clockTimes?.startedAt, clockTimes?.endedAt, id])
    }

    func setEntryDeleted(id: Int, _ deleted: Bool, updatedAt: String) throws {
        try db.run("UPDATE entries SET deleted = ?, updated_at = ? WHERE id = ?", [deleted, updatedAt, id])
    }

    /// An import's batch, as the protocol's default writes it (each entry, then its audit row),
    /// with a larger page cache: a large import adds to two indexes at one place per person
    /// (`entries_by_staff_date` and the import keys), and with SQLite's default 2 MB those pages
    /// were spilled to the write-ahead log and read back again and again (a sixth of the CPU of
    /// a million-row Toggl import, most of it in the kernel). 8 MB holds them; it lasts for this
    /// connection, which is one command's.
    func insertImportedEntries(_ records: [EntryRecord], audit: AuditRecord, lateWeeks: [ISOWeek?]) throws {
        try db.execute("PRAGMA cache_size = -\(Self.importCacheKiB)")
        for (index, record) in records.enumerated() {
            let id = try insertEntry(record)
            try insertAudit(AuditRecord(at: audit.at, actor: audit.actor, action: audit.action, before: audit.before, after: audit.after,
                                        reason: audit.reason, lateWeek: index < lateWeeks.count ? lateWeeks[index] : nil),
                            subject: .entry(id))
        }
    }

    /// The page cache of an import, in KiB (SQLite's default is 2,000).
    static let importCacheKiB = 8_000

    func insertAudit(_ record: AuditRecord, subject: AuditSubject) throws {
        let (column, id) = Self.auditColumn(subject)
        try db.run("INSERT INTO audit_log(at, actor, action, \(column), before, after, reason, late_week) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   [record.at, record.actor, record.action, id, record.before, record.after, record.reason, record.lateWeek?.description])
    }

    func insertJustification(staffID: Int, week: ISOWeek, text: String, submittedAt: String) throws -> Int {
        try db.run("INSERT INTO justifications(staff_id, week, text, status, submitted_at) VALUES (?, ?, ?, 'submitted', ?)",
                   [staffID, week.description, text, submittedAt])
        return db.lastInsertRowID
    }

    func resubmitJustification(id: Int, text: String, submittedAt: String) throws {
        try db.run("""
            UPDATE justifications SET text = ?, status = 'submitted', submitted_at = ?,
                reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL, reviewed_minutes = NULL
            WHERE id = ?
            """, [text, submittedAt, id])
    }

    func saveReview(justificationID: Int, _ review: ReviewRecord) throws {
        try db.run("""
            UPDATE justifications SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ?, reviewed_minutes = ?
            WHERE id = ?
            """, [review.status.rawValue, review.reviewerID, review.reviewedAt, review.comment, review.reviewedMinutes.value, justificationID])
    }

    func insertJustificationEvent(justificationID: Int, _ event: JustificationEvent, byStaffID: Int) throws {
        try db.run("""
            INSERT INTO justification_history(justification_id, text, status, comment, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [justificationID, event.text, event.status.rawValue, event.comment, byStaffID, event.at])
    }

    func insertResult(_ record: ResultRecord) throws -> Int {
        try db.run("INSERT INTO results(id, staff_id, date, outcome_id, quantity, note, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [record.id, record.staffID, record.date.description, record.outcomeID, record.quantity, record.note, record.loggedAt])
        return db.lastInsertRowID
    }

    func updateResult(id: Int, date: CalendarDate, quantity: Int, outcomeID: Int, note: String, updatedAt: String) throws {
        try db.run("UPDATE results SET date = ?, quantity = ?, outcome_id = ?, note = ?, updated_at = ? WHERE id = ?",
                   [date.description, quantity, outcomeID, note, updatedAt, id])
    }

    func setResultDeleted(id: Int, _ deleted: Bool, updatedAt: String) throws {
        try db.run("UPDATE results SET deleted = ?, updated_at = ? WHERE id = ?", [deleted, updatedAt, id])
    }

    func saveTimer(_ timer: TimerRecord) throws {
        try db.run("""
            INSERT INTO timers(staff_id, network_id, outcome_id, note, started_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(staff_id) DO UPDATE SET network_id = excluded.network_id, outcome_id = excluded.outcome_id,
                note = excluded.note, started_at = excluded.started_at
            """, [timer.staffID, timer.networkID, timer.outcomeID, timer.note, timer.startedAt])
    }

    func deleteTimer(staffID: Int) throws {
        try db.run("DELETE FROM timers WHERE staff_id = ?", [staffID])
    }
}
