import PostgresNIO
import SocialTimeCore

/// One transaction on the team's PostgreSQL database: `ReadTransaction` and `WriteTransaction`
/// as SQL with every value bound (postgres-nio's `PostgresQuery` interpolation). It holds no
/// rule: the rulebook above decides, and the database's own row-level security, grants and
/// triggers hold the same rules again for anyone who connects with psql.
final class PostgresTransaction: WriteTransaction, @unchecked Sendable {
    let db: PostgresStoreConnection

    init(db: PostgresStoreConnection) { self.db = db }

    // MARK: - Row mapping

    static let staffColumns = "id, handle, name, role, active, email"

    static func staffMember(_ row: PostgresRow) throws -> StaffMember {
        let (id, handle, name, role, active, email) = try row.decode((Int, String, String, String, Bool, String?).self)
        return StaffMember(id: id, handle: .stored(handle), name: name, role: StaffMember.Role(rawValue: role) ?? .staff,
                           active: active, email: email)
    }

    static let entrySelect = """
        SELECT e.id, s.handle, s.name, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.deleted
        FROM socialtime.entries e
        JOIN socialtime.staff s ON s.id = e.staff_id
        JOIN socialtime.networks n ON n.id = e.network_id
        JOIN socialtime.outcomes o ON o.id = e.outcome_id
        """

    static func entry(_ row: PostgresRow) throws -> Entry {
        let (id, handle, name, date, minutes, network, outcome, note, loggedAt, deleted)
            = try row.decode((Int, String, String, String, Int, String, String, String, String, Bool).self)
        return Entry(id: id, staff: .stored(handle), staffName: name, date: CalendarDate(iso: date) ?? CalendarDate(dayNumber: 0),
                     minutes: Minutes(minutes), network: network, outcome: outcome, note: note, loggedAt: loggedAt, deleted: deleted)
    }

    static let justificationSelect = """
        SELECT j.id, j.staff_id, s.handle, j.week, j.text, j.status, j.submitted_at, r.handle, j.reviewed_at,
               j.review_comment, j.reviewed_minutes
        FROM socialtime.justifications j
        JOIN socialtime.staff s ON s.id = j.staff_id
        LEFT JOIN socialtime.staff r ON r.id = j.reviewed_by
        """

    static func justification(_ row: PostgresRow) throws -> StoredJustification {
        let (id, staffID, handle, week, text, status, submittedAt, reviewer, reviewedAt, comment, reviewedMinutes)
            = try row.decode((Int, Int, String, String, String, String, String, String?, String?, String?, Int?).self)
        return StoredJustification(id: id, staffID: staffID, staff: .stored(handle),
                                   week: ISOWeek(iso: week) ?? ISOWeek.first, text: text,
                                   status: StoredJustificationStatus(rawValue: status) ?? .submitted, submittedAt: submittedAt,
                                   reviewedBy: reviewer.map { .stored($0) }, reviewedAt: reviewedAt, comment: comment,
                                   reviewedMinutes: reviewedMinutes.map { Minutes($0) })
    }

    static let resultSelect = """
        SELECT r.id, s.handle, s.name, r.date, r.quantity, o.key, o.unit, r.note, r.logged_at
        FROM socialtime.results r
        JOIN socialtime.staff s ON s.id = r.staff_id
        JOIN socialtime.outcomes o ON o.id = r.outcome_id
        """

    static func result(_ row: PostgresRow) throws -> RecordedResult {
        let (id, handle, name, date, quantity, outcome, unit, note, loggedAt)
            = try row.decode((Int, String, String, String, Int, String, String?, String, String).self)
        return RecordedResult(id: id, staff: .stored(handle), staffName: name, date: CalendarDate(iso: date) ?? CalendarDate(dayNumber: 0),
                              quantity: quantity, outcome: outcome, unit: unit, note: note, loggedAt: loggedAt)
    }

    func rows<T>(_ query: PostgresQuery, _ map: (PostgresRow) throws -> T) async throws -> [T] {
        try await db.query(query).rows.map(map)
    }

