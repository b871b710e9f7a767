/// The analyzer's verdict (`flags`) as text for people, JSON and CSV for programs.
public enum FlagsRendering {
    /// `{"week", "from", "to", "threshold_minutes", "flagged": […], "awaiting_review": […]}`, each
    /// person with the review fields (`reviewed_by`, `review_comment`, `reviewed_minutes`, null
    /// when not reviewed).
    public static func json(_ analysis: WeekAnalysis) -> JSON {
        func person(_ week: StaffWeek) -> JSON {
            .object([("staff", .string(week.staff.value)), ("name", .string(week.name)),
                     ("minutes", .int(week.minutes.value)), ("justification_status", .string(week.justificationStatus.rawValue))]
                    + Review.json(by: week.reviewedBy, comment: week.reviewComment, reviewedMinutes: week.reviewedMinutes)
                    + [("late_changes", LateChangeRendering.jsonList(analysis.lateChanges.filter { $0.staff == week.staff }))])
        }
        return .object([("week", .string(analysis.week.description)), ("from", .string(analysis.week.monday.description)),
                        ("to", .string(analysis.week.sunday.description)), ("threshold_minutes", .int(analysis.threshold.value)),
                        ("flagged", .array(analysis.flagged.map(person))),
                        ("awaiting_review", .array(analysis.awaitingReview.map(person)))])
    }

    /// The spec's flags CSV (flagged people only), the same rows `export --kind flags` writes.
    public static func csv(_ analysis: WeekAnalysis, dialect: CSVDialect = .rfc4180) -> String {
        var writer = CSVWriter(dialect: dialect)
        writer.writeHeader(ExportKind.flags.header)
        for person in analysis.flagged { writer.writeRow(ExportKind.flags.fields(person, in: analysis)) }
        return writer.output
    }

    /// Two short tables (flagged, awaiting review) and what to do about each.
    public static func text(_ analysis: WeekAnalysis) -> String {
        let week = analysis.week
        var out = "\(week) (\(week.monday) – \(week.sunday)), threshold \(analysis.threshold)\n\n"
        if analysis.flagged.isEmpty {
            out += "Nobody is flagged: everyone under \(analysis.threshold) or justified.\n"
        } else {
            out += "Flagged — \(analysis.threshold) or more without an accepted justification (\(analysis.flagged.count)):\n\n"
            out += table(analysis.flagged) + "\n\n"
            out += "Each can explain with: socialtime justify --week \(week) \"What the business gets …\"\n"
        }
        if !analysis.awaitingReview.isEmpty {
            out += "\nAwaiting review (\(analysis.awaitingReview.count)):\n\n" + table(analysis.awaitingReview) + "\n\n"
            out += "A manager decides with: socialtime review HANDLE --week \(week) --accept|--reject [--comment TEXT]\n"
        }
        return out
    }

    static func table(_ people: [StaffWeek]) -> String {
        var table = TextTable([("STAFF", .left), ("NAME", .left), ("TIME", .right), ("JUSTIFICATION", .left)],
                              maxWidths: [16, 30, nil, nil])
        for person in people {
            table.append([person.staff.value, person.name, person.minutes.description, person.justificationStatus.rawValue])
        }
        var out = table.rendered()
        // The review under the table, wrapped: a comment is prose and would burst a column.
        let reviewed = people.compactMap { person in person.reviewText.map { (person.staff.value, $0) } }
        if !reviewed.isEmpty {
            out += "\n"
            for (staff, review) in reviewed {
                out += "\n" + Wrap.lines("\(staff): \(review)", width: 76).enumerated()
                    .map { ($0.offset == 0 ? "" : "    ") + $0.element }.joined(separator: "\n")
            }
        }
        return out
    }
}
