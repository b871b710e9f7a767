/// Late changes and closed weeks, decided here from the injected clock (local dates): a change to
/// an entry dated in a week that has ended is a late change of that week, listed wherever the week
/// is judged; a week closes `close_after_days` after it ends, when a company sets that, and from
/// then on only a manager, with a reason, changes its entries.
extension Rulebook {
    /// The settings key of `config close-after` (integer text; absent = off).
    public static let closeAfterKey = "close_after_days"
    /// The most days `config close-after` takes: a year.
    public static let maximumCloseAfterDays = 366

    /// The week `date` lies in, when that week has ended by today; nil otherwise.
    func lateWeek(of date: CalendarDate) -> ISOWeek? {
        let week = date.isoWeek
        return week.sunday < clock.today ? week : nil
    }

    /// The late week of a change from `before` to `after`: the ended week it takes minutes from,
    /// else the ended week it adds them to.
    func lateWeek(before: CalendarDate?, after: CalendarDate?) -> ISOWeek? {
        before.flatMap(lateWeek(of:)) ?? after.flatMap(lateWeek(of:))
    }

    /// `config close-after`: days after a week's end at which it closes; nil = off.
    func closeAfterDays(in tx: any ReadTransaction) async throws -> Int? {
        guard let text = try await tx.setting(Self.closeAfterKey) else { return nil }
        guard let days = Int(text), (0...Self.maximumCloseAfterDays).contains(days) else {
            throw SocialTimeError.failure("the setting \(Self.closeAfterKey) holds '\(Text.printable(text))', not a number of days: set it again with `socialtime config close-after DAYS|off`")
        }
        return days
    }

    /// The day `week` closes (at its start) with `days` set: `days` after the week's Sunday.
    static func closingDay(of week: ISOWeek, afterDays days: Int) -> CalendarDate {
        week.sunday.adding(days: days + 1)
    }

    /// Refuses a change to entries dated in a closed week: staff never (77, naming when it closed),
    /// a manager only with a reason (64 without one). Returns the validated reason to keep.
    func checkClosedWeeks(_ dates: [CalendarDate], actor: Actor, entryID: Int?, reason: String?,
                          in tx: any ReadTransaction) async throws -> String? {
        let reason = try reason.map { text throws(SocialTimeError) in
            try Text.validate(text.trimmingWhitespace(), field: "reason", maxLength: 2000, allowEmpty: false)
        }
        guard let days = try await closeAfterDays(in: tx) else { return reason }
        for week in Set(dates.map(\.isoWeek)).sorted() {
            let closing = Self.closingDay(of: week, afterDays: days)
            guard closing <= clock.today else { continue }
            let what = entryID.map { "entry #\($0) is dated in \(week), which" } ?? "\(week)"
            guard actor.isManager else {
                throw SocialTimeError.permissionDenied("\(week) closed on \(closing) (\(days) days after it ended, `config close-after`): "
                    + "staff cannot change its entries; \(actor.handle) is staff — ask a manager")
            }
            guard reason != nil else {
                throw SocialTimeError.invalidInput("\(what) closed on \(closing): a manager's change in a closed week needs --reason TEXT, "
                    + "which the week's late changes show")
            }
        }
        return reason
    }

    /// `config close-after DAYS|off` (managers only).
    public func setCloseAfter(days: Int?) async throws(SocialTimeError) {
        if let days, !(0...Self.maximumCloseAfterDays).contains(days) {
            throw .invalidInput("invalid number of days \(days): use 0 to \(Self.maximumCloseAfterDays), or off")
        }
        try await write { tx in
            try await actor(in: tx).requireManager(to: "change when weeks close")
            try await tx.setSetting(Self.closeAfterKey, days.map(String.init))
        }
    }

    /// The days after which a week closes, or nil (off).
    public func closeAfter() async throws(SocialTimeError) -> Int? {
        try await read { tx in
            _ = try await actor(in: tx)
            return try await closeAfterDays(in: tx)
        }
    }

    /// The late changes of `week` as people read them, for everyone or one person. An edit that
    /// moved an entry out of another ended week is audited as late for the week it left; it is a
    /// late change of this week too when it moved the entry here after this week had ended.
    func lateChanges(_ week: ISOWeek, staff: Handle? = nil, in tx: any ReadTransaction) async throws -> [LateChange] {
        try await tx.lateChanges(week).filter { stored in
            guard staff == nil || stored.staff == staff else { return false }
            if stored.change.lateWeek == week { return true }
            return CalendarDate(iso: String(stored.change.at.prefix(10))).map { $0 > week.sunday } ?? false
        }.map { LateChange($0, week: week) }
    }
}

/// A change to a week after it ended: who changed which entry, when, and the minutes before and
/// after. `minutesBefore` is nil for a new entry, `minutesAfter` nil for a deletion.
public struct LateChange: Sendable, Equatable {
    public let entryID: Int
    /// Whose entry it is.
    public let staff: Handle
    /// log, edit, delete, restore or import.
    public let action: String
    /// Who made the change.
    public let by: String
    /// When, ISO 8601 with offset.
    public let at: String
    /// The entry's date in the week.
    public let date: CalendarDate
    public let minutesBefore: Minutes?
    public let minutesAfter: Minutes?
    public let reason: String?
    /// What the change did to the week's total, in minutes (negative: the week lost time).
    public let netMinutes: Int

    public init(entryID: Int, staff: Handle, action: String, by: String, at: String, date: CalendarDate,
                minutesBefore: Minutes?, minutesAfter: Minutes?, reason: String?, netMinutes: Int) {
        self.entryID = entryID
        self.staff = staff
        self.action = action
        self.by = by
        self.at = at
        self.date = date
        self.minutesBefore = minutesBefore
        self.minutesAfter = minutesAfter
        self.reason = reason
        self.netMinutes = netMinutes
    }

