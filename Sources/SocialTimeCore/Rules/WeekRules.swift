/// The analyzer and the weekly report, each week judged by its own threshold and every review
/// covering only the minutes it saw. Managers only: the week of everyone is a manager's view.
extension Rulebook {
    /// The most trend weeks a report shows: a year, enough for a season's pattern.
    public static let maximumTrendWeeks = 52

    func staffWeeks(_ week: ISOWeek, in tx: any ReadTransaction) async throws -> [StaffWeek] {
        try await tx.staffWeeks(week).map(ReviewCoverage.staffWeek)
    }

    func analysis(_ week: ISOWeek, threshold override: Minutes? = nil, in tx: any ReadTransaction) async throws -> WeekAnalysis {
        var chosen = override
        if chosen == nil { chosen = try await threshold(for: week, in: tx) }
        var analysis = Analyzer(threshold: chosen!).analyze(week, try await staffWeeks(week, in: tx))
        analysis.lateChanges = try await lateChanges(week, in: tx)
        return analysis
    }

    /// The analyzer's verdict on `week`, by that week's threshold unless `threshold` overrides it.
    public func analyze(_ week: ISOWeek, threshold: Minutes? = nil) async throws(SocialTimeError) -> WeekAnalysis {
        try await read { tx in
            try await actor(in: tx).requireManager(to: "see everyone's flags")
            return try await analysis(week, threshold: threshold, in: tx)
        }
    }

    /// The weekly manager report for `week` and the `trendWeeks` weeks before it. Reads only the
    /// weeks shown, through the date indexes, never the whole history.
    public func weeklyReport(_ week: ISOWeek, trendWeeks: Int = 4, generatedAt: String? = nil) async throws(SocialTimeError) -> WeeklyReport {
        guard (0...Self.maximumTrendWeeks).contains(trendWeeks) else {
            throw .invalidInput("invalid number of trend weeks \(trendWeeks): use 0 to \(Self.maximumTrendWeeks)")
        }
        return try await read { tx in
            try await actor(in: tx).requireManager(to: "read the weekly report")
            let thresholds = try await tx.thresholds()
            var trend: [(week: ISOWeek, people: [StaffWeek], threshold: Minutes)] = []
            for offset in stride(from: trendWeeks, to: 0, by: -1) {
                let shown = week.adding(weeks: -offset)
                trend.append((shown, try await staffWeeks(shown, in: tx), ThresholdRules.threshold(for: shown, in: thresholds)))
            }
            let builder = ReportBuilder(threshold: ThresholdRules.threshold(for: week, in: thresholds))
            var report = builder.build(week: week, people: try await staffWeeks(week, in: tx), slices: try await tx.slices(week),
                                       results: try await tx.resultTotals(week), trend: trend,
                                       company: try await tx.setting(Self.companySetting), generatedAt: generatedAt ?? "")
            report.lateChanges = try await lateChanges(week, in: tx)
            return report
        }
    }

    /// Reads for `export`, all in one snapshot (managers only).
    public func export<T>(_ body: (ExportReader) async throws -> T) async throws(SocialTimeError) -> T {
        try await read { tx in
            try await actor(in: tx).requireManager(to: "export everyone's data")
            return try await body(ExportReader(rulebook: self, tx: tx))
        }
    }
}

/// What an export reads, inside one read transaction, judged by the same rules as the report.
public struct ExportReader {
    let rulebook: Rulebook
    let tx: any ReadTransaction

    public func forEachEntry(in range: ExportRange, _ body: (Entry) async throws -> Void) async throws {
        try await tx.forEachEntry(in: range, body)
    }

    public func analysis(_ week: ISOWeek) async throws -> WeekAnalysis {
        try await rulebook.analysis(week, in: tx)
    }

    public func results(from: CalendarDate, to: CalendarDate) async throws -> [RecordedResult] {
        try await tx.results(from: from, to: to, staffID: nil)
    }

    /// The ISO weeks from the first to the last with entries or a justification.
    public func weeksWithData() async throws -> [ISOWeek] {
        let span = try await tx.dataSpan()
        let weeks = [span.firstDate?.isoWeek, span.lastDate?.isoWeek, span.firstJustifiedWeek, span.lastJustifiedWeek].compactMap { $0 }
        guard let first = weeks.min(), let last = weeks.max() else { return [] }
        return ISOWeek.all(from: first, through: last)
    }
}
