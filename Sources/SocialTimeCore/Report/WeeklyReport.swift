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
    /// Who reviewed the justification, their comment, and the week's total the review covered;
    /// all nil while nobody has reviewed it.
    public let reviewedBy: Handle?
    public let reviewComment: String?
    public let reviewedMinutes: Minutes?

    public init(staff: Handle, name: String, minutes: Minutes, byNetwork: [KeyedMinutes], byOutcome: [KeyedMinutes],
                justificationStatus: JustificationStatus, justification: String?, flagged: Bool, awaitingReview: Bool,
                reviewedBy: Handle? = nil, reviewComment: String? = nil, reviewedMinutes: Minutes? = nil) {
        self.staff = staff
        self.name = name
        self.minutes = minutes
        self.byNetwork = byNetwork
        self.byOutcome = byOutcome
        self.justificationStatus = justificationStatus
        self.justification = justification
        self.flagged = flagged
        self.awaitingReview = awaitingReview
        self.reviewedBy = reviewedBy
        self.reviewComment = reviewComment
        self.reviewedMinutes = reviewedMinutes
    }
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
    /// The company's name (`config company`), shown in the HTML title and the mail's subject.
    public let company: String?
    /// When the report was made, ISO 8601 with offset (`2026-11-30T06:00:00+01:00`), passed in
    /// by the caller because the library never reads the clock; empty when not given.
    public let generatedAt: String
    /// Changes made to the week after it ended, oldest first (filled in by the rulebook).
    public var lateChanges: [LateChange] = []

    public init(week: ISOWeek, threshold: Minutes, people: [ReportPerson], outcomes: [ReportOutcome], networks: [KeyedMinutes],
                trend: [TrendWeek], company: String? = nil, generatedAt: String = "") {
        self.week = week
        self.threshold = threshold
        self.people = people
        self.outcomes = outcomes
        self.networks = networks
        self.trend = trend
        self.company = company
        self.generatedAt = generatedAt
    }

    public var totalMinutes: Minutes { people.map(\.minutes).sum() }
    public var flaggedCount: Int { people.filter(\.flagged).count }
    public var awaitingReviewCount: Int { people.filter(\.awaitingReview).count }
    /// This week as a trend point, for charts that show it after the previous weeks.
    public var thisWeek: TrendWeek { TrendWeek(week: week, minutes: totalMinutes, flagged: flaggedCount) }
}
