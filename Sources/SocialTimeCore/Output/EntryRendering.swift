/// The three forms of an entry list: a table for people, JSON and CSV for programs.
public enum EntryRendering {
    /// The entries CSV's columns, shared by `entries --format csv`, `export` and `import`.
    public static let csvHeader = ["entry_id", "week", "date", "staff", "staff_name", "network", "outcome", "minutes", "hours", "note", "logged_at"]

    public static func csvFields(_ entry: Entry) -> [CSVField] {
        [.number(String(entry.id)), .text(entry.week.description), .text(entry.date.description),
         .text(entry.staff.value), .text(entry.staffName), .text(entry.network), .text(entry.outcome),
         .number(String(entry.minutes.value)), .decimal(entry.minutes.hoursString()), .text(entry.note), .text(entry.loggedAt)]
    }

    public static func json(_ entries: [Entry]) -> JSON {
        .object([("entries", .array(entries.map(jsonItem)))])
    }

    /// One entry of `{"entries": […]}`.
    public static func jsonItem(_ entry: Entry) -> JSON {
        .object([("entry_id", .int(entry.id)), ("week", .string(entry.week.description)),
                 ("date", .string(entry.date.description)), ("staff", .string(entry.staff.value)),
                 ("staff_name", .string(entry.staffName)), ("network", .string(entry.network)),
                 ("outcome", .string(entry.outcome)), ("minutes", .int(entry.minutes.value)),
                 ("hours", .hours(entry.minutes)), ("note", .string(entry.note)),
                 ("logged_at", .string(entry.loggedAt)),
                 // The clock times it ran (--from/--to, a timer), null when only the duration is known.
                 ("started_at", entry.startedAt.map(JSON.string) ?? .null), ("ended_at", entry.endedAt.map(JSON.string) ?? .null)]
                + (entry.deleted ? [("deleted", .bool(true))] : []))
    }

    public static func csv(_ entries: [Entry], dialect: CSVDialect = .rfc4180) -> String {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(csvHeader)
        for entry in entries { writer.writeRow(csvFields(entry)) }
        return writer.output
    }

    /// A table that fits an 80-column terminal, with the total underneath.
    public static func text(_ entries: [Entry], title: String, showStaff: Bool) -> String {
        text(EntryListing(entries: entries, title: title, showStaff: showStaff, threshold: nil, columns: 80))
    }

    /// The list for people: the entries, each day's total, and the week's total against the
    /// threshold with the justification's status. Notes take the room `columns` leaves (the
    /// terminal's width) and are shown whole when `columns` is nil (output to a file or a pipe).
    public static func text(_ listing: EntryListing) -> String {
        let entries = listing.entries.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        guard !entries.isEmpty else { return "\(listing.title): no entries." }
        let showStaff = listing.showStaff
        var columns: [(String, TextTable.Alignment)] = [("ID", .right), ("DATE", .left)]
        if showStaff { columns.append(("STAFF", .left)) }
        // The clock times, when any entry has them (--from/--to, a timer).
        let showClock = entries.contains { $0.clockTimes != nil }
        columns += [("NETWORK", .left), ("OUTCOME", .left), ("TIME", .right)] + (showClock ? [("CLOCK", .left)] : []) + [("NOTE", .left)]
        let rows: [[String]] = entries.map { entry in
            var row = [String(entry.id), entry.date.description]
            if showStaff { row.append(entry.staff.value) }
            row += [entry.network, entry.outcome, entry.minutes.description]
            if showClock { row.append(entry.clockTimes ?? "") }
            return row + [(entry.deleted ? "[deleted] " : "") + entry.note]
        }
        var table = TextTable(columns, maxWidths: noteWidths(rows: rows, headers: columns.map(\.0), columns: listing.columns))
        for row in rows { table.append(row) }

        let counted = entries.filter { !$0.deleted }
        var lines = [listing.title, "", table.rendered(), ""]
        lines += dayTotals(counted)
        lines.append("")
        let total = counted.map(\.minutes).sum()
        lines.append("Week total: \(total) in \(counted.count) \(counted.count == 1 ? "entry" : "entries")"
            + (showStaff ? ", everyone" : ""))
        if let threshold = listing.threshold {
            lines += thresholdLines(counted, threshold: threshold, listing: listing)
        }
        return lines.joined(separator: "\n")
    }

