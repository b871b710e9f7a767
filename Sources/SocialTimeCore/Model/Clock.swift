#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What "today" and "now" are for one run: the local calendar date (in `TZ`), possibly fixed
/// by `SOCIALTIME_TODAY` for tests, back-filling and reproducible cron runs.
public struct Clock: Sendable {
    public let today: CalendarDate
    /// The moment of this run as ISO 8601 with the local offset: `2026-11-23T17:02:11+01:00`.
    public let timestamp: String

    public init(today: CalendarDate, timestamp: String) {
        self.today = today
        self.timestamp = timestamp
    }

    /// The system clock in the local time zone, with `todayOverride` (`SOCIALTIME_TODAY`) when set.
    public static func system(todayOverride: String?) throws(SocialTimeError) -> Clock {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        let realToday = CalendarDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))!
        var today = realToday
        if let override = todayOverride, !override.isEmpty {
            guard let fixed = CalendarDate(iso: override) else {
                throw .invalidInput("SOCIALTIME_TODAY='\(Text.printable(override))' is not a date: use YYYY-MM-DD")
            }
            try CalendarDate.requireSupported(fixed, what: "SOCIALTIME_TODAY")
            today = fixed
        }
        return Clock(today: today, timestamp: isoTimestamp(local))
    }

    static func isoTimestamp(_ t: tm) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = CalendarDate(year: Int(t.tm_year) + 1900, month: Int(t.tm_mon) + 1, day: Int(t.tm_mday))!
        let offset = Int(t.tm_gmtoff)
        let sign = offset < 0 ? "-" : "+"
        let abs = offset < 0 ? -offset : offset
        return "\(date)T\(pad(Int(t.tm_hour))):\(pad(Int(t.tm_min))):\(pad(Int(t.tm_sec)))\(sign)\(pad(abs / 3600)):\(pad(abs % 3600 / 60))"
    }
}
