extension SQLiteStore {
    public func snapshot<T>(_ body: () throws -> T) throws(SocialTimeError) -> T {
        try read(body)
    }

    /// Streams straight from the statement: a million entries never sit in memory at once.
    public func forEachEntry(in range: ExportRange, _ body: (Entry) throws -> Void) throws(SocialTimeError) {
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
        try read { try db.prepare(sql).forEachRow(values) { row in try body(Self.entry(row)) } }
    }

    public func weeksWithData() throws(SocialTimeError) -> [ISOWeek] {
        try read {
            let dates = try db.prepare("SELECT min(date), max(date) FROM entries WHERE deleted = 0").firstRow([]) {
                [$0.optionalText(0), $0.optionalText(1)].compactMap { $0.flatMap(CalendarDate.init(iso:)).map(ISOWeek.init(containing:)) }
            } ?? []
            let justified = try db.prepare("SELECT min(week), max(week) FROM justifications").firstRow([]) {
                [$0.optionalText(0), $0.optionalText(1)].compactMap { $0.flatMap(ISOWeek.init(iso:)) }
            } ?? []
            guard let first = (dates + justified).min(), let last = (dates + justified).max() else { return [] }
            return ISOWeek.all(from: first, through: last)
        }
    }
}
