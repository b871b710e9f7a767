import Testing
@testable import SocialTimeCore

/// The five-hour rule on its own: totals and statuses in, verdicts out.
@Suite struct AnalyzerTests {
    static let week = ISOWeek(year: 2026, week: 47)!

    static func person(_ handle: String, _ minutes: Int, _ status: JustificationStatus = .none) -> StaffWeek {
        StaffWeek(staff: Handle(trusted: handle), name: handle.capitalized, minutes: Minutes(minutes), justificationStatus: status)
    }

    @Test(arguments: [(299, false), (300, true), (301, true)])
    func thresholdIsInclusiveAtFiveHours(minutes: Int, flagged: Bool) {
        let analyzer = Analyzer(threshold: .defaultThreshold)
        #expect(analyzer.isFlagged(Self.person("anna", minutes)) == flagged)
        #expect(!analyzer.isAwaitingReview(Self.person("anna", minutes)))
    }

    /// At 5 h 00 m: none and rejected are flagged, submitted awaits review, accepted is neither.
    @Test(arguments: [(JustificationStatus.none, true, false), (.rejected, true, false),
                      (.submitted, false, true), (.accepted, false, false)])
    func eachJustificationStatusAtTheThreshold(status: JustificationStatus, flagged: Bool, awaiting: Bool) {
        let analyzer = Analyzer(threshold: .defaultThreshold)
        #expect(analyzer.isFlagged(Self.person("anna", 300, status)) == flagged)
        #expect(analyzer.isAwaitingReview(Self.person("anna", 300, status)) == awaiting)
    }

    /// Under the threshold nothing is flagged or awaiting, whatever the status.
    @Test(arguments: JustificationStatus.allCases)
    func underTheThresholdNothingIsAsked(status: JustificationStatus) {
        let analyzer = Analyzer(threshold: .defaultThreshold)
        #expect(!analyzer.isFlagged(Self.person("anna", 299, status)))
        #expect(!analyzer.isAwaitingReview(Self.person("anna", 299, status)))
    }

    @Test func customThresholdMovesTheLine() {
        let analyzer = Analyzer(threshold: Minutes(4 * 60))
        #expect(!analyzer.isFlagged(Self.person("anna", 239)))
        #expect(analyzer.isFlagged(Self.person("anna", 240)))
        let strict = Analyzer(threshold: Minutes(8 * 60))
        #expect(!strict.isFlagged(Self.person("anna", 301)))
    }

    @Test func analyzeSplitsFlaggedFromAwaitingReview() {
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(Self.week, [
            Self.person("anna", 420), Self.person("jonas", 300, .rejected), Self.person("sofie", 380, .submitted),
            Self.person("lars", 500, .accepted), Self.person("mikkel", 299), Self.person("ida", 0, .submitted),
        ])
        #expect(analysis.flagged.map(\.staff.value) == ["anna", "jonas"])
        #expect(analysis.awaitingReview.map(\.staff.value) == ["sofie"])
        #expect(analysis.people.map(\.staff.value) == ["lars", "anna", "sofie", "jonas", "mikkel", "ida"])
    }
}
