/// A clock time on a date, `HH:MM` on the 24-hour clock: what `--from`, `--to` and `--at` take.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// 00:00, the start of a day.
    public static let midnight = TimeOfDay(unchecked: 0, 0)

    private init(unchecked hour: Int, _ minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// Minutes since midnight.
    public var minutesSinceMidnight: Int { hour * 60 + minute }

    public static let accepted = "HH:MM on the 24-hour clock, 00:00 to 23:59 (e.g. 09:05, 17:30)"

    /// Strictly `HH:MM`: two digits each, so that `9:5` (09:05? 09:50?) is never guessed at.
    public static func parse(_ text: String, what: String = "time") throws(SocialTimeError) -> TimeOfDay {
        let shown = Text.printable(text)
        let bytes = Array(text.trimmingWhitespace().utf8)
        let isDigit: (UInt8) -> Bool = { (48...57).contains($0) }
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"), bytes[0..<2].allSatisfy(isDigit), bytes[3..<5].allSatisfy(isDigit) else {
            throw .invalidInput("invalid \(what) '\(shown)': use \(accepted)")
        }
        let hour = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        let minute = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
        if hour == 24 && minute == 0 {
            throw .invalidInput("invalid \(what) '\(shown)': the day ends at 23:59; midnight is 00:00, the start of a day")
        }
        guard let time = TimeOfDay(hour: hour, minute: minute) else {
            throw .invalidInput("invalid \(what) '\(shown)': " + (hour > 23 ? "hours run from 00 to 23" : "minutes run from 00 to 59") + "; use \(accepted)")
        }
        return time
    }

    /// The time of day in an ISO 8601 timestamp (`2026-11-25T09:00:00+01:00` → 09:00), or nil.
    public init?(timestamp: String) {
        let bytes = Array(timestamp.utf8)
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)),
              let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    /// `09:05`.
    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesSinceMidnight < b.minutesSinceMidnight }
}

/// `log --from HH:MM --to HH:MM`: the clock times an entry ran, on its date.
public struct ClockSpan: Sendable, Equatable {
    public let from: TimeOfDay
    public let to: TimeOfDay

    /// The minutes between the two times on `date`, refused when `to` is not after `from`, or when
    /// the end is still to come (`now`: the date and time of this run). An entry stays within one
    /// date: a span across midnight is two entries.
    public static func read(from fromText: String, to toText: String, on date: CalendarDate,
                            now: (date: CalendarDate, time: TimeOfDay)) throws(SocialTimeError) -> ClockSpan {
        let from = try TimeOfDay.parse(fromText, what: "--from time")
        let to = try TimeOfDay.parse(toText, what: "--to time")
        guard from < to else {
            throw .invalidInput(from == to
                ? "--from \(from) and --to \(to) are the same time: an entry runs at least a minute"
                : "--to \(to) is before --from \(from): an entry runs forward within one date (log work past midnight as two entries, one per date)")
        }
        if date > now.date || (date == now.date && to > now.time) {
            throw .invalidInput("--to \(to) on \(date) is in the future (it is now \(now.time) on \(now.date)): work can only be logged once it happened")
        }
        return ClockSpan(from: from, to: to)
    }

    public var minutes: Minutes { Minutes(to.minutesSinceMidnight - from.minutesSinceMidnight) }
}

extension Clock {
    /// The date and time of this run, for refusing work that has not ended yet. When "today" is
    /// fixed to another day (`SOCIALTIME_TODAY`) than the system clock's, that day counts as over.
    public var now: (date: CalendarDate, time: TimeOfDay) {
        let endOfDay = TimeOfDay(hour: 23, minute: 59)!
        guard let date = CalendarDate(iso: String(timestamp.prefix(10))), date == today,
              let time = TimeOfDay(timestamp: timestamp) else { return (today, endOfDay) }
        return (date, time)
    }
}
