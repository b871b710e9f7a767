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

extension SQLiteStore {
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

    /// Submits (or replaces) `staff`'s justification for `week`, registering an unknown acting
    /// person like `log` does. A replacement resets the status to `submitted` and clears the
    /// review; every version is kept in `justification_history`.
    public func justify(staff handle: Handle, week: ISOWeek, text: String) throws(SocialTimeError) -> (justification: Justification, registered: Bool) {
        let text = try Self.validatedJustification(text)
        return try write {
            let (staff, registered) = try actingStaff(handle)
            let existing = try db.scalarInt("SELECT id FROM justifications WHERE staff_id = ? AND week = ?", [staff.id, week.description])
            let id: Int
            if let existing {
                try db.run("""
                    UPDATE justifications SET text = ?, status = 'submitted', submitted_at = ?,
                        reviewed_by = NULL, reviewed_at = NULL, review_comment = NULL
                    WHERE id = ?
                    """, [text, clock.timestamp, existing])
                id = existing
            } else {
                try db.run("INSERT INTO justifications(staff_id, week, text, status, submitted_at) VALUES (?, ?, ?, 'submitted', ?)",
                           [staff.id, week.description, text, clock.timestamp])
                id = db.lastInsertRowID
            }
            try recordHistory(justificationID: id, text: text, status: .submitted, comment: nil, by: staff.id)
            let justification = Justification(staff: staff.handle, week: week, text: text, status: .submitted,
                                              replaced: existing != nil, weekTotal: try weekTotal(staffID: staff.id, week: week),
                                              reviewedBy: nil, comment: nil)
            return (justification, registered)
        }
    }

    /// A manager accepts or rejects `staff`'s justification for `week`. Only someone with the
    /// manager role may review, and not their own justification: the workflow is the point.
    public func review(staff handle: Handle, week: ISOWeek, reviewer reviewerHandle: Handle, accept: Bool, comment: String?) throws(SocialTimeError) -> Justification {
        let comment = try comment.map { text throws(SocialTimeError) in try Text.validate(text, field: "comment", maxLength: 2000) }
        return try write {
            guard let reviewer = try findStaff(reviewerHandle), reviewer.role == .manager else {
                throw SocialTimeError.invalidInput("only a manager can review justifications, and \(reviewerHandle) is not one: a manager can run `socialtime staff promote \(reviewerHandle)`, or act as a manager with --as HANDLE")
            }
            guard reviewer.active else {
                throw SocialTimeError.invalidInput("\(reviewerHandle) is deactivated and cannot review")
            }
            let staff = try requireStaff(handle)
            guard staff.id != reviewer.id else {
                throw SocialTimeError.invalidInput("\(reviewerHandle) cannot review their own justification: another manager must")
            }
            guard let row = try db.prepare("SELECT id, text FROM justifications WHERE staff_id = ? AND week = ?")
                .firstRow([staff.id, week.description], { (id: $0.int(0), text: $0.text(1)) }) else {
                throw SocialTimeError.invalidInput("\(handle) has no justification for \(week): there is nothing to review (they submit one with `socialtime justify --week \(week) TEXT`)")
            }
            let status: JustificationStatus = accept ? .accepted : .rejected
            try db.run("UPDATE justifications SET status = ?, reviewed_by = ?, reviewed_at = ?, review_comment = ? WHERE id = ?",
                       [status.rawValue, reviewer.id, clock.timestamp, comment, row.id])
            try recordHistory(justificationID: row.id, text: row.text, status: status, comment: comment, by: reviewer.id)
            return Justification(staff: staff.handle, week: week, text: row.text, status: status, replaced: false,
                                 weekTotal: try weekTotal(staffID: staff.id, week: week),
                                 reviewedBy: reviewer.handle, comment: comment)
        }
    }

    func recordHistory(justificationID: Int, text: String, status: JustificationStatus, comment: String?, by staffID: Int) throws {
        try db.run("""
            INSERT INTO justification_history(justification_id, text, status, comment, changed_by, changed_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [justificationID, text, status.rawValue, comment, staffID, clock.timestamp])
    }
}
