import Testing
@testable import SocialTimeCore

@Suite struct ReportBuilderTests {
    static let week = ISOWeek(year: 2026, week: 47)!

    static func slice(_ staff: String, _ network: String, _ outcome: String, _ minutes: Int, unit: String? = nil) -> ReportBuilder.Slice {
        .init(staff: Handle(trusted: staff), network: network, outcome: outcome, unit: unit, minutes: Minutes(minutes))
    }

    static let report: WeeklyReport = ReportBuilder(threshold: .defaultThreshold).build(
        week: week,
        people: [AnalyzerTests.person("lars", 500, .accepted), AnalyzerTests.person("ida", 60),
                 AnalyzerTests.person("sofie", 400, .submitted), AnalyzerTests.person("anna", 300),
                 AnalyzerTests.person("jonas", 420, .rejected)],
        slices: [slice("lars", "instagram", "brand-awareness", 500), slice("ida", "linkedin", "recruiting", 60, unit: "hires"),
                 slice("sofie", "linkedin", "sales-leads", 400, unit: "leads"), slice("anna", "linkedin", "recruiting", 200, unit: "hires"),
                 slice("anna", "facebook", "recruiting", 100, unit: "hires"), slice("jonas", "facebook", "customer-service", 420, unit: "inquiries")],
        results: [.init(outcome: "sales-leads", unit: "leads", quantity: 3), .init(outcome: "recruiting", unit: "hires", quantity: 1),
                  .init(outcome: "customer-service", unit: "inquiries", quantity: 8)],
        trend: [(week.adding(weeks: -1), [AnalyzerTests.person("anna", 301)], .defaultThreshold),
                (week.adding(weeks: -2), [AnalyzerTests.person("anna", 10)], .defaultThreshold)])

    @Test func flaggedFirstThenAwaitingReviewThenMostTime() {
        #expect(Self.report.people.map(\.staff.value) == ["jonas", "anna", "sofie", "lars", "ida"])
        #expect(Self.report.people.map(\.verdict) == ["FLAGGED", "FLAGGED", "awaiting review", "justified", "under threshold"])
        #expect(Self.report.flaggedCount == 2 && Self.report.awaitingReviewCount == 1)
        #expect(Self.report.totalMinutes == Minutes(1680))
    }

    @Test func breakdownsAreMostTimeFirst() {
        let anna = Self.report.people[1]
        #expect(anna.byNetwork == [KeyedMinutes(key: "linkedin", minutes: 200), KeyedMinutes(key: "facebook", minutes: 100)])
        #expect(anna.byOutcome == [KeyedMinutes(key: "recruiting", minutes: 300)])
        #expect(Self.report.networks.map(\.key) == ["linkedin", "facebook", "instagram"])
        #expect(Self.report.networks.map(\.minutes.value) == [660, 520, 500])
    }

    /// Minutes per result rounds half up to whole minutes; no results means no figure.
    @Test func minutesPerResult() {
        let byKey = Dictionary(uniqueKeysWithValues: Self.report.outcomes.map { ($0.outcome, $0) })
        #expect(byKey["recruiting"]?.minutesPerResult == Minutes(360))
        #expect(byKey["sales-leads"]?.minutesPerResult == Minutes(133))  // 400 / 3 = 133.3
        #expect(byKey["customer-service"]?.minutesPerResult == Minutes(53))  // 420 / 8 = 52.5 → 53
        #expect(byKey["brand-awareness"]?.minutesPerResult == nil)
        #expect(byKey["recruiting"]?.resultsText == "1 hire")
        #expect(byKey["customer-service"]?.perResultText == "per inquiry")
        #expect(byKey["brand-awareness"]?.resultsText == "—")
    }

    @Test func trendIsOldestFirstWithFlaggedCounts() {
        #expect(Self.report.trend.map(\.week.description) == ["2026-W45", "2026-W46"])
        #expect(Self.report.trend.map(\.flagged) == [0, 1])
    }

    /// Each trend week is judged by the threshold that was in force then, not this week's.
    @Test func trendWeeksUseTheirOwnThreshold() {
        let people = [AnalyzerTests.person("anna", 250), AnalyzerTests.person("bo", 320)]
        let report = ReportBuilder(threshold: .defaultThreshold).build(
            week: Self.week, people: people, slices: [], results: [],
            trend: [(Self.week.adding(weeks: -2), people, Minutes(240)), (Self.week.adding(weeks: -1), people, Minutes(360))])
        #expect(report.trend.map(\.flagged) == [2, 0])
        #expect(report.flaggedCount == 1 && report.threshold == .defaultThreshold)
    }
}
