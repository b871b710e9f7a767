import Foundation
import Testing
@testable import SocialTimeCore

/// The HTML report in a real browser: headless Chromium lays it out at phone and desktop width
/// and prints it to PDF. The product page has no script; the test's copy gets a two-line script
/// that writes the page's measured width into the DOM, which `--dump-dom` then shows.
@Suite(.serialized) struct ReportBrowserTests {
    /// Forty people with long justifications and reviews: enough for several printed pages,
    /// long names, a 32-character handle, a Danish company.
    static let report: WeeklyReport = {
        let week = ISOWeek(year: 2026, week: 47)!
        var people: [StaffWeek] = [], slices: [ReportBuilder.Slice] = []
        let statuses: [JustificationStatus] = [.none, .rejected, .submitted, .accepted]
        for index in 1...40 {
            let handle = Handle(trusted: index == 1 ? "a-very-long-handle-of-32-chars.x" : String(format: "p-%02d", index))
            let status = statuses[index % 4]
            let reviewed = status == .rejected || status == .accepted
            people.append(StaffWeek(staff: handle, name: index == 1 ? "Maria Magdalena Wolfeschlegelsteinhausen-Bergerdorff" : "Person \(index) Ødegård",
                                    minutes: Minutes(200 + index * 7), justificationStatus: status,
                                    justification: status == .none ? nil
                                        : "Start\(index) " + String(repeating: "We answered customers and posted the job ads for the warehouse. ", count: 3) + "endmark\(index)",
                                    reviewedBy: reviewed ? Handle(trusted: "mette") : nil,
                                    reviewComment: reviewed ? "comment\(index) — please name the posts" : nil,
                                    reviewedMinutes: reviewed ? Minutes(200 + index * 7) : nil))
            slices.append(.init(staff: handle, network: ["linkedin", "facebook", "instagram", "a-network-key-of-many-characters"][index % 4],
                                outcome: ["recruiting", "customer-service", "sales-leads", "an-outcome-key-with-32-character"][index % 4],
                                unit: ["hires", "inquiries", "leads", nil][index % 4], minutes: Minutes(200 + index * 7)))
        }
        return ReportBuilder(threshold: .defaultThreshold).build(
            week: week, people: people, slices: slices,
            results: [.init(outcome: "recruiting", unit: "hires", quantity: 3), .init(outcome: "sales-leads", unit: "leads", quantity: 999_999)],
            trend: (43...46).map { (ISOWeek(year: 2026, week: $0)!, [], Minutes.defaultThreshold) },
            company: "Ærø Økologi & Søn ApS", generatedAt: "2026-11-30T06:00:00+01:00")
    }()

