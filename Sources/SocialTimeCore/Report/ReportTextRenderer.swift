/// The report for an 80-column terminal: aligned tables, hours as `5h 30m`, and — only when the
/// caller says so (stdout is a terminal and NO_COLOR is unset) — flagged lines in red and those
/// awaiting review in yellow.
public struct ReportTextRenderer: Sendable {
    public let colour: Bool
    static let width = 80

    public init(colour: Bool) { self.colour = colour }

    public func render(_ report: WeeklyReport) -> String {
        let s = report.strings
        var out = [paint("\(s.weeklyReport) \(report.weekTitle)", .bold)]
        if let company = report.company, !company.isEmpty { out.append(company) }
        out += headline(report.headline) + [""]
        out += people(report)
        if report.people.contains(where: { !$0.byNetwork.isEmpty }) { out += breakdown(report) }
        out += outcomes(report)
        out += networks(report)
        out += trend(report)
        out += LateChangeRendering.textLines(report.week, report.lateChanges, strings: s)
        out += justifications(report)
        // A column with an empty header (the bars) pads the header line: no trailing blanks.
        return out.joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.last == " " ? String($0.reversed().drop(while: { $0 == " " }).reversed()) : String($0) }
            .joined(separator: "\n") + "\n"
    }

    /// The headline, wrapped at 80 columns only after a ` · `: each figure stays whole.
    func headline(_ text: String) -> [String] {
        var characters = Array(Self.glue(text))
        for index in characters.indices.dropLast() where characters[index] == "·" { characters[index + 1] = " " }
        return Wrap.lines(String(characters), width: Self.width).map(Self.unglue)
    }

    enum Style: String { case bold = "1", red = "1;31", yellow = "33" }

    func paint(_ text: String, _ style: Style) -> String {
        colour ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func heading(_ text: String) -> String { paint(text, .bold) }

    func people(_ report: WeeklyReport) -> [String] {
        let s = report.strings
        guard !report.people.isEmpty else { return [heading(s.peopleHeading), s.nobodyLogged, ""] }
        var table = TextTable([(s.staffColumn.uppercased(), .left), (s.nameColumn.uppercased(), .left), (s.timeColumn.uppercased(), .right),
                               (s.justificationColumn.uppercased(), .left), (s.verdictColumn.uppercased(), .left)],
                              maxWidths: [14, 22, nil, nil, nil])
        for person in report.people {
            table.append([person.staff.value, person.name, s.duration(person.minutes), s.status(person.justificationStatus), person.verdict(s)])
        }
        let lines = table.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var painted = [lines[0]]
        for (person, line) in zip(report.people, lines.dropFirst()) {
            painted.append(person.flagged ? paint(line, .red) : person.awaitingReview ? paint(line, .yellow) : line)
        }
        return [heading(s.peopleHeading)] + painted + [""]
    }

    /// One entry per person, `handle  networks · outcomes`, wrapped with a hanging indent.
    func breakdown(_ report: WeeklyReport) -> [String] {
        let s = report.strings
        var out = [heading(s.breakdownHeading)]
        let indent = min(report.people.map { TextTable.width($0.staff.value) }.max() ?? 0, 14) + 2
        for person in report.people where !person.byNetwork.isEmpty {
            let label = person.staff.value + String(repeating: " ", count: max(2, indent - TextTable.width(person.staff.value)))
            // Each `linkedin 5 timer 45 min.` stays on one line: wrapped between the items only.
            let glued = { (items: [KeyedMinutes]) in
                items.map { Self.glue("\($0.key) \(s.duration($0.minutes))") }.joined(separator: ", ")
            }
            let text = glued(person.byNetwork) + " · " + glued(person.byOutcome)
            let lines = Wrap.lines(text, width: Self.width - max(indent, TextTable.width(label)))
            for (index, line) in lines.enumerated() {
                out.append((index == 0 ? label : String(repeating: " ", count: indent)) + Self.unglue(line))
            }
        }
        return out + [""]
    }

    /// Spaces `Wrap` does not break at (no-break spaces), and back.
    static func glue(_ text: String) -> String { String(text.map { $0 == " " ? "\u{00A0}" : $0 }) }
    static func unglue(_ text: String) -> String { String(text.map { $0 == "\u{00A0}" ? " " : $0 }) }

    /// The outcomes table; when the unit after each time per result (`pr. stk.`) would take it
    /// past 80 columns, the times stand alone under their heading ("time per result").
    func outcomes(_ report: WeeklyReport) -> [String] {
        guard !report.outcomes.isEmpty else { return [] }
        let s = report.strings
        var rendered = ""
        for withUnit in [true, false] {
            var table = TextTable([(s.outcomeColumn.uppercased(), .left), (s.timeColumn.uppercased(), .right), (s.resultsColumn.uppercased(), .right),
                                   (s.timePerResultColumn.uppercased(), .left)],
                                  maxWidths: [24, nil, 18, 24])
            for outcome in report.outcomes {
                table.append([outcome.outcome, s.duration(outcome.minutes), outcome.resultsText(s),
                              outcome.minutesPerResult.map { s.duration($0) + (withUnit ? " " + outcome.perResultText(s) : "") } ?? "—"])
            }
            rendered = table.rendered()
            if rendered.split(separator: "\n").allSatisfy({ TextTable.width(String($0)) <= Self.width }) { break }
        }
        return [heading(s.outcomesHeading), rendered, ""]
    }

    func networks(_ report: WeeklyReport) -> [String] {
        guard !report.networks.isEmpty else { return [] }
        let largest = report.networks.map(\.minutes.value).max() ?? 1
        let s = report.strings
        var table = TextTable([(s.networkColumn.uppercased(), .left), (s.timeColumn.uppercased(), .right), (s.shareColumn.uppercased(), .right),
                               ("", .left)], maxWidths: [20, nil, nil, nil])
        for network in report.networks {
            table.append([network.key, s.duration(network.minutes), report.share(network.minutes), Self.bar(network.minutes.value, of: largest)])
        }
        return [heading(s.networksHeading), table.rendered(), ""]
    }

    func trend(_ report: WeeklyReport) -> [String] {
        guard !report.trend.isEmpty else { return [] }
        let weeks = report.trend + [report.thisWeek]
        let largest = weeks.map(\.minutes.value).max() ?? 1
        let s = report.strings
        var table = TextTable([(s.weekColumn.uppercased(), .left), (s.timeColumn.uppercased(), .right), (s.flaggedColumn.uppercased(), .right),
                               ("", .left)])
        for week in weeks {
            let label = s.week(week.week) + (week.week == report.week ? "*" : "")
            table.append([label, s.duration(week.minutes), String(week.flagged), Self.bar(week.minutes.value, of: largest)])
        }
        return [heading(s.trendHeading(report.trend.count)), table.rendered(), ""]
    }

    func justifications(_ report: WeeklyReport) -> [String] {
        let explained = report.people.filter { $0.justification != nil || $0.reviewedBy != nil }
        guard !explained.isEmpty else { return [] }
        let s = report.strings
        var out = [heading(s.justificationsHeading)]
        for person in explained {
            out.append("\(person.staff.value) (\(s.status(person.justificationStatus))):")
            out += Wrap.lines(person.justification ?? "", width: Self.width - 4).map { "    " + $0 }
            if let review = person.reviewText(s) {
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
