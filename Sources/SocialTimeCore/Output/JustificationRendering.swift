/// Justifications for people and programs: the spec's `justifications --format json` contract.
public enum JustificationRendering {
    public static func json(_ views: [JustificationView]) -> JSON {
        .object([("justifications", .array(views.map { view in
            let stored = view.stored
            return .object([
                ("staff", .string(stored.staff.value)), ("week", .string(stored.week.description)),
                ("status", .string(view.status.rawValue)), ("text", .string(stored.text)),
                ("minutes", .int(view.minutes.value)),
                ("reviewed_by", stored.reviewedBy.map { .string($0.value) } ?? .null),
                ("review_comment", stored.comment.map(JSON.string) ?? .null),
                ("reviewed_minutes", stored.reviewedMinutes.map { .int($0.value) } ?? .null),
                ("history", .array(view.history.map { event in
                    .object([("status", .string(event.status.rawValue)), ("text", .string(event.text)),
                             ("at", .string(event.at)), ("by", .string(event.by.value))]
                            + (event.comment.map { [("comment", JSON.string($0))] } ?? []))
                })),
                ("late_changes", LateChangeRendering.jsonList(view.lateChanges)),
            ])
        }))])
    }

    public static func text(_ views: [JustificationView], title: String) -> String {
        guard !views.isEmpty else { return "\(title): none." }
        var lines = [title]
        for view in views {
            let stored = view.stored
            lines.append("")
            var status = "\(stored.staff) · \(stored.week) · \(view.minutes) logged · \(view.status.rawValue)"
            if let reviewer = stored.reviewedBy, let covered = stored.reviewedMinutes {
                status += " (\(stored.status.rawValue) by \(reviewer) at \(covered)"
                    + (view.minutes > covered ? "; \(view.minutes - covered) added since, awaiting a new review" : "") + ")"
            }
            lines.append(status)
            lines.append("  \"\(stored.text)\"")
            if let comment = stored.comment { lines.append("  Reviewer's comment: \(comment)") }
            if view.history.count > 1 {
                lines.append("  History:")
                for event in view.history {
                    lines.append("    \(event.at)  \(event.by)  \(event.status.rawValue)" + (event.comment.map { ": \($0)" } ?? ""))
                }
            }
            if !view.lateChanges.isEmpty {
                let summary = LateChangeSummary.perPerson(view.lateChanges)
                lines.append("  " + LateChangeRendering.heading(stored.week) + ": "
                             + summary.map(LateChangeRendering.summaryLine).joined(separator: "; "))
                lines += view.lateChanges.map { "    " + LateChangeRendering.detailLine($0) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
