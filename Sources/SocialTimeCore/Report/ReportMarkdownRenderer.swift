/// The report as Markdown, for pasting into an email or a wiki. User text is escaped so that
/// a name or justification can neither break a table nor inject HTML or links.
public struct ReportMarkdownRenderer: Sendable {
    public init() {}

    public func render(_ report: WeeklyReport) -> String {
        var out = ["# Weekly report \(report.weekTitle)", ""]
        if let company = report.company, !company.isEmpty { out += ["**\(Self.escape(company))**", ""] }
        out += [report.headline, ""]
        out += ["## People — flagged first", ""]
        if report.people.isEmpty {
            out += ["Nobody logged time this week.", ""]
        } else {
            out += row(["Staff", "Name", "Time", "Justification", "Verdict", "Networks", "Outcomes"])
                + [row(["---", "---", "---:", "---", "---", "---", "---"]).first!]
            for person in report.people {
                let verdict = person.flagged ? "**FLAGGED**" : person.verdict
                out += row([Self.escape(person.staff.value), Self.escape(person.name), person.minutes.description,
                            person.justificationStatus.rawValue, verdict, Self.escape(person.networksText), Self.escape(person.outcomesText)])
            }
            out.append("")
        }
        if !report.outcomes.isEmpty {
            out += ["## Outcomes — effort to value", ""]
            out += row(["Outcome", "Time", "Results", "Time per result"]) + row(["---", "---:", "---:", "---"])
            for outcome in report.outcomes {
                out += row([Self.escape(outcome.outcome), outcome.minutes.description, Self.escape(outcome.resultsText),
                            outcome.minutesPerResult.map { "\($0) \(Self.escape(outcome.perResultText))" } ?? "—"])
            }
            out.append("")
        }
        if !report.networks.isEmpty {
            out += ["## Networks", ""] + row(["Network", "Time", "Share"]) + row(["---", "---:", "---:"])
            for network in report.networks {
                out += row([Self.escape(network.key), network.minutes.description, report.share(network.minutes)])
            }
            out.append("")
        }
        if !report.trend.isEmpty {
            out += ["## Trend", ""] + row(["Week", "Time", "Flagged"]) + row(["---", "---:", "---:"])
            for week in report.trend + [report.thisWeek] {
                let label = week.week == report.week ? "**\(week.week)** (this report)" : week.week.description
                out += row([label, week.minutes.description, String(week.flagged)])
            }
            out.append("")
        }
        if !report.lateChanges.isEmpty {
            out += ["## " + LateChangeRendering.heading(report.week), ""]
            for summary in LateChangeSummary.perPerson(report.lateChanges) {
                out.append("- " + Self.escape(LateChangeRendering.summaryLine(summary)))
                for change in report.lateChanges where change.staff == summary.staff {
                    out.append("  - " + Self.escape(LateChangeRendering.detailLine(change)))
                }
            }
            out.append("")
        }
        let explained = report.people.filter { $0.justification != nil || $0.reviewedBy != nil }
        if !explained.isEmpty {
            out += ["## Justifications", ""]
            for person in explained {
                out.append("- **\(Self.escape(person.staff.value))** (\(person.justificationStatus.rawValue)): \(Self.escape(person.justification ?? ""))"
                           + (person.reviewText.map { " — _\(Self.escape($0))_" } ?? ""))
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
