import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

/// The analyzer over real stored entries: which week a date counts in decides who is flagged.
@Suite struct WeekBoundaryAnalysisTests {
    /// A fresh database in a temporary folder, with "today" fixed.
    static func store(today: String) throws -> TemporaryStore {
        try TemporaryStore(today: today)
    }

    static func log(_ box: TemporaryStore, _ handle: String, _ date: String, _ minutes: Int) async throws {
        _ = try await box.store.log(NewEntry(staff: Handle(trusted: handle), date: CalendarDate(iso: date)!, minutes: Minutes(minutes),
                                             network: "linkedin", outcome: "recruiting"))
    }

    /// 3 h on Sunday 2026-11-22 (W47) and 3 h on Monday 2026-11-23 (W48): two weeks of 3 h,
    /// not one of 6 h, so nobody is flagged.
    @Test func sundayAndTheNextMondayAreDifferentWeeks() async throws {
        let box = try Self.store(today: "2026-11-27")
        let store = box.store
        try await Self.log(box, "anna", "2026-11-22", 180)
        try await Self.log(box, "anna", "2026-11-23", 180)
        let w47 = try await store.analyze(ISOWeek(year: 2026, week: 47)!)
        let w48 = try await store.analyze(ISOWeek(year: 2026, week: 48)!)
        #expect(w47.people.map(\.minutes) == [Minutes(180)])
        #expect(w48.people.map(\.minutes) == [Minutes(180)])
        #expect(w47.flagged.isEmpty && w48.flagged.isEmpty)

        try await Self.log(box, "anna", "2026-11-22", 120)  // Sunday reaches 5 h; Monday's week does not.
        #expect(try await store.analyze(ISOWeek(year: 2026, week: 47)!).flagged.map(\.minutes) == [Minutes(300)])
        #expect(try await store.analyze(ISOWeek(year: 2026, week: 48)!).flagged.isEmpty)
    }

    /// 2026 has a week 53 (2026-12-28 to 2027-01-03): its Monday and its Sunday in the next
    /// calendar year add up in one week, and neither leaks into 2026-W52 or 2027-W01.
    @Test func weekFiftyThreeSpansNewYear() async throws {
        let box = try Self.store(today: "2027-01-10")
        let store = box.store
        try await Self.log(box, "anna", "2026-12-27", 240)  // Sunday of W52
        try await Self.log(box, "anna", "2026-12-28", 180)  // Monday of W53
        try await Self.log(box, "anna", "2027-01-03", 120)  // Sunday of W53
        try await Self.log(box, "anna", "2027-01-04", 299)  // Monday of 2027-W01
        let w53 = try #require(ISOWeek(year: 2026, week: 53))
        #expect(w53.monday.description == "2026-12-28" && w53.sunday.description == "2027-01-03")
        let analysis = try await store.analyze(w53)
        #expect(analysis.flagged.map(\.minutes) == [Minutes(300)])
        #expect(try await store.analyze(ISOWeek(year: 2026, week: 52)!).people.map(\.minutes) == [Minutes(240)])
        #expect(try await store.analyze(ISOWeek(year: 2027, week: 1)!).flagged.isEmpty)
        #expect(w53.next.description == "2027-W01" && ISOWeek(year: 2027, week: 1)!.previous == w53)

        let report = try await store.weeklyReport(ISOWeek(year: 2027, week: 1)!, trendWeeks: 2)
        #expect(report.trend.map(\.week.description) == ["2026-W52", "2026-W53"])
        #expect(report.trend.map(\.minutes) == [Minutes(240), Minutes(300)])
        #expect(report.trend.map(\.flagged) == [0, 1])
    }

    @Test func storedAndOverriddenThreshold() async throws {
        let box = try Self.store(today: "2026-11-27")
        let store = box.store
        try await Self.log(box, "anna", "2026-11-17", 250)
        let week = ISOWeek(year: 2026, week: 47)!
        #expect(try await store.analyze(week).flagged.isEmpty)
        try await store.setThreshold(Minutes(4 * 60))
        #expect(try await store.analyze(week).flagged.count == 1)
        #expect(try await store.analyze(week, threshold: Minutes(300)).flagged.isEmpty)
    }
}

/// The report never scans the whole history: each of its queries searches an index range.
@Suite struct ReportQueryPlanTests {
    /// The SQL text `SQLiteTransaction` runs for a week's report: people and totals, slices,
    /// results, the week's justifications (as `justifications(week:staffID:)` composes it) and
    /// its late changes.
    static let reportQueries = [SQLiteTransaction.staffWeeksSQL, SQLiteTransaction.slicesSQL, SQLiteTransaction.resultTotalsSQL,
                                SQLiteTransaction.justificationSelect + " WHERE j.week = ? ORDER BY j.week, s.handle",
                                SQLiteTransaction.lateChangesSQL]

    @Test(arguments: reportQueries)
    func reportQueriesSearchAnIndex(sql: String) throws {
        let box = try TemporaryStore()
        let parameters = sql.filter { $0 == "?" }.count
        let values: [SQLBindable] = Array(["2026-11-16", "2026-11-22", "2026-W47"].prefix(parameters))
        let plan = try box.data.db.prepare("EXPLAIN QUERY PLAN " + sql).rows(values) { $0.text(3) }
        #expect(plan.contains { $0.contains("USING INDEX entries_by_date") || $0.contains("USING INDEX results_by_date") || $0.contains("USING INDEX justifications_by_week")
            || $0.contains("USING INDEX audit_log_late_by_week") }, "\(plan)")
        // A scan (even over an index) of a table that grows with the history is what must not happen;
        // the small catalogues, the roster and the week's own intermediate rows may be scanned.
        let scanned = plan.filter { $0.hasPrefix("SCAN ") }.map { String($0.split(separator: " ")[1]) }
        #expect(Set(scanned).isDisjoint(with: ["entries", "e", "results", "r", "justifications", "j", "audit_log", "a"]), "\(plan)")
    }

    /// The span of the data (what the analysis reads first) walks the date index from each end
    /// and stops at the first live entry, never the whole table.
    @Test func theDataSpanReadsEachEndThroughTheDateIndex() throws {
        let box = try TemporaryStore()
        let plan = try box.data.db.prepare("EXPLAIN QUERY PLAN " + SQLiteTransaction.dataSpanSQL).rows([]) { $0.text(3) }
        let entryReads = plan.filter { $0.contains("entries") }
        #expect(entryReads.count == 2 && entryReads.allSatisfy { $0.contains("USING INDEX entries_by_date") }, "\(plan)")
    }
}