    init(_ stored: StoredLateChange, week: ISOWeek) {
        let change = stored.change
        let before = change.before.map(AuditSnapshot.init)
        let after = change.after.map(AuditSnapshot.init)
        let minutesBefore = before.flatMap { $0.deleted ? nil : $0.minutes }
        // An import keeps no snapshot: the entry as imported is the entry.
        let minutesAfter = change.action == "import" ? stored.entryMinutes : after.flatMap { $0.deleted ? nil : $0.minutes }
        let beforeDate = before?.date ?? stored.entryDate
        let afterDate = after?.date ?? stored.entryDate
        let inWeek = { (date: CalendarDate) in date.isoWeek == week }
        let net = (inWeek(afterDate) ? minutesAfter?.value ?? 0 : 0) - (inWeek(beforeDate) ? minutesBefore?.value ?? 0 : 0)
        self.init(entryID: stored.entryID, staff: stored.staff, action: change.action == "create" ? "log" : change.action,
                  by: change.actor, at: change.at, date: inWeek(beforeDate) ? beforeDate : afterDate,
                  minutesBefore: minutesBefore, minutesAfter: minutesAfter, reason: change.reason, netMinutes: net)
    }
}

/// What the audit log's JSON snapshot of an entry says about its date, minutes and deletion.
struct AuditSnapshot {
    let date: CalendarDate?
    let minutes: Minutes?
    let deleted: Bool

    init(_ json: String) {
        date = Self.value(of: "date", in: json).flatMap { CalendarDate(iso: String($0.filter { $0 != "\"" })) }
        minutes = Self.value(of: "minutes", in: json).flatMap { Int($0) }.map { Minutes($0) }
        deleted = Self.value(of: "deleted", in: json) == "true"
    }

    /// The raw scalar after `"key":` in a flat JSON object written by `Rulebook.auditJSON`.
    static func value(of key: String, in json: String) -> Substring? {
        guard let range = json.firstRange(of: "\"\(key)\":") else { return nil }
        let rest = json[range.upperBound...].drop(while: { $0 == " " })
        return rest.prefix(while: { $0 != "," && $0 != "}" }).trimmingSuffix(" ")
    }
}

extension Substring {
    fileprivate func trimmingSuffix(_ character: Character) -> Substring {
        var text = self
        while text.last == character { text = text.dropLast() }
        return text
    }
}

/// A person's late changes to a week, summed: what the text report shows on one line.
public struct LateChangeSummary: Sendable, Equatable {
    public let staff: Handle
    public let count: Int
    public let netMinutes: Int

    /// One line per person, in the order their first late change was made.
    public static func perPerson(_ changes: [LateChange]) -> [LateChangeSummary] {
        var order: [Handle] = []
        var counts: [Handle: (Int, Int)] = [:]
        for change in changes {
            if counts[change.staff] == nil { order.append(change.staff) }
            let (count, net) = counts[change.staff] ?? (0, 0)
            counts[change.staff] = (count + 1, net + change.netMinutes)
        }
        return order.map { LateChangeSummary(staff: $0, count: counts[$0]!.0, netMinutes: counts[$0]!.1) }
    }
}

/// No overlaps: an entry with clock times never overlaps another timed entry of the same person
/// (Timewarrior: "You cannot overlap intervals"). Entries without clock times overlap nothing.
extension Rulebook {
    /// Refuses (64) a timed entry from `startedAt` to `endedAt` on `date` that overlaps another
    /// of the person's timed entries, naming it. Does nothing for an entry without clock times.
    func checkOverlap(_ staff: StaffMember, _ date: CalendarDate, startedAt: String?, endedAt: String?,
                      excluding: Int? = nil, in tx: any ReadTransaction) async throws {
        guard let startedAt, let endedAt, let start = Instant.epochSeconds(iso: startedAt),
              let end = Instant.epochSeconds(iso: endedAt) else { return }
        if let other = try await overlapping(staff.id, date, start: start, end: end, excluding: excluding, in: tx) {
            throw Self.overlapError(staff.handle, from: startedAt, to: endedAt, other: other)
        }
    }

    /// The first of the person's timed entries around `date` that the moments `start`..`end` overlap.
    func overlapping(_ staffID: Int, _ date: CalendarDate, start: Int, end: Int, excluding: Int? = nil,
                     in tx: any ReadTransaction) async throws -> TimedEntry? {
        for other in try await tx.timedEntries(staffID: staffID, from: date.adding(days: -1), to: date.adding(days: 1))
        where other.id != excluding {
            guard let otherStart = Instant.epochSeconds(iso: other.startedAt), let otherEnd = Instant.epochSeconds(iso: other.endedAt) else { continue }
            if start < otherEnd && otherStart < end { return other }
        }
        return nil
    }

    static func clock(_ timestamp: String) -> String {
        let bytes = Array(timestamp.utf8)
        return bytes.count >= 16 ? String(decoding: bytes[11..<16], as: UTF8.self) : timestamp
    }

    static func overlapError(_ handle: Handle, from: String, to: String, other: TimedEntry) -> SocialTimeError {
        .invalidInput("\(clock(from))–\(clock(to)) overlaps entry #\(other.id) (\(other.date) \(clock(other.startedAt))–\(clock(other.endedAt))) "
            + "of \(handle): time is counted once — change that entry (`socialtime edit \(other.id)`) or give times that do not overlap it")
    }
}
