/// The records behind "Personal data" (`staff export-data`, `staff erase`, `db prune`): data
/// only, as stored. What may be exported, erased or pruned is decided by `Rulebook`.

/// A roster row with everything stored on it.
public struct PersonalStaffRow: Sendable, Equatable {
    public let id: Int
    public let handle: Handle
    public let name: String
    public let email: String?
    public let role: StaffMember.Role
    public let active: Bool
    public let createdAt: String

    public init(id: Int, handle: Handle, name: String, email: String?, role: StaffMember.Role, active: Bool, createdAt: String) {
        self.id = id
        self.handle = handle
        self.name = name
        self.email = email
        self.role = role
        self.active = active
        self.createdAt = createdAt
    }
}

/// An entry with every stored column, deleted or not.
public struct PersonalEntry: Sendable, Equatable {
    public let id: Int
    public let date: CalendarDate
    public let minutes: Minutes
    public let network: String
    public let outcome: String
    public let note: String
    public let loggedAt: String
    public let updatedAt: String?
    public let startedAt: String?
    public let endedAt: String?
    public let deleted: Bool
    public let importKey: String?

    public init(id: Int, date: CalendarDate, minutes: Minutes, network: String, outcome: String, note: String, loggedAt: String,
                updatedAt: String?, startedAt: String?, endedAt: String?, deleted: Bool, importKey: String?) {
        self.id = id
        self.date = date
        self.minutes = minutes
        self.network = network
        self.outcome = outcome
        self.note = note
        self.loggedAt = loggedAt
        self.updatedAt = updatedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.deleted = deleted
        self.importKey = importKey
    }
}

/// A result with every stored column, deleted or not.
public struct PersonalResult: Sendable, Equatable {
    public let id: Int
    public let date: CalendarDate
    public let outcome: String
    public let quantity: Int
    public let note: String
    public let loggedAt: String
    public let updatedAt: String?
    public let deleted: Bool

    public init(id: Int, date: CalendarDate, outcome: String, quantity: Int, note: String, loggedAt: String, updatedAt: String?, deleted: Bool) {
        self.id = id
        self.date = date
        self.outcome = outcome
        self.quantity = quantity
        self.note = note
        self.loggedAt = loggedAt
        self.updatedAt = updatedAt
        self.deleted = deleted
    }
}

/// An audit row with its id and subject.
public struct PersonalAuditRow: Sendable, Equatable {
    public let id: Int
    public let subject: AuditSubject
    public let record: AuditRecord

    public init(id: Int, subject: AuditSubject, record: AuditRecord) {
        self.id = id
        self.subject = subject
        self.record = record
    }
}

/// A justification of the person's, with every step of its history.
public struct PersonalJustification: Sendable, Equatable {
    public let justification: StoredJustification
    public let history: [JustificationEvent]

    public init(justification: StoredJustification, history: [JustificationEvent]) {
        self.justification = justification
        self.history = history
    }
}

/// A review the person made of someone else's justification (a history step, or the current review).
public struct ReviewGiven: Sendable, Equatable {
    public let staff: Handle
    public let week: ISOWeek
    public let status: StoredJustificationStatus
    public let comment: String?
    public let at: String

    public init(staff: Handle, week: ISOWeek, status: StoredJustificationStatus, comment: String?, at: String) {
        self.staff = staff
        self.week = week
        self.status = status
        self.comment = comment
        self.at = at
    }
}

/// A threshold the person set (thresholds keep who set them).
public struct ThresholdSet: Sendable, Equatable {
    public let threshold: DatedThreshold
    public let setAt: String

    public init(threshold: DatedThreshold, setAt: String) {
        self.threshold = threshold
        self.setAt = setAt
    }
}

/// Everything stored about one person, each list in id (or week) order.
public struct PersonalData: Sendable, Equatable {
    public let staff: PersonalStaffRow
    /// Their entries, deleted ones too.
    public let entries: [PersonalEntry]
    /// Audit rows about their entries and results, and every row they made (actor = handle).
    public let audit: [PersonalAuditRow]
    public let justifications: [PersonalJustification]
    /// Reviews they made of other people's justifications.
    public let reviewsGiven: [ReviewGiven]
    /// Their results, deleted ones too.
    public let results: [PersonalResult]
    public let timer: RunningTimer?
    public let thresholdsSet: [ThresholdSet]

    public init(staff: PersonalStaffRow, entries: [PersonalEntry], audit: [PersonalAuditRow], justifications: [PersonalJustification],
                reviewsGiven: [ReviewGiven], results: [PersonalResult], timer: RunningTimer?, thresholdsSet: [ThresholdSet]) {
        self.staff = staff
        self.entries = entries
        self.audit = audit
        self.justifications = justifications
        self.reviewsGiven = reviewsGiven
        self.results = results
        self.timer = timer
        self.thresholdsSet = thresholdsSet
    }
}

/// What `erasePersonalData` removes and where what is kept goes.
public struct PersonalDataErasure: Sendable, Equatable {
    public let staffID: Int
    public let handle: Handle
    /// The anonymous roster row (`erased-N`) that takes over what must stay: their live entries
    /// (with `keepEntries`), the reviews they made of other people's justifications and the
    /// thresholds they set. Nil when nothing stays.
    public let standIn: StaffMember?
    /// What keeps past reports as they were moves to `standIn`: live entries (no note, clock
    /// times or import key) and results (no note), and each justification's status and review
    /// with its text replaced by `keptJustificationText` and no comment or history. Deleted
    /// entries and results go.
    public let keepEntries: Bool
    public let keptJustificationText: String

    public init(staffID: Int, handle: Handle, standIn: StaffMember?, keepEntries: Bool, keptJustificationText: String) {
        self.staffID = staffID
        self.handle = handle
        self.standIn = standIn
        self.keepEntries = keepEntries
        self.keptJustificationText = keptJustificationText
    }
}

/// How many rows of each kind a prune removes (or would remove).
public struct PruneCounts: Sendable, Equatable {
    public var entries: Int
    public var results: Int
    public var justifications: Int
    public var justificationEvents: Int
    public var auditRows: Int

    public init(entries: Int = 0, results: Int = 0, justifications: Int = 0, justificationEvents: Int = 0, auditRows: Int = 0) {
        self.entries = entries
        self.results = results
        self.justifications = justifications
        self.justificationEvents = justificationEvents
        self.auditRows = auditRows
    }

    public var total: Int { entries + results + justifications + justificationEvents + auditRows }
}
