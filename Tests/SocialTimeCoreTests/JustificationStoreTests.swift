import Testing
@testable import SocialTimeCore

@Suite struct JustificationStoreTests {
    static let week = ISOWeek(year: 2026, week: 47)!
    static let anna = Handle(trusted: "anna")
    static let boss = Handle(trusted: "boss")

    static func store() throws -> SQLiteStore {
        let store = try WeekBoundaryAnalysisTests.store(today: "2026-11-27")
        try await store.addStaff(boss, name: "Bo Boss", manager: true)
        return store
    }

    /// Grapheme clusters after trimming: 19 is too short, 20 is enough, and an emoji built
    /// with zero-width joiners counts as one character.
    @Test func lengthIsCountedInCharactersAfterTrimming() async throws {
        let store = try Self.store()
        let nineteen = String(repeating: "x", count: 19)
        #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: "   \(nineteen)   ") }
        #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: String(repeating: "👩‍💻", count: 19)) }
        let emoji = try await store.justify(staff: Self.anna, week: Self.week, text: String(repeating: "👩‍💻", count: 20))
        #expect(emoji.justification.status == .submitted && emoji.registered)
        #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: "twenty characters and\na newline") }
    }

    @Test func shortTextSaysWhyAndExitsAsUsage() async throws {
        let store = try Self.store()
        do {
            _ = try await store.justify(staff: Self.anna, week: Self.week, text: "too short")
            Issue.record("a short justification was accepted")
        } catch {
            #expect(error.exitCode == 64)
            #expect(error.message.contains("at least 20 characters"))
            #expect(error.message.contains("has 9"))
        }
    }

    @Test func resubmittingResetsTheReviewAndKeepsHistory() async throws {
        let store = try Self.store()
        _ = try await store.justify(staff: Self.anna, week: Self.week, text: "First explanation of the LinkedIn hours")
        let rejected = try await store.review(staff: Self.anna, week: Self.week, reviewer: Self.boss, accept: false, comment: "Name the hires")
        #expect(rejected.status == .rejected && rejected.reviewedBy == Self.boss)
        let second = try await store.justify(staff: Self.anna, week: Self.week, text: "Second: two hires came from the job post")
        #expect(second.justification.replaced && second.justification.status == .submitted)
        let analysis = try await store.analyze(Self.week)
        #expect(analysis.people.first?.justification == "Second: two hires came from the job post")
        #expect(analysis.people.first?.justificationStatus == .submitted)
        let history = try store.db.prepare("SELECT text, status FROM justification_history ORDER BY id").rows { "\($0.text(1)): \($0.text(0))" }
        #expect(history == ["submitted: First explanation of the LinkedIn hours", "rejected: First explanation of the LinkedIn hours",
                            "submitted: Second: two hires came from the job post"])
        #expect(try store.db.scalarText("SELECT coalesce(reviewed_by, 'cleared') FROM justifications") == "cleared")
    }

    @Test func onlyAManagerReviewsAndOnlyWhatExists() async throws {
        let store = try Self.store()
        _ = try await store.justify(staff: Self.anna, week: Self.week, text: "An explanation long enough to count")
        try await store.addStaff(Handle(trusted: "jonas"), name: nil, manager: false)
        #expect(throws: SocialTimeError.invalidInput("only a manager can review justifications, and jonas is not one: a manager can run `socialtime staff promote jonas`, or act as a manager with --as HANDLE")) {
            try await store.review(staff: Self.anna, week: Self.week, reviewer: Handle(trusted: "jonas"), accept: true, comment: nil)
        }
        #expect(throws: SocialTimeError.self) { try await store.review(staff: Self.anna, week: Self.week, reviewer: Handle(trusted: "nobody"), accept: true, comment: nil) }
        #expect(throws: SocialTimeError.self) { try await store.review(staff: Self.anna, week: Self.week.previous, reviewer: Self.boss, accept: true, comment: nil) }
        #expect(throws: SocialTimeError.self) { try await store.review(staff: Self.boss, week: Self.week, reviewer: Self.boss, accept: true, comment: nil) }
        #expect(try store.db.scalarInt("SELECT count(*) FROM justification_history") == 1)
        let accepted = try await store.review(staff: Self.anna, week: Self.week, reviewer: Self.boss, accept: true, comment: nil)
        #expect(accepted.status == .accepted)
    }

    @Test func resultsNeedAPositiveWholeQuantityAnActiveOutcomeAndAPastDate() async throws {
        let store = try Self.store()
        for bad in ["0", "-1", "1.5", "abc", "", "1000001", "3 leads"] {
            #expect(throws: SocialTimeError.self, "\(bad)") { try NewResult.quantity(bad) }
        }
        #expect(try NewResult.quantity(" 3 ") == 3)
        let day = CalendarDate(iso: "2026-11-18")!
        let recorded = try await store.recordResult(NewResult(staff: Self.anna, date: day, quantity: 1, outcome: "Recruiting"))
        #expect(recorded.result.quantityText == "1 hire" && recorded.result.outcome == "recruiting")
        #expect(throws: SocialTimeError.self) { try await store.recordResult(NewResult(staff: Self.anna, date: CalendarDate(iso: "2026-11-28")!, quantity: 1, outcome: "recruiting")) }
        try await store.retireOutcome("advertising")
        #expect(throws: SocialTimeError.self) { try await store.recordResult(NewResult(staff: Self.anna, date: day, quantity: 1, outcome: "advertising")) }
        #expect(try store.db.scalarInt("SELECT count(*) FROM results") == 1)
    }
}
