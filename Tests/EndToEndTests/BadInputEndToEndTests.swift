import Foundation
import Testing

/// Every bad input issue #2 names: exit 64 (or 1 for the file itself), a message that says what was
/// wrong, and a database that is exactly as it was.
@Suite struct BadInputEndToEndTests {
    struct Case: CustomStringConvertible, Sendable {
        let arguments: [String]
        let exitCode: Int32
        let message: String
        var description: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["log", "25h", "--network", "linkedin", "--outcome", "recruiting"], exitCode: 64, message: "must be from 1m to 24h"),
        Case(arguments: ["log", "abc", "--network", "linkedin", "--outcome", "recruiting"], exitCode: 64, message: "invalid duration 'abc'"),
        Case(arguments: ["log", "0m", "--network", "linkedin", "--outcome", "recruiting"], exitCode: 64, message: "must be from 1m"),
        // ArgumentParser reads a leading '-' as an option; what matters is that it is refused, not read as -1 -h (help).
        Case(arguments: ["log", "-1h", "--network", "linkedin", "--outcome", "recruiting"], exitCode: 64, message: "invalid value '-1h'"),
        Case(arguments: ["edit", "1", "--duration", "-1h"], exitCode: 64, message: "invalid duration '-1h'"),
        Case(arguments: ["log", "1h", "--network", "myspace", "--outcome", "recruiting"], exitCode: 64, message: "unknown network 'myspace'"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "fun"], exitCode: 64, message: "unknown outcome 'fun'"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-02-30"], exitCode: 64, message: "no such day"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-28"], exitCode: 64, message: "in the future"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--date", "28/11/2026"], exitCode: 64, message: "YYYY-MM-DD"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--note", "two\nlines"], exitCode: 64, message: "control character"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--note", String(repeating: "x", count: 2001)], exitCode: 64, message: "too long"),
        Case(arguments: ["log", "23h", "--network", "linkedin", "--outcome", "recruiting"], exitCode: 64, message: "24 hours"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--as", "Anna"], exitCode: 64, message: "did you mean 'anna'"),
        Case(arguments: ["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--as", "../etc"], exitCode: 64, message: "invalid handle"),
        Case(arguments: ["log", "1h", "--network", "linkedin"], exitCode: 64, message: "--outcome"),
        Case(arguments: ["entries", "--week", "2025-W53"], exitCode: 64, message: "no such week"),
        Case(arguments: ["entries", "--week", "soon"], exitCode: 64, message: "invalid week 'soon'"),
        Case(arguments: ["entries", "--format", "xml"], exitCode: 64, message: "xml"),
        Case(arguments: ["entries", "--staff", "bo", "--all-staff"], exitCode: 64, message: "cannot be combined"),
        Case(arguments: ["edit", "1"], exitCode: 64, message: "nothing to change"),
        Case(arguments: ["edit", "99", "--note", "x"], exitCode: 64, message: "no entry #99"),
        Case(arguments: ["edit", "abc", "--note", "x"], exitCode: 64, message: "abc"),
        Case(arguments: ["edit", "1", "--duration", "25h"], exitCode: 64, message: "24h"),
        Case(arguments: ["delete", "99"], exitCode: 64, message: "no entry #99"),
        Case(arguments: ["restore", "1"], exitCode: 64, message: "not deleted"),
        Case(arguments: ["staff", "add", "anna"], exitCode: 64, message: "already on the roster"),
        Case(arguments: ["staff", "add", "Bad Name"], exitCode: 64, message: "invalid handle"),
        Case(arguments: ["staff", "rename", "ghost", "Ghost"], exitCode: 64, message: "no staff member 'ghost'"),
        Case(arguments: ["staff", "rename", "anna", "Anna\tJensen"], exitCode: 64, message: "control character"),
        Case(arguments: ["networks", "add", "x", "Again"], exitCode: 64, message: "already names a network"),
        Case(arguments: ["outcomes", "add", "recruiting", "--description", "again"], exitCode: 64, message: "already exists"),
        Case(arguments: ["outcomes", "retire", "nothing"], exitCode: 64, message: "unknown outcome"),
        Case(arguments: ["config", "threshold", "200h"], exitCode: 64, message: "168h"),
        Case(arguments: ["frobnicate"], exitCode: 64, message: "frobnicate"),
        Case(arguments: ["log", "--from", "25:00", "--to", "26:00", "linkedin", "recruiting"], exitCode: 64, message: "hours run from 00 to 23"),
        Case(arguments: ["log", "--from", "9:5", "--to", "10:00", "linkedin", "recruiting"], exitCode: 64, message: "use HH:MM"),
        Case(arguments: ["log", "--from", "10:00", "--to", "09:00", "linkedin", "recruiting"], exitCode: 64, message: "is before --from"),
        Case(arguments: ["log", "1h", "linkedin", "recruiting", "-d", "wendesday"], exitCode: 64, message: "did you mean 'wednesday'?"),
        Case(arguments: ["log", "30", "linkedin", "recruiting"], exitCode: 64, message: "did you mean 30m?"),
        Case(arguments: ["entires"], exitCode: 64, message: "did you mean 'entries'?"),
    ]

    /// In-process, against one seeded database: each case must leave its `.dump` as it was.
    /// (The database files in a bad state — text, newer schema, read-only, blocked folder — are
    /// FaultTests' cases, run as real processes.)
    @Test(arguments: StoreKind.all) func eachIsRefusedClearlyAndChangesNothing(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let seeded = await box.runInProcess("log 90m --network linkedin --outcome recruiting --note seed")
        #expect(seeded.status == 0)
        let before = try DatabaseFingerprint(box)
        for bad in Self.cases {
            let result = await box.runInProcess(bad.arguments)
            #expect(result.status == bad.exitCode, "\(bad): \(result.stderr)")
            #expect(result.stderr.contains(bad.message), "\(bad): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(bad)")
            #expect(try DatabaseFingerprint(box) == before, "\(bad) changed the database")
        }
    }
}
