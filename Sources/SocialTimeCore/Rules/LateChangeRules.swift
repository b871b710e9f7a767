/// Late changes and closed weeks, decided here from the injected clock (local dates): a change to
/// an entry dated in a week that has ended is a late change of that week, listed wherever the week
/// is judged; a week closes `close_after_days` after it ends, when a company sets that.
extension Rulebook {
    /// The settings key of `config close-after` (integer text; absent = off).
    public static let closeAfterKey = "close_after_days"

    /// The week `date` lies in, when that week has ended by today; nil otherwise.
    func lateWeek(of date: CalendarDate) -> ISOWeek? {
        let week = date.isoWeek
        return week.sunday < clock.today ? week : nil
    }
}
