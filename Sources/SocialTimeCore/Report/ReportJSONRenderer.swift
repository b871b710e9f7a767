/// The report as the spec's JSON contract, snake_case, keys in a fixed order.
public struct ReportJSONRenderer: Sendable {
    public init() {}

    public func json(_ report: WeeklyReport) -> JSON {
        func breakdown(_ items: [KeyedMinutes]) -> JSON { .object(items.map { ($0.key, .int($0.minutes.value)) }) }
        let staff: [JSON] = report.people.map { person in
            .object([("staff", .string(person.staff.value)), ("name", .string(person.name)),
                     ("minutes", .int(person.minutes.value)), ("by_network", breakdown(person.byNetwork)),
                     ("by_outcome", breakdown(person.byOutcome)),
                     ("justification_status", .string(person.justificationStatus.rawValue)),
                     ("justification", .optional(person.justification))]
                    + Review.json(by: person.reviewedBy, comment: person.reviewComment, reviewedMinutes: person.reviewedMinutes)
                    + [("flagged", .bool(person.flagged)),
                       ("late_changes", LateChangeRendering.jsonList(report.lateChanges.filter { $0.staff == person.staff }))])
        }
        let outcomes: [JSON] = report.outcomes.map { outcome in
            .object([("outcome", .string(outcome.outcome)), ("unit", .optional(outcome.unit)),
                     ("minutes", .int(outcome.minutes.value)), ("results", .int(outcome.results)),
                     ("minutes_per_result", outcome.minutesPerResult.map { .int($0.value) } ?? .null)])
        }
        return .object([
            ("week", .string(report.week.description)), ("from", .string(report.week.monday.description)),
            ("to", .string(report.week.sunday.description)), ("threshold_minutes", .int(report.threshold.value)),
            ("staff", .array(staff)), ("outcomes", .array(outcomes)),
            ("networks", .array(report.networks.map { .object([("network", .string($0.key)), ("minutes", .int($0.minutes.value))]) })),
            ("totals", .object([("minutes", .int(report.totalMinutes.value)), ("staff", .int(report.people.count)),
                                ("flagged", .int(report.flaggedCount))])),
            ("trend", .array(report.trend.map { .object([("week", .string($0.week.description)), ("minutes", .int($0.minutes.value)),
                                                         ("flagged", .int($0.flagged))]) })),
            // Everyone's, also of people the week no longer lists (all their entries deleted).
            ("late_changes", LateChangeRendering.jsonList(report.lateChanges, withStaff: true)),
        ])
    }

    public func render(_ report: WeeklyReport) -> String { json(report).serialized(pretty: true) + "\n" }
}
