#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What "today" and "now" are for one run: the local calendar date (in `TZ`) and the moment,
/// read once by the executable and handed in. `SOCIALTIME_NOW` fixes the clock (and with it
/// today), `SOCIALTIME_TODAY` only today: tests, back-filling and reproducible cron runs.
public struct Clock: Sendable {
    public let today: CalendarDate
    /// The moment of this run as ISO 8601 with the local offset: `2026-11-23T17:02:11+01:00`.
    public let timestamp: String
    /// The same moment, in seconds since the epoch.
    public let epochSeconds: Int

    public init(today: CalendarDate, timestamp: String, epochSeconds: Int = 0) {
        self.today = today
        self.timestamp = timestamp
        self.epochSeconds = epochSeconds
    }

    /// The clock at `epochSeconds` in the local time zone, with the overrides when set.
    public static func at(epochSeconds: Int, todayOverride: String?, nowOverride: String?) throws(SocialTimeError) -> Clock {
        var seconds = epochSeconds
        if let override = nowOverride, !override.isEmpty {
            seconds = try parseNow(override)
        }
        var now = time_t(seconds)
        var local = tm()
        localtime_r(&now, &local)
        var today = CalendarDate(dayNumber: CalendarDate.dayNumber(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday)))
        if let override = todayOverride, !override.isEmpty, nowOverride?.isEmpty ?? true {
            guard let fixed = CalendarDate(iso: override) else {
                throw .invalidInput("SOCIALTIME_TODAY='\(Text.printable(override))' is not a date: use YYYY-MM-DD")
            }
            try CalendarDate.requireSupported(fixed, what: "SOCIALTIME_TODAY")
            today = fixed
        }
        return Clock(today: today, timestamp: isoTimestamp(local), epochSeconds: seconds)
    }

    /// `YYYY-MM-DDTHH:MM[:SS]`, local time, as seconds since the epoch.
    static func parseNow(_ text: String) throws(SocialTimeError) -> Int {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        let fields = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) } : []
        guard parts.count == 2, let date = CalendarDate(iso: String(parts[0])), (2...3).contains(fields.count),
              parts[1].split(separator: ":").allSatisfy({ $0.count == 2 }),
              let hour = fields[0], let minute = fields[1], (0...23).contains(hour), (0...59).contains(minute),
              (fields.count == 2 || (fields[2].map { (0...59).contains($0) } ?? false)) else {
            throw .invalidInput("SOCIALTIME_NOW='\(Text.printable(text))' is not a local time: use YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS")
        }
        try CalendarDate.requireSupported(date, what: "SOCIALTIME_NOW")
        var local = tm()
        local.tm_year = Int32(date.year - 1900)
        local.tm_mon = Int32(date.month - 1)
        local.tm_mday = Int32(date.day)
        local.tm_hour = Int32(hour)
        local.tm_min = Int32(minute)
        local.tm_sec = Int32(fields.count == 3 ? fields[2]! : 0)
        local.tm_isdst = -1
        return Int(mktime(&local))
    }

    static func isoTimestamp(_ t: tm) -> String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        // Total (no force-unwrap): a tampered moment past 9999 must be reported, not trap.
        let date = CalendarDate(dayNumber: CalendarDate.dayNumber(year: Int(t.tm_year) + 1900, month: Int(t.tm_mon) + 1, day: Int(t.tm_mday)))
        let offset = Int(t.tm_gmtoff)
        let sign = offset < 0 ? "-" : "+"
        let abs = offset < 0 ? -offset : offset
        return "\(date)T\(pad(Int(t.tm_hour))):\(pad(Int(t.tm_min))):\(pad(Int(t.tm_sec)))\(sign)\(pad(abs / 3600)):\(pad(abs % 3600 / 60))"
    }
}
