/// A review covers the minutes it saw. When the week later grows beyond them, the acceptance no
/// longer covers it: the justification is `submitted` again, awaiting a new review.
public enum ReviewCoverage {
    public static func status(of justification: StoredJustification?, weekMinutes: Minutes) -> JustificationStatus {
        guard let justification else { return .none }
        switch justification.status {
        case .submitted: return .submitted
        case .rejected: return .rejected
        case .accepted:
            if let covered = justification.reviewedMinutes, weekMinutes > covered { return .submitted }
            return .accepted
        }
    }

    /// The analyzer's view of a stored week.
    public static func staffWeek(_ stored: StoredStaffWeek) -> StaffWeek {
        let justification = stored.justification
        return StaffWeek(staff: stored.staff, name: stored.name, minutes: stored.minutes,
                         justificationStatus: status(of: justification, weekMinutes: stored.minutes),
                         justification: justification?.text, reviewedBy: justification?.reviewedBy,
                         reviewComment: justification?.comment, reviewedMinutes: justification?.reviewedMinutes)
    }
}
