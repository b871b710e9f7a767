/// Dates in the two forms mail needs, from the ISO 8601 timestamp the caller passes in (the
/// library never reads the clock): RFC 5322 `Date:` and the asctime form of an mbox `From_` line.
public struct MailDate: Sendable, Equatable {
    public let date: CalendarDate
    public let hour: Int, minute: Int, second: Int
    /// The offset from UTC in minutes (`+01:00` is 60).
    public let offsetMinutes: Int

    static let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Reads `YYYY-MM-DDTHH:MM[:SS]±HH:MM` or `…Z`.
    public init(iso text: String) throws(SocialTimeError) {
        let bad = SocialTimeError.invalidInput("\(text) is not a timestamp: use YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. 2026-11-30T06:00:00+01:00")
        let characters = Array(text)
        guard characters.count >= 17, characters[10] == "T", let date = CalendarDate(iso: String(characters[0..<10])) else { throw bad }
        var rest = Array(characters[11...])
        var offset = 0
        if rest.last == "Z" {
            rest.removeLast()
        } else {
            guard rest.count >= 6, let sign = rest.dropLast(5).last, sign == "+" || sign == "-",
                  rest[rest.count - 3] == ":",
                  let oh = Int(String(rest[(rest.count - 5)..<(rest.count - 3)])), let om = Int(String(rest[(rest.count - 2)...])),
                  oh < 24, om < 60 else { throw bad }
            offset = (sign == "-" ? -1 : 1) * (oh * 60 + om)
            rest.removeLast(6)
        }
        let fields = rest.split(separator: ":").map { Int(String($0)) }
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0 != nil }), rest.count == fields.count * 3 - 1 else { throw bad }
        let h = fields[0]!, m = fields[1]!, s = fields.count == 3 ? fields[2]! : 0
        guard h < 24, m < 60, s < 60 else { throw bad }
        self.date = date
        (hour, minute, second) = (h, m, s)
        offsetMinutes = offset
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    var clock: String { "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }

    /// `Mon, 30 Nov 2026 06:00:00 +0100`.
    public var rfc5322: String {
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(Self.days[date.isoWeekday - 1]), \(date.day) \(Self.months[date.month - 1]) \(date.year) \(clock) "
            + "\(sign)\(Self.two(offset / 60))\(Self.two(offset % 60))"
    }

    /// `Mon Nov 30 06:00:00 2026`, local time, as mbox `From_` lines carry it.
    public var asctime: String {
        let day = date.day < 10 ? " \(date.day)" : "\(date.day)"
        return "\(Self.days[date.isoWeekday - 1]) \(Self.months[date.month - 1]) \(day) \(clock) \(date.year)"
    }
}
