#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Moments as seconds since the epoch, read from the ISO 8601 timestamps socialtime stores
/// (`2026-11-25T09:00:00+01:00`) without Foundation, and turned into local dates and times.
public enum Instant {
    /// The moment an ISO 8601 timestamp with an offset (`+01:00`, `-05:00` or `Z`) names, or nil
    /// for anything else. Seconds are optional (`2026-11-25T09:00+01:00`).
    public static func epochSeconds(iso text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 17, let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
              let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
              hour < 24, minute < 60 else { return nil }
        var rest = bytes[16...]
        var second = 0
        if rest.first == UInt8(ascii: ":") {
            guard rest.count >= 3, let value = number(rest.dropFirst().prefix(2)), value < 60 else { return nil }
            second = value
            rest = rest.dropFirst(3)
        }
        let offset: Int
        if rest.elementsEqual([UInt8(ascii: "Z")]) {
            offset = 0
        } else {
            guard rest.count == 6, let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
                  rest[rest.startIndex + 3] == UInt8(ascii: ":"),
                  let hours = number(rest.dropFirst().prefix(2)), let minutes = number(rest.suffix(2)),
                  hours < 24, minutes < 60 else { return nil }
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        return date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - offset
    }

    /// `epochSeconds(iso:)` for a value read back from a store: nil unless the moment lies within
    /// the dates socialtime keeps (a day inside 2000-01-01 … 2999-12-31, whatever the zone), so a
    /// tampered `9999-12-31T23:59:59-23:59` is reported, never turned into year 10000.
    public static func storedEpochSeconds(iso text: String) -> Int? {
        guard let epoch = epochSeconds(iso: text) else { return nil }
        let day = epoch >= 0 ? epoch / 86_400 : -((-epoch + 86_399) / 86_400)
        let range = CalendarDate.supportedRange
        guard day > range.lowerBound.dayNumber, day < range.upperBound.dayNumber else { return nil }
        return epoch
    }

    private static func number<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard !bytes.isEmpty else { return nil }
        var n = 0
        for b in bytes {
            guard (48...57).contains(b) else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    /// Whole minutes in `seconds`, rounded to the nearest, half a minute up (timers, as imported seconds).
    public static func roundedMinutes(_ seconds: Int) -> Int {
        seconds >= 0 ? (seconds + 30) / 60 : -((-seconds + 29) / 60)
    }
}

/// A local time zone: which calendar date a moment falls on, and where that date ends. The
/// process's `TZ` (through libc's `localtime_r` and `mktime`) in the program; a fixed offset in
/// tests of the arithmetic that must not depend on the machine's zone.
public struct LocalZone: Sendable {
    /// The local date and time of a moment, and the moment as ISO 8601 with that offset.
    public let local: @Sendable (Int) -> (date: CalendarDate, time: TimeOfDay, timestamp: String)
    /// The moment a local date at a clock time begins (midnight with 00:00).
    public let moment: @Sendable (CalendarDate, TimeOfDay) -> Int

    public init(local: @escaping @Sendable (Int) -> (date: CalendarDate, time: TimeOfDay, timestamp: String),
                moment: @escaping @Sendable (CalendarDate, TimeOfDay) -> Int) {
        self.local = local
        self.moment = moment
    }

    /// The process's time zone (`TZ`): what "local" means everywhere else in socialtime.
    public static let system = LocalZone(
        local: { epoch in
            var seconds = time_t(epoch)
            var parts = tm()
            localtime_r(&seconds, &parts)
            // Total, never a force-unwrap: a moment past 9999 (a tampered timer) has a year
            // CalendarDate does not hold; callers check the range and say which value is wrong.
            let date = CalendarDate(dayNumber: CalendarDate.dayNumber(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)))
            let time = TimeOfDay(hour: Int(parts.tm_hour), minute: Int(parts.tm_min)) ?? TimeOfDay.midnight
            return (date, time, Clock.isoTimestamp(parts))
        },
        moment: { date, time in
            var parts = tm()
            parts.tm_year = Int32(date.year - 1900)
            parts.tm_mon = Int32(date.month - 1)
            parts.tm_mday = Int32(date.day)
            parts.tm_hour = Int32(time.hour)
            parts.tm_min = Int32(time.minute)
            parts.tm_isdst = -1
            return Int(mktime(&parts))
        })

    /// A zone that is always `offset` seconds ahead of UTC.
    public static func fixed(offset: Int) -> LocalZone {
        LocalZone(
            local: { epoch in
                let shifted = epoch + offset
                let day = Int((Double(shifted) / 86_400).rounded(.down))
                let second = shifted - day * 86_400
                let sign = offset < 0 ? "-" : "+"
                let abs = offset < 0 ? -offset : offset
                let time = TimeOfDay(hour: second / 3600, minute: second % 3600 / 60) ?? .midnight
                let date = CalendarDate(dayNumber: day)
                return (date, time, "\(date)T\(time):\(pad(second % 60))\(sign)\(pad(abs / 3600)):\(pad(abs % 3600 / 60))")
            },
            moment: { date, time in date.dayNumber * 86_400 + time.minutesSinceMidnight * 60 - offset })
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The moment the local date of `epoch` ends: the first moment of the next date. Asked for
    /// "00:00 on the next date", `mktime` answers the *later* of two when a zone turns its clocks
    /// back across midnight (America/Havana on 2026-11-01: 00:00–01:00 happens twice) and a moment
    /// after it when midnight does not exist; the real end of the day is found by searching the
    /// few hours before that answer for where the date changes.
    public func endOfDay(containing epoch: Int) -> Int {
        let today = local(epoch).date
        let guess = moment(today.adding(days: 1), .midnight)
        // Not after `epoch`, or not yet the next date: a zone where mktime cannot answer; a day
        // must still end, an hour on at least.
        guard guess > epoch, local(guess).date > today else { return max(guess, epoch + 3600) }
        // The date changes once between `low` (still today) and `guess` (the next date).
        var low = max(epoch, guess - 6 * 3600)
        if local(low).date > today { low = epoch }
        var high = guess
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if local(middle).date > today { high = middle } else { low = middle }
        }
        return high
    }
}
