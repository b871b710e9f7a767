/// The plain records a store loads and saves. They carry data only; what may be saved, and when,
/// is decided by `Rulebook` before a store sees them.

/// A threshold in force from `fromWeek` on, until a later one.
public struct DatedThreshold: Sendable, Equatable {
    public let fromWeek: ISOWeek
    public let minutes: Minutes

    public init(fromWeek: ISOWeek, minutes: Minutes) {
        self.fromWeek = fromWeek
        self.minutes = minutes
    }
}

/// What an audit row is about.
public enum AuditSubject: Sendable, Equatable {
    case entry(Int)
    case result(Int)
}

/// One change in the audit log; `before` and `after` are JSON snapshots.
public struct AuditRecord: Sendable, Equatable {
    public let at: String
    /// The handle of whoever made the change (a manager acting on someone's data is named here).
    public let actor: String
    public let action: String
    public let before: String?
    public let after: String?
    /// A manager's `--reason` for a change in a closed week.
    public let reason: String?
    /// The ended week this change is late for (decided by the rulebook when it was made), or nil.
    public let lateWeek: ISOWeek?

    public init(at: String, actor: String, action: String, before: String?, after: String?,
                reason: String? = nil, lateWeek: ISOWeek? = nil) {
        self.at = at
        self.actor = actor
        self.action = action
        self.before = before
        self.after = after
        self.reason = reason
        self.lateWeek = lateWeek
    }
}

/// A late change as stored: the audit row, with the entry it changed as it is now.
public struct StoredLateChange: Sendable, Equatable {
    public let entryID: Int
    /// Whose entry it is.
    public let staff: Handle
    public let entryDate: CalendarDate
    public let entryMinutes: Minutes
    public let change: AuditRecord

    public init(entryID: Int, staff: Handle, entryDate: CalendarDate, entryMinutes: Minutes, change: AuditRecord) {
        self.entryID = entryID
        self.staff = staff
        self.entryDate = entryDate
        self.entryMinutes = entryMinutes
        self.change = change
    }
}

/// Where the data starts and ends, for `export --all`.
public struct DataSpan: Sendable, Equatable {
    public let firstDate: CalendarDate?
    public let lastDate: CalendarDate?
    public let firstJustifiedWeek: ISOWeek?
    public let lastJustifiedWeek: ISOWeek?

    public init(firstDate: CalendarDate?, lastDate: CalendarDate?, firstJustifiedWeek: ISOWeek?, lastJustifiedWeek: ISOWeek?) {
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.firstJustifiedWeek = firstJustifiedWeek
        self.lastJustifiedWeek = lastJustifiedWeek
    }
}

/// A person's week as stored: the minutes and the justification exactly as saved. The rulebook
/// turns it into the `StaffWeek` the analyzer judges (a review covers only the minutes it saw).
public struct StoredStaffWeek: Sendable, Equatable {
    public let staff: Handle
    public let name: String
    public let minutes: Minutes
    public let justification: StoredJustification?

    public init(staff: Handle, name: String, minutes: Minutes, justification: StoredJustification?) {
        self.staff = staff
        self.name = name
        self.minutes = minutes
        self.justification = justification
    }
}

/// The stored status of a justification (the effective one may differ: see `ReviewCoverage`).
public enum StoredJustificationStatus: String, Sendable, Equatable {
    case submitted, accepted, rejected
}

/// A justification row as stored.
public struct StoredJustification: Sendable, Equatable {
    public let id: Int
    public let staffID: Int
    public let staff: Handle
    public let week: ISOWeek
    public let text: String
    public let status: StoredJustificationStatus
    public let submittedAt: String
    public let reviewedBy: Handle?
    public let reviewedAt: String?
    public let comment: String?
    /// The week's minutes when it was reviewed.
    public let reviewedMinutes: Minutes?

    public init(id: Int, staffID: Int, staff: Handle, week: ISOWeek, text: String, status: StoredJustificationStatus,
                submittedAt: String, reviewedBy: Handle?, reviewedAt: String?, comment: String?, reviewedMinutes: Minutes?) {
        self.id = id
        self.staffID = staffID
        self.staff = staff
        self.week = week
        self.text = text
        self.status = status
        self.submittedAt = submittedAt
        self.reviewedBy = reviewedBy
        self.reviewedAt = reviewedAt
        self.comment = comment
        self.reviewedMinutes = reviewedMinutes
    }
}

/// One step of a justification's history: submitted, accepted or rejected.
public struct JustificationEvent: Sendable, Equatable {
    public let status: StoredJustificationStatus
    public let text: String
    public let comment: String?
    public let at: String
    /// Who did it: the person (submitted) or the reviewer.
    public let by: Handle

