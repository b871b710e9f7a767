/// The report as Markdown, for pasting into an email or a wiki. User text is escaped so that
/// a name or justification can neither break a table nor inject HTML or links.
public struct ReportMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: WeeklyReport) -> String {
        let s = report.strings
        var out = ["# \(s.weeklyReport) \(report.weekTitle)", ""]
        if let company = report.company, !company.isEmpty { out += ["**\(Self.escape(company))**", ""] }
        out += [report.headline, ""]
        out += ["## " + s.peopleHeading, ""]
        if report.people.isEmpty {
            out += [s.nobodyLogged, ""]
        } else {
            out += row([s.staffColumn, s.nameColumn, s.timeColumn, s.justificationColumn, s.verdictColumn, s.networksColumn, s.outcomesColumn])
                + [row(["---", "---", "---:", "---", "---", "---", "---"]).first!]
            for person in report.people {
                let verdict = person.flagged ? "**\(person.verdict(s))**" : person.verdict(s)
                out += row([Self.escape(person.staff.value), Self.escape(person.name), s.duration(person.minutes),
                            s.status(person.justificationStatus), verdict, Self.escape(person.networksText(s)), Self.escape(person.outcomesText(s))])
            }
            out.append("")
        }
        if !report.outcomes.isEmpty {
            out += ["## " + s.outcomesHeading, ""]
            out += row([s.outcomeColumn, s.timeColumn, s.resultsColumn, s.timePerResultColumn]) + row(["---", "---:", "---:", "---"])
            for outcome in report.outcomes {
                out += row([Self.escape(outcome.outcome), s.duration(outcome.minutes), Self.escape(outcome.resultsText(s)),
                            outcome.minutesPerResult.map { "\(s.duration($0)) \(Self.escape(outcome.perResultText(s)))" } ?? "—"])
            }
            out.append("")
        }
        if !report.networks.isEmpty {
            out += ["## " + s.networksHeading, ""] + row([s.networkColumn, s.timeColumn, s.shareColumn]) + row(["---", "---:", "---:"])
            for network in report.networks {
                out += row([Self.escape(network.key), s.duration(network.minutes), report.share(network.minutes)])
            }
            out.append("")
        }
        if !report.trend.isEmpty {
            out += ["## " + s.trendShortHeading, ""] + row([s.weekColumn, s.timeColumn, s.flaggedColumn]) + row(["---", "---:", "---:"])
            for week in report.trend + [report.thisWeek] {
                let label = week.week == report.week ? "**\(s.week(week.week))** \(s.thisReport)" : s.week(week.week)
                out += row([label, s.duration(week.minutes), String(week.flagged)])
            }
            out.append("")
        }
        if !report.lateChanges.isEmpty {
            out += ["## " + LateChangeRendering.heading(report.week, strings: s), ""]
            for summary in LateChangeSummary.perPerson(report.lateChanges) {
                out.append("- " + Self.escape(LateChangeRendering.summaryLine(summary, strings: s)))
                for change in report.lateChanges where change.staff == summary.staff {
                    out.append("  - " + Self.escape(LateChangeRendering.detailLine(change, strings: s)))
                }
            }
            out.append("")
        }
        let explained = report.people.filter { $0.justification != nil || $0.reviewedBy != nil }
        if !explained.isEmpty {
            out += ["## " + s.justificationsHeading, ""]
            for person in explained {
                out.append("- **\(Self.escape(person.staff.value))** (\(s.status(person.justificationStatus))): \(Self.escape(person.justification ?? ""))"
                           + (person.reviewText(s).map { " — _\(Self.escape($0))_" } ?? ""))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    func row(_ cells: [String]) -> [String] { ["| " + cells.joined(separator: " | ") + " |"] }

    /// Backslash-escapes Markdown's punctuation and writes `&`, `<` and `>` as entities, so the
    /// text shows exactly as typed and no renderer treats it as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "#", "!", "~", "(", ")", "{", "}":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
