/// An import's local moments, a million rows' worth: the zone is asked once per date instead
/// of `mktime` and `localtime_r` twice per row for the row's start and end. A date whose clocks
/// do not change — its 23:59 is 23 h 59 min after its midnight, at the same UTC offset — turns a
/// moment into seconds and an ISO 8601 timestamp by plain arithmetic; any other date (a clock
/// change that day) and any moment past the day's last second ask the zone as
/// `LocalMoment.epoch(in:)` does, so the answers are the zone's own either way.
struct LocalDays {
    let zone: LocalZone
    /// Each date's midnight and its offset as written in a timestamp (`+01:00`); nil when the
    /// date's clocks change.
    private var days: [CalendarDate: (midnight: Int, offset: String)?] = [:]

    init(zone: LocalZone) {
        self.zone = zone
    }

    /// `moment` in seconds since the epoch.
    mutating func epoch(_ moment: LocalMoment) -> Int {
        guard let day = plain(moment) else { return moment.epoch(in: zone) }
        return day.midnight + moment.seconds
    }

    /// `moment` as ISO 8601 with the zone's offset, as `zone.local(epoch).timestamp` writes it.
    mutating func timestamp(_ moment: LocalMoment) -> String {
        guard let day = plain(moment) else { return zone.local(moment.epoch(in: zone)).timestamp }
        let seconds = moment.seconds
        return "\(moment.date)T\(Self.pad(seconds / 3600)):\(Self.pad(seconds % 3600 / 60)):\(Self.pad(seconds % 60))\(day.offset)"
    }

    private mutating func plain(_ moment: LocalMoment) -> (midnight: Int, offset: String)? {
        guard (0..<86_400).contains(moment.seconds) else { return nil }
        if let known = days[moment.date] { return known }
        let midnight = zone.moment(moment.date, .midnight)
        let lastMinute = TimeOfDay(hour: 23, minute: 59)!
        let late = zone.moment(moment.date, lastMinute)
        let first = zone.local(midnight), last = zone.local(late)
        let offset = String(first.timestamp.suffix(6))
        let day: (midnight: Int, offset: String)? =
            late - midnight == 86_340 && first.date == moment.date && first.time == .midnight
                && last.date == moment.date && last.time == lastMinute && String(last.timestamp.suffix(6)) == offset
            ? (midnight, offset) : nil
        days[moment.date] = day
        return day
    }

    private static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