    func first<T>(_ query: PostgresQuery, _ map: (PostgresRow) throws -> T) async throws -> T? {
        try await db.query(query).rows.first.map(map)
    }

    func int(_ query: PostgresQuery) async throws -> Int {
        try await first(query) { try $0.decode(Int.self) } ?? 0
    }

    // MARK: - Roster

    func staffMember(_ handle: Handle) async throws -> StaffMember? {
        try await first("SELECT id, handle, name, role, active, email FROM socialtime.staff WHERE handle = \(handle.value)", Self.staffMember)
    }

    func staffMember(id: Int) async throws -> StaffMember? {
        try await first("SELECT id, handle, name, role, active, email FROM socialtime.staff WHERE id = \(id)", Self.staffMember)
    }

    func allStaff() async throws -> [StaffMember] {
        try await rows("SELECT id, handle, name, role, active, email FROM socialtime.staff ORDER BY handle", Self.staffMember)
    }

    func activeManagerCount() async throws -> Int {
        try await int("SELECT count(*)::bigint FROM socialtime.staff WHERE role = 'manager' AND active")
    }

    // MARK: - Catalogues and settings

    func networks() async throws -> [Network] {
        var aliases: [Int: [String]] = [:]
        for row in try await db.query("SELECT network_id, alias FROM socialtime.network_aliases ORDER BY alias").rows {
            let (id, alias) = try row.decode((Int, String).self)
            aliases[id, default: []].append(alias)
        }
        return try await rows("SELECT id, key, name FROM socialtime.networks ORDER BY key") { row in
            let (id, key, name) = try row.decode((Int, String, String).self)
            return Network(id: id, key: key, name: name, aliases: aliases[id] ?? [])
        }
    }

    func outcomes() async throws -> [Outcome] {
        try await rows("SELECT id, key, description, unit, retired FROM socialtime.outcomes ORDER BY key") { row in
            let (id, key, description, unit, retired) = try row.decode((Int, String, String, String?, Bool).self)
            return Outcome(id: id, key: key, description: description, unit: unit, retired: retired)
        }
    }

    func thresholds() async throws -> [DatedThreshold] {
        try await rows("SELECT from_week, minutes FROM socialtime.thresholds ORDER BY from_week") { row in
            let (week, minutes) = try row.decode((String, Int).self)
            return DatedThreshold(fromWeek: ISOWeek(iso: week) ?? ISOWeek.first, minutes: Minutes(minutes))
        }
    }

    func setting(_ key: String) async throws -> String? {
        try await first("SELECT value FROM socialtime.settings WHERE key = \(key)") { try $0.decode(String.self) }
    }

    // MARK: - Entries

    func entry(_ id: Int) async throws -> Entry? {
        try await first(PostgresQuery(unsafeSQL: Self.entrySelect + " WHERE e.id = $1", binds: Self.binds(id)), Self.entry)
    }

