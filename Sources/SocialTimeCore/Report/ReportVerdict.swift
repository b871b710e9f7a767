/// Words shared by every report format, so text, Markdown and HTML say the same thing.
extension ReportPerson {
    /// What a manager should read from the line: `FLAGGED`, `awaiting review`, `justified`, or
    /// `under threshold`.
    public var verdict: String {
        if flagged { return "FLAGGED" }
        if awaitingReview { return "awaiting review" }
        if justificationStatus == .accepted { return "justified" }
        return "under threshold"
    }

    /// `linkedin 5h, facebook 2h 10m`.
    public var networksText: String { byNetwork.map { "\($0.key) \($0.minutes)" }.joined(separator: ", ") }
    public var outcomesText: String { byOutcome.map { "\($0.key) \($0.minutes)" }.joined(separator: ", ") }
}

extension WeeklyReport {
    /// `2026-W47 (2026-11-16 – 2026-11-22)`.
    public var weekTitle: String { "\(week) (\(week.monday) – \(week.sunday))" }

    /// One line for the top of every format.
    public var headline: String {
        "Threshold \(threshold) · \(people.count) \(people.count == 1 ? "person" : "people") · \(totalMinutes) logged · "
            + "\(flaggedCount) flagged · \(awaitingReviewCount) awaiting review"
    }

    /// A whole percentage of the week's time, for the network table.
    public func share(_ minutes: Minutes) -> String {
        guard totalMinutes.value > 0 else { return "0%" }
        return "\((minutes.value * 200 + totalMinutes.value) / (totalMinutes.value * 2))%"
    }
}

/// Breaks text into lines of at most `width` characters at spaces (a long word gets its own line).
enum Wrap {
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if line.isEmpty { line = String(word) } else if TextTable.width(line) + 1 + TextTable.width(String(word)) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
