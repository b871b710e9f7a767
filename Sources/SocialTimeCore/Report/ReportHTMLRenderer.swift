/// The report as one self-contained HTML file: inline CSS and SVG, no script, no external
/// assets. Every piece of user text (names, handles, keys, units, justifications, comments, the
/// company) is escaped.
///
/// It reads on a phone (390 px: the people table becomes one card per person, tables of four
/// columns or more one card per row, and each chart is drawn a second time for a phone's width
/// so its text keeps its size), on a desktop, in a mail client, and printed (A4, no row split
/// across pages). Words wrap at spaces and hyphens only (free text may break anywhere, as a
/// long link must); durations, names and handles never wrap.
public struct ReportHTMLRenderer: Sendable {
    public init() {}

    public func render(_ report: WeeklyReport) -> String {
        let e = HTML.escape
        let s = report.strings
        func d(_ minutes: Minutes) -> String { Self.duration(minutes, s) }
        let company = report.company.flatMap { $0.isEmpty ? nil : $0 }
        var body = "<header>"
        if let company { body += "<p class=\"company\">\(e(company))</p>" }
        body += "<h1>\(s.weeklyReport) <span class=\"nw\">\(s.week(report.week))</span></h1>\n"
        body += "<p class=\"dates\"><span class=\"nw\">\(report.week.monday) – \(report.week.sunday)</span>"
        if !report.generatedAt.isEmpty {
            body += " · \(s.generated) <time class=\"nw\" datetime=\"\(e(report.generatedAt))\">\(e(Self.readable(report.generatedAt)))</time>"
        }
        body += "</p>\n<p class=\"summary\">\(headline(report))</p></header>\n"

        body += "<section id=\"people\"><h2>\(s.hoursPerPersonHeading)</h2>\n"
        if report.people.isEmpty {
            body += "<p>\(s.nobodyLogged)</p>\n"
        } else {
            body += """
                <p class="legend"><span class="nw"><span class="swatch" style="background:\(ReportCharts.flaggedColour)"></span>\(s.legendFlagged)</span>
                <span class="nw"><span class="swatch" style="background:\(ReportCharts.awaitingColour)"></span>\(s.legendAwaiting)</span>
                <span class="nw"><span class="swatch" style="background:\(ReportCharts.normalColour)"></span>\(s.legendNormal)</span>
                <span class="nw"><span class="dash"></span>\(s.threshold(s.duration(report.threshold)))</span></p>

                """
            body += ReportCharts.both { ReportCharts.hoursPerPerson(report, phone: $0) } + "\n"
            body += people(report)
        }
        body += "</section>\n"
        if !report.outcomes.isEmpty {
            body += "<section id=\"outcomes\"><h2>\(s.outcomesHeading)</h2>\n" + ReportCharts.both { ReportCharts.outcomes(report, phone: $0) } + "\n"
            body += table([s.outcomeColumn, s.timeColumn, s.resultsColumn, s.timePerResultColumn], numeric: [1, 2], rows: report.outcomes.map { outcome in
                (nil, [e(outcome.outcome), d(outcome.minutes), e(outcome.resultsText(s)),
                       outcome.minutesPerResult.map { "\(d($0)) \(e(outcome.perResultText(s)))" } ?? "—"])
            }) + "</section>\n"
        }
        if !report.networks.isEmpty {
            body += "<section id=\"networks\"><h2>\(s.networksHeading)</h2>\n" + ReportCharts.both { ReportCharts.networks(report, phone: $0) } + "\n"
            body += table([s.networkColumn, s.timeColumn, s.shareColumn], numeric: [1, 2], rows: report.networks.map { network in
                (nil, [e(network.key), d(network.minutes), report.share(network.minutes)])
            }) + "</section>\n"
        }
        if !report.trend.isEmpty {
            body += "<section id=\"trend\"><h2>\(s.trendShortHeading)</h2>\n" + ReportCharts.both { ReportCharts.trend(report, phone: $0) } + "\n"
            body += table([s.weekColumn, s.timeColumn, s.flaggedColumn], numeric: [0, 1, 2], rows: (report.trend + [report.thisWeek]).map { week in
                (week.week == report.week ? "current" : nil, [s.week(week.week), d(week.minutes), String(week.flagged)])
            }) + "</section>\n"
        }
        if !report.lateChanges.isEmpty {
            body += "<section id=\"late-changes\"><h2>\(e(LateChangeRendering.heading(report.week, strings: s)))</h2>\n<ul>\n"
            for summary in LateChangeSummary.perPerson(report.lateChanges) {
                body += "<li>\(e(LateChangeRendering.summaryLine(summary, strings: s)))<ul>\n"
                for change in report.lateChanges where change.staff == summary.staff {
                    body += "<li>\(e(LateChangeRendering.detailLine(change, strings: s)))</li>\n"
                }
                body += "</ul></li>\n"
            }
            body += "</ul></section>\n"
        }
        let title = (company.map { "\(e($0)) — " } ?? "") + s.documentTitle(report.week)
        return """
            <!DOCTYPE html>
            <html lang="\(s.htmlLanguage)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            \(body)<footer>\(s.madeBy)\(report.generatedAt.isEmpty ? "" : s.onDate + "<span class=\"nw\">\(e(Self.readable(report.generatedAt)))</span>"). \(s.flaggedMeans(s.duration(report.threshold)))</footer>
            </body>
            </html>

            """
    }

