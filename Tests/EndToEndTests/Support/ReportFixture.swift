import Foundation
import Testing

/// A known data set for the analyzer and report tests, built through the CLI. Today is
/// 2026-11-27 (W48); the report's week is last week, 2026-W47 (2026-11-16 … 2026-11-22):
///
/// | who    | W47 minutes           | justification          | verdict          |
/// |--------|-----------------------|------------------------|------------------|
/// | mikkel | 360 facebook/c-s      | rejected by boss       | flagged          |
/// | anna   | 180 linkedin + 120 fb | none (exactly 5 h)     | flagged          |
/// | sofie  | 360 linkedin/sales    | submitted              | awaiting review  |
/// | lars   | 301 instagram/brand   | accepted by boss       | justified        |
/// | jonas  | 299 facebook/c-s      | none                   | under threshold  |
///
/// Plus: anna 60 min on Monday 2026-11-23 (W48, not in the report), anna 360 in W46 (trend),
/// results 2 hires (anna) and 3 leads (sofie) in W47, 1 lead in W48.
enum ReportFixture {
    static let sofieText = "Six meetings booked with trade fair contacts"
    static let larsText = "Launch week: the reel series & the product ads"
    static let mikkelText = "Customers ask on Facebook, so I answer there"

    static func build(_ box: Sandbox) async throws {
        let steps: [[String]] = [
            ["staff", "add", "boss", "--name", "Bo Boss", "--manager"],
            ["staff", "rename", "anna", "Anna Jensen"],
            ["staff", "add", "jonas"], ["staff", "add", "sofie"], ["staff", "add", "lars"], ["staff", "add", "mikkel"],
            ["--as", "anna", "log", "3h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-16", "--note", "Job ad"],
            ["--as", "anna", "log", "2h", "--network", "facebook", "--outcome", "recruiting", "--date", "2026-11-22"],
            ["--as", "anna", "log", "1h", "--network", "facebook", "--outcome", "recruiting", "--date", "2026-11-23"],
            ["--as", "anna", "log", "6h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-10"],
            ["--as", "jonas", "log", "4h59m", "--network", "facebook", "--outcome", "customer-service", "--date", "2026-11-18"],
            ["--as", "sofie", "log", "6h", "--network", "linkedin", "--outcome", "sales-leads", "--date", "2026-11-19"],
            ["--as", "sofie", "justify", "--week", "2026-W47", sofieText],
            ["--as", "lars", "log", "5h01m", "--network", "instagram", "--outcome", "brand-awareness", "--date", "2026-11-20"],
            ["--as", "lars", "justify", "--week", "last", larsText],
            ["--as", "boss", "review", "lars", "--week", "2026-W47", "--accept"],
            ["--as", "mikkel", "log", "6h", "--network", "facebook", "--outcome", "customer-service", "--date", "2026-11-17"],
            ["--as", "mikkel", "justify", "--week", "2026-W47", mikkelText],
            ["--as", "boss", "review", "mikkel", "--reject", "--comment", "How many inquiries?"],
            ["--as", "anna", "result", "2", "--outcome", "recruiting", "--date", "2026-11-18"],
            ["--as", "sofie", "result", "3", "--outcome", "sales-leads", "--date", "2026-11-20", "--note", "Demo meetings"],
            ["--as", "sofie", "result", "1", "--outcome", "sales-leads"],
        ]
        for step in steps {
            // The roster is set up by the database's owner, the administrator.
            // In-process: the fixture is set-up, not what the tests check.
            let result = step.first == "staff" ? await box.runAsOwnerInProcess(step) : await box.runInProcess(step)
            #expect(result.status == 0, "\(step.joined(separator: " ")): \(result.stderr)")
        }
    }

    /// Row counts of every table a bad command could touch: equal before and after means unchanged.
    static func counts(_ box: Sandbox) throws -> String {
        try box.query("""
            SELECT (SELECT count(*) FROM staff) || ' ' || (SELECT count(*) FROM entries) || ' ' ||
                   (SELECT count(*) FROM results) || ' ' || (SELECT count(*) FROM justifications) || ' ' ||
                   (SELECT count(*) FROM justification_history) || ' ' ||
                   (SELECT group_concat(status, ',') FROM (SELECT status FROM justifications ORDER BY id) AS ordered)
            """)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
