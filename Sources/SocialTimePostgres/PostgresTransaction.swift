import Synchronization
import PostgresNIO
import SocialTimeCore

/// One transaction on the team's PostgreSQL database: `ReadTransaction` and `WriteTransaction`
/// as SQL with every value bound (postgres-nio's `PostgresQuery` interpolation). It holds no
/// rule: the rulebook above decides, and the database's own row-level security, grants and
/// triggers hold the same rules again for anyone who connects with psql.
final class PostgresTransaction: WriteTransaction, @unchecked Sendable {
    let db: PostgresStoreConnection

    /// Said once when taking a person's lock has waited a second (another writer holds it).
    let lockWait: LockWaitNotice?

    init(db: PostgresStoreConnection, lockWait: LockWaitNotice? = nil) {
        self.db = db
        self.lockWait = lockWait
    }

    // MARK: - Row mapping

    static let staffColumns = "id, handle, name, role, active, email"

    static func staffMember(_ row: PostgresRow) throws -> StaffMember {
        let (id, handle, name, role, active, email) = try row.decode((Int, String, String, String, Bool, String?).self)
        return StaffMember(id: id, handle: .stored(handle), name: name, role: StaffMember.Role(rawValue: role) ?? .staff,
                           active: active, email: email)
    }

    static let entryColumns = "e.id, s.handle, s.name, e.date, e.minutes, n.key, o.key, e.note, e.logged_at, e.deleted, e.started_at, e.ended_at"
    /// What `entryColumns` names besides the entry `e`: its person, network and outcome.
    static let entryJoins = """

        JOIN socialtime.staff s ON s.id = e.staff_id
        JOIN socialtime.networks n ON n.id = e.network_id
        JOIN socialtime.outcomes o ON o.id = e.outcome_id
        """
    static let entrySelect = "SELECT \(entryColumns)\nFROM socialtime.entries e" + entryJoins