    /// The headline with each figure kept on one line.
    func headline(_ report: WeeklyReport) -> String {
        report.headline.split(separator: " · ", omittingEmptySubsequences: false).map { "<span class=\"nw\">\(HTML.escape(String($0)))</span>" }.joined(separator: " · ")
    }

    /// One row per person; on a narrow screen each row is a card whose cells carry their labels.
    func people(_ report: WeeklyReport) -> String {
        let e = HTML.escape
        let s = report.strings
        let labels = [s.personColumn, s.timeColumn, s.networksColumn, s.outcomesColumn, s.justificationColumn, s.verdictColumn]
        // Durations longer than `10h 45m` (Danish `8 timer 15 min.`) get a wider time column, and
        // a network or outcome may put its duration on the next line rather than overflow.
        let long = report.people.contains { TextTable.width(s.duration($0.minutes)) > 8 }
            || report.people.flatMap { $0.byNetwork + $0.byOutcome }.contains { TextTable.width(s.duration($0.minutes)) > 8 }
        var out = "<div class=\"box\"><table class=\"people\(long ? " long" : "")\">\n<thead><tr>" + labels.enumerated().map { index, label in
            "<th\(index == 1 ? " class=\"num\"" : "")>\(label)</th>"
        }.joined() + "</tr></thead>\n<tbody>\n"
        for person in report.people {
            let rowClass = person.flagged ? " class=\"flagged\"" : person.awaitingReview ? " class=\"awaiting\"" : ""
            var justification = "<span class=\"status \(person.justificationStatus.rawValue)\">\(s.status(person.justificationStatus))</span>"
            if let text = person.justification { justification += "<div class=\"justification\">\(e(text))</div>" }
            if let review = Review.text(by: person.reviewedBy, comment: person.reviewComment, reviewedMinutes: person.reviewedMinutes,
                                        minutes: person.minutes, strings: s, text: e, duration: { Self.duration($0, s) }) {
                justification += "<div class=\"review\">\(review)</div>"
            }
            let cells = [
                ("person", "<span class=\"name\" title=\"\(e(person.name))\">\(e(person.name))</span><div class=\"handle\">\(e(person.staff.value))</div>"),
                ("num", Self.duration(person.minutes, s)),
                ("keys", Self.keyed(person.byNetwork, s, breakable: long)), ("keys", Self.keyed(person.byOutcome, s, breakable: long)),
                ("text", justification), ("verdict", person.verdict(s)),
            ]
            out += "<tr\(rowClass)>" + zip(labels, cells).map { label, cell in
                "<td class=\"\(cell.0)\" data-label=\"\(label)\">\(cell.1)</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    /// `linkedin 5h, facebook 2h 10m`: a duration never breaks, nor leaves its key (a no-break
    /// space) unless `breakable` (long durations: `recruiting` over `7 timer 10 min.`); a key may
    /// break at its hyphens, or anywhere when it is longer than the column.
    static func keyed(_ items: [KeyedMinutes], _ s: ReportStrings = .en, breakable: Bool = false) -> String {
        items.map { "<span class=\"kv\">\(HTML.escape($0.key))\(breakable ? " " : "\u{00A0}")\(duration($0.minutes, s))</span>" }.joined(separator: ", ")
    }

    static func duration(_ minutes: Minutes, _ s: ReportStrings = .en) -> String { "<span class=\"nw\">\(s.duration(minutes))</span>" }

    /// `2026-11-30T06:00:00+01:00` → `2026-11-30 06:00:00 +01:00`: the same instant, easier to read.
    static func readable(_ timestamp: String) -> String {
        var text = timestamp.replacingFirst("T", with: " ")
        if let sign = text.lastIndex(where: { $0 == "+" || $0 == "-" }), text.distance(from: text.startIndex, to: sign) > 10 {
            text.insert(" ", at: sign)
        } else if text.hasSuffix("Z") {
            text = String(text.dropLast()) + " UTC"
        }
        return text
    }

    /// A table inside a box that scrolls sideways on its own if it must, so the page never does;
    /// `rows` pairs an optional row class with cells that are already escaped.
    func table(_ headers: [String], numeric: Set<Int>, rows: [(String?, [String])]) -> String {
        func cell(_ tag: String, _ index: Int, _ content: String) -> String {
            let label = tag == "td" ? " data-label=\"\(headers[index])\"" : ""
            return "<\(tag)\(numeric.contains(index) ? " class=\"num\"" : "")\(label)>\(content)</\(tag)>"
        }
        // Four columns and more become one card per row on a phone, so none hides off the side.
        let stacked = headers.count >= 4 ? " class=\"stacked\"" : ""
        var out = "<div class=\"box\"><table\(stacked)>\n<thead><tr>" + headers.enumerated().map { cell("th", $0, $1) }.joined() + "</tr></thead>\n<tbody>\n"
        for (rowClass, cells) in rows {
            out += "<tr\(rowClass.map { " class=\"\($0)\"" } ?? "")>" + cells.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }

    static let style = """

        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #1b1b1b; margin: 2em auto; max-width: 920px; padding: 0 1em; }
        h1 { margin: 0 0 0.1em; } h2 { margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
        .company { margin: 0; font-weight: 600; color: #1d3f73; letter-spacing: 0.02em; overflow-wrap: anywhere; }
        .dates { color: #555; margin-top: 0; } .summary { font-weight: 600; }
        .nw, .num, .name, .handle { white-space: nowrap; }
        .box { overflow-x: auto; max-width: 100%; }
        table { border-collapse: collapse; width: 100%; margin-top: 0.8em; font-size: 0.92em; }
        th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #e3e3e3; vertical-align: top; overflow-wrap: normal; hyphens: manual; }
        th { background: #f4f4f4; white-space: nowrap; overflow-wrap: normal; } .num { text-align: right; }
        table.people { table-layout: fixed; }
        table.people th:nth-child(1) { width: 19%; } table.people th:nth-child(2) { width: 8%; }
        table.people th:nth-child(3), table.people th:nth-child(4) { width: 18%; }
        table.people th:nth-child(5) { width: 24%; } table.people th:nth-child(6) { width: 13%; }
        table.people.long th:nth-child(1) { width: 18%; } table.people.long th:nth-child(2) { width: 16%; }
        table.people.long th:nth-child(3), table.people.long th:nth-child(4) { width: 16%; }
        table.people.long th:nth-child(5) { width: 22%; } table.people.long th:nth-child(6) { width: 12%; }
        .justification, .review { overflow-wrap: anywhere; }
        .name { display: inline-block; max-width: 100%; overflow: hidden; text-overflow: ellipsis; vertical-align: top; }
        tr.flagged td { background: #fdecea; } tr.flagged td.verdict { color: #c62828; font-weight: 700; }
        tr.awaiting td { background: #fff6e0; } tr.current td { font-weight: 700; }
        .status { font-size: 0.85em; padding: 0.05em 0.45em; border-radius: 0.8em; background: #eee; white-space: nowrap; }
        .status.rejected { background: #f8c9c4; } .status.accepted { background: #cdebd0; } .status.submitted { background: #ffe4a8; }
        .handle { color: #666; font-size: 0.85em; }
        .justification { margin-top: 0.3em; color: #444; font-size: 0.92em; }
        .review { margin-top: 0.3em; color: #1d3f73; font-size: 0.88em; font-style: italic; }
        .legend { font-size: 0.9em; color: #333; }
        .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; margin: 0 0.3em 0 0.9em; vertical-align: -0.1em; }
        .dash { display: inline-block; width: 1.6em; border-top: 2px dashed #222; margin: 0 0.3em 0 0.9em; vertical-align: 0.3em; }
        .chart { display: block; margin-top: 0.5em; font-family: inherit; max-width: 100%; height: auto; }
        .chart .label { font-size: 14px; fill: #222; } .chart .label.current { font-weight: 700; }
        .chart .value { font-size: 13px; fill: #333; } .chart .small { font-size: 11px; fill: #777; }
        .chart .note { font-size: 13px; fill: #555; } .chart.bars { max-width: 720px; } .chart.phone { display: none; }
        .chart .flagcount { font-size: 11px; fill: #c62828; font-weight: 700; }
        .chart .threshold { font-size: 12px; fill: #222; font-weight: 600; }
        footer { margin-top: 2.5em; font-size: 0.85em; color: #666; }
        @media (max-width: 640px) {
          body { margin: 1em auto; padding: 0 0.75em; }
          table.people, table.people tbody, table.people tr, table.people td { display: block; width: auto; }
          table.people thead { display: none; }
          table.people tr { border: 1px solid #ddd; border-radius: 6px; margin: 0.7em 0; padding: 0.3em 0.6em; }
          table.people td { border: none; padding: 0.2em 0; text-align: left; background: transparent !important; }
          table.people tr.flagged { background: #fdecea; border-color: #f3b8b1; } table.people tr.awaiting { background: #fff6e0; border-color: #f1d48a; }
          table.people td.num::before, table.people td.keys::before, table.people td.text::before, table.people td.verdict::before {
            content: attr(data-label) ": "; font-weight: 600; color: #555; }
          table.people td.person { font-weight: 600; }
          .chart.wide { display: none; } .chart.phone { display: block; }
          table.stacked, table.stacked tbody, table.stacked tr, table.stacked td { display: block; width: auto; }
          table.stacked thead { display: none; }
          table.stacked tr { border-bottom: 1px solid #ddd; padding: 0.3em 0; }
          table.stacked td { border: none; padding: 0.1em 0; text-align: left; }
          table.stacked td:first-child { font-weight: 600; }
          table.stacked td:not(:first-child)::before { content: attr(data-label) ": "; font-weight: 600; color: #555; }
        }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          tr, .chart, .legend, header { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          h2 { break-after: avoid; page-break-after: avoid; }
          .box { overflow: visible; }
          .chart.phone { display: none; } .chart.wide { display: block; }
        }

        """
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let found = firstIndex(of: target) else { return self }
        return String(self[..<found]) + replacement + String(self[index(after: found)...])
    }
}
