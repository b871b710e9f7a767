import PostgresNIO
import SocialTimeCore

/// Import's batches on PostgreSQL: what a file's rows touch is asked in a few queries with
/// array parameters, and rows are inserted a thousand per statement, their audit rows in one
/// more, so a large import costs round trips per thousand rows rather than two per row.
extension PostgresTransaction {
    /// Values per array parameter: a probe of a million keys goes as a hundred queries.
    static let probeBatchSize = 10_000

    /// The probes look each value up through its index, one LATERAL lookup per value. As
    /// `column = ANY($1)`, with its thousands of values known, the planner costs a sequential
    /// scan below that many index lookups until the table holds millions of rows: every probe of
    /// a 1 M-row import read all the rows written so far, 6 s of the import in all.
    static func lookup(_ column: String, _ type: String, select: String) -> String {
        """
        SELECT \(select) FROM unnest($1::\(type)[]) AS k(value)
        CROSS JOIN LATERAL (SELECT * FROM socialtime.entries x WHERE x.\(column) = k.value LIMIT 1) e
        """
    }

    func presentImportKeys(_ keys: [String]) async throws -> Set<String> {
        var present = Set<String>()
        for start in stride(from: 0, to: keys.count, by: Self.probeBatchSize) {
            let batch = Array(keys[start..<min(start + Self.probeBatchSize, keys.count)])
            let query = PostgresQuery(unsafeSQL: Self.lookup("import_key", "text", select: "e.import_key"),
                                      binds: Self.binds(batch))
            for key in try await rows(query, { try $0.decode(String.self) }) { present.insert(key) }
        }
        return present
    }

    func importedEntryIDs(_ keys: [String]) async throws -> [String: Int] {
        var found: [String: Int] = [:]
        for start in stride(from: 0, to: keys.count, by: Self.probeBatchSize) {
            let batch = Array(keys[start..<min(start + Self.probeBatchSize, keys.count)])
            let query = PostgresQuery(unsafeSQL: Self.lookup("import_key", "text", select: "e.import_key, e.id"),
                                      binds: Self.binds(batch))
            for (key, id) in try await rows(query, { try $0.decode((String, Int).self) }) { found[key] = id }
        }
        return found
    }

    func entries(ids: [Int]) async throws -> [Int: Entry] {
        var found: [Int: Entry] = [:]
        for start in stride(from: 0, to: ids.count, by: Self.probeBatchSize) {
            let batch = Array(ids[start..<min(start + Self.probeBatchSize, ids.count)])
            let query = PostgresQuery(unsafeSQL: Self.lookup("id", "bigint", select: Self.entryColumns) + Self.entryJoins,
                                      binds: Self.binds(batch))
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

    /// One call of the database's `import_entries` per run of rows that either all keep their
    /// ids or all take new ones: the function checks the run (its people, days and ids) and
    /// inserts the rows and their audit rows ('import', naming the connected login). The 24 h
    /// cap trigger runs once per run. Each call is sent ahead (`sendAhead`): the rulebook reads
    /// and checks the file's next rows while the server writes these, and the transaction's next
    /// statement waits for them and fails with their error.
    func insertImportedEntries(_ records: [EntryRecord], audit: AuditRecord, lateWeeks: [ISOWeek?]) async throws {
        var start = 0
        while start < records.count {
            let keepsIDs = records[start].id != nil
            var end = start + 1
            while end < records.count && (records[end].id != nil) == keepsIDs { end += 1 }
            let late = (start..<end).map { $0 < lateWeeks.count ? lateWeeks[$0]?.description : nil }
            try await db.sendAhead(Self.importRunQuery(records[start..<end], keepsIDs: keepsIDs, at: audit.at, actor: audit.actor,
                                                       lateWeeks: late, reason: audit.reason, counted: true))
            start = end
        }
    }

    /// Optional text travels in a text[] as this marker for NULL (arrays of optionals are not
    /// bindable): a control character, which no stored value may hold.
    static let nullMarker = "\u{1}"

    /// `import_entries` of `records`, returning the new ids in order.
    func insertImportRun<Records: Collection<EntryRecord>>(_ records: Records, keepsIDs: Bool, at: String, actor: String,
                                                                     lateWeeks: [String?] = [], reason: String? = nil) async throws -> [Int] {
        try await rows(Self.importRunQuery(records, keepsIDs: keepsIDs, at: at, actor: actor, lateWeeks: lateWeeks, reason: reason),
                       { try $0.decode(Int.self) })
    }

    /// `counted`: the server answers with how many rows it wrote rather than every new id.
    static func importRunQuery<Records: Collection<EntryRecord>>(_ records: Records, keepsIDs: Bool, at: String, actor: String,
                                                                 lateWeeks: [String?], reason: String?, counted: Bool = false) -> PostgresQuery {
        var ids: [Int] = [], staff: [Int] = [], dates: [String] = [], minutes: [Int] = [], networks: [Int] = []
        var outcomes: [Int] = [], notes: [String] = [], loggedAt: [String] = [], startedAt: [String] = []
        var endedAt: [String] = [], keys: [String] = []
        for record in records {
            if keepsIDs, let id = record.id { ids.append(id) }
            staff.append(record.staffID)
            dates.append(record.date.description)
            minutes.append(record.minutes.value)
            networks.append(record.networkID)
            outcomes.append(record.outcomeID)
            notes.append(record.note)
            loggedAt.append(record.loggedAt)
            startedAt.append(record.startedAt ?? Self.nullMarker)
            endedAt.append(record.endedAt ?? Self.nullMarker)
            keys.append(record.importKey ?? Self.nullMarker)
        }
        var binds = PostgresBindings()
        binds.append(ids)
        binds.append(staff)
        binds.append(dates)
        binds.append(minutes)
        binds.append(networks)
        binds.append(outcomes)
        binds.append(notes)
        binds.append(loggedAt)
        binds.append(startedAt)
        binds.append(endedAt)
        binds.append(keys)
        binds.append(at)
        binds.append(Self.nullMarker)
        binds.append(actor)
        binds.append(lateWeeks.map { $0 ?? Self.nullMarker })
        binds.append(reason)
        func nullable(_ n: Int) -> String {
            "ARRAY(SELECT nullif(x, $13) FROM unnest($\(n)::text[]) WITH ORDINALITY AS t(x, n) ORDER BY n)"
        }
        return PostgresQuery(unsafeSQL: """
            SELECT \(counted ? "count(*) FROM " : "")socialtime.import_entries(\(keepsIDs ? "$1::bigint[]" : "NULL"), $2::bigint[], $3::text[], $4::bigint[], $5::bigint[],
                $6::bigint[], $7::text[], $8::text[], \(nullable(9)), \(nullable(10)), \(nullable(11)), $12, $14, \(nullable(15)), $16)
            """, binds: binds)
    }
}
