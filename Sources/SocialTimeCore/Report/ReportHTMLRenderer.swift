/// The report as one self-contained HTML file: inline CSS and SVG, no script, no external
/// assets. Every piece of user text (names, handles, keys, units, justifications) is escaped.
public struct ReportHTMLRenderer: Sendable {
    public init() {}

    public func render(_ report: WeeklyReport) -> String {
        let e = HTML.escape
        var body = """
            <header><h1>Weekly report \(report.week)</h1>
            <p class="dates">\(report.week.monday) – \(report.week.sunday)</p>
            <p class="summary">\(e(report.headline))</p></header>

            """
        body += "<section><h2>Hours per person</h2>\n"
        if report.people.isEmpty {
            body += "<p>Nobody logged time this week.</p>\n"
        } else {
            body += """
                <p class="legend"><span class="swatch" style="background:\(ReportCharts.flaggedColour)"></span>flagged
                <span class="swatch" style="background:\(ReportCharts.awaitingColour)"></span>awaiting review
                <span class="swatch" style="background:\(ReportCharts.normalColour)"></span>under threshold or justified
                <span class="dash"></span>threshold \(report.threshold)</p>

                """
            body += ReportCharts.hoursPerPerson(report) + "\n"
            body += table(["Person", "Time", "Networks", "Outcomes", "Justification", "Verdict"],
                          numeric: [1], rows: report.people.map { person in
                (person.flagged ? "flagged" : person.awaitingReview ? "awaiting" : nil,
                 ["\(e(person.name))<div class=\"handle\">\(e(person.staff.value))</div>", "\(person.minutes)",
                  e(person.networksText), e(person.outcomesText),
                  "<span class=\"status \(person.justificationStatus.rawValue)\">\(person.justificationStatus.rawValue)</span>"
                    + (person.justification.map { "<div class=\"justification\">\(e($0))</div>" } ?? ""),
                  "<span class=\"verdict\">\(person.verdict)</span>"])
            })
        }
        body += "</section>\n"
        if !report.outcomes.isEmpty {
            body += "<section><h2>Outcomes — effort to value</h2>\n"
            body += table(["Outcome", "Time", "Results", "Time per result"], numeric: [1, 2], rows: report.outcomes.map { outcome in
                (nil, [e(outcome.outcome), "\(outcome.minutes)", e(outcome.resultsText),
                       outcome.minutesPerResult.map { "\($0) \(e(outcome.perResultText))" } ?? "—"])
            }) + "</section>\n"
        }
        if !report.networks.isEmpty {
            body += "<section><h2>Networks</h2>\n"
            body += table(["Network", "Time", "Share"], numeric: [1, 2], rows: report.networks.map { network in
                (nil, [e(network.key), "\(network.minutes)", report.share(network.minutes)])
            }) + "</section>\n"
        }
        if !report.trend.isEmpty {
            body += "<section><h2>Trend</h2>\n" + ReportCharts.trend(report) + "\n"
            body += table(["Week", "Time", "Flagged"], numeric: [1, 2], rows: (report.trend + [report.thisWeek]).map { week in
                (week.week == report.week ? "current" : nil, ["\(week.week)", "\(week.minutes)", String(week.flagged)])
            }) + "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>socialtime weekly report \(report.week)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)<footer>Made by socialtime. Flagged: \(report.threshold) or more in the week with no justification or a rejected one.</footer>
            </body>
            </html>

            """
    }

    /// A table; `rows` pairs an optional row class with cells that are already escaped.
    func table(_ headers: [String], numeric: Set<Int>, rows: [(String?, [String])]) -> String {
        func cell(_ tag: String, _ index: Int, _ content: String) -> String {
            "<\(tag)\(numeric.contains(index) ? " class=\"num\"" : "")>\(content)</\(tag)>"
        }
        var out = "<table>\n<thead><tr>" + headers.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead>\n<tbody>\n"
        for (rowClass, cells) in rows {
            out += "<tr\(rowClass.map { " class=\"\($0)\"" } ?? "")>" + cells.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static let style = """

        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1b1b; margin: 2em auto; max-width: 920px; padding: 0 1em; }
        h1 { margin-bottom: 0.1em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        .dates { color: #555; margin-top: 0; } .summary { font-weight: 600; }
        table { border-collapse: collapse; width: 100%; margin-top: 0.8em; font-size: 0.92em; }
        th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #e3e3e3; vertical-align: top; overflow-wrap: break-word; }
        th { background: #f4f4f4; } .num { text-align: right; white-space: nowrap; }
        tr.flagged td { background: #fdecea; } tr.flagged td:last-child { color: #c62828; font-weight: 700; }
        tr.awaiting td { background: #fff6e0; } tr.current td { font-weight: 700; }
        .status { font-size: 0.85em; padding: 0.05em 0.45em; border-radius: 0.8em; background: #eee; }
        .status.rejected { background: #f8c9c4; } .status.accepted { background: #cdebd0; } .status.submitted { background: #ffe4a8; }
        .handle { color: #666; font-size: 0.85em; } .verdict { white-space: nowrap; }
        .justification { margin-top: 0.3em; color: #444; font-size: 0.92em; }
        .legend { font-size: 0.9em; color: #333; }
        .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; margin: 0 0.3em 0 0.9em; vertical-align: -0.1em; }
        .dash { display: inline-block; width: 1.6em; border-top: 2px dashed #222; margin: 0 0.3em 0 0.9em; vertical-align: 0.3em; }
        .chart { display: block; margin-top: 0.5em; font-family: inherit; }
        .chart .label { font-size: 14px; fill: #222; } .chart .label.current { font-weight: 700; }
        .chart .value { font-size: 13px; fill: #333; } .chart .small { font-size: 11px; fill: #777; }
        .chart .flagcount { font-size: 11px; fill: #c62828; font-weight: 700; }
        .chart .threshold { font-size: 12px; fill: #222; font-weight: 600; }
        footer { margin-top: 2.5em; font-size: 0.85em; color: #666; }

        """
}
