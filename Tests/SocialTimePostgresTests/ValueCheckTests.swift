import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// The database's own value checks (`valid_date`, `valid_timestamp`, `clean_text`): what they
/// accept is what socialtime reads, and they cost a CHECK constraint no function call per row.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct ValueCheckTests {
    /// Dates around every edge the calendar has: month lengths, leap years (2000 and 2400 are,
    /// 2100 is not), the 2000–2999 range, and strings that only look like dates.
    static let dates = ["2026-01-31", "2026-02-28", "2026-02-29", "2024-02-29", "2000-02-29", "2100-02-29", "2400-02-29",
                        "2996-02-29", "2999-12-31", "3000-01-01", "1999-12-31", "2000-01-01", "2026-04-30", "2026-04-31",
                        "2026-06-31", "2026-09-31", "2026-11-31", "2026-12-31", "2026-13-01", "2026-00-10", "2026-01-00",
                        "2026-01-32", "2026-1-01", "2026-01-1", "20260101", "2026/01/01", " 2026-01-01", "2026-01-01 ",
                        "2026-01-01\n", "２０２６-01-01", "", "x"]

    @Test func datesAreValidExactlyWhenSocialtimeReadsThem() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                for text in Self.dates {
                    let server = try await admin.scalar("SELECT socialtime.valid_date(\(text))", as: Bool.self)
                    let reads = CalendarDate(iso: text).map { $0 >= CalendarDate(iso: "2000-01-01")! && $0 <= CalendarDate(iso: "2999-12-31")! } ?? false
                    #expect(server == reads, "\(text.debugDescription): the server says \(String(describing: server)), socialtime reads it: \(reads)")
                }
                #expect(try await admin.scalar("SELECT socialtime.valid_date(NULL) IS NULL", as: Bool.self) == true)
            }
        }
    }

    @Test func momentsNeedAnOffsetAndARealTimeOfDay() async throws {
        let expected: [(String, Bool)] = [
            ("2026-11-27T10:00:00+01:00", true), ("2026-11-27T10:00Z", true), ("2026-11-27T23:59:59.123456789-05:30", true),
            ("2024-02-29T00:00:00Z", true), ("2026-02-29T00:00:00Z", false), ("2026-11-27T24:00:00Z", false),
            ("2026-11-27T10:60:00Z", false), ("2026-11-27T10:00:60Z", false), ("2026-11-27T10:00:00", false),
            ("2026-11-27 10:00:00Z", false), ("2026-11-27T10:00:00.1234567890Z", false), ("2026-11-27T10:00:00+0100", false),
            ("2026-11-27T7:00Z", false), ("3000-01-01T00:00Z", false), ("x", false),
        ]
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                for (text, valid) in expected {
                    #expect(try await admin.scalar("SELECT socialtime.valid_timestamp(\(text))", as: Bool.self) == valid, "\(text)")
                }
            }
        }
    }

    /// A function with a SET clause is never inlined, and plpgsql with an exception handler opens
    /// a subtransaction per call: the checks are plain expressions inside each row's CHECK.
    @Test func theChecksAreInlinedIntoTheQueriesThatUseThem() async throws {
        try await TeamDatabase.with { db in
            try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                // A column, not a constant: a constant's check would be folded away.
                for check in ["valid_date(relname::text)", "valid_timestamp(relname::text)", "clean_text(relname::text)"] {
                    let plan = try await admin.query(PostgresQuery(unsafeSQL: "EXPLAIN (VERBOSE) SELECT socialtime.\(check) FROM pg_catalog.pg_class"))
                        .rows.map { try $0.decode(String.self) }.joined(separator: "\n")
                    #expect(plan.contains("~") && !plan.contains("socialtime."), "\(check): \(plan)")
                }
            }
        }
    }
}
