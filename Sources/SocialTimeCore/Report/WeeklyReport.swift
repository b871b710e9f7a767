/// Minutes under a key (a network or an outcome): one cell of a breakdown.
public struct KeyedMinutes: Sendable, Equatable {
    public let key: String
    public let minutes: Minutes

    public init(key: String, minutes: Minutes) {
        self.key = key
        self.minutes = minutes
    }
}

/// One person's line in the weekly report.
public struct ReportPerson: Sendable, Equatable {
    public let staff: Handle
    public let name: String
    public let minutes: Minutes
    /// Most time first, then by key.
    public let byNetwork: [KeyedMinutes]
    public let byOutcome: [KeyedMinutes]
    public let justificationStatus: JustificationStatus
    public let justification: String?
    public let flagged: Bool
    public let awaitingReview: Bool
}

/// One outcome's effort and value: the figure that shows a manager which outcomes pay.
public struct ReportOutcome: Sendable, Equatable {
    public let outcome: String
    public let unit: String?
    public let minutes: Minutes
    public let results: Int
    /// Whole minutes per result, rounded half up; nil when nothing was achieved.
    public var minutesPerResult: Minutes? {
        results > 0 ? Minutes((minutes.value * 2 + results) / (2 * results)) : nil
    }

    /// `3 leads`, `1 lead`, `2 results`, or `—`.
    public var resultsText: String {
        guard results > 0 else { return "—" }
        guard let unit else { return results == 1 ? "1 result" : "\(results) results" }
        return "\(results) \(results == 1 ? Self.singular(unit) : unit)"
    }

    /// `per lead`, `per inquiry`, `per result`.
    public var perResultText: String { "per " + (unit.map(Self.singular) ?? "result") }

    /// English units are plural nouns (`hires`, `leads`, `inquiries`); one result reads better singular.
    static func singular(_ unit: String) -> String {
        if unit.hasSuffix("ies") { return String(unit.dropLast(3)) + "y" }
        if unit.hasSuffix("s") && !unit.hasSuffix("ss") { return String(unit.dropLast()) }
        return unit
    }
}

/// A week of the trend: total hours and how many people were flagged.
public struct TrendWeek: Sendable, Equatable {
    public let week: ISOWeek
    public let minutes: Minutes
    public let flagged: Int
}

/// The weekly manager report: one model, rendered as text, Markdown, JSON or HTML.
public struct WeeklyReport: Sendable, Equatable {
    public let week: ISOWeek
    public let threshold: Minutes
    /// Flagged people first (the manager's action list), then those awaiting review, then the
    /// rest; most time first within each group.
    public let people: [ReportPerson]
    /// Outcomes with time or results this week, most time first.
    public let outcomes: [ReportOutcome]
    /// Networks with time this week, most time first.
    public let networks: [KeyedMinutes]
    /// The weeks before `week`, oldest first, each judged by the threshold in force that week.
    public let trend: [TrendWeek]

    public var totalMinutes: Minutes { people.map(\.minutes).sum() }
    public var flaggedCount: Int { people.filter(\.flagged).count }
    public var awaitingReviewCount: Int { people.filter(\.awaitingReview).count }
    /// This week as a trend point, for charts that show it after the previous weeks.
    public var thisWeek: TrendWeek { TrendWeek(week: week, minutes: totalMinutes, flagged: flaggedCount) }
}
