extension SQLiteStore {
    /// The most trend weeks a report shows: a year, enough for a season's pattern.
    public static let maximumTrendWeeks = 52

    // The report's queries, each a range over an index (tested with EXPLAIN QUERY PLAN).
    static let sliceSQL = """
        SELECT s.handle, n.key, o.key, o.unit, sum(e.minutes)
        FROM entries e
        JOIN staff s ON s.id = e.staff_id
        JOIN networks n ON n.id = e.network_id
        JOIN outcomes o ON o.id = e.outcome_id
        WHERE e.date BETWEEN ? AND ? AND e.deleted = 0
        GROUP BY s.handle, n.key, o.key
        """
    static let resultTotalsSQL = """
        SELECT o.key, o.unit, sum(r.quantity)
        FROM results r JOIN outcomes o ON o.id = r.outcome_id
        WHERE r.date BETWEEN ? AND ?
        GROUP BY o.key
        """
    static let trendEntriesSQL = """
        SELECT s.handle, s.name, e.date, sum(e.minutes)
        FROM entries e JOIN staff s ON s.id = e.staff_id
        WHERE e.date BETWEEN ? AND ? AND e.deleted = 0
        GROUP BY s.handle, e.date
        """
    static let trendJustificationsSQL = """
        SELECT s.handle, s.name, j.week, j.status
        FROM justifications j JOIN staff s ON s.id = j.staff_id
        WHERE j.week BETWEEN ? AND ?
        """

    /// The weekly manager report for `week` and the `trendWeeks` weeks before it, with the stored
    /// threshold unless `threshold` overrides it. Reads only the date range of the weeks shown,
    /// through the date indexes, never the whole history.
    public func weeklyReport(_ week: ISOWeek, trendWeeks: Int = 4, threshold: Minutes? = nil) throws(SocialTimeError) -> WeeklyReport {
        guard (0...Self.maximumTrendWeeks).contains(trendWeeks) else {
            throw .invalidInput("invalid number of trend weeks \(trendWeeks): use 0 to \(Self.maximumTrendWeeks)")
        }
        return try read {
            let builder = ReportBuilder(threshold: try threshold ?? storedThreshold())
            return builder.build(week: week, people: try staffWeeks(week), slices: try slices(week),
                                 results: try resultTotals(week), trend: try trend(before: week, weeks: trendWeeks))
        }
    }

    /// Each person's minutes per network and outcome in `week`.
    func slices(_ week: ISOWeek) throws -> [ReportBuilder.Slice] {
        try db.prepare(Self.sliceSQL).rows([week.monday.description, week.sunday.description]) { row in
            ReportBuilder.Slice(staff: Handle(trusted: row.text(0)), network: row.text(1), outcome: row.text(2),
                                unit: row.optionalText(3), minutes: Minutes(row.int(4)))
        }
    }

    /// The week's results, summed per outcome.
    func resultTotals(_ week: ISOWeek) throws -> [ReportBuilder.ResultTotal] {
        try db.prepare(Self.resultTotalsSQL).rows([week.monday.description, week.sunday.description]) { row in
            ReportBuilder.ResultTotal(outcome: row.text(0), unit: row.optionalText(1), quantity: row.int(2))
        }
    }

    /// The `weeks` weeks before `week`, each as the analyzer sees it: two range queries (entries
    /// per person and day, justifications per person and week), grouped into weeks here.
    func trend(before week: ISOWeek, weeks: Int) throws -> [(week: ISOWeek, people: [StaffWeek])] {
        guard weeks > 0 else { return [] }
        let first = week.adding(weeks: -weeks), last = week.previous
        var minutes: [ISOWeek: [Handle: Minutes]] = [:]
        var names: [Handle: String] = [:]
        try db.prepare(Self.trendEntriesSQL).forEachRow([first.monday.description, last.sunday.description]) { row in
            let handle = Handle(trusted: row.text(0))
            names[handle] = row.text(1)
            let day = CalendarDate(iso: row.text(2)) ?? first.monday
            minutes[ISOWeek(containing: day), default: [:]][handle, default: .zero] += Minutes(row.int(3))
        }
        var statuses: [ISOWeek: [Handle: JustificationStatus]] = [:]
        try db.prepare(Self.trendJustificationsSQL).forEachRow([first.description, last.description]) { row in
            guard let week = ISOWeek(iso: row.text(2)) else { return }
            let handle = Handle(trusted: row.text(0))
            names[handle] = row.text(1)
            statuses[week, default: [:]][handle] = JustificationStatus(rawValue: row.text(3)) ?? JustificationStatus.none
        }
        return (0..<weeks).map { offset in
            let shown = first.adding(weeks: offset)
            let handles = Set(minutes[shown, default: [:]].keys).union(statuses[shown, default: [:]].keys)
            let people = handles.sorted().map { handle in
                StaffWeek(staff: handle, name: names[handle] ?? handle.value, minutes: minutes[shown]?[handle] ?? .zero,
                          justificationStatus: statuses[shown]?[handle] ?? JustificationStatus.none)
            }
            return (shown, people)
        }
    }
}
