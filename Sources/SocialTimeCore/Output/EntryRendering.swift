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
        .object([("entries", .array(entries.map { entry in
            .object([("entry_id", .int(entry.id)), ("week", .string(entry.week.description)),
                     ("date", .string(entry.date.description)), ("staff", .string(entry.staff.value)),
                     ("staff_name", .string(entry.staffName)), ("network", .string(entry.network)),
                     ("outcome", .string(entry.outcome)), ("minutes", .int(entry.minutes.value)),
                     ("hours", .hours(entry.minutes)), ("note", .string(entry.note)),
                     ("logged_at", .string(entry.loggedAt))] + (entry.deleted ? [("deleted", .bool(true))] : []))
        }))])
    }

    public static func csv(_ entries: [Entry], dialect: CSVDialect = .rfc4180) -> String {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(csvHeader)
        for entry in entries { writer.writeRow(csvFields(entry)) }
        return writer.output
    }

    /// A table that fits an 80-column terminal, with the total underneath.
    public static func text(_ entries: [Entry], title: String, showStaff: Bool) -> String {
        guard !entries.isEmpty else { return "\(title): no entries." }
        var columns: [(String, TextTable.Alignment)] = [("ID", .right), ("DATE", .left)]
        var widths: [Int?] = [nil, nil]
        if showStaff { columns.append(("STAFF", .left)); widths.append(12) }
        columns += [("NETWORK", .left), ("OUTCOME", .left), ("TIME", .right), ("NOTE", .left)]
        widths += [12, 18, nil, showStaff ? 14 : 28]
        var table = TextTable(columns, maxWidths: widths)
        for entry in entries {
            var row = [String(entry.id), entry.date.description]
            if showStaff { row.append(entry.staff.value) }
            row += [entry.network, entry.outcome, entry.minutes.description, (entry.deleted ? "[deleted] " : "") + entry.note]
            table.append(row)
        }
        let total = entries.filter { !$0.deleted }.map(\.minutes).sum()
        let count = entries.filter { !$0.deleted }.count
        return "\(title)\n\n\(table.rendered())\n\nTotal: \(total) in \(count) \(count == 1 ? "entry" : "entries")"
    }

    /// One line describing an entry, for `log`, `edit`, `delete`, `restore`.
    public static func summary(_ entry: Entry) -> String {
        "#\(entry.id) \(entry.date) \(entry.staff) \(entry.minutes) on \(entry.network) for \(entry.outcome)"
            + (entry.note.isEmpty ? "" : " — \(entry.note)")
    }
}
