import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct JustificationStoreTests {
    static let week = ISOWeek(year: 2026, week: 47)!
    static let anna = Handle(trusted: "anna")
    static let boss = Handle(trusted: "boss")

    /// A store whose first person, and so its manager, is boss; anna has 6 h logged in the week.
    static func store() async throws -> TemporaryStore {
        let box = try TemporaryStore()
        try await box.store.addStaff(boss, name: "Bo Boss", manager: true)
        _ = try await box.store.log(.make("anna", "2026-11-17", 360))
        return box
    }

    /// Grapheme clusters after trimming: 19 is too short, 20 is enough, and an emoji built
    /// with zero-width joiners counts as one character.
    @Test func lengthIsCountedInCharactersAfterTrimming() async throws {
        let box = try await Self.store()
        let store = box.store
        let nineteen = String(repeating: "x", count: 19)
        await #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: "   \(nineteen)   ") }
        await #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: String(repeating: "👩‍💻", count: 19)) }
        let emoji = try await store.justify(staff: Self.anna, week: Self.week, text: String(repeating: "👩‍💻", count: 20))
        #expect(emoji.justification.status == .submitted && !emoji.registered)  // her log registered her
        await #expect(throws: SocialTimeError.self) { try await store.justify(staff: Self.anna, week: Self.week, text: "twenty characters and\na newline") }
    }

    @Test func shortTextSaysWhyAndExitsAsUsage() async throws {
        let box = try await Self.store()
        let store = box.store
        let error = await socialTimeError { _ = try await store.justify(staff: Self.anna, week: Self.week, text: "too short") }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("at least 20 characters") == true)
        #expect(error?.message.contains("has 9") == true)
    }

    @Test func resubmittingResetsTheReviewAndKeepsHistory() async throws {
        let box = try await Self.store()
        let store = box.store
        _ = try await store.justify(staff: Self.anna, week: Self.week, text: "First explanation of the LinkedIn hours")
        let rejected = try await store.review(staff: Self.anna, week: Self.week, reviewer: Self.boss, accept: false, comment: "Name the hires")
        #expect(rejected.status == .rejected && rejected.reviewedBy == Self.boss)
        let second = try await store.justify(staff: Self.anna, week: Self.week, text: "Second: two hires came from the job post")
        #expect(second.justification.replaced && second.justification.status == .submitted)
        let analysis = try await store.analyze(Self.week)
        #expect(analysis.people.first?.justification == "Second: two hires came from the job post")
        #expect(analysis.people.first?.justificationStatus == .submitted)
        let history = try box.data.db.prepare("SELECT text, status FROM justification_history ORDER BY id").rows { "\($0.text(1)): \($0.text(0))" }
        #expect(history == ["submitted: First explanation of the LinkedIn hours", "rejected: First explanation of the LinkedIn hours",
                            "submitted: Second: two hires came from the job post"])
        #expect(try box.data.db.scalarText("SELECT coalesce(reviewed_by, 'cleared') FROM justifications") == "cleared")
    }

    @Test func onlyAManagerReviewsAndOnlyWhatExists() async throws {
        let box = try await Self.store()
        let store = box.store
        _ = try await store.justify(staff: Self.anna, week: Self.week, text: "An explanation long enough to count")
        try await store.addStaff(Handle(trusted: "jonas"), name: nil, manager: false)
        // A refusal by the rules of who may do what is 77 and names the rule, suggesting no way around it.
        await #expect(throws: SocialTimeError.permissionDenied("only a manager can review justifications; jonas is staff")) {
            try await store.review(staff: Self.anna, week: Self.week, reviewer: Handle(trusted: "jonas"), accept: true, comment: nil)
        }
        let stranger = await socialTimeError { _ = try await store.review(staff: Self.anna, week: Self.week, reviewer: Handle(trusted: "nobody"), accept: true, comment: nil) }
        #expect(stranger?.exitCode == 77)
        let nothingToReview = await socialTimeError { _ = try await store.review(staff: Self.anna, week: Self.week.previous, reviewer: Self.boss, accept: true, comment: nil) }
        #expect(nothingToReview?.exitCode == 64)
        #expect(nothingToReview?.message.contains("has no justification for 2026-W46") == true)
        // boss logs and explains his own week; he may not accept it himself.
        _ = try await store.log(.make("boss", "2026-11-18", 400))
        _ = try await store.justify(staff: Self.boss, week: Self.week, text: "Managing the employer branding campaign")
        let own = await socialTimeError { _ = try await store.review(staff: Self.boss, week: Self.week, reviewer: Self.boss, accept: true, comment: nil) }
        #expect(own?.exitCode == 77)
        #expect(own?.message.contains("cannot review their own") == true)
        #expect(try box.data.db.scalarInt("SELECT count(*) FROM justification_history") == 2)
        #expect(try box.data.db.scalarInt("SELECT count(*) FROM justifications WHERE status = 'submitted'") == 2)
        let accepted = try await store.review(staff: Self.anna, week: Self.week, reviewer: Self.boss, accept: true, comment: nil)
        #expect(accepted.status == .accepted)
    }

    @Test func resultsNeedAPositiveWholeQuantityAnActiveOutcomeAndAPastDate() async throws {
        let box = try await Self.store()
        let store = box.store
        for bad in ["0", "-1", "1.5", "abc", "", "1000001", "3 leads"] {
            #expect(throws: SocialTimeError.self, "\(bad)") { try NewResult.quantity(bad) }
        }
        #expect(try NewResult.quantity(" 3 ") == 3)
        let day = CalendarDate(iso: "2026-11-18")!
        let recorded = try await store.recordResult(NewResult(staff: Self.anna, date: day, quantity: 1, outcome: "Recruiting"))
        #expect(recorded.result.quantityText == "1 hire" && recorded.result.outcome == "recruiting")
        await #expect(throws: SocialTimeError.self) { try await store.recordResult(NewResult(staff: Self.anna, date: CalendarDate(iso: "2026-11-28")!, quantity: 1, outcome: "recruiting")) }
        try await store.retireOutcome("advertising")
        await #expect(throws: SocialTimeError.self) { try await store.recordResult(NewResult(staff: Self.anna, date: day, quantity: 1, outcome: "advertising")) }
        #expect(try box.data.db.scalarInt("SELECT count(*) FROM results") == 1)
    }

    /// There is nothing to explain in a week with nothing logged: refused as bad input, and the
    /// refusal registers nobody.
    @Test func justifyingAnEmptyWeekIsRefused() async throws {
        let box = try await Self.store()
        let empty = await socialTimeError { _ = try await box.store.justify(staff: Self.anna, week: Self.week.next, text: "An explanation long enough to count") }
        #expect(empty?.exitCode == 64)
        #expect(empty?.message.contains("nothing logged in 2026-W48") == true)
        let newcomer = await socialTimeError { _ = try await box.store.justify(staff: Handle(trusted: "newbie"), week: Self.week, text: "An explanation long enough to count") }
        #expect(newcomer?.exitCode == 64)
        #expect(try await box.store.staff(Handle(trusted: "newbie")) == nil)
        #expect(try box.data.db.scalarInt("SELECT count(*) FROM justifications") == 0)
    }
}
