/// `status` for people (text) and programs (JSON, exactly the spec's fields).
public enum StatusRendering {
    public static func json(_ status: TimerStatus) -> JSON {
        let timer: JSON = status.timer.map { timer in
            JSON.object([("network", .string(timer.network)), ("outcome", .string(timer.outcome)),
                         ("note", timer.note.isEmpty ? .null : .string(timer.note)), ("started_at", .string(timer.startedAt)),
                         ("elapsed_minutes", .int(status.elapsedMinutes?.value ?? 0))])
        } ?? .null
        return .object([
            ("staff", .string(status.staff.value)), ("date", .string(status.date.description)),
            ("today_minutes", .int(status.todayMinutes.value)), ("week", .string(status.week.description)),
            ("week_minutes", .int(status.weekMinutes.value)), ("threshold_minutes", .int(status.threshold.value)),
            ("justification_status", .string(status.justificationStatus.rawValue)), ("review_comment", .optional(status.reviewComment)),
            ("timer", timer),
        ])
    }

    public static func text(_ status: TimerStatus) -> String {
        var lines: [String] = []
        if let timer = status.timer {
            let started = TimeOfDay(timestamp: timer.startedAt).map { "\($0)" } ?? timer.startedAt
            let day = timer.startedAt.hasPrefix(status.date.description) ? "" : " on \(timer.startedAt.prefix(10))"
            lines.append("Timer: \(timer.network), \(timer.outcome)" + (timer.note.isEmpty ? "" : " — \(timer.note)")
                + ", running since \(started)\(day) (\(status.elapsedMinutes ?? .zero)); `socialtime stop` logs it")
        } else {
            lines.append("Timer: none running (`socialtime start NETWORK OUTCOME` starts one)")
        }
        if status.timerOverLimit {
            lines.append(TimerMessages.statusWarning(ran: status.elapsedMinutes ?? .zero, limit: status.timerLimit))
        }
        lines.append("Today (\(status.date)): \(status.todayMinutes) logged by \(status.staff)")
        let over = status.weekMinutes >= status.threshold
        lines.append("\(status.week): \(status.weekMinutes) of the \(status.threshold) threshold" + (over ? " (reached)" : ""))
        var justification = "Justification: \(status.justificationStatus.rawValue)"
        if let comment = status.reviewComment, !comment.isEmpty { justification += " — reviewer: \"\(comment)\"" }
        if over && (status.justificationStatus == .none || status.justificationStatus == .rejected) {
            justification += "; explain what the business gets: socialtime justify \"…\""
        }
        lines.append(justification)
        return lines.joined(separator: "\n")
    }
}