    /// Each column's cap: none when the output is not a terminal; on one, the note gets what the
    /// other columns leave of its width (at least 12 characters, cut with "…").
    static func noteWidths(rows: [[String]], headers: [String], columns: Int?) -> [Int?] {
        var caps: [Int?] = Array(repeating: nil, count: headers.count)
        guard let columns else { return caps }
        var used = 0
        for index in 0..<(headers.count - 1) {
            used += ([headers[index]] + rows.map { $0[index] }).map(TextTable.width).max() ?? 0
        }
        used += 2 * (headers.count - 1)
        caps[headers.count - 1] = max(12, columns - used)
        return caps
    }

    /// `Mon 2026-11-23  2h 30m` for every date with entries.
    static func dayTotals(_ entries: [Entry]) -> [String] {
        var days: [(CalendarDate, Minutes)] = []
        for entry in entries {
            if let last = days.last, last.0 == entry.date {
                days[days.count - 1].1 += entry.minutes
            } else {
                days.append((entry.date, entry.minutes))
            }
        }
        guard !days.isEmpty else { return [] }
        var table = TextTable([("DAY", .left), ("TOTAL", .right)])
        for (date, minutes) in days { table.append([weekdayNames[date.isoWeekday - 1] + " " + date.description, minutes.description]) }
        return [table.rendered()]
    }

    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// One person: their total against the threshold and their justification. Everyone: a line
    /// per person, flagged ones marked.
    static func thresholdLines(_ entries: [Entry], threshold: Minutes, listing: EntryListing) -> [String] {
        var totals: [(Handle, Minutes)] = []
        for entry in entries {
            if let index = totals.firstIndex(where: { $0.0 == entry.staff }) { totals[index].1 += entry.minutes } else { totals.append((entry.staff, entry.minutes)) }
        }
        if !listing.showStaff {
            let minutes = totals.first?.1 ?? .zero
            let status = totals.first.map { listing.status(of: $0.0) } ?? .none
            return [standing(minutes, threshold: threshold, status: status, week: listing.week)]
        }
        var table = TextTable([("STAFF", .left), ("TIME", .right), ("JUSTIFICATION", .left), ("AGAINST THE \(threshold) THRESHOLD", .left)])
        for (staff, minutes) in totals.sorted(by: { ($0.1, $1.0.value) > ($1.1, $0.0.value) }) {
            let status = listing.status(of: staff)
            let verdict = minutes < threshold ? "under"
                : status == .none || status == .rejected ? "FLAGGED" : status == .submitted ? "awaiting review" : "justified"
            table.append([staff.value, minutes.description, status.rawValue, verdict])
        }
        return ["", table.rendered()]
    }

    /// "Threshold 5h: 2h 15m to go. Justification: none." and the like.
    static func standing(_ minutes: Minutes, threshold: Minutes, status: JustificationStatus, week: ISOWeek?) -> String {
        let justification = "Justification: \(status.rawValue)"
        guard minutes >= threshold else {
            return "Threshold \(threshold): \(threshold - minutes) to go. \(justification)."
        }
        let over = "Threshold \(threshold): reached"
        switch status {
        case .none, .rejected:
            let weekOption = week.map { " --week \($0)" } ?? ""
            return "\(over) — FLAGGED. \(justification); explain what the business gets: socialtime justify\(weekOption) \"…\""
        case .submitted: return "\(over). \(justification), awaiting review."
        case .accepted: return "\(over). \(justification)."
        }
    }

    /// One line describing an entry, for `log`, `edit`, `delete`, `restore`.
    public static func summary(_ entry: Entry) -> String {
        "#\(entry.id) \(entry.date) \(entry.staff) \(entry.minutes) on \(entry.network) for \(entry.outcome)"
            + (entry.note.isEmpty ? "" : " — \(entry.note)")
    }
}

/// What `entries` shows people: the entries and what to judge them against.
public struct EntryListing: Sendable {
    public var entries: [Entry]
    public var title: String
    /// Several people's entries: a STAFF column and a line per person.
    public var showStaff: Bool
    /// The week listed, for the `justify --week` hint; nil leaves the option out.
    public var week: ISOWeek?
    /// The week's threshold; nil shows no standing.
    public var threshold: Minutes?
    /// Each person's justification status for the week; a person not named has none.
    public var justifications: [Handle: JustificationStatus]
    /// The terminal's width, or nil when the output is not a terminal (notes are shown whole).
    public var columns: Int?

    public init(entries: [Entry], title: String, showStaff: Bool, week: ISOWeek? = nil, threshold: Minutes?,
                justifications: [Handle: JustificationStatus] = [:], columns: Int?) {
        self.entries = entries
        self.title = title
        self.showStaff = showStaff
        self.week = week
        self.threshold = threshold
        self.justifications = justifications
        self.columns = columns
    }

    func status(of staff: Handle) -> JustificationStatus { justifications[staff] ?? .none }
}
