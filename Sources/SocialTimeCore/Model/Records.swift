/// A person on the roster.
public struct StaffMember: Sendable, Equatable {
    public enum Role: String, Sendable { case staff, manager }

    public let id: Int
    public let handle: Handle
    public let name: String
    public let role: Role
    public let active: Bool
}

/// A social network in the catalogue.
public struct Network: Sendable, Equatable {
    public let id: Int
    public let key: String
    public let name: String
    public let aliases: [String]
}

/// A claimed business outcome in the company's catalogue.
public struct Outcome: Sendable, Equatable {
    public let id: Int
    public let key: String
    public let description: String
    /// What its results are counted in (`hires`, `leads`), if anything.
    public let unit: String?
    /// A retired outcome keeps its history but takes no new entries.
    public let retired: Bool
}

/// One logged stretch of work, as read back with its names resolved.
public struct Entry: Sendable, Equatable {
    public let id: Int
    public let staff: Handle
    public let staffName: String
    public let date: CalendarDate
    public let minutes: Minutes
    public let network: String
    public let outcome: String
    public let note: String
    public let loggedAt: String
    public let deleted: Bool

    public var week: ISOWeek { ISOWeek(containing: date) }
}

/// An entry as someone asks to log it; names are resolved and checked by the store.
public struct NewEntry: Sendable {
    public var staff: Handle
    public var date: CalendarDate
    public var minutes: Minutes
    public var network: String
    public var outcome: String
    public var note: String

    public init(staff: Handle, date: CalendarDate, minutes: Minutes, network: String, outcome: String, note: String = "") {
        self.staff = staff
        self.date = date
        self.minutes = minutes
        self.network = network
        self.outcome = outcome
        self.note = note
    }
}

/// The fields of an entry to change; nil leaves a field as it is.
public struct EntryChange: Sendable {
    public var date: CalendarDate?
    public var minutes: Minutes?
    public var network: String?
    public var outcome: String?
    public var note: String?

    public init(date: CalendarDate? = nil, minutes: Minutes? = nil, network: String? = nil, outcome: String? = nil, note: String? = nil) {
        self.date = date
        self.minutes = minutes
        self.network = network
        self.outcome = outcome
        self.note = note
    }

    public var isEmpty: Bool { date == nil && minutes == nil && network == nil && outcome == nil && note == nil }
}

/// Which entries to list.
public struct EntryQuery: Sendable {
    public var from: CalendarDate
    public var to: CalendarDate
    /// Nil means everyone.
    public var staff: Handle?
    public var includeDeleted: Bool

    public init(from: CalendarDate, to: CalendarDate, staff: Handle? = nil, includeDeleted: Bool = false) {
        self.from = from
        self.to = to
        self.staff = staff
        self.includeDeleted = includeDeleted
    }

    public init(week: ISOWeek, staff: Handle? = nil, includeDeleted: Bool = false) {
        self.init(from: week.monday, to: week.sunday, staff: staff, includeDeleted: includeDeleted)
    }
}

/// What `log` reports back: the stored entry, the person's week so far, and whether the
/// week now needs a justification.
public struct LogReceipt: Sendable {
    public let entry: Entry
    public let registeredStaff: Bool
    public let weekTotal: Minutes
    public let threshold: Minutes
    public let justificationStatus: JustificationStatus

    /// The week reached the threshold and nobody has explained, or the explanation was rejected.
    public var needsJustification: Bool {
        weekTotal >= threshold && (justificationStatus == .none || justificationStatus == .rejected)
    }
}

/// Where a person's justification for a week stands.
public enum JustificationStatus: String, Sendable, CaseIterable {
    case none, submitted, accepted, rejected
}