    public init(status: StoredJustificationStatus, text: String, comment: String?, at: String, by: Handle) {
        self.status = status
        self.text = text
        self.comment = comment
        self.at = at
        self.by = by
    }
}

/// A review to save.
public struct ReviewRecord: Sendable, Equatable {
    public let status: StoredJustificationStatus
    public let reviewerID: Int
    public let reviewedAt: String
    public let comment: String?
    public let reviewedMinutes: Minutes

    public init(status: StoredJustificationStatus, reviewerID: Int, reviewedAt: String, comment: String?, reviewedMinutes: Minutes) {
        self.status = status
        self.reviewerID = reviewerID
        self.reviewedAt = reviewedAt
        self.comment = comment
        self.reviewedMinutes = reviewedMinutes
    }
}

/// A person to put on the roster.
public struct NewStaffRecord: Sendable, Equatable {
    public let handle: Handle
    public let name: String
    public let email: String?
    public let role: StaffMember.Role
    public let createdAt: String

    public init(handle: Handle, name: String, email: String?, role: StaffMember.Role, createdAt: String) {
        self.handle = handle
        self.name = name
        self.email = email
        self.role = role
        self.createdAt = createdAt
    }
}

/// Roster fields to change; nil leaves a field as it is (`email: .some(nil)` clears it).
public struct StaffRecordChange: Sendable, Equatable {
    public var name: String?
    public var email: String??
    public var role: StaffMember.Role?
    public var active: Bool?

    public init(name: String? = nil, email: String?? = nil, role: StaffMember.Role? = nil, active: Bool? = nil) {
        self.name = name
        self.email = email
        self.role = role
        self.active = active
    }
}

/// An entry to insert, with its names already resolved to ids.
public struct EntryRecord: Sendable, Equatable {
    /// Kept when importing a socialtime export; nil lets the store number it.
    public var id: Int?
    public var staffID: Int
    public var date: CalendarDate
    public var minutes: Minutes
    public var networkID: Int
    public var outcomeID: Int
    public var note: String
    public var loggedAt: String
    /// The clock times it ran, when known (a timer, `--from/--to`): ISO 8601 with offset.
    public var startedAt: String?
    public var endedAt: String?
    /// A foreign import's identity of the row, so re-importing adds nothing.
    public var importKey: String?

    public init(id: Int? = nil, staffID: Int, date: CalendarDate, minutes: Minutes, networkID: Int, outcomeID: Int,
                note: String, loggedAt: String, startedAt: String? = nil, endedAt: String? = nil, importKey: String? = nil) {
        self.id = id
        self.staffID = staffID
        self.date = date
        self.minutes = minutes
        self.networkID = networkID
        self.outcomeID = outcomeID
        self.note = note
        self.loggedAt = loggedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.importKey = importKey
    }
}

/// A result to insert.
public struct ResultRecord: Sendable, Equatable {
    public var id: Int?
    public var staffID: Int
    public var date: CalendarDate
    public var outcomeID: Int
    public var quantity: Int
    public var note: String
    public var loggedAt: String

    public init(id: Int? = nil, staffID: Int, date: CalendarDate, outcomeID: Int, quantity: Int, note: String, loggedAt: String) {
        self.id = id
        self.staffID = staffID
        self.date = date
        self.outcomeID = outcomeID
        self.quantity = quantity
        self.note = note
        self.loggedAt = loggedAt
    }
}

/// A running timer to save.
public struct TimerRecord: Sendable, Equatable {
    public let staffID: Int
    public let networkID: Int
    public let outcomeID: Int
    public let note: String
    /// ISO 8601 with offset.
    public let startedAt: String

    public init(staffID: Int, networkID: Int, outcomeID: Int, note: String, startedAt: String) {
        self.staffID = staffID
        self.networkID = networkID
        self.outcomeID = outcomeID
        self.note = note
        self.startedAt = startedAt
    }
}

/// A running timer, as read back with its names.
public struct RunningTimer: Sendable, Equatable {
    public let staff: Handle
    public let network: String
    public let outcome: String
    public let note: String
    public let startedAt: String

    public init(staff: Handle, network: String, outcome: String, note: String, startedAt: String) {
        self.staff = staff
        self.network = network
        self.outcome = outcome
        self.note = note
        self.startedAt = startedAt
    }
}

/// An entry with the clock times it ran (a timer, `--from/--to`, an import with start and end):
/// what the no-overlap rule compares.
public struct TimedEntry: Sendable, Equatable {
    public let id: Int
    public let date: CalendarDate
    /// ISO 8601 with offset, as stored.
    public let startedAt: String
    public let endedAt: String

    public init(id: Int, date: CalendarDate, startedAt: String, endedAt: String) {
        self.id = id
        self.date = date
        self.startedAt = startedAt
        self.endedAt = endedAt
    }
}
