/// What a person's justification for a week looks like after `justify` or `review`.
public struct Justification: Sendable, Equatable {
    public let staff: Handle
    public let week: ISOWeek
    public let text: String
    public let status: JustificationStatus
    /// Whether this replaced an earlier text (which stays in the history).
    public let replaced: Bool
    /// The person's logged time that week, so the command can say where they stand.
    public let weekTotal: Minutes
    public let reviewedBy: Handle?
    public let comment: String?
}

/// A justification as `justifications` shows it: the text, its effective status, the review and
/// every earlier step.
public struct JustificationView: Sendable, Equatable {
    public let stored: StoredJustification
    public let status: JustificationStatus
    /// The week's total now.
    public let minutes: Minutes
    public let history: [JustificationEvent]
    /// The person's changes to the week after it ended, oldest first.
    public var lateChanges: [LateChange] = []
}

/// Justifications: at least 20 characters explaining what the business gets; re-submitting
/// replaces the text and sends it back for review; a manager reviews, never their own.
extension Rulebook {
    /// A justification must say something: at least this many characters (grapheme clusters)
    /// after trimming white space.
    public static let minimumJustificationLength = 20

    /// Checks a justification's text: no control characters, not too long, and at least
    /// `minimumJustificationLength` characters once trimmed. The text is stored verbatim.
    public static func validatedJustification(_ text: String) throws(SocialTimeError) -> String {
        let text = try Text.validate(text, field: "justification", maxLength: 4000)
        let length = text.trimmingWhitespace().count
        guard length >= minimumJustificationLength else {
            throw .invalidInput("a justification needs at least \(minimumJustificationLength) characters explaining what the business gets from the hours; this one has \(length)")
        }
        return text
    }

    /// Submits (or replaces) the acting person's justification for `week`. Refused for a week
    /// with nothing logged: there is nothing to explain.
    public func justify(week: ISOWeek, text: String) async throws(SocialTimeError) -> (justification: Justification, registered: Bool) {
        let text = try Self.validatedJustification(text)
        return try await write { tx in
            let (actor, staff, registered) = try await registeredActor(in: tx)
            let total = try await tx.weekTotal(staffID: staff.id, week: week)
            guard total.value > 0 else {
                throw SocialTimeError.invalidInput("\(staff.handle) has nothing logged in \(week): there is nothing to justify (log the hours first)")
            }
            let existing = try await tx.justification(staffID: staff.id, week: week)
            let id: Int
            if let existing {
                try await tx.resubmitJustification(id: existing.id, text: text, submittedAt: now)
                id = existing.id
            } else {
                id = try await tx.insertJustification(staffID: staff.id, week: week, text: text, submittedAt: now)
            }
            try await tx.insertJustificationEvent(justificationID: id,
                JustificationEvent(status: .submitted, text: text, comment: nil, at: now, by: actor.handle), byStaffID: staff.id)
            let justification = Justification(staff: staff.handle, week: week, text: text, status: .submitted,
                                              replaced: existing != nil, weekTotal: total, reviewedBy: nil, comment: nil)
            return (justification, registered)
        }
    }

    /// A manager accepts or rejects `staff`'s justification for `week`, covering the minutes the
    /// week holds now. Never their own: the workflow is the point.
    public func review(staff handle: Handle, week: ISOWeek, accept: Bool, comment: String?) async throws(SocialTimeError) -> Justification {
        let comment = try comment.map { text throws(SocialTimeError) in try Text.validate(text, field: "comment", maxLength: 2000) }
        return try await write { tx in
            let actor = try await actor(in: tx)
            try actor.requireManager(to: "review justifications")
            // A review is given in the login's own name: a manager login cannot review through
            // `--as`/`$SOCIALTIME_USER`; only the administrator (who owns the store anyway) may
            // name the reviewing manager. The rule is on who is acting, not who is acted for.
            if let login = loginHandle, actor.handle != login, !identity.administersStore {
                throw SocialTimeError.permissionDenied(
                    "a manager's review is given in their own name: \(login) cannot review as \(actor.handle) "
                    + "(only the administrator may name the reviewing manager)")
            }
            // A review names its reviewer: the administrator, who has every manager right on the
            // roster or not, joins it as a manager the first time it reviews.
            var member = actor.member
            if member == nil && actor.rights == .administrator {
                member = try await register(actor.handle, name: nil, email: nil, manager: true, in: tx)
            }
            guard let reviewer = member, reviewer.active else {
                throw SocialTimeError.permissionDenied("only an active manager on the roster can review justifications; \(actor.handle) is not one")
            }
            let staff = try await requireStaff(handle, in: tx)
            guard staff.id != reviewer.id, staff.handle != loginHandle else {
                throw SocialTimeError.permissionDenied("a manager cannot review their own justification; \(staff.handle) wrote this one")
            }
            guard let stored = try await tx.justification(staffID: staff.id, week: week) else {
                throw SocialTimeError.invalidInput("\(handle) has no justification for \(week): there is nothing to review (they submit one with `socialtime justify --week \(week) TEXT`)")
            }
            let status: StoredJustificationStatus = accept ? .accepted : .rejected
            let total = try await tx.weekTotal(staffID: staff.id, week: week)
            try await tx.saveReview(justificationID: stored.id, ReviewRecord(status: status, reviewerID: reviewer.id, reviewedAt: now,
                                                                             comment: comment, reviewedMinutes: total))
            try await tx.insertJustificationEvent(justificationID: stored.id,
                JustificationEvent(status: status, text: stored.text, comment: comment, at: now, by: reviewer.handle), byStaffID: reviewer.id)
            return Justification(staff: staff.handle, week: week, text: stored.text, status: accept ? .accepted : .rejected,
                                 replaced: false, weekTotal: total, reviewedBy: reviewer.handle, comment: comment)
        }
    }

    /// Justifications with their history: the acting person's own, or (managers) anyone's.
    /// `week` nil means every week.
    public func justifications(week: ISOWeek?, staff: Handle?) async throws(SocialTimeError) -> [JustificationView] {
        try await read { tx in
            let actor = try await actor(in: tx)
            try await authorizeReading(staff, actor: actor, in: tx, what: "read the justifications of")
            let staffID = try await staff.asyncMap { try await tx.staffMember($0)?.id } ?? nil
            if staff != nil && staffID == nil { return [] }
            var views: [JustificationView] = []
            var late: [ISOWeek: [LateChange]] = [:]
            for stored in try await tx.justifications(week: week, staffID: staffID) {
                let minutes = try await tx.weekTotal(staffID: stored.staffID, week: stored.week)
                var view = JustificationView(stored: stored, status: ReviewCoverage.status(of: stored, weekMinutes: minutes),
                                             minutes: minutes, history: try await tx.justificationHistory(justificationID: stored.id))
                if late[stored.week] == nil { late[stored.week] = try await lateChanges(stored.week, in: tx) }
                view.lateChanges = late[stored.week]!.filter { $0.staff == stored.staff }
                views.append(view)
            }
            return views
        }
    }
}
