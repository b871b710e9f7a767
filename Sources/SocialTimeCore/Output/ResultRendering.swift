/// Results for people (a table) and programs (JSON, the results CSV of `export`).
public enum ResultRendering {
    /// The results CSV's columns, exactly as the spec names them.
    public static let csvHeader = ["result_id", "week", "date", "staff", "staff_name", "outcome", "unit", "quantity", "note", "logged_at"]

    public static func csvFields(_ result: RecordedResult) -> [CSVField] {
        [.number(String(result.id)), .text(result.date.isoWeek.description), .text(result.date.description),
         .text(result.staff.value), .text(result.staffName), .text(result.outcome), .text(result.unit ?? ""),
         .number(String(result.quantity)), .text(result.note), .text(result.loggedAt)]
    }

    public static func json(_ results: [RecordedResult]) -> JSON {
        .object([("results", .array(results.map { result in
            .object([("result_id", .int(result.id)), ("week", .string(result.date.isoWeek.description)),
                     ("date", .string(result.date.description)), ("staff", .string(result.staff.value)),
                     ("staff_name", .string(result.staffName)), ("outcome", .string(result.outcome)),
                     ("unit", result.unit.map(JSON.string) ?? .null), ("quantity", .int(result.quantity)),
                     ("note", .string(result.note)), ("logged_at", .string(result.loggedAt))])
        }))])
    }

    public static func csv(_ results: [RecordedResult], dialect: CSVDialect = .rfc4180) -> String {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(csvHeader)
        for result in results { writer.writeRow(csvFields(result)) }
        return writer.output
    }

    public static func text(_ results: [RecordedResult], title: String) -> String {
        guard !results.isEmpty else { return "\(title): no results." }
        var table = TextTable([("ID", .right), ("DATE", .left), ("STAFF", .left), ("OUTCOME", .left), ("RESULT", .right), ("NOTE", .left)])
        for result in results {
            table.append([String(result.id), result.date.description, result.staff.value, result.outcome, result.quantityText, result.note])
        }
        return "\(title)\n\n" + table.rendered()
    }
}
