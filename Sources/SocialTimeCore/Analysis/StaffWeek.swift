/// One person's ISO week as the analyzer sees it: the hours, and where their explanation stands.
public struct StaffWeek: Sendable, Equatable {
    public let staff: Handle
    public let name: String
    public let minutes: Minutes
    /// The effective status: an acceptance that covered fewer minutes than the week now holds
    /// is `submitted` again (see `ReviewCoverage`).
    public let justificationStatus: JustificationStatus
    /// The current justification text, if any was submitted.
    public let justification: String?
    public let reviewedBy: Handle?
    public let reviewComment: String?
    /// The week's minutes when it was last reviewed.
    public let reviewedMinutes: Minutes?

    public init(staff: Handle, name: String, minutes: Minutes, justificationStatus: JustificationStatus, justification: String? = nil,
                reviewedBy: Handle? = nil, reviewComment: String? = nil, reviewedMinutes: Minutes? = nil) {
        self.staff = staff
        self.name = name
        self.minutes = minutes
        self.justificationStatus = justificationStatus
        self.justification = justification
        self.reviewedBy = reviewedBy
        self.reviewComment = reviewComment
        self.reviewedMinutes = reviewedMinutes
    }

    /// Minutes logged since the last review covered the week, when that is more than nothing.
    public var minutesSinceReview: Minutes? {
        guard let reviewedMinutes, minutes > reviewedMinutes else { return nil }
        return minutes - reviewedMinutes
    }
}
