/// The CSV files `export` writes.
public enum ExportKind: String, Sendable, CaseIterable {
    case entries, summary, flags, results

    /// The columns, exactly as the spec names them.
    public var header: [String] {
        switch self {
        case .entries: return EntryRendering.csvHeader
        case .results: return ResultRendering.csvHeader
        case .summary: return ["week", "staff", "staff_name", "minutes", "hours", "threshold_hours", "justification_status", "flagged", "justification",
                               "reviewed_by", "review_comment", "reviewed_minutes"]
        case .flags: return ["week", "staff", "staff_name", "minutes", "hours", "threshold_hours", "justification_status",
                             "reviewed_by", "review_comment", "reviewed_minutes"]
        }
    }

    /// One person's row of the summary or flags CSV: the flags columns are the summary's first
    /// seven, then (both) the review — reviewer, comment and minutes covered, empty when unreviewed.
    public func fields(_ person: StaffWeek, in analysis: WeekAnalysis) -> [CSVField] {
        var fields: [CSVField] = [.text(analysis.week.description), .text(person.staff.value), .text(person.name),
                                  .number(String(person.minutes.value)), .decimal(person.minutes.hoursString()),
                                  .decimal(analysis.threshold.hoursString()), .text(person.justificationStatus.rawValue)]
        if self == .summary {
            fields += [.text(analysis.isFlagged(person) ? "true" : "false"), .text(person.justification ?? "")]
        }
        return fields + [.text(person.reviewedBy?.value ?? ""), .text(person.reviewComment ?? ""),
                         .number(person.reviewedMinutes.map { String($0.value) } ?? "")]
    }
}

/// Which stretch of time an export covers.
///
/// `entries` holds the entries dated inside the range. `summary` and `flags` are about ISO weeks,
/// because the five-hour rule is a weekly rule: they hold every ISO week that overlaps the range,
/// each judged on its whole week (a range that starts on a Wednesday still reports that week's
/// full total, or the analyzer would be judging half-weeks). The `week` column tells them apart.
public enum ExportRange: Sendable, Equatable {
    case week(ISOWeek)
    case dates(from: CalendarDate, to: CalendarDate)
    /// Everything in the database.
    case all

    /// The file name part: `2026-W47`, `2026-11-01_2026-11-30` or `all`.
    public var label: String {
        switch self {
        case .week(let week): return week.description
        case .dates(let from, let to): return "\(from)_\(to)"
        case .all: return "all"
        }
    }

    /// `socialtime-<kind>-<label>.csv`.
    public func fileName(_ kind: ExportKind) -> String { "socialtime-\(kind.rawValue)-\(label).csv" }
}
