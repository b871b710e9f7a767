/// Parses the dates and weeks people type, relative to the run's `Clock`.
public struct DateParser: Sendable {
    public let today: CalendarDate

    public init(today: CalendarDate) { self.today = today }

    public static let acceptedDates = "YYYY-MM-DD, today, yesterday or a weekday (monday/mon to sunday/sun: the most recent, today included)"
    public static let acceptedWeeks = "this, last, YYYY-Www (e.g. 2026-W48), Www (e.g. W48, this ISO year) or a date (YYYY-MM-DD, today, yesterday, a weekday)"

    /// Weekday names and their three-letter short forms, Monday first (ISO weekday 1).
    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    /// Every word `date` takes besides digits, for a "did you mean".
    static let dateWords = ["today", "yesterday"] + weekdays + weekdays.map { String($0.prefix(3)) }
    /// Nobody logs social media hours from before the networks existed; a guard against typos (206-…).
    public static let earliest = CalendarDate.supportedRange.lowerBound

    /// A date on which work happened: real, not before 2000, not in the future.
    public func pastDate(_ text: String) throws(SocialTimeError) -> CalendarDate {
        let date = try self.date(text)
        try Self.requirePast(date, today: today)
        return date
    }

    /// The one rule for work and results: nothing is logged before it happened. The store applies
    /// it too, since a date may reach it from an import or another caller than the parser.
    public static func requirePast(_ date: CalendarDate, today: CalendarDate) throws(SocialTimeError) {
        guard date <= today else {
            throw .invalidInput("date \(date) is in the future (today is \(today)): work and results can only be logged once they happened")
        }
    }

    /// Any date from 2000 on, future ones included (used for ranges and week arguments).
    public func date(_ text: String) throws(SocialTimeError) -> CalendarDate {
        let trimmed = text.trimmingWhitespace().lowercased()
        let date: CalendarDate
        switch trimmed {
        case "today": date = today
        case "yesterday": date = today.adding(days: -1)
        default:
            if let weekday = Self.weekday(named: trimmed) {
                // The most recent such day, today included: `log 1h … --date mon` on a Wednesday is two days ago.
                date = today.adding(days: -((today.isoWeekday - weekday + 7) % 7))
                break
            }
            guard let parsed = CalendarDate(iso: trimmed) else {
                let shaped = trimmed.utf8.count == 10 && trimmed.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
                if shaped { throw .invalidInput("invalid date '\(Text.printable(text))': there is no such day in the calendar") }
                let isWord = !trimmed.isEmpty && trimmed.utf8.allSatisfy { (97...122).contains($0) }
                if isWord, let near = Suggestion.closest(to: trimmed, in: Self.dateWords) {
                    throw .invalidInput("invalid date '\(Text.printable(text))': did you mean '\(near)'? Use \(Self.acceptedDates)")
                }
                throw .invalidInput("invalid date '\(Text.printable(text))': use \(Self.acceptedDates)")
            }
            date = parsed
        }
        try CalendarDate.requireSupported(date)
        return date
    }

    /// ISO weekday (1 = Monday) for `monday`/`mon` … `sunday`/`sun` (lowercase), else nil.
    static func weekday(named text: String) -> Int? {
        guard text.utf8.count >= 3 else { return nil }
        if let index = weekdays.firstIndex(of: text) { return index + 1 }
        if text.utf8.count == 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(text) }) { return index + 1 }
        return nil
    }

    /// `this`, `last`, `next`, `YYYY-Www`, `Www` (this ISO year), or a date (its week). Future weeks
    /// are allowed: they are empty.
    public func week(_ text: String) throws(SocialTimeError) -> ISOWeek {
        let trimmed = text.trimmingWhitespace().lowercased()
        let current = ISOWeek(containing: today)
        let relative: ISOWeek?
        switch trimmed {
        case "this", "current": relative = current
        case "last", "previous": relative = current.previous
        case "next": relative = current.next
        default: relative = nil
        }
        if let relative {
            // Near the ends of the range "next" or "last" leaves it: refused like a typed week.
            try ISOWeek.requireSupported(relative)
            return relative
        }
        if let week = ISOWeek(iso: trimmed) {
            try ISOWeek.requireSupported(week)
            return week
        }
        // W48: the week of that number in the ISO year we are in (around New Year, the year of this week).
        let bytes = Array(trimmed.utf8)
        if (bytes.count == 3 || bytes.count == 2), bytes[0] == UInt8(ascii: "w"), bytes.dropFirst().allSatisfy({ (48...57).contains($0) }) {
            let number = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) ?? 0
            guard let week = ISOWeek(year: current.year, week: number) else {
                throw .invalidInput("invalid week '\(Text.printable(text))': \(current.year) has no such week (weeks run from W01 to W\(ISOWeek.weeks(inYear: current.year)))")
            }
            return week
        }
        if trimmed.utf8.count == 8, trimmed.contains("-w") {
            throw .invalidInput("invalid week '\(Text.printable(text))': that year has no such week (weeks run from W01 to W52 or W53)")
        }
        if CalendarDate(iso: trimmed) != nil || trimmed == "today" || trimmed == "yesterday" || Self.weekday(named: trimmed) != nil {
            return ISOWeek(containing: try date(trimmed))
        }
        throw .invalidInput("invalid week '\(Text.printable(text))': use \(Self.acceptedWeeks)")
    }
}
