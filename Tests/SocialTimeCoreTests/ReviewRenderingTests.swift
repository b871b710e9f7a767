import Testing
@testable import SocialTimeCore

/// The reviewer, their comment and the minutes the review covered, in every format.
@Suite struct ReviewRenderingTests {
    let report = MailFixture.report

    @Test func reviewTextNamesReviewerCommentAndTimeAddedSince() {
        let anna = report.people.first { $0.staff.value == "anna" }!
        #expect(anna.reviewText == "reviewed by mette at 6h 40m; 30m added since: “Say how many applied — and which post”")
        let lars = report.people.first { $0.staff.value == "lars" }!
        #expect(lars.reviewText == "reviewed by mette at 8h 15m")
        #expect(report.people.first { $0.staff.value == "ida" }!.reviewText == nil)
    }

    @Test func jsonCarriesTheReviewFieldsOrNull() {
        let json = ReportJSONRenderer().json(report).serialized()
        #expect(json.contains(#""justification":"Recruiting posts for the warehouse jobs","reviewed_by":"mette","review_comment":"Say how many applied — and which post","reviewed_minutes":400,"flagged":true"#))
        #expect(json.contains(#""justification":null,"reviewed_by":null,"review_comment":null,"reviewed_minutes":null,"flagged":false"#))
    }

    @Test func flagsJSONHasTheSpecShape() {
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(MailFixture.week, MailFixture.people)
        let json = FlagsRendering.json(analysis).serialized()
        #expect(json.contains(#"{"staff":"anna","name":"Anna Jensen","minutes":430,"justification_status":"rejected","reviewed_by":"mette","review_comment":"Say how many applied — and which post","reviewed_minutes":400,"late_changes":[]}"#))
        #expect(json.contains(#"{"staff":"søren","name":"Søren Ødegård","minutes":360,"justification_status":"none","reviewed_by":null,"review_comment":null,"reviewed_minutes":null,"late_changes":[]}"#))
        let text = FlagsRendering.text(analysis)
        #expect(text.contains("anna: reviewed by mette at 6h 40m; 30m added since: “Say how many applied"))
    }

    @Test func csvRowsEndWithTheReview() {
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(MailFixture.week, MailFixture.people)
        let flags = FlagsRendering.csv(analysis).split(separator: "\r\n").map(String.init)
        #expect(flags[0] == "week,staff,staff_name,minutes,hours,threshold_hours,justification_status,reviewed_by,review_comment,reviewed_minutes")
        #expect(flags[1] == "2026-W47,anna,Anna Jensen,430,7.17,5.00,rejected,mette,Say how many applied — and which post,400")
        #expect(flags[2] == "2026-W47,søren,Søren Ødegård,360,6.00,5.00,none,,,")
        var writer = CSVWriter(dialect: .rfc4180)
        writer.writeHeader(ExportKind.summary.header)
        for person in analysis.people { writer.writeRow(ExportKind.summary.fields(person, in: analysis)) }
        let summary = writer.output.split(separator: "\r\n").map(String.init)
        #expect(summary[0] == "week,staff,staff_name,minutes,hours,threshold_hours,justification_status,flagged,justification,reviewed_by,review_comment,reviewed_minutes")
        #expect(summary.contains("2026-W47,lars,Lars Nielsen,495,8.25,5.00,accepted,false,Product launch week: the reel series,mette,,495"))
    }

    @Test func textMarkdownAndHTMLShowTheReview() {
        let text = ReportTextRenderer(colour: false).render(report)
        #expect(text.contains("    reviewed by mette at 6h 40m; 30m added since: “Say how many applied"))
        #expect(text.contains(MailFixture.company))
        for line in text.split(separator: "\n") { #expect(TextTable.width(String(line)) <= 80, "\(line)") }
        let markdown = ReportMarkdownRenderer().render(report)
        #expect(markdown.contains("— _reviewed by mette at 6h 40m; 30m added since: “Say how many applied — and which post”_"))
        #expect(markdown.contains("**Ærø Økologi &amp; Søn ApS**"))
        let html = ReportHTMLRenderer().render(report)
        #expect(html.contains("<div class=\"review\">reviewed by mette at <span class=\"nw\">6h 40m</span>; <span class=\"nw\">30m</span> added since: “Say how many applied — and which post”</div>"))
    }
}
