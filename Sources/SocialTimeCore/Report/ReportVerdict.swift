/// Words shared by every report format, so text, Markdown and HTML say the same thing.
extension ReportPerson {
    /// What a manager should read from the line: `FLAGGED`, `awaiting review`, `justified`, or
    /// `under threshold`.
    public var verdict: String { verdict(.en) }

    /// The verdict in the report's language.
    public func verdict(_ s: ReportStrings) -> String {
        if flagged { return s.flaggedVerdict }
        if awaitingReview { return s.awaitingVerdict }
        if justificationStatus == .accepted { return s.justifiedVerdict }
        return s.underThresholdVerdict
    }

    /// `linkedin 5h, facebook 2h 10m`.
    public var networksText: String { networksText(.en) }
    public var outcomesText: String { outcomesText(.en) }
    public func networksText(_ s: ReportStrings) -> String { byNetwork.map { "\($0.key) \(s.duration($0.minutes))" }.joined(separator: ", ") }
    public func outcomesText(_ s: ReportStrings) -> String { byOutcome.map { "\($0.key) \(s.duration($0.minutes))" }.joined(separator: ", ") }

    /// `reviewed by mette at 7h; 1h 10m added since: “Say which hires”`, or nil when unreviewed.
    public var reviewText: String? { reviewText(.en) }
    public func reviewText(_ s: ReportStrings) -> String? {
        Review.text(by: reviewedBy, comment: reviewComment, reviewedMinutes: reviewedMinutes, minutes: minutes, strings: s)
    }
}

extension StaffWeek {
    /// The same words as `ReportPerson.reviewText`, for `flags`.
    public var reviewText: String? {
        Review.text(by: reviewedBy, comment: reviewComment, reviewedMinutes: reviewedMinutes, minutes: minutes)
    }
}

/// How a manager's review reads in every human format, so a staff member sees who decided, why,
/// and whether the week has grown since.
public enum Review {
    /// nil while nobody has reviewed. The reviewed minutes are the week's total the decision
    /// covered; time logged after it is named, because the acceptance does not cover it.
    ///
    /// `text` and `duration` format the pieces (the HTML report escapes the text and keeps each
    /// duration on one line); plain text by default.
    public static func text(by reviewer: Handle?, comment: String?, reviewedMinutes: Minutes?, minutes: Minutes,
                            strings s: ReportStrings = .en, text: (String) -> String = { $0 }, duration: ((Minutes) -> String)? = nil) -> String? {
        guard let reviewer else { return nil }
        let duration = duration ?? { s.duration($0) }
        var out = text(s.reviewedBy(reviewer.value))
        if let reviewedMinutes {
            out += text(s.reviewedAt) + duration(reviewedMinutes)
            if minutes > reviewedMinutes { out += text("; ") + duration(Minutes(minutes.value - reviewedMinutes.value)) + text(s.addedSince) }
        }
        if let comment, !comment.isEmpty { out += text(": " + s.quoted(comment)) }
        return out
    }

    /// The three review fields of the JSON contracts, null when not reviewed.
    static func json(by reviewer: Handle?, comment: String?, reviewedMinutes: Minutes?) -> [(String, JSON)] {
        [("reviewed_by", .optional(reviewer?.value)), ("review_comment", .optional(comment)),
         ("reviewed_minutes", reviewedMinutes.map { .int($0.value) } ?? .null)]
    }
}

extension WeeklyReport {
    /// `2026-W47 (2026-11-16 – 2026-11-22)`.
    public var weekTitle: String { "\(strings.week(week)) (\(week.monday) – \(week.sunday))" }

    /// One line for the top of every format.
    public var headline: String {
        strings.headline(strings.duration(threshold), people.count, strings.duration(totalMinutes), flaggedCount, awaitingReviewCount)
    }

    /// A whole percentage of the week's time, for the network table.
    public func share(_ minutes: Minutes) -> String {
        guard totalMinutes.value > 0 else { return strings.percent(0) }
        return strings.percent((minutes.value * 200 + totalMinutes.value) / (totalMinutes.value * 2))
    }

    /// The words of the report's language.
    public var strings: ReportStrings { language.strings }
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
