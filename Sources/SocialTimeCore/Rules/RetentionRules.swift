/// Retention: how long data is kept (`config retention`), and `db prune`, which deletes entries,
/// results, justifications (with their history) and audit rows of older weeks.
public enum RetentionRules {
    /// The settings key that holds the number of months.
    public static let settingKey = "retention_months"
    public static let months = 1...1200

    /// `MONTHS` (1 to 1200) or `off` (nil).
    public static func parse(_ text: String) throws(SocialTimeError) -> Int? {
        let trimmed = text.trimmingWhitespace().lowercased()
        if trimmed == "off" { return nil }
        guard let value = Int(trimmed), months.contains(value) else {
            throw .invalidInput("invalid retention '\(Text.printable(text))': give a number of months from \(months.lowerBound) to \(months.upperBound), or off")
        }
        return value
    }

    /// The cut-off, defined once: the Monday of the ISO week that contains `today` minus
    /// `months` calendar months (a day past the end of the shorter month is its last day:
    /// 31 May minus 3 months is 28 or 29 February). Everything dated before it is older than the
    /// retention — whole weeks only, so a week is never half pruned — and a justification goes
    /// with its week: weeks before the cut-off's week.
    public static func cutoff(today: CalendarDate, months: Int) -> CalendarDate {
        let index = today.year * 12 + (today.month - 1) - months
        let year = index / 12, month = index % 12 + 1
        let day = min(today.day, CalendarDate.daysIn(month: month, year: year))
        let date = CalendarDate(year: year, month: month, day: day) ?? CalendarDate(dayNumber: 0)
        return ISOWeek(containing: date).monday
    }
}

/// What `db prune` did (or, with `dryRun`, would do).
public struct PruneOutcome: Sendable, Equatable {
    /// Nil when no retention is set: nothing was pruned.
    public let months: Int?
    public let cutoff: CalendarDate?
    public let counts: PruneCounts
    public let dryRun: Bool
    /// False when another process kept the files from being scrubbed at once.
    public let scrubbed: Bool
}

extension Rulebook {
    /// The retention in months, or nil when data is kept for ever.
    public func retention() async throws(SocialTimeError) -> Int? {
        try await read { tx in try await Self.retention(in: tx) }
    }

    static func retention(in tx: any ReadTransaction) async throws -> Int? {
        try await tx.setting(RetentionRules.settingKey).flatMap { Int($0) }
    }

    /// Sets the retention (managers only); nil turns it off.
    public func setRetention(_ months: Int?) async throws(SocialTimeError) {
        if let months, !RetentionRules.months.contains(months) {
            throw .invalidInput("invalid retention \(months): give a number of months from \(RetentionRules.months.lowerBound) to \(RetentionRules.months.upperBound), or off")
        }
        try await write { tx in
            try await actor(in: tx).requireManager(to: "change the retention")
            try await tx.setSetting(RetentionRules.settingKey, months.map(String.init))
        }
    }

    /// Deletes everything older than the retention in one transaction, then scrubs the files;
    /// `dryRun` only counts, in a read transaction. Managers only. No retention: nothing happens.
    public func prune(dryRun: Bool) async throws(SocialTimeError) -> PruneOutcome {
        let today = clock.today
        let plan: (months: Int?, counts: PruneCounts) = try await read { tx in
            try await actor(in: tx).requireManager(to: "prune the database")
            guard let months = try await Self.retention(in: tx) else { return (nil, PruneCounts()) }
            return (months, try await tx.pruneCounts(before: RetentionRules.cutoff(today: today, months: months)))
        }
        guard let months = plan.months else {
            return PruneOutcome(months: nil, cutoff: nil, counts: PruneCounts(), dryRun: dryRun, scrubbed: true)
        }
        let cutoff = RetentionRules.cutoff(today: today, months: months)
        if dryRun || plan.counts.total == 0 {
            return PruneOutcome(months: months, cutoff: cutoff, counts: plan.counts, dryRun: dryRun, scrubbed: true)
        }
        // Counted again inside the write: another writer may have changed things since.
        return try await erasing { tx in
            try await actor(in: tx).requireManager(to: "prune the database")
            let months = try await Self.retention(in: tx) ?? months
            let cutoff = RetentionRules.cutoff(today: today, months: months)
            let counts = try await tx.pruneCounts(before: cutoff)
            try await tx.prune(before: cutoff)
            return (months, cutoff, counts)
        } map: { value, scrubbed in
            PruneOutcome(months: value.0, cutoff: value.1, counts: value.2, dryRun: false, scrubbed: scrubbed)
        }
    }
}
