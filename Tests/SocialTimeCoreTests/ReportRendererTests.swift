import Testing
@testable import SocialTimeCore

/// The four report formats over one model, including hostile and very long user text.
@Suite struct ReportRendererTests {
    static let hostile = "<script>alert(1)</script> & \"quotes\" 'single' | *stars* _under_"

    static let report: WeeklyReport = ReportBuilder(threshold: .defaultThreshold).build(
        week: ISOWeek(year: 2026, week: 47)!,
        people: [StaffWeek(staff: Handle(trusted: "anna"), name: "Anna " + hostile, minutes: 430, justificationStatus: .rejected, justification: hostile),
                 StaffWeek(staff: Handle(trusted: "a-very-long-handle-of-32-chars.x"), name: String(repeating: "Wolfeschlegelsteinhausen ", count: 4),
                           minutes: 12345, justificationStatus: .submitted, justification: String(repeating: "Ausgezeichnet! ", count: 30) + "https://example.com/" + String(repeating: "very-long-path/", count: 12))],
        slices: [ReportBuilderTests.slice("anna", "linkedin", "recruiting", 430, unit: "hires & <b>"),
                 ReportBuilderTests.slice("a-very-long-handle-of-32-chars.x", "a-network-key-of-many-characters", "an-outcome-key-with-32-character", 12345)],
        results: [.init(outcome: "recruiting", unit: "hires & <b>", quantity: 2),
                  .init(outcome: "an-outcome-key-with-32-character", unit: "qualified-enterprise-opportunities", quantity: 999_999)],
        trend: [(ISOWeek(year: 2026, week: 46)!, [], .defaultThreshold)])

    @Test func htmlEscapesEveryUserString() {
        let html = ReportHTMLRenderer().render(Self.report)
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;"))
        #expect(html.contains("hires &amp; &lt;b&gt;"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("stroke-dasharray"))
        // Self-contained: nothing fetched from anywhere.
        #expect(!html.contains("<script") && !html.contains("src=\"") && !html.contains("<link") && !html.contains("@import"))
    }

    @Test func htmlChartColoursFlaggedBarsAndDrawsTheThreshold() {
        let html = ReportHTMLRenderer().render(Self.report)
        #expect(html.contains("fill=\"\(ReportCharts.flaggedColour)\""))
        #expect(html.contains("fill=\"\(ReportCharts.awaitingColour)\""))
        #expect(html.contains("threshold 5h"))
    }

    @Test func textFitsEightyColumnsWithoutColourUnlessAsked() {
        let text = ReportTextRenderer(colour: false).render(Self.report)
        for line in text.split(separator: "\n") {
            #expect(TextTable.width(String(line)) <= 80, "\(line)")
        }
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("FLAGGED"))
        let coloured = ReportTextRenderer(colour: true).render(Self.report)
        #expect(coloured.contains("\u{1B}[1;31m"))
        #expect(coloured.contains("\u{1B}[33m"))
    }

    @Test func markdownEscapesTablesAndMarkup() {
        let markdown = ReportMarkdownRenderer().render(Self.report)
        #expect(!markdown.contains("<script>"))
        #expect(markdown.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp;"))
        #expect(markdown.contains("\\| \\*stars\\* \\_under\\_"))
        // Every table row has the same number of unescaped pipes as its header.
        let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(!rows.isEmpty)
    }

    @Test func jsonFollowsTheContract() {
        let json = ReportJSONRenderer().json(Self.report).serialized()
        #expect(json.hasPrefix(#"{"week":"2026-W47","from":"2026-11-16","to":"2026-11-22","threshold_minutes":300,"staff":[{"staff":"anna","#))
        #expect(json.contains(#""by_network":{"linkedin":430},"by_outcome":{"recruiting":430},"justification_status":"rejected""#))
        #expect(json.contains(#"{"outcome":"recruiting","unit":"hires & <b>","minutes":430,"results":2,"minutes_per_result":215}"#))
        #expect(json.contains(#""totals":{"minutes":12775,"staff":2,"flagged":1}"#))
        #expect(json.hasSuffix(#""trend":[{"week":"2026-W46","minutes":0,"flagged":0}],"late_changes":[]}"#))
    }

    @Test func flagsJSONAndCSV() {
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(ISOWeek(year: 2026, week: 47)!, [
            AnalyzerTests.person("anna", 420), AnalyzerTests.person("sofie", 380, .submitted)])
        #expect(FlagsRendering.json(analysis).serialized() == #"{"week":"2026-W47","from":"2026-11-16","to":"2026-11-22","threshold_minutes":300,"flagged":[{"staff":"anna","name":"Anna","minutes":420,"justification_status":"none","reviewed_by":null,"review_comment":null,"reviewed_minutes":null,"late_changes":[]}],"awaiting_review":[{"staff":"sofie","name":"Sofie","minutes":380,"justification_status":"submitted","reviewed_by":null,"review_comment":null,"reviewed_minutes":null,"late_changes":[]}]}"#)
        #expect(FlagsRendering.csv(analysis) == "week,staff,staff_name,minutes,hours,threshold_hours,justification_status,reviewed_by,review_comment,reviewed_minutes\r\n2026-W47,anna,Anna,420,7.00,5.00,none,,,\r\n")
    }
}
