/// The report's two inline SVG charts. Plain SVG with no script and no external font, so the
/// HTML file renders the same offline, in a mail client's preview, or printed.
enum ReportCharts {
    /// Each chart twice: drawn for a desktop's width and for a phone's; the style shows one.
    static func both(_ chart: (Bool) -> String) -> String { chart(false) + "\n" + chart(true) }
    static func variant(_ phone: Bool) -> String { phone ? "phone" : "wide" }
    static func suffix(_ phone: Bool) -> String { phone ? "-phone" : "" }

    static let flaggedColour = "#c62828"
    static let awaitingColour = "#ef9f00"
    static let normalColour = "#3f6fb5"
    static let thresholdColour = "#222"

    /// The room after a bar for its duration: the 6 px gap and about 7.6 px a character at the
    /// value's 13 px, so a long one ("16 timer 25 min.") is drawn inside the chart, not cut off.
    static func valueRoom(_ values: [String], atLeast minimum: Double) -> Double {
        max(minimum, 6 + 7.6 * Double(values.map { TextTable.width($0) }.max() ?? 0))
    }

    /// Horizontal bars of hours per person, with the threshold as a dashed line. Flagged people
    /// are red, those awaiting review amber, everyone else blue.
    static func hoursPerPerson(_ report: WeeklyReport, phone: Bool = false) -> String {
        let people = report.people, s = report.strings
        // On a phone the chart is drawn for the ~360 px it gets, so its text stays at its size.
        let width = phone ? 360.0 : 880.0, labelWidth = phone ? 120.0 : 200.0
        let valueWidth = valueRoom(people.map { s.duration($0.minutes) }, atLeast: phone ? 58.0 : 80.0)
        let barHeight = 22.0, gap = 8.0, top = 30.0
        let plotWidth = width - labelWidth - valueWidth
        let largest = Double(max(people.map(\.minutes.value).max() ?? 0, report.threshold.value))
        let scale = largest > 0 ? plotWidth / (largest * 1.05) : 0
        let height = top + Double(people.count) * (barHeight + gap) + 24
        var svg = """
            <svg class="chart \(variant(phone))" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(HTML.px(width)) \(HTML.px(height))" width="100%" role="img" aria-labelledby="hours-title\(suffix(phone))">
            <title id="hours-title\(suffix(phone))">\(HTML.escape(s.hoursChartTitle(report.week, s.duration(report.threshold))))</title>

            """
        for (index, person) in people.enumerated() {
            let y = top + Double(index) * (barHeight + gap)
            let colour = person.flagged ? flaggedColour : person.awaitingReview ? awaitingColour : normalColour
            let barWidth = max(person.minutes.value > 0 ? 2 : 0, Double(person.minutes.value) * scale)
            let label = HTML.escape(TextTable.cut(person.name, to: phone ? 12 : 22))
            svg += """
                <text x="\(HTML.px(labelWidth - 10))" y="\(HTML.px(y + barHeight * 0.7))" text-anchor="end" class="label">\(label)</text>
                <rect x="\(HTML.px(labelWidth))" y="\(HTML.px(y))" width="\(HTML.px(barWidth))" height="\(HTML.px(barHeight))" rx="3" fill="\(colour)"><title>\(HTML.escape(person.name)): \(s.duration(person.minutes)) (\(person.verdict(s)))</title></rect>
                <text x="\(HTML.px(labelWidth + barWidth + 6))" y="\(HTML.px(y + barHeight * 0.7))" class="value">\(s.duration(person.minutes))</text>

                """
        }
        let x = labelWidth + Double(report.threshold.value) * scale
        svg += """
            <line x1="\(HTML.px(x))" y1="\(HTML.px(top - 8))" x2="\(HTML.px(x))" y2="\(HTML.px(height - 16))" stroke="\(thresholdColour)" stroke-width="2" stroke-dasharray="6 4"/>
            <text x="\(HTML.px(x))" y="\(HTML.px(top - 14))" text-anchor="middle" class="threshold">\(HTML.escape(s.threshold(s.duration(report.threshold))))</text>
            </svg>
            """
        return svg
    }

