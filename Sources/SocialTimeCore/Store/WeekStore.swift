extension SQLiteStore {
    /// Everyone with entries in `week` or a justification for it, with their total and status.
    /// Reads only that week's rows, through the date index.
    func staffWeeks(_ week: ISOWeek) throws -> [StaffWeek] {
        try db.prepare("""
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
            SELECT s.handle, s.name, coalesce(t.minutes, 0), j.status, j.text
            FROM people p
            JOIN staff s ON s.id = p.staff_id
            LEFT JOIN totals t ON t.staff_id = p.staff_id
            LEFT JOIN justifications j ON j.staff_id = p.staff_id AND j.week = ?3
            ORDER BY s.handle
            """).rows([week.monday.description, week.sunday.description, week.description]) { row in
            StaffWeek(staff: Handle(trusted: row.text(0)), name: row.text(1), minutes: Minutes(row.int(2)),
                      justificationStatus: row.optionalText(3).flatMap(JustificationStatus.init(rawValue:)) ?? .none,
                      justification: row.optionalText(4))
        }
    }

    /// The analyzer's verdict on `week`, with the stored threshold unless `threshold` overrides it.
    public func analyze(_ week: ISOWeek, threshold: Minutes? = nil) throws(SocialTimeError) -> WeekAnalysis {
        try read {
            let analyzer = Analyzer(threshold: try threshold ?? storedThreshold())
            return analyzer.analyze(week, try staffWeeks(week))
        }
    }
}
