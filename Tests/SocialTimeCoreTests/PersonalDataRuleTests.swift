import Foundation
import Testing
@testable import SocialTimeCore

/// Retention's cut-off, and erasure through the rulebook: what stays anonymous and why.
@Suite struct PersonalDataRuleTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test(arguments: [
        // today, months, cut-off (the Monday of the week of today minus months)
        ("2026-11-27", 1, "2026-10-26"),   // 2026-10-27 is a Tuesday
        ("2026-11-27", 6, "2026-05-25"),   // 2026-05-27, a Wednesday
        ("2026-11-27", 12, "2025-11-24"),
        ("2026-05-31", 3, "2026-02-23"),   // 31 May - 3 months = 28 Feb (a Saturday)
        ("2024-05-31", 3, "2024-02-26"),   // a leap year: 29 Feb, a Thursday
        ("2026-01-15", 1, "2025-12-15"),   // across a year
        ("2026-03-02", 2, "2025-12-29"),   // 2026-01-02's week starts in the year before
        ("2026-11-30", 1, "2026-10-26"),   // a Monday today: 2026-10-30 is a Friday
    ])
    func theCutoffIsTheMondayOfTheWeekMonthsAgo(today: String, months: Int, expected: String) {
        let cutoff = RetentionRules.cutoff(today: Self.date(today), months: months)
        #expect(cutoff == Self.date(expected))
        #expect(cutoff.isoWeekday == 1)
    }

    @Test func retentionIsParsedAsMonthsOrOff() throws {
        #expect(try RetentionRules.parse("24") == 24)
        #expect(try RetentionRules.parse(" off ") == nil)
        #expect(try RetentionRules.parse("OFF") == nil)
        for bad in ["0", "-1", "1201", "six", "", "1.5"] {
            #expect(socialTimeError { _ = try RetentionRules.parse(bad) }?.exitCode == 64, "\(bad)")
        }
    }

    /// A manager who reviewed someone's justification is erased: the review stays (the week
    /// stays accepted, not flagged), by an anonymous erased-N, and the thresholds they set stay.
    @Test func erasingAReviewerKeepsTheirReviewsAnonymous() async throws {
        let box = try TemporaryStore()
        let driver = box.store
        try await driver.addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        try await driver.addStaff(Handle(trusted: "mona"), name: "Mona", manager: true)
        try await driver.addStaff(Handle(trusted: "eve"), name: "Eve", manager: false)
        let week = ISOWeek(iso: "2026-W48")!
        _ = try await driver.log(.make("eve", "2026-11-23", 360))
        _ = try await driver.justify(staff: Handle(trusted: "eve"), week: week, text: "Recruiting for the new shop all week")
        _ = try await driver.review(staff: Handle(trusted: "eve"), week: week, reviewer: Handle(trusted: "mona"), accept: true, comment: "ok")
        try await driver.rules("mona").setThreshold(Minutes(240), from: week)
        let before = try await driver.analyze(week)

        let erasure = try await driver.rules("boss").erase(Handle(trusted: "mona"), confirm: "mona", keepTotals: false)
        #expect(erasure.standIn == Handle(trusted: "erased-1"))
        #expect(erasure.removed.reviewsGiven.count == 1)
        let dump = try box.dump()
        #expect(!dump.contains("mona") && !dump.contains("Mona"))
        let stored = try await box.data.read { tx in try await tx.justification(staffID: 3, week: week) }
        #expect(stored?.status == .accepted)
        #expect(stored?.reviewedBy == Handle(trusted: "erased-1"))
        // The review stays (it decides eve's flags); the comment is text mona wrote, and goes
        // (issue 20: a later login named erased-1 read it).
        #expect(stored?.comment == nil)
        let after = try await driver.analyze(week)
        #expect(after.flagged == before.flagged && after.awaitingReview == before.awaitingReview && before.flagged.isEmpty,
                "eve's week is judged as before")
        #expect(after.people.map(\.staff) == before.people.map(\.staff))
        #expect(try await driver.threshold() == Minutes(240))
        let standIn = try await driver.staff(Handle(trusted: "erased-1"))
        #expect(standIn?.active == false && standIn?.role == .staff)

        // The next erasure takes the next number.
        let next = try await driver.rules("boss").erase(Handle(trusted: "eve"), confirm: "eve", keepTotals: true)
        #expect(next.standIn == Handle(trusted: "erased-2"))
        #expect(next.keptEntries == 1)
    }

    @Test func theOnlyActiveManagerCannotBeErased() async throws {
        let box = try TemporaryStore()
        try await box.store.addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        let before = try box.dump()
        let error = await socialTimeError {
            _ = try await box.store.admin.erase(Handle(trusted: "boss"), confirm: "boss", keepTotals: false)
        }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("only active manager") == true)
        #expect(firstDifference(before, try box.dump()) == nil)
    }

    @Test func anUnknownPersonIsBadInputWithASuggestion() async throws {
        let box = try TemporaryStore()
        try await box.store.addStaff(Handle(trusted: "zoltan"), name: "Z", manager: false)
        let error = await socialTimeError { _ = try await box.store.admin.exportPersonalData(of: Handle(trusted: "zoltn")) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("did you mean 'zoltan'") == true, "\(String(describing: error))")
    }
}