    /// Vertical bars of total hours per week: the previous weeks, then this one darker, with
    /// the number of flagged people above each bar.
    static func trend(_ report: WeeklyReport, phone: Bool = false) -> String {
        let weeks = report.trend + [report.thisWeek], s = report.strings
        let width = phone ? 360.0 : 880.0, bottom = 40.0, left = 20.0
        let slot = (width - 2 * left) / Double(weeks.count)
        // A duration wider than its column (`38 timer 29 min.` on a phone) is written in two lines.
        let twoLines = { (value: String) in 7.6 * Double(TextTable.width(value)) > slot - 4 }
        let split = weeks.contains { twoLines(s.duration($0.minutes)) }
        let top = split ? 48.0 : 34.0, height = split ? 234.0 : 220.0
        let barWidth = min(70, slot * 0.6)
        let largest = Double(max(weeks.map(\.minutes.value).max() ?? 0, 1))
        let plotHeight = height - top - bottom
        var svg = """
            <svg class="chart \(variant(phone))" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(HTML.px(width)) \(HTML.px(height))" width="100%" role="img" aria-labelledby="trend-title\(suffix(phone))">
            <title id="trend-title\(suffix(phone))">\(HTML.escape(s.trendChartTitle(weeks.first!.week, report.week)))</title>
            <line x1="\(HTML.px(left))" y1="\(HTML.px(height - bottom))" x2="\(HTML.px(width - left))" y2="\(HTML.px(height - bottom))" stroke="#999"/>

            """
        for (index, week) in weeks.enumerated() {
            let current = week.week == report.week
            let barHeight = Double(week.minutes.value) / largest * plotHeight
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let y = height - bottom - barHeight
            let centre = x + barWidth / 2
            let flagged = week.flagged == 0 ? (phone ? s.noneFlaggedShort : s.noneFlagged) : s.flaggedCount(week.flagged)
            // On a phone a week is W47 (the title names the years); flagged counts stay.
            let weekLabel = phone ? s.shortWeek(week.week) : s.week(week.week)
            let value = s.duration(week.minutes), lines = twoLines(value) ? halves(value) : [value]
            let valueText = lines.count == 1 ? HTML.escape(value)
                : "<tspan x=\"\(HTML.px(centre))\" dy=\"-13\">\(HTML.escape(lines[0]))</tspan><tspan x=\"\(HTML.px(centre))\" dy=\"13\">\(HTML.escape(lines[1]))</tspan>"
            svg += """
                <rect x="\(HTML.px(x))" y="\(HTML.px(y))" width="\(HTML.px(barWidth))" height="\(HTML.px(barHeight))" rx="3" fill="\(current ? "#1d3f73" : "#8fb0dc")"><title>\(s.week(week.week)): \(s.duration(week.minutes)), \(flagged)</title></rect>
                <text x="\(HTML.px(centre))" y="\(HTML.px(y - 18))" text-anchor="middle" class="value">\(valueText)</text>
                <text x="\(HTML.px(centre))" y="\(HTML.px(y - 5))" text-anchor="middle" class="\(week.flagged > 0 ? "flagcount" : "small")">\(flagged)</text>
                <text x="\(HTML.px(centre))" y="\(HTML.px(height - bottom + 18))" text-anchor="middle" class="\(current ? "label current" : "label")">\(weekLabel)</text>

                """
        }
        return svg + "</svg>"
    }

    /// A text in two lines, split at the space nearest its middle (`38 timer` / `29 min.`).
    static func halves(_ text: String) -> [String] {
        let characters = Array(text)
        let spaces = characters.indices.filter { characters[$0] == " " }
        guard let split = spaces.min(by: { abs($0 * 2 - characters.count) < abs($1 * 2 - characters.count) }) else { return [text] }
        return [String(characters[..<split]), String(characters[(split + 1)...])]
    }

    /// Time per outcome, with what it achieved: one bar per outcome, its label above it naming
    /// the results and the time per result, so effort and value read together.
    static func outcomes(_ report: WeeklyReport, phone: Bool = false) -> String {
        let s = report.strings
        let rows = report.outcomes.map { outcome in
            let note = outcome.results > 0
                ? "\(outcome.resultsText(s)), \(outcome.minutesPerResult.map { "\(s.duration($0)) \(outcome.perResultText(s))" } ?? "")"
                : s.noResults
            return (label: outcome.outcome, minutes: outcome.minutes, note: note)
        }
        return bars(id: "outcomes", title: s.outcomesChartTitle(report.week), rows: rows, colour: "#2e7d5b", phone: phone, strings: s)
    }

    /// Time per network, with its share of the week.
    static func networks(_ report: WeeklyReport, phone: Bool = false) -> String {
        let s = report.strings
        return bars(id: "networks", title: s.networksChartTitle(report.week),
                    rows: report.networks.map { (label: $0.key, minutes: $0.minutes, note: s.ofTheTime(report.share($0.minutes))) },
                    colour: normalColour, phone: phone, strings: s)
    }

    /// Horizontal bars, each under a full-width label line (`key — note`), so long keys and notes
    /// never squeeze the bars and the chart stays readable when scaled down to a phone.
    static func bars(id: String, title: String, rows: [(label: String, minutes: Minutes, note: String)], colour: String,
                     phone: Bool = false, strings s: ReportStrings = .en) -> String {
        let width = phone ? 360.0 : 640.0, rowHeight = 46.0, barHeight = 16.0, top = 6.0
        let valueWidth = valueRoom(rows.map { s.duration($0.minutes) }, atLeast: phone ? 64.0 : 90.0)
        let largest = Double(max(rows.map(\.minutes.value).max() ?? 0, 1))
        let scale = (width - valueWidth) / largest
        let height = top + Double(rows.count) * rowHeight
        var svg = """
            <svg class="chart bars \(variant(phone))" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(HTML.px(width)) \(HTML.px(height))" width="100%" role="img" aria-labelledby="\(id)-title\(suffix(phone))">
            <title id="\(id)-title\(suffix(phone))">\(HTML.escape(title))</title>

            """
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            let barWidth = max(row.minutes.value > 0 ? 2 : 0, Double(row.minutes.value) * scale)
            // About 75 characters fit the width at these sizes (40 on a phone); the label keeps its place first.
            let room = phone ? 40 : 74
            let label = TextTable.cut(row.label, to: phone ? 24 : 40)
            let note = TextTable.cut(row.note, to: max(10, room - TextTable.width(label)))
            svg += """
                <text x="0" y="\(HTML.px(y + 14))" class="label">\(HTML.escape(label))<tspan class="note"> — \(HTML.escape(note))</tspan></text>
                <rect x="0" y="\(HTML.px(y + 20))" width="\(HTML.px(barWidth))" height="\(HTML.px(barHeight))" rx="3" fill="\(colour)"><title>\(HTML.escape(row.label)): \(s.duration(row.minutes)), \(HTML.escape(row.note))</title></rect>
                <text x="\(HTML.px(barWidth + 6))" y="\(HTML.px(y + 33))" class="value">\(s.duration(row.minutes))</text>

                """
        }
        return svg + "</svg>"
    }
}
