/// The report for an 80-column terminal: aligned tables, hours as `5h 30m`, and — only when the
/// caller says so (stdout is a terminal and NO_COLOR is unset) — flagged lines in red and those
/// awaiting review in yellow.
public struct ReportTextRenderer: Sendable {
    public let colour: Bool
    static let width = 80

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: WeeklyReport) -> String {
        var out = [paint("Weekly report \(report.weekTitle)", .bold)]
        if let company = report.company, !company.isEmpty { out.append(company) }
        out += [report.headline, ""]
        out += people(report)
        if report.people.contains(where: { !$0.byNetwork.isEmpty }) { out += breakdown(report) }
        out += outcomes(report)
        out += networks(report)
        out += trend(report)
        out += LateChangeRendering.textLines(report.week, report.lateChanges)
        out += justifications(report)
        // A column with an empty header (the bars) pads the header line: no trailing blanks.
        return out.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == " " ? String($0.reversed().drop(while: { $0 == " " }).reversed()) : String($0) }
            .joined(separator: "\n") + "\n"
    }

    enum Style: String { case bold = "1", red = "1;31", yellow = "33" }

    func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func heading(_ text: String) -> String { paint(text, .bold) }

    func people(_ report: WeeklyReport) -> [String] {
        guard !report.people.isEmpty else { return [heading("People"), "Nobody logged time this week.", ""] }
        var table = TextTable([("STAFF", .left), ("NAME", .left), ("TIME", .right), ("JUSTIFICATION", .left), ("VERDICT", .left)],
                              maxWidths: [14, 22, nil, nil, nil])
        for person in report.people {
            table.append([person.staff.value, person.name, person.minutes.description, person.justificationStatus.rawValue, person.verdict])
        }
        let lines = table.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var painted = [lines[0]]
        for (person, line) in zip(report.people, lines.dropFirst()) {
            painted.append(person.flagged ? paint(line, .red) : person.awaitingReview ? paint(line, .yellow) : line)
        }
        return [heading("People — flagged first")] + painted + [""]
    }

    /// One entry per person, `handle  networks · outcomes`, wrapped with a hanging indent.
    func breakdown(_ report: WeeklyReport) -> [String] {
        var out = [heading("Where the time went — networks · outcomes")]
        let indent = min(report.people.map { TextTable.width($0.staff.value) }.max() ?? 0, 14) + 2
        for person in report.people where !person.byNetwork.isEmpty {
            let label = person.staff.value + String(repeating: " ", count: max(2, indent - TextTable.width(person.staff.value)))
            let lines = Wrap.lines(person.networksText + " · " + person.outcomesText, width: Self.width - max(indent, TextTable.width(label)))
            for (index, line) in lines.enumerated() {
                out.append((index == 0 ? label : String(repeating: " ", count: indent)) + line)
            }
        }
        return out + [""]
    }

    func outcomes(_ report: WeeklyReport) -> [String] {
        guard !report.outcomes.isEmpty else { return [] }
        var table = TextTable([("OUTCOME", .left), ("TIME", .right), ("RESULTS", .right), ("TIME PER RESULT", .left)],
                              maxWidths: [24, nil, 18, 22])
        for outcome in report.outcomes {
            table.append([outcome.outcome, outcome.minutes.description, outcome.resultsText,
                          outcome.minutesPerResult.map { "\($0) \(outcome.perResultText)" } ?? "—"])
        }
        return [heading("Outcomes — effort to value"), table.rendered(), ""]
    }

    func networks(_ report: WeeklyReport) -> [String] {
        guard !report.networks.isEmpty else { return [] }
        let largest = report.networks.map(\.minutes.value).max() ?? 1
        var table = TextTable([("NETWORK", .left), ("TIME", .right), ("SHARE", .right), ("", .left)], maxWidths: [20, nil, nil, nil])
        for network in report.networks {
            table.append([network.key, network.minutes.description, report.share(network.minutes), Self.bar(network.minutes.value, of: largest)])
        }
        return [heading("Networks"), table.rendered(), ""]
    }

    func trend(_ report: WeeklyReport) -> [String] {
        guard !report.trend.isEmpty else { return [] }
        let weeks = report.trend + [report.thisWeek]
        let largest = weeks.map(\.minutes.value).max() ?? 1
        var table = TextTable([("WEEK", .left), ("TIME", .right), ("FLAGGED", .right), ("", .left)])
        for week in weeks {
            let label = week.week == report.week ? "\(week.week)*" : week.week.description
            table.append([label, week.minutes.description, String(week.flagged), Self.bar(week.minutes.value, of: largest)])
        }
        return [heading("Trend — the \(report.trend.count) weeks before, and this one (*)"), table.rendered(), ""]
    }

    func justifications(_ report: WeeklyReport) -> [String] {
        let explained = report.people.filter { $0.justification != nil || $0.reviewedBy != nil }
        guard !explained.isEmpty else { return [] }
        var out = [heading("Justifications")]
        for person in explained {
            out.append("\(person.staff.value) (\(person.justificationStatus.rawValue)):")
            out += Wrap.lines(person.justification ?? "", width: Self.width - 4).map { "    " + $0 }
            if let review = person.reviewText {
                out += Wrap.lines(review, width: Self.width - 6).enumerated().map { ($0.offset == 0 ? "    " : "      ") + $0.element }
            }
        }
        return out
    }

    /// A bar of up to 24 blocks, at least one for any time at all.
    static func bar(_ value: Int, of largest: Int) -> String {
        guard value > 0, largest > 0 else { return "" }
        return String(repeating: "█", count: max(1, value * 24 / largest))
    }
}
