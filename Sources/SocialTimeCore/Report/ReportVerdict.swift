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

/// Breaks text into lines of at most `width` terminal columns at spaces; a word longer than a
/// line (a URL) is cut across lines, so nothing runs past the terminal's edge.
enum Wrap {
    static func lines(_ text: String, width: Int) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true).flatMap({ pieces(String($0), width: width) }) {
            if line.isEmpty {
                line = word
            } else if TextTable.width(line) + 1 + TextTable.width(word) <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func pieces(_ word: String, width: Int) -> [String] {
        guard TextTable.width(word) > width else { return [word] }
        var pieces: [String] = [], piece = ""
        for character in word {
            if TextTable.width(piece + String(character)) > width {
                pieces.append(piece)
                piece = ""
            }
            piece.append(character)
        }
        return pieces + (piece.isEmpty ? [] : [piece])
    }
}