    static func chromium(_ box: Sandbox, _ arguments: [String]) throws -> RunResult {
        try ExternalTools.run(ExternalTools.chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                                                        "--no-first-run", "--user-data-dir=\(box.path("chromium-profile"))"] + arguments,
                              in: box.folder)
    }

    /// A page that shows `html` in a frame exactly `width` pixels wide: headless Chromium will not
    /// make a window narrower than 500 px, and a phone is 390. A `srcdoc` frame shares the outer
    /// page's origin, so a script inside can report to it.
    static func framed(_ html: String, width: Int, height: Int) -> String {
        let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <!DOCTYPE html><html><head><style>body{margin:0} iframe{border:0;display:block}</style></head>
            <body><iframe width="\(width)" height="\(height)" srcdoc="\(escaped)"></iframe></body></html>
            """
    }

    /// The report's scroll width and viewport width at `width` pixels.
    static func measure(_ html: String, width: Int, in box: Sandbox) throws -> (page: Int, viewport: Int) {
        let script = "<script>parent.document.body.setAttribute('data-measured', document.documentElement.scrollWidth + ' ' + window.innerWidth);</script>"
        let copy = box.path("measure-\(width).html")
        try framed(html.replacingOccurrences(of: "</body>", with: script + "</body>"), width: width, height: 900)
            .write(toFile: copy, atomically: true, encoding: .utf8)
        let result = try chromium(box, ["--window-size=\(max(width, 800)),900", "--dump-dom", "file://\(copy)"])
        guard let range = result.stdout.range(of: #"data-measured="(\d+) (\d+)""#, options: .regularExpression) else {
            Issue.record("chromium printed no measurement: \(result.stderr.suffix(500))")
            return (-1, -1)
        }
        let numbers = result.stdout[range].dropFirst(15).dropLast().split(separator: " ").map { Int($0)! }
        return (numbers[0], numbers[1])
    }

    @Test(.enabled(if: ExternalTools.browserReady)) func noHorizontalScrollAtPhoneOrDesktopWidth() async throws {
        let box = try await Sandbox.make()
        let html = ReportHTMLRenderer().render(Self.report)
        for width in [390, 1280] {
            let measured = try Self.measure(html, width: width, in: box)
            #expect(measured.viewport == width, "the window is \(width) px wide")
            #expect(measured.page <= measured.viewport, "at \(width) px the page is \(measured.page) px wide")
        }
        // The same check catches a page that does scroll: a wide element makes it fail.
        let wide = html.replacingOccurrences(of: "</footer>", with: "</footer><div style=\"width:800px\">x</div>")
        #expect(try Self.measure(wide, width: 390, in: box).page > 390)

        // Screenshots to look at, when asked for: SOCIALTIME_SCREENSHOTS=/some/folder.
        if let folder = ProcessInfo.processInfo.environment["SOCIALTIME_SCREENSHOTS"] {
            try html.write(toFile: folder + "/report.html", atomically: true, encoding: .utf8)
            for (width, height) in [(1280, 3000), (390, 5000)] {
                let page = box.path("shot-\(width).html")
                try Self.framed(html, width: width, height: height).write(toFile: page, atomically: true, encoding: .utf8)
                _ = try Self.chromium(box, ["--window-size=\(max(width, 500)),\(height)", "--screenshot=\(folder)/report-\(width).png", "file://\(page)"])
            }
        }
    }

    /// What `expression` (JavaScript, run inside the report at `width` pixels) evaluates to.
    static func evaluate(_ html: String, width: Int, _ expression: String, extraStyle: String = "", in box: Sandbox) throws -> String {
        let script = "<script>parent.document.body.setAttribute('data-result', String(\(expression)));</script>"
        let copy = box.path("evaluate-\(width).html")
        let page = html.replacingOccurrences(of: "</head>", with: "<style>\(extraStyle)</style></head>")
            .replacingOccurrences(of: "</body>", with: script + "</body>")
        try framed(page, width: width, height: 900).write(toFile: copy, atomically: true, encoding: .utf8)
        let result = try chromium(box, ["--window-size=\(max(width, 800)),900", "--dump-dom", "file://\(copy)"])
        guard let start = result.stdout.range(of: "data-result=\""),
              let end = result.stdout[start.upperBound...].firstIndex(of: "\"") else {
            Issue.record("chromium printed no result: \(result.stderr.suffix(500))")
            return ""
        }
        return String(result.stdout[start.upperBound..<end])
    }

    /// Issue 24, on a phone (390 px): chart text at least 11 CSS px as drawn (font size times the
    /// SVG's scale), and with hyphenation and breaking inside words switched off nothing
    /// overflows its cell and the page does not scroll sideways: words wrap at spaces and
    /// hyphens only, and every column is on the screen.
    @Test(.enabled(if: ExternalTools.browserReady)) func readableOnAPhoneWithoutBreakingWords() async throws {
        let box = try await Sandbox.make()
        for html in [ReportHTMLRenderer().render(Self.report), try await Self.demoReport(box)] {
            let smallest = try Self.evaluate(html, width: 390, """
                Math.min(...[...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).flatMap(svg =>
                  [...svg.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)))
                """, in: box)
            #expect((Double(smallest) ?? 0) >= 11, "the smallest chart text is \(smallest) px at 390 px")
            let wide = try Self.evaluate(html, width: 1280, """
                Math.min(...[...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).flatMap(svg =>
                  [...svg.querySelectorAll('text, tspan')].map(t => parseFloat(getComputedStyle(t).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)))
                """, in: box)
            #expect((Double(wide) ?? 0) >= 11, "the smallest chart text is \(wide) px at 1280 px")
            let overflowing = try Self.evaluate(html, width: 390, """
                [document.documentElement.scrollWidth].concat([...document.querySelectorAll('td, th, .box, h1, h2, p')]
                  .filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + ':' + e.textContent.slice(0, 30))).join('|')
                """, extraStyle: "* { hyphens: none !important; overflow-wrap: normal !important; word-break: normal !important; }", in: box)
            let parts = overflowing.split(separator: "|")
            #expect((Int(parts.first ?? "") ?? 999) <= 390, "the page is \(parts.first ?? "?") px wide at 390 px")
            #expect(parts.count == 1, "overflowing at 390 px with words kept whole: \(parts.dropFirst())")
        }
    }

    /// The Danish demo's long durations (`8 timer 15 min.`): at 390 and 1280 px no table cell's
    /// content runs into its neighbour, and no chart text runs past the chart's right edge.
    @Test(.enabled(if: ExternalTools.browserReady)) func longDanishDurationsStayInsideTheirCellsAndCharts() async throws {
        let box = try await Sandbox.make()
        let html = try await Self.demoReport(box)
        #expect(html.contains("timer"), "the demo's report is Danish")
        for width in [390, 1280] {
            let problems = try Self.evaluate(html, width: width, """
                [...document.querySelectorAll('td, th')].filter(e => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth + 1)
                  .map(e => e.tagName + ':' + e.textContent.slice(0, 30))
                .concat([...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0).flatMap(svg =>
                  [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x + b.width > svg.viewBox.baseVal.width + 1 })
                    .map(t => 'svg:' + t.textContent.slice(0, 30)))).join('|')
                """, in: box)
            #expect(problems.isEmpty, "at \(width) px: \(problems)")
        }
    }

    /// The demo's report, as a manager first sees it.
    static func demoReport(_ box: Sandbox) async throws -> String {
        let demo = await box.runInProcess(["demo", "--db", box.path("demo.db")], withDatabase: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let html = await box.runAsOwnerInProcess(["--db", box.path("demo.db"), "report", "--format", "html"], withDatabase: false)
        #expect(html.status == 0, "\(html.stderr)")
        return html.stdout
    }

    @Test(.enabled(if: ExternalTools.browserReady)) func printedA4PagesKeepEveryRowWhole() async throws {
        let box = try await Sandbox.make()
        let page = box.path("report.html"), pdf = box.path("report.pdf")
        try ReportHTMLRenderer().render(Self.report).write(toFile: page, atomically: true, encoding: .utf8)
        let printed = try Self.chromium(box, ["--no-pdf-header-footer", "--print-to-pdf=\(pdf)", "file://\(page)"])
        #expect(FileManager.default.fileExists(atPath: pdf), "\(printed.stderr.suffix(500))")
        let info = try ExternalTools.run(ExternalTools.pdfinfo!, [pdf], in: box.folder)
        #expect(info.stdout.contains("A4"), "\(info.stdout)")
        let pages = Int(info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "0") ?? 0
        #expect(pages >= 4, "forty people with long justifications take several pages")
        let texts = try (1...max(pages, 1)).map { number in
            try ExternalTools.run(ExternalTools.pdftotext!, ["-f", "\(number)", "-l", "\(number)", "-layout", pdf, "-"], in: box.folder).stdout
        }
        // A person's row is whole when its first and last words are on the same single page.
        for person in Self.report.people {
            let pagesWithHandle = texts.indices.filter { texts[$0].contains(person.staff.value) }
            #expect(pagesWithHandle.count == 1, "\(person.staff.value) is on pages \(pagesWithHandle.map { $0 + 1 })")
            guard let index = pagesWithHandle.first else { continue }
            let number = person.staff.value.hasPrefix("p-") ? String(Int(person.staff.value.dropFirst(2))!) : "1"
            if person.justification != nil {
                #expect(texts[index].contains("Start\(number)") && texts[index].contains("endmark\(number)"),
                        "\(person.staff.value)'s justification is split across pages")
            }
            if person.reviewComment != nil {
                #expect(texts[index].contains("comment\(number)"), "\(person.staff.value)'s review is split across pages")
            }
            // The verdict may wrap between its words ("awaiting / review"), never off the page.
            #expect(person.verdict.split(separator: " ").allSatisfy { texts[index].contains($0) },
                    "\(person.staff.value)'s verdict is on another page or cut at its edge")
        }
    }
}
