/// The rule from the guide: whoever spends the threshold (default five hours) or more in an ISO
/// week on social networks must be able to explain what the business gets out of it.
///
/// A pure function of the week's totals and justifications, so it is tested on its own.
public struct Analyzer: Sendable {
    public let threshold: Minutes

    public init(threshold: Minutes) { self.threshold = threshold }

    /// At or over the threshold (inclusive: 5 h 00 m counts) and not explained — no
    /// justification, or a rejected one.
    public func isFlagged(_ week: StaffWeek) -> Bool {
        week.minutes >= threshold && (week.justificationStatus == .none || week.justificationStatus == .rejected)
    }

    /// At or over the threshold with a justification a manager has not reviewed yet.
    public func isAwaitingReview(_ week: StaffWeek) -> Bool {
        week.minutes >= threshold && week.justificationStatus == .submitted
    }

    public func analyze(_ week: ISOWeek, _ people: [StaffWeek]) -> WeekAnalysis {
        // Most hours first: the top of the list is where a manager starts.
        let ordered = people.sorted { ($0.minutes, $1.staff) > ($1.minutes, $0.staff) }
        return WeekAnalysis(week: week, threshold: threshold, people: ordered,
                            flagged: ordered.filter(isFlagged), awaitingReview: ordered.filter(isAwaitingReview))
    }
}

/// The analyzer's verdict on one week.
public struct WeekAnalysis: Sendable, Equatable {
    public let week: ISOWeek
    public let threshold: Minutes
    /// Everyone with entries that week or a justification for it, most hours first.
    public let people: [StaffWeek]
    public let flagged: [StaffWeek]
    public let awaitingReview: [StaffWeek]
    /// Changes made to the week after it ended, oldest first (filled in by the rulebook).
    public var lateChanges: [LateChange] = []

    public func isFlagged(_ person: StaffWeek) -> Bool { Analyzer(threshold: threshold).isFlagged(person) }
}
