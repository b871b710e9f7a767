import Testing
@testable import SocialTimeCore

/// What the HTML report promises beyond escaping: company and time, charts of outcomes and
/// networks, values that never wrap, a phone layout and a print sheet — all without script.
@Suite struct ReportHTMLLayoutTests {
    let html = ReportHTMLRenderer().render(MailFixture.report)

    @Test func companyAndGenerationTime() {
        #expect(html.contains("<p class=\"company\">Ærø Økologi &amp; Søn ApS</p>"))
        #expect(html.contains("<title>Ærø Økologi &amp; Søn ApS — socialtime weekly report 2026-W47</title>"))
        #expect(html.contains("generated <time class=\"nw\" datetime=\"2026-11-30T06:00:00+01:00\">2026-11-30 06:00:00 +01:00</time>"))
        let plain = ReportHTMLRenderer().render(ReportRendererTests.report)
        #expect(!plain.contains("class=\"company\"") && !plain.contains("generated <time"))
    }

    @Test func outcomeChartShowsResultsAndTimePerResultAndNetworkChartShares() {
        #expect(html.contains("aria-labelledby=\"outcomes-title\""))
        #expect(html.contains("recruiting<tspan class=\"note\"> — 2 hires, 3h 35m per hire</tspan>"))
        #expect(html.contains("brand-awareness<tspan class=\"note\"> — no results</tspan>"))
        #expect(html.contains("aria-labelledby=\"networks-title\""))
        #expect(html.contains("linkedin<tspan class=\"note\"> — 45% of the time</tspan>"))
    }

    @Test func durationsNamesAndHandlesDoNotWrap() {
        #expect(html.contains("<td class=\"num\" data-label=\"Time\"><span class=\"nw\">7h 10m</span></td>"))
        #expect(html.contains("<span class=\"name\" title=\"Søren Ødegård\">Søren Ødegård</span>"))
        #expect(html.contains("<span class=\"kv\">linkedin\u{00A0}<span class=\"nw\">7h 10m</span></span>"))
        #expect(html.contains(".nw, .num, .name, .handle { white-space: nowrap; }"))
    }

    @Test func phoneLayoutAndPrintSheetWithoutScript() {
        #expect(html.contains("@media (max-width: 640px)"))
        #expect(html.contains("table.people thead { display: none; }"))
        #expect(html.contains("@page { size: A4;"))
        #expect(html.contains("tr, .chart, .legend, header { break-inside: avoid; page-break-inside: avoid; }"))
        #expect(html.contains("<div class=\"box\"><table>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
    }
}