    static func entry(_ row: PostgresRow) throws -> Entry {
        let (id, handle, name, date, minutes, network, outcome, note, loggedAt, deleted, startedAt, endedAt)
            = try row.decode((Int, String, String, String, Int, String, String, String, String, Bool, String?, String?).self)
        return Entry(id: id, staff: .stored(handle), staffName: name, date: CalendarDate(iso: date) ?? CalendarDate(dayNumber: 0),
                     minutes: Minutes(minutes), network: network, outcome: outcome, note: note, loggedAt: loggedAt, deleted: deleted,
                     startedAt: startedAt, endedAt: endedAt)
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

    func highestEntryID() async throws -> Int {
        try await int("SELECT coalesce(max(id), 0)::bigint FROM socialtime.entries")
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
            SELECT a.entry_id, s.handle, e.date, e.minutes, a.at, a.actor, a.action, a.before, a.after, a.reason, a.late_week
            FROM socialtime.audit_log a
            JOIN socialtime.entries e ON e.id = a.entry_id
            JOIN socialtime.staff s ON s.id = e.staff_id
            WHERE a.late_week = \(week.description)
               OR (a.late_week IS NOT NULL AND a.action = 'edit'
                   AND (a.after::jsonb ->> 'date') BETWEEN \(week.monday.description) AND \(week.sunday.description))
            ORDER BY a.id
            """) { row in
            let (entryID, handle, date, minutes, at, actor, action, before, after, reason, late) =
                try row.decode((Int, String, String, Int, String, String, String, String?, String?, String?, String?).self)
            guard let day = CalendarDate(iso: date) else {
                throw SocialTimeError.failure("entry #\(entryID) has a damaged date '\(date)'")
            }
            return StoredLateChange(entryID: entryID, staff: try Handle(validating: handle), entryDate: day, entryMinutes: Minutes(minutes),
                                    change: AuditRecord(at: at, actor: actor, action: action, before: before, after: after,
                                                        reason: reason, lateWeek: late.flatMap(ISOWeek.init(iso:))))
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

    // Every write is a call of one of the database's own functions (migration 4): they apply
    // the rule again, lock the person, assign the ids and write the audit rows and the
    // justification history themselves, naming the connected login. So `insertAudit` and
    // `insertJustificationEvent` have nothing left to do here.

    /// The person's lock for the rest of the transaction: their roster row, locked inside a
    /// database function (no login can take or hold it otherwise), the same one the database's
    /// 24 h trigger and every writing function take.
    /// Taking the lock is one short statement: when it has not answered after a second, it is
    /// waiting for another command that holds the same person's row, and `lockWait` says so
    /// (once) while the wait goes on, up to the `lock_timeout` and its retries.
    func lockStaff(_ staffID: Int) async throws {
        guard let lockWait else {
            try await db.execute(PostgresLogins.lockStaff(staffID))
            return
        }
        let announcer = Task {
            try await Task.sleep(nanoseconds: LockWaitNotice.afterNanoseconds)
            lockWait.announce()
        }
        defer { announcer.cancel() }
        try await db.execute(PostgresLogins.lockStaff(staffID))
    }

    func insertStaff(_ staff: NewStaffRecord) async throws -> StaffMember {
        let id = try await int("""
            SELECT socialtime.add_staff(\(staff.handle.value), \(staff.name), \(staff.role.rawValue), \(staff.email), \(staff.createdAt))
            """)
        guard let member = try await staffMember(id: id) else {
            throw SocialTimeError.failure("the new staff member \(staff.handle) could not be read back")
        }
        return member
    }

    /// One statement for all of them (an import registering hundreds of people paid two round
    /// trips each), `add_staff` called in the order given: a volatile call in the select list is
    /// made after the ORDER BY's sort.
    func insertNewStaff(_ people: [NewStaffRecord]) async throws -> [Int] {
        guard !people.isEmpty else { return [] }
        var binds = PostgresBindings()
        binds.append(people.map(\.handle.value))
        binds.append(people.map(\.name))
        binds.append(people.map(\.role.rawValue))
        binds.append(people.map { $0.email ?? Self.nullMarker })
        binds.append(people.map(\.createdAt))
        binds.append(Self.nullMarker)
        let ids = try await rows(PostgresQuery(unsafeSQL: """
            SELECT socialtime.add_staff(p.handle, p.name, p.role, nullif(p.email, $6), p.created_at)
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY
                AS p(handle, name, role, email, created_at, n)
            ORDER BY p.n
            """, binds: binds), { try $0.decode(Int.self) })
        guard ids.count == people.count else {
            throw SocialTimeError.failure("\(people.count) new staff members were added, but \(ids.count) ids came back")
        }
        return ids
    }

    func createLogin(_ handle: Handle, existing: Bool) async throws {
        try await db.execute(PostgresLogins.createLogin(handle, existing: existing))
    }

    func updateStaff(id: Int, _ change: StaffRecordChange) async throws {
        let setsEmail = change.email != nil
        let email: String? = change.email ?? nil
        try await db.execute("""
            SELECT socialtime.update_staff(\(id), \(change.name), \(setsEmail), \(email), \(change.role?.rawValue), \(change.active))
            """)
    }

    func insertNetwork(key: String, name: String, aliases: [String]) async throws {
        try await db.execute("SELECT socialtime.add_network(\(key), \(name), \(aliases))")
    }

    func insertOutcome(key: String, description: String, unit: String?) async throws {
        try await db.execute("SELECT socialtime.add_outcome(\(key), \(description), \(unit))")
    }

    func updateOutcome(id: Int, key: String?, retired: Bool?) async throws {
        try await db.execute("SELECT socialtime.update_outcome(\(id), \(key), \(retired))")
    }

    func saveThreshold(_ threshold: DatedThreshold, setAt: String, setBy: Handle) async throws {
        try await db.execute("""
            SELECT socialtime.save_threshold(\(threshold.fromWeek.description), \(threshold.minutes.value), \(setAt), \(setBy.value))
            """)
    }

    func setSetting(_ key: String, _ value: String?) async throws {
        try await db.execute("SELECT socialtime.set_setting(\(key), \(value))")
    }

    func insertEntry(_ record: EntryRecord) async throws -> Int {
        if record.id != nil {
            // A kept id (an export imported again): the import function keeps it for a manager.
            guard let id = try await insertImportRun([record], keepsIDs: true, at: record.loggedAt, actor: db.settings.user).first else {
                throw SocialTimeError.failure("the entry could not be written")
            }
            return id
        }
        return try await int("""
            SELECT socialtime.log_entry(\(record.staffID), \(record.date.description), \(record.minutes.value), \(record.networkID),
                \(record.outcomeID), \(record.note), \(record.loggedAt), \(record.startedAt), \(record.endedAt), \(record.importKey))
            """)
    }

    func updateEntry(id: Int, date: CalendarDate, minutes: Minutes, networkID: Int, outcomeID: Int, note: String,
                     clockTimes: (startedAt: String, endedAt: String)?, updatedAt: String) async throws {
        try await db.execute("""
            SELECT socialtime.edit_entry(\(id), \(date.description), \(minutes.value), \(networkID), \(outcomeID), \(note), \(updatedAt), \(String?.none), \(clockTimes?.startedAt), \(clockTimes?.endedAt))
            """)
    }

    func setEntryDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws {
        try await db.execute("SELECT socialtime.set_entry_deleted(\(id), \(deleted), \(updatedAt), \(String?.none))")
    }

    /// The database wrote the audit row with the change itself, naming the login; a manager
    /// acting `--as` someone has it name the acting person, as a file's audit does.
    func insertAudit(_ record: AuditRecord, subject: AuditSubject) async throws {
        guard record.actor != db.settings.user || record.reason != nil || record.lateWeek != nil else { return }
        let late = record.lateWeek?.description
        switch subject {
        case .entry(let id):
            try await db.execute("SELECT socialtime.name_acting_person(\(id), \(Int?.none), \(record.actor), \(record.reason), \(late))")
        case .result(let id):
            try await db.execute("SELECT socialtime.name_acting_person(\(Int?.none), \(id), \(record.actor), \(record.reason), \(late))")
        }
    }

    func insertJustification(staffID: Int, week: ISOWeek, text: String, submittedAt: String) async throws -> Int {
        try await int("SELECT socialtime.submit_justification(\(Int?.none), \(staffID), \(week.description), \(text), \(submittedAt))")
    }

    func resubmitJustification(id: Int, text: String, submittedAt: String) async throws {
        try await db.execute("SELECT socialtime.submit_justification(\(id), \(Int?.none), \(String?.none), \(text), \(submittedAt))")
    }

    func saveReview(justificationID: Int, _ review: ReviewRecord) async throws {
        try await db.execute("""
            SELECT socialtime.review_justification(\(justificationID), \(review.status.rawValue), \(review.reviewerID),
                \(review.reviewedAt), \(review.comment), \(review.reviewedMinutes.value))
            """)
    }

    /// The database wrote the history row with the submission or the review itself.
    func insertJustificationEvent(justificationID: Int, _ event: JustificationEvent, byStaffID: Int) async throws {}

    func insertResult(_ record: ResultRecord) async throws -> Int {
        try await int("""
            SELECT socialtime.record_result(\(record.id), \(record.staffID), \(record.date.description), \(record.outcomeID),
                \(record.quantity), \(record.note), \(record.loggedAt))
            """)
    }

    func updateResult(id: Int, date: CalendarDate, quantity: Int, outcomeID: Int, note: String, updatedAt: String) async throws {
        try await db.execute("""
            SELECT socialtime.edit_result(\(id), \(date.description), \(quantity), \(outcomeID), \(note), \(updatedAt))
            """)
    }

    func setResultDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws {
        try await db.execute("SELECT socialtime.set_result_deleted(\(id), \(deleted), \(updatedAt))")
    }

    func saveTimer(_ timer: TimerRecord) async throws {
        try await db.execute("""
            SELECT socialtime.save_timer(\(timer.staffID), \(timer.networkID), \(timer.outcomeID), \(timer.note), \(timer.startedAt))
            """)
    }

    func deleteTimer(staffID: Int) async throws {
        try await db.execute("SELECT socialtime.delete_timer(\(staffID))")
    }

    // MARK: - Bindings

    static func binds(_ values: any PostgresNonThrowingEncodable...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}

/// What a terminal hears when a write waits for another command's lock on the same person: the
/// executable's words, called at most once per command run (retries included).
final class LockWaitNotice: Sendable {
    /// "Beyond a moment": as on SQLite, a second.
    static let afterNanoseconds: UInt64 = 1_000_000_000
    private let said = Mutex(false)
    private let announcement: @Sendable () -> Void

    init(_ announcement: @escaping @Sendable () -> Void) { self.announcement = announcement }

    func announce() {
        let first = said.withLock { said in
            defer { said = true }
            return !said
        }
        if first { announcement() }
    }
}
