/// Late changes as people and programs read them. Each human-readable line is made by one
/// function here, so a translation replaces these and nothing else.
public enum LateChangeRendering {
    /// The spec's late change object: `entry_id`, `action`, `by`, `at`, `date`, `minutes_before`,
    /// `minutes_after`, `reason` (with `staff` first where a list mixes people).
    public static func json(_ change: LateChange, withStaff: Bool = false) -> JSON {
        .object((withStaff ? [("staff", JSON.string(change.staff.value))] : [])
                + [("entry_id", .int(change.entryID)), ("action", .string(change.action)), ("by", .string(change.by)),
                   ("at", .string(change.at)), ("date", .string(change.date.description)),
                   ("minutes_before", change.minutesBefore.map { .int($0.value) } ?? .null),
                   ("minutes_after", change.minutesAfter.map { .int($0.value) } ?? .null),
                   ("reason", .optional(change.reason))])
    }

    public static func jsonList(_ changes: [LateChange], withStaff: Bool = false) -> JSON {
        .array(changes.map { json($0, withStaff: withStaff) })
    }

    /// "Late changes — made after 2026-W48 ended"
    public static func heading(_ week: ISOWeek) -> String { "Late changes — made after \(week) ended" }

    /// "anna: 2 late changes, net −4h" — one line per person.
    public static func summaryLine(_ summary: LateChangeSummary) -> String {
        "\(summary.staff): \(summary.count) late \(summary.count == 1 ? "change" : "changes"), net \(signed(summary.netMinutes))"
    }

    /// "#12 edit of 2026-11-26 by anna at 2026-12-03T10:00:00+01:00: 4h → 30m (reason: …)"
    public static func detailLine(_ change: LateChange) -> String {
        "#\(change.entryID) \(change.action) of \(change.date) by \(change.by) at \(change.at): "
            + "\(change.minutesBefore?.description ?? "—") → \(change.minutesAfter?.description ?? "—")"
            + (change.reason.map { " (reason: \($0))" } ?? "")
    }

    /// "+30m", "−4h", "±0m".
    public static func signed(_ minutes: Int) -> String {
        if minutes == 0 { return "±0m" }
        return (minutes > 0 ? "+" : "−") + Minutes(abs(minutes)).description
    }

    /// The heading, one summary line per person, then one line per change (indented): the text
    /// report's section, and the e-mail's text part.
    public static func textLines(_ week: ISOWeek, _ changes: [LateChange]) -> [String] {
        guard !changes.isEmpty else { return [] }
        var out = [heading(week)]
        for summary in LateChangeSummary.perPerson(changes) {
            out.append(summaryLine(summary))
            for change in changes where change.staff == summary.staff {
                out += Wrap.lines(detailLine(change), width: 74).enumerated().map { ($0.offset == 0 ? "  " : "    ") + $0.element }
            }
        }
        return out + [""]
    }
}
