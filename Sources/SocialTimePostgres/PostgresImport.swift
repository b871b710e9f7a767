import PostgresNIO
import SocialTimeCore

/// Import's batches on PostgreSQL: what a file's rows touch is asked in a few queries with
/// array parameters, and rows are inserted a thousand per statement, their audit rows in one
/// more, so a large import costs round trips per thousand rows rather than two per row.
extension PostgresTransaction {
    /// Values per array parameter: a probe of a million keys goes as a hundred queries.
    static let probeBatchSize = 10_000

    func presentImportKeys(_ keys: [String]) async throws -> Set<String> {
        var present = Set<String>()
        for start in stride(from: 0, to: keys.count, by: Self.probeBatchSize) {
            let batch = Array(keys[start..<min(start + Self.probeBatchSize, keys.count)])
            let query = PostgresQuery(unsafeSQL: "SELECT import_key FROM socialtime.entries WHERE import_key = ANY($1)",
                                      binds: Self.binds(batch))
            for key in try await rows(query, { try $0.decode(String.self) }) { present.insert(key) }
        }
        return present
    }

    func importedEntryIDs(_ keys: [String]) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.probeBatchSize) {
            let batch = Array(keys[start..<min(start + Self.probeBatchSize, keys.count)])
            let query = PostgresQuery(unsafeSQL: "SELECT import_key, id FROM socialtime.entries WHERE import_key = ANY($1)",
                                      binds: Self.binds(batch))
            for (key, id) in try await rows(query, { try $0.decode((String, Int).self) }) { found[key] = id }
        }
        return found
    }

    func entries(ids: [Int]) async throws -> [Int: Entry] {
        var found: [Int: Entry] = [:]
        for start in stride(from: 0, to: ids.count, by: Self.probeBatchSize) {
            let batch = Array(ids[start..<min(start + Self.probeBatchSize, ids.count)])
            let query = PostgresQuery(unsafeSQL: Self.entrySelect + " WHERE e.id = ANY($1)", binds: Self.binds(batch))
            for entry in try await rows(query, Self.entry) { found[entry.id] = entry }
        }
        return found
    }

    func dayTotals(staffID: Int, dates: [CalendarDate]) async throws -> [CalendarDate: Minutes] {
        var totals: [CalendarDate: Minutes] = [:]
        for start in stride(from: 0, to: dates.count, by: Self.probeBatchSize) {
            let batch = dates[start..<min(start + Self.probeBatchSize, dates.count)].map(\.description)
            let query = PostgresQuery(unsafeSQL: """
                SELECT date, sum(minutes)::bigint FROM socialtime.entries
                WHERE staff_id = $1 AND date = ANY($2) AND NOT deleted GROUP BY date
                """, binds: Self.binds(staffID, batch))
            for (date, minutes) in try await rows(query, { try $0.decode((String, Int).self) }) {
                if let day = CalendarDate(iso: date), minutes > 0 { totals[day] = Minutes(minutes) }
            }
        }
        return totals
    }

    /// Two statements per run of rows that either all keep their ids or all take new ones: the
    /// entries, then their audit rows from the ids that INSERT returned (in id order, as one
    /// by one would have numbered them). Not one statement with a CTE: a staff member's audit
    /// rows pass row-level security only if the new entries are visible, and a statement's
    /// own CTE inserts are not. The 24 h cap trigger runs once per run.
    func insertImportedEntries(_ records: [EntryRecord], audit: AuditRecord, lateWeeks: [ISOWeek?]) async throws {
        var start = 0
        while start < records.count {
            let keepsIDs = records[start].id != nil
            var end = start + 1
            while end < records.count && (records[end].id != nil) == keepsIDs { end += 1 }
            let late = (start..<end).map { $0 < lateWeeks.count ? lateWeeks[$0]?.description : nil }
            try await insertRun(records[start..<end], keepsIDs: keepsIDs, audit: audit, lateWeeks: late)
            start = end
        }
    }

    /// `lateWeeks` follows `records`; INSERT … VALUES … RETURNING gives the ids in the rows' order.
    private func insertRun(_ records: ArraySlice<EntryRecord>, keepsIDs: Bool, audit: AuditRecord, lateWeeks: [String?]) async throws {
        let columns = (keepsIDs ? ["id"] : []) + ["staff_id", "date", "minutes", "network_id", "outcome_id", "note",
                                                  "logged_at", "started_at", "ended_at", "import_key"]
        var binds = PostgresBindings(capacity: records.count * columns.count)
        var values: [String] = []
        values.reserveCapacity(records.count)
        var next = 1
        for record in records {
            let placeholders = (next..<next + columns.count).map { "$\($0)" }.joined(separator: ", ")
            values.append("(" + placeholders + ")")
            next += columns.count
            if keepsIDs, let id = record.id { binds.append(id) }
            binds.append(record.staffID)
            binds.append(record.date.description)
            binds.append(record.minutes.value)
            binds.append(record.networkID)
            binds.append(record.outcomeID)
            binds.append(record.note)
            binds.append(record.loggedAt)
            binds.append(record.startedAt)
            binds.append(record.endedAt)
            binds.append(record.importKey)
        }
        let ids = try await rows(PostgresQuery(unsafeSQL: """
            INSERT INTO socialtime.entries(\(columns.joined(separator: ", "))) VALUES \(values.joined(separator: ", ")) RETURNING id
            """, binds: binds), { try $0.decode(Int.self) })
        var auditBinds = Self.binds(audit.at, audit.actor, audit.action)
        auditBinds.append(audit.before)
        auditBinds.append(audit.after)
        auditBinds.append(ids)
        // postgres-nio binds no array of optionals: '' stands for "not late".
        auditBinds.append(lateWeeks.map { $0 ?? "" })
        auditBinds.append(audit.reason)
        try await db.execute(PostgresQuery(unsafeSQL: """
            INSERT INTO socialtime.audit_log(at, actor, action, before, after, entry_id, late_week, reason)
            SELECT $1, $2, $3, $4, $5, id, NULLIF(late_week, ''), $8 FROM unnest($6::bigint[], $7::text[]) AS inserted(id, late_week) ORDER BY id
            """, binds: auditBinds))
        if keepsIDs {
            // Kept ids must not collide with the ones the sequence hands out next.
            try await db.execute("SELECT socialtime.advance_entry_ids()")
        }
    }
}
