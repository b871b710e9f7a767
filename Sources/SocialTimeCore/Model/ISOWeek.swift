/// An ISO 8601 week, Monday to Sunday, named like `2026-W48`. Its year is the ISO week-year,
/// which differs from the calendar year around New Year (2024-12-30 is in 2025-W01).
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// Nil when the year has no such week (week 53 exists only in some years).
    public init?(year: Int, week: Int) {
        guard (1...9999).contains(year), week >= 1, week <= ISOWeek.weeks(inYear: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The week that holds `date`.
    public init(containing date: CalendarDate) {
        // The week belongs to the year of its Thursday.
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let firstOfYear = CalendarDate(year: thursday.year, month: 1, day: 1)!
        year = thursday.year
        week = (thursday.dayNumber - firstOfYear.dayNumber) / 7 + 1
    }

    public var monday: CalendarDate {
        // January 4th is always in week 1.
        let january4 = CalendarDate(year: year, month: 1, day: 4)!
        return january4.adding(days: 1 - january4.isoWeekday + (week - 1) * 7)
    }

    public var sunday: CalendarDate { monday.adding(days: 6) }
    public var days: [CalendarDate] { (0..<7).map { monday.adding(days: $0) } }

    public func adding(weeks: Int) -> ISOWeek { ISOWeek(containing: monday.adding(days: 7 * weeks)) }
    public var previous: ISOWeek { adding(weeks: -1) }
    public var next: ISOWeek { adding(weeks: 1) }

    /// Every week from `first` through `last`, in order (none when `last` comes first).
    public static func all(from first: ISOWeek, through last: ISOWeek) -> [ISOWeek] {
        guard first <= last else { return [] }
        let count = (last.monday.dayNumber - first.monday.dayNumber) / 7 + 1
        return (0..<count).map { first.adding(weeks: $0) }
    }

    public func contains(_ date: CalendarDate) -> Bool { monday <= date && date <= sunday }

    /// `2026-W48`.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8)
        Digits.append(year, width: 4, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: "-"), UInt8(ascii: "W")])
        Digits.append(week, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses `YYYY-Www` (also lowercase `w`); nil otherwise.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"),
              bytes[5] == UInt8(ascii: "W") || bytes[5] == UInt8(ascii: "w"),
              let y = Int(String(decoding: bytes[0..<4], as: UTF8.self)),
              let w = Int(String(decoding: bytes[6..<8], as: UTF8.self)),
              bytes[0..<4].allSatisfy({ (48...57).contains($0) }),
              bytes[6..<8].allSatisfy({ (48...57).contains($0) }) else { return nil }
        self.init(year: y, week: w)
    }

    /// 52 or 53: a year has 53 weeks exactly when December 28th falls in week 53.
    public static func weeks(inYear year: Int) -> Int {
        guard let december28 = CalendarDate(year: year, month: 12, day: 28) else { return 52 }
        return ISOWeek(containing: december28).week
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}

extension ISOWeek {
    /// The week of the earliest supported date (2000-01-01 is in 1999-W52): a threshold set from
    /// it applies to every week.
    public static let first = ISOWeek(containing: CalendarDate(year: 2000, month: 1, day: 1)!)
}
