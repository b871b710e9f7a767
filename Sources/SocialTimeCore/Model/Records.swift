/// A person on the roster.
public struct StaffMember: Sendable, Equatable {
    public enum Role: String, Sendable { case staff, manager }

    public let id: Int
    public let handle: Handle
    public let name: String
    public let role: Role
    public let active: Bool
    public let email: String?

    public init(id: Int, handle: Handle, name: String, role: Role, active: Bool, email: String? = nil) {
        self.id = id
        self.handle = handle
        self.name = name
        self.role = role
        self.active = active
        self.email = email
    }

    /// An active manager: someone whose manager rights apply.
    public var isActiveManager: Bool { role == .manager && active }
}

/// A social network in the catalogue.
public struct Network: Sendable, Equatable {
    public let id: Int
    public let key: String
    public let name: String
    public let aliases: [String]

    public init(id: Int, key: String, name: String, aliases: [String]) {
        self.id = id
        self.key = key
        self.name = name
        self.aliases = aliases
    }
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

    public init(id: Int, key: String, description: String, unit: String?, retired: Bool) {
        self.id = id
        self.key = key
        self.description = description
        self.unit = unit
        self.retired = retired
    }
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
    /// The clock times it ran, when known (`--from/--to`, a timer): ISO 8601 with offset.
    public let startedAt: String?
    public let endedAt: String?

    public init(id: Int, staff: Handle, staffName: String, date: CalendarDate, minutes: Minutes, network: String,
                outcome: String, note: String, loggedAt: String, deleted: Bool, startedAt: String? = nil, endedAt: String? = nil) {
        self.id = id
        self.staff = staff
        self.staffName = staffName
        self.date = date
        self.minutes = minutes
        self.network = network
        self.outcome = outcome
        self.note = note
        self.loggedAt = loggedAt
        self.deleted = deleted
        self.startedAt = startedAt
        self.endedAt = endedAt
    }

    public var week: ISOWeek { ISOWeek(containing: date) }

    /// "09:00–10:30" when the clock times are known (the times as they were logged, in their own
    /// offset); nil otherwise.
    public var clockTimes: String? {
        guard let startedAt, let endedAt else { return nil }
        func time(_ iso: String) -> String? {
            guard let t = iso.firstIndex(of: "T") else { return nil }
            let clock = iso[iso.index(after: t)...].prefix(5)
            return clock.count == 5 ? String(clock) : nil
        }
        guard let from = time(startedAt), let to = time(endedAt) else { return nil }
        return "\(from)–\(to)"
    }
}

/// An entry as someone asks to log it; names are resolved and checked by the store.
public struct NewEntry: Sendable {
    public var staff: Handle
    public var date: CalendarDate
    public var minutes: Minutes
    public var network: String
    public var outcome: String
    public var note: String
    /// The clock times it ran, when known (`--from/--to`, a timer): ISO 8601 with offset.
    public var startedAt: String?
    public var endedAt: String?

    public init(staff: Handle, date: CalendarDate, minutes: Minutes, network: String, outcome: String, note: String = "",
                startedAt: String? = nil, endedAt: String? = nil) {
        self.staff = staff
        self.date = date
        self.minutes = minutes
        self.network = network
        self.outcome = outcome
        self.note = note
        self.startedAt = startedAt
        self.endedAt = endedAt
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

/// What `log` reports back: the stored entry and the person's week so far.
public struct LogReceipt: Sendable {
    public let entry: Entry
    public let registeredStaff: Bool
    public let standing: WeekStanding

    public var weekTotal: Minutes { standing.total }
    public var threshold: Minutes { standing.threshold }
    public var justificationStatus: JustificationStatus { standing.justificationStatus }
    public var needsJustification: Bool { standing.needsJustification }
}

/// Where a person's justification for a week stands.
public enum JustificationStatus: String, Sendable, CaseIterable {
    case none, submitted, accepted, rejected
}