    func entries(_ query: EntryQuery) async throws -> [Entry] {
        var sql = Self.entrySelect + " WHERE e.date BETWEEN $1 AND $2"
        var binds = PostgresBindings()
        binds.append(query.from.description)
        binds.append(query.to.description)
        if let staff = query.staff {
            sql += " AND s.handle = $3"
            binds.append(staff.value)
        }
        if !query.includeDeleted { sql += " AND NOT e.deleted" }
        sql += " ORDER BY e.date, s.handle, e.id"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds), Self.entry)
    }

    /// Rows come as the server sends them, with back-pressure: an export of a million entries
    /// never sits in memory.
    func forEachEntry(in range: ExportRange, _ body: (Entry) async throws -> Void) async throws {
        let order = " ORDER BY e.date, s.handle, e.id"
        let query: PostgresQuery
        switch range {
        case .all:
            query = PostgresQuery(unsafeSQL: Self.entrySelect + " WHERE NOT e.deleted" + order)
        case .week(let week):
            query = PostgresQuery(unsafeSQL: Self.entrySelect + " WHERE e.date BETWEEN $1 AND $2 AND NOT e.deleted" + order,
                                  binds: Self.binds(week.monday.description, week.sunday.description))
        case .dates(let from, let to):
            query = PostgresQuery(unsafeSQL: Self.entrySelect + " WHERE e.date BETWEEN $1 AND $2 AND NOT e.deleted" + order,
                                  binds: Self.binds(from.description, to.description))
        }
        try await db.forEachRow(query) { row in try await body(Self.entry(row)) }
    }

    func dayTotal(staffID: Int, date: CalendarDate, excluding entryID: Int?) async throws -> Minutes {
        Minutes(try await int("""
            SELECT coalesce(sum(minutes), 0)::bigint FROM socialtime.entries
            WHERE staff_id = \(staffID) AND date = \(date.description) AND NOT deleted AND id IS DISTINCT FROM \(entryID)
            """))
    }

    func weekTotal(staffID: Int, week: ISOWeek) async throws -> Minutes {
        Minutes(try await int("""
            SELECT coalesce(sum(minutes), 0)::bigint FROM socialtime.entries
            WHERE staff_id = \(staffID) AND date BETWEEN \(week.monday.description) AND \(week.sunday.description) AND NOT deleted
            """))
    }

    func timedEntries(staffID: Int, from: CalendarDate, to: CalendarDate) async throws -> [TimedEntry] {
        try await rows("""
            SELECT id, date, started_at, ended_at FROM socialtime.entries
            WHERE staff_id = \(staffID) AND date BETWEEN \(from.description) AND \(to.description) AND NOT deleted
              AND started_at IS NOT NULL AND ended_at IS NOT NULL
            ORDER BY date, id
            """) { row in
            let (id, date, started, ended) = try row.decode((Int, String, String, String).self)
            guard let day = CalendarDate(iso: date) else {
                throw SocialTimeError.failure("entry #\(id) has a damaged date '\(Text.printable(date))'")
            }
            return TimedEntry(id: id, date: day, startedAt: started, endedAt: ended)
        }
    }

    func importKeyExists(_ key: String) async throws -> Bool {
        try await first("SELECT 1 FROM socialtime.entries WHERE import_key = \(key)") { _ in true } ?? false
    }

    func audit(of subject: AuditSubject) async throws -> [AuditRecord] {
        let query: PostgresQuery
        switch subject {
        case .entry(let id): query = "SELECT at, actor, action, before, after, reason, late_week FROM socialtime.audit_log WHERE entry_id = \(id) ORDER BY id"
        case .result(let id): query = "SELECT at, actor, action, before, after, reason, late_week FROM socialtime.audit_log WHERE result_id = \(id) ORDER BY id"
        }
        return try await rows(query) { row in
            let (at, actor, action, before, after, reason, late) = try row.decode((String, String, String, String?, String?, String?, String?).self)
            return AuditRecord(at: at, actor: actor, action: action, before: before, after: after,
                               reason: reason, lateWeek: late.flatMap(ISOWeek.init(iso:)))
        }
    }

    func lateChanges(_ week: ISOWeek) async throws -> [StoredLateChange] {
        try await rows("""
            SELECT a.entry_id, s.handle, e.date, e.minutes, a.at, a.actor, a.action, a.before, a.after, a.reason
            FROM socialtime.audit_log a
            JOIN socialtime.entries e ON e.id = a.entry_id
            JOIN socialtime.staff s ON s.id = e.staff_id
            WHERE a.late_week = \(week.description)
            ORDER BY a.id
            """) { row in
            let (entryID, handle, date, minutes, at, actor, action, before, after, reason) =
                try row.decode((Int, String, String, Int, String, String, String, String?, String?, String?).self)
            guard let day = CalendarDate(iso: date) else {
                throw SocialTimeError.failure("entry #\(entryID) has a damaged date '\(date)'")
            }
            return StoredLateChange(entryID: entryID, staff: try Handle(validating: handle), entryDate: day, entryMinutes: Minutes(minutes),
                                    change: AuditRecord(at: at, actor: actor, action: action, before: before, after: after,
                                                        reason: reason, lateWeek: week))
        }
    }

    func dataSpan() async throws -> DataSpan {
        let dates = try await first("SELECT min(date), max(date) FROM socialtime.entries WHERE NOT deleted") { try $0.decode((String?, String?).self) }
        let weeks = try await first("SELECT min(week), max(week) FROM socialtime.justifications") { try $0.decode((String?, String?).self) }
        return DataSpan(firstDate: dates?.0.flatMap(CalendarDate.init(iso:)), lastDate: dates?.1.flatMap(CalendarDate.init(iso:)),
                        firstJustifiedWeek: weeks?.0.flatMap(ISOWeek.init(iso:)), lastJustifiedWeek: weeks?.1.flatMap(ISOWeek.init(iso:)))
    }

    // MARK: - Weeks

    func staffWeeks(_ week: ISOWeek) async throws -> [StoredStaffWeek] {
        var justifications: [Int: StoredJustification] = [:]
        for justification in try await self.justifications(week: week, staffID: nil) {
            justifications[justification.staffID] = justification
        }
        let monday = week.monday.description, sunday = week.sunday.description, name = week.description
        return try await rows("""
            WITH totals AS (
                SELECT staff_id, sum(minutes) AS minutes FROM socialtime.entries
                WHERE date BETWEEN \(monday) AND \(sunday) AND NOT deleted
                GROUP BY staff_id
            ),
            people AS (
                SELECT staff_id FROM totals
                UNION
                SELECT staff_id FROM socialtime.justifications WHERE week = \(name)
            )
            SELECT s.id, s.handle, s.name, coalesce(t.minutes, 0)::bigint
            FROM people p
            JOIN socialtime.staff s ON s.id = p.staff_id
            LEFT JOIN totals t ON t.staff_id = p.staff_id
            ORDER BY s.handle
            """) { row in
            let (id, handle, name, minutes) = try row.decode((Int, String, String, Int).self)
            return StoredStaffWeek(staff: .stored(handle), name: name, minutes: Minutes(minutes), justification: justifications[id])
        }
    }

    func slices(_ week: ISOWeek) async throws -> [ReportBuilder.Slice] {
        try await rows("""
            SELECT s.handle, n.key, o.key, o.unit, sum(e.minutes)::bigint
            FROM socialtime.entries e
            JOIN socialtime.staff s ON s.id = e.staff_id
            JOIN socialtime.networks n ON n.id = e.network_id
            JOIN socialtime.outcomes o ON o.id = e.outcome_id
            WHERE e.date BETWEEN \(week.monday.description) AND \(week.sunday.description) AND NOT e.deleted
            GROUP BY s.handle, n.key, o.key, o.unit
            """) { row in
            let (handle, network, outcome, unit, minutes) = try row.decode((String, String, String, String?, Int).self)
            return ReportBuilder.Slice(staff: .stored(handle), network: network, outcome: outcome, unit: unit, minutes: Minutes(minutes))
        }
    }

    func resultTotals(_ week: ISOWeek) async throws -> [ReportBuilder.ResultTotal] {
        try await rows("""
            SELECT o.key, o.unit, sum(r.quantity)::bigint
            FROM socialtime.results r JOIN socialtime.outcomes o ON o.id = r.outcome_id
            WHERE r.date BETWEEN \(week.monday.description) AND \(week.sunday.description) AND NOT r.deleted
            GROUP BY o.key, o.unit
            """) { row in
            let (outcome, unit, quantity) = try row.decode((String, String?, Int).self)
            return ReportBuilder.ResultTotal(outcome: outcome, unit: unit, quantity: quantity)
        }
    }

    // MARK: - Justifications

    func justification(staffID: Int, week: ISOWeek) async throws -> StoredJustification? {
        try await first(PostgresQuery(unsafeSQL: Self.justificationSelect + " WHERE j.staff_id = $1 AND j.week = $2",
                                      binds: Self.binds(staffID, week.description)), Self.justification)
    }

    func justifications(week: ISOWeek?, staffID: Int?) async throws -> [StoredJustification] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let week {
            binds.append(week.description)
            conditions.append("j.week = $\(binds.count)")
        }
        if let staffID {
            binds.append(staffID)
            conditions.append("j.staff_id = $\(binds.count)")
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try await rows(PostgresQuery(unsafeSQL: Self.justificationSelect + filter + " ORDER BY j.week, s.handle", binds: binds),
                              Self.justification)
    }

    func justificationHistory(justificationID: Int) async throws -> [JustificationEvent] {
        try await rows("""
            SELECT h.status, h.text, h.comment, h.changed_at, s.handle
            FROM socialtime.justification_history h JOIN socialtime.staff s ON s.id = h.changed_by
            WHERE h.justification_id = \(justificationID) ORDER BY h.id
            """) { row in
            let (status, text, comment, at, by) = try row.decode((String, String, String?, String, String).self)
            return JustificationEvent(status: StoredJustificationStatus(rawValue: status) ?? .submitted, text: text,
                                      comment: comment, at: at, by: .stored(by))
        }
    }

    // MARK: - Results

    func result(_ id: Int) async throws -> RecordedResult? {
        try await first(PostgresQuery(unsafeSQL: Self.resultSelect + " WHERE r.id = $1 AND NOT r.deleted", binds: Self.binds(id)), Self.result)
    }

    func results(from: CalendarDate, to: CalendarDate, staffID: Int?) async throws -> [RecordedResult] {
        var sql = Self.resultSelect + " WHERE r.date BETWEEN $1 AND $2 AND NOT r.deleted"
        var binds = Self.binds(from.description, to.description)
        if let staffID {
            binds.append(staffID)
            sql += " AND r.staff_id = $3"
        }
        return try await rows(PostgresQuery(unsafeSQL: sql + " ORDER BY r.date, s.handle, r.id", binds: binds), Self.result)
    }

    // MARK: - Timers

    func timer(staffID: Int) async throws -> RunningTimer? {
        try await first("""
            SELECT s.handle, n.key, o.key, t.note, t.started_at
            FROM socialtime.timers t JOIN socialtime.staff s ON s.id = t.staff_id
            JOIN socialtime.networks n ON n.id = t.network_id JOIN socialtime.outcomes o ON o.id = t.outcome_id
            WHERE t.staff_id = \(staffID)
            """) { row in
            let (handle, network, outcome, note, startedAt) = try row.decode((String, String, String, String, String).self)
            return RunningTimer(staff: .stored(handle), network: network, outcome: outcome, note: note, startedAt: startedAt)
        }
    }

    // MARK: - Writes

    /// A lock on the person for the rest of the transaction: the same one the database's 24 h
    /// trigger takes, so a check here and the insert after it cannot interleave with another writer.
    func lockStaff(_ staffID: Int) async throws {
        try await db.execute(PostgresLogins.lockStaff(staffID))
    }

    func insertStaff(_ staff: NewStaffRecord) async throws -> StaffMember {
        let id = try await int("""
            INSERT INTO socialtime.staff(handle, name, role, email, created_at)
            VALUES (\(staff.handle.value), \(staff.name), \(staff.role.rawValue), \(staff.email), \(staff.createdAt))
            RETURNING id
            """)
        guard let member = try await staffMember(id: id) else {
            throw SocialTimeError.failure("the new staff member \(staff.handle) could not be read back")
        }
        return member
    }

    func createLogin(_ handle: Handle) async throws {
        try await db.execute(PostgresLogins.createLogin(handle))
    }

    func updateStaff(id: Int, _ change: StaffRecordChange) async throws {
        if let name = change.name { try await db.execute("UPDATE socialtime.staff SET name = \(name) WHERE id = \(id)") }
        if let email = change.email { try await db.execute("UPDATE socialtime.staff SET email = \(email) WHERE id = \(id)") }
        if let role = change.role { try await db.execute("UPDATE socialtime.staff SET role = \(role.rawValue) WHERE id = \(id)") }
        if let active = change.active { try await db.execute("UPDATE socialtime.staff SET active = \(active) WHERE id = \(id)") }
    }

    func insertNetwork(key: String, name: String, aliases: [String]) async throws {
        let id = try await int("INSERT INTO socialtime.networks(key, name) VALUES (\(key), \(name)) RETURNING id")
        for alias in aliases {
            try await db.execute("INSERT INTO socialtime.network_aliases(alias, network_id) VALUES (\(alias), \(id))")
        }
    }

    func insertOutcome(key: String, description: String, unit: String?) async throws {
        try await db.execute("INSERT INTO socialtime.outcomes(key, description, unit) VALUES (\(key), \(description), \(unit))")
    }

    func updateOutcome(id: Int, key: String?, retired: Bool?) async throws {
        if let key { try await db.execute("UPDATE socialtime.outcomes SET key = \(key) WHERE id = \(id)") }
        if let retired { try await db.execute("UPDATE socialtime.outcomes SET retired = \(retired) WHERE id = \(id)") }
    }

    func saveThreshold(_ threshold: DatedThreshold, setAt: String, setBy: Handle) async throws {
        try await db.execute("""
            INSERT INTO socialtime.thresholds(from_week, minutes, set_at, set_by)
            VALUES (\(threshold.fromWeek.description), \(threshold.minutes.value), \(setAt), \(setBy.value))
            ON CONFLICT (from_week) DO UPDATE SET minutes = excluded.minutes, set_at = excluded.set_at, set_by = excluded.set_by
            """)
    }

    func setSetting(_ key: String, _ value: String?) async throws {
        if let value {
            try await db.execute("""
                INSERT INTO socialtime.settings(key, value) VALUES (\(key), \(value))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        } else {
            try await db.execute("DELETE FROM socialtime.settings WHERE key = \(key)")
        }
    }

    func insertEntry(_ record: EntryRecord) async throws -> Int {
        if let id = record.id {
            try await db.execute("""
                INSERT INTO socialtime.entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
                VALUES (\(id), \(record.staffID), \(record.date.description), \(record.minutes.value), \(record.networkID), \(record.outcomeID),
                        \(record.note), \(record.loggedAt), \(record.startedAt), \(record.endedAt), \(record.importKey))
                """)
            // Kept ids must not collide with the ones the sequence hands out next.
            try await db.execute("SELECT socialtime.advance_entry_ids()")
            return id
        }
        return try await int("""
            INSERT INTO socialtime.entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at, started_at, ended_at, import_key)
            VALUES (\(record.staffID), \(record.date.description), \(record.minutes.value), \(record.networkID), \(record.outcomeID),
                    \(record.note), \(record.loggedAt), \(record.startedAt), \(record.endedAt), \(record.importKey))
            RETURNING id
            """)
    }

    func updateEntry(id: Int, date: CalendarDate, minutes: Minutes, networkID: Int, outcomeID: Int, note: String,
                     clockTimes: (startedAt: String, endedAt: String)?, updatedAt: String) async throws {
        try await db.execute("""
            UPDATE socialtime.entries SET date = \(date.description), minutes = \(minutes.value), network_id = \(networkID),
                outcome_id = \(outcomeID), note = \(note), updated_at = \(updatedAt),
                started_at = COALESCE(\(clockTimes?.startedAt), started_at), ended_at = COALESCE(\(clockTimes?.endedAt), ended_at)
            WHERE id = \(id)
            """)
    }

    func setEntryDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws {
        try await db.execute("UPDATE socialtime.entries SET deleted = \(deleted), updated_at = \(updatedAt) WHERE id = \(id)")
    }

    func insertAudit(_ record: AuditRecord, subject: AuditSubject) async throws {
        switch subject {
        case .entry(let id):
            try await db.execute("""
                INSERT INTO socialtime.audit_log(at, actor, action, entry_id, before, after, reason, late_week)
                VALUES (\(record.at), \(record.actor), \(record.action), \(id), \(record.before), \(record.after),
                        \(record.reason), \(record.lateWeek?.description))
                """)
        case .result(let id):
            try await db.execute("""
                INSERT INTO socialtime.audit_log(at, actor, action, result_id, before, after, reason, late_week)
                VALUES (\(record.at), \(record.actor), \(record.action), \(id), \(record.before), \(record.after),
                        \(record.reason), \(record.lateWeek?.description))
                """)
        }
    }

    func insertJustification(staffID: Int, week: ISOWeek, text: String, submittedAt: String) async throws -> Int {
        try await int("""
            INSERT INTO socialtime.justifications(staff_id, week, text, status, submitted_at)
            VALUES (\(staffID), \(week.description), \(text), 'submitted', \(submittedAt)) RETURNING id
            """)
    }

    func resubmitJustification(id: Int, text: String, submittedAt: String) async throws {
        try await db.execute("""
            UPDATE socialtime.justifications SET text = \(text), status = 'submitted', submitted_at = \(submittedAt),
                reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL, reviewed_minutes = NULL
            WHERE id = \(id)
            """)
    }

    func saveReview(justificationID: Int, _ review: ReviewRecord) async throws {
        try await db.execute("""
            UPDATE socialtime.justifications SET status = \(review.status.rawValue), reviewed_by = \(review.reviewerID),
                reviewed_at = \(review.reviewedAt), review_comment = \(review.comment), reviewed_minutes = \(review.reviewedMinutes.value)
            WHERE id = \(justificationID)
            """)
    }

    func insertJustificationEvent(justificationID: Int, _ event: JustificationEvent, byStaffID: Int) async throws {
        try await db.execute("""
            INSERT INTO socialtime.justification_history(justification_id, text, status, comment, changed_by, changed_at)
            VALUES (\(justificationID), \(event.text), \(event.status.rawValue), \(event.comment), \(byStaffID), \(event.at))
            """)
    }

    func insertResult(_ record: ResultRecord) async throws -> Int {
        if let id = record.id {
            try await db.execute("""
                INSERT INTO socialtime.results(id, staff_id, date, outcome_id, quantity, note, logged_at)
                VALUES (\(id), \(record.staffID), \(record.date.description), \(record.outcomeID), \(record.quantity), \(record.note), \(record.loggedAt))
                """)
            try await db.execute("SELECT setval(pg_get_serial_sequence('socialtime.results', 'id'), greatest((SELECT max(id) FROM socialtime.results), 1))")
            return id
        }
        return try await int("""
            INSERT INTO socialtime.results(staff_id, date, outcome_id, quantity, note, logged_at)
            VALUES (\(record.staffID), \(record.date.description), \(record.outcomeID), \(record.quantity), \(record.note), \(record.loggedAt))
            RETURNING id
            """)
    }

    func updateResult(id: Int, date: CalendarDate, quantity: Int, outcomeID: Int, note: String, updatedAt: String) async throws {
        try await db.execute("""
            UPDATE socialtime.results SET date = \(date.description), quantity = \(quantity), outcome_id = \(outcomeID),
                note = \(note), updated_at = \(updatedAt)
            WHERE id = \(id)
            """)
    }

    func setResultDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws {
        try await db.execute("UPDATE socialtime.results SET deleted = \(deleted), updated_at = \(updatedAt) WHERE id = \(id)")
    }

    func saveTimer(_ timer: TimerRecord) async throws {
        try await db.execute("""
            INSERT INTO socialtime.timers(staff_id, network_id, outcome_id, note, started_at)
            VALUES (\(timer.staffID), \(timer.networkID), \(timer.outcomeID), \(timer.note), \(timer.startedAt))
            ON CONFLICT (staff_id) DO UPDATE SET network_id = excluded.network_id, outcome_id = excluded.outcome_id,
                note = excluded.note, started_at = excluded.started_at
            """)
    }

    func deleteTimer(staffID: Int) async throws {
        try await db.execute("DELETE FROM socialtime.timers WHERE staff_id = \(staffID)")
    }

    // MARK: - Bindings

    static func binds(_ values: any PostgresNonThrowingEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
