/// Parses the dates and weeks people type, relative to the run's `Clock`.
public struct DateParser: Sendable {
    public let today: CalendarDate

    public init(today: CalendarDate) { self.today = today }

    public static let acceptedDates = "YYYY-MM-DD, today or yesterday"
    public static let acceptedWeeks = "this, last, YYYY-Www (e.g. 2026-W48) or a date (YYYY-MM-DD, today, yesterday)"
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
            guard let parsed = CalendarDate(iso: trimmed) else {
                let shaped = trimmed.utf8.count == 10 && trimmed.utf8.filter { $0 == UInt8(ascii: "-") }.count == 2
                throw .invalidInput(shaped
                    ? "invalid date '\(Text.printable(text))': there is no such day in the calendar"
                    : "invalid date '\(Text.printable(text))': use \(Self.acceptedDates)")
            }
            date = parsed
        }
        try CalendarDate.requireSupported(date)
        return date
    }

    /// `this`, `last`, `next`, `YYYY-Www`, or a date (its week). Future weeks are allowed: they are empty.
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
        if trimmed.utf8.count == 8, trimmed.contains("-w") {
            throw .invalidInput("invalid week '\(Text.printable(text))': that year has no such week (weeks run from W01 to W52 or W53)")
        }
        if CalendarDate(iso: trimmed) != nil || trimmed == "today" || trimmed == "yesterday" {
            return ISOWeek(containing: try date(trimmed))
        }
        throw .invalidInput("invalid week '\(Text.printable(text))': use \(Self.acceptedWeeks)")
    }
}
