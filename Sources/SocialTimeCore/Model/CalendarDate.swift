/// A calendar date with no time of day and no time zone: what a person means by "the 23rd".
///
/// Arithmetic goes through a day number (days since 1970-01-01, proleptic Gregorian), using
/// Howard Hinnant's civil-from-days algorithms: exact, fast, and free of Calendar's time zones.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the combination is not a real date (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int { Self.dayNumber(year: year, month: month, day: day) }

    /// The day number of any year, month and day, even outside the dates the type holds: week
    /// arithmetic at the edges of the calendar must be total, never a force-unwrap that traps.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let d = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (d < 0 ? d + 7 : d) + 1
    }

    public func adding(days: Int) -> CalendarDate { CalendarDate(dayNumber: dayNumber + days) }

    /// `YYYY-MM-DD`, the only form socialtime stores. Built from digits, not interpolation:
    /// exports format a date for every one of a million rows.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        Digits.append(year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Digits.append(month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        Digits.append(day, width: 2, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else, including impossible dates.
    public init?(iso text: String) {
        var text = text
        let parsed: (Int, Int, Int)? = text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
                  let y = Digits.value(bytes[0..<4]), let m = Digits.value(bytes[5..<7]), let d = Digits.value(bytes[8..<10])
            else { return nil }
            return (y, m, d)
        }
        guard let (y, m, d) = parsed else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The dates socialtime works with: 2000-01-01 … 2999-12-31. Every date and week a person
    /// types, and `SOCIALTIME_TODAY`, is checked against this one range (`requireSupported`), so
    /// nothing downstream meets year 0000 or 10000, and no range spans millions of days.
    public static let supportedRange: ClosedRange<CalendarDate> =
        CalendarDate(year: 2000, month: 1, day: 1)!...CalendarDate(year: 2999, month: 12, day: 31)!

    public var isSupported: Bool { Self.supportedRange.contains(self) }

    /// The one range check: `what` names the value in the message ("date", "SOCIALTIME_TODAY").
    public static func requireSupported(_ date: CalendarDate, what: String = "date") throws(SocialTimeError) {
        guard date.isSupported else {
            throw .invalidInput("\(what) \(date) is out of range: socialtime keeps dates from \(supportedRange.lowerBound) to \(supportedRange.upperBound)")
        }
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Fixed-width decimal digits, read and written without Foundation or interpolation.
enum Digits {
    static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    static func value(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var n = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }
}
