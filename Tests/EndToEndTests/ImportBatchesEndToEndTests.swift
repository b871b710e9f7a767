import Foundation
import Testing

/// A file longer than one batch of the import's second pass (5,000 rows): each batch's stored
/// rows are read before the batch before it is written, so the rules that look across the whole
/// file must still see rows of other batches — an overlap, identical rows, a re-import.
@Suite struct ImportBatchesEndToEndTests {
    /// Toggl rows of 10 minutes for Boss, 40 a day from 2026-01-01 at 08:00, a quarter of an
    /// hour apart: row `n` (0-based) is on line `n + 2`.
    static func rows(_ count: Int) -> [String] {
        (0..<count).map { n in Self.row(Self.date(n / 40), start: 8 * 60 + (n % 40) * 15, minutes: 10) }
    }

    /// The date `offset` days after 2026-01-01, in the year's first five months.
    static func date(_ offset: Int) -> String {
        var month = 1, day = offset + 1
        for length in [31, 28, 31, 30, 31] where day > length { day -= length; month += 1 }
        return String(format: "2026-%02d-%02d", month, day)
    }

    static func row(_ date: String, start: Int, minutes: Int) -> String {
        func clock(_ minute: Int) -> String { String(format: "%02d:%02d:00", minute / 60, minute % 60) }
        return "Boss,boss@example.com,LinkedIn,Calls,\(date),\(clock(start)),\(date),\(clock(start + minutes)),\(clock(minutes).dropLast(3)):00,recruiting"
    }

    static func file(_ box: Sandbox, _ name: String, _ rows: [String]) throws -> [String] {
        let path = box.path(name)
        try (["User,Email,Project,Description,Start date,Start time,End date,End time,Duration,Tags"] + rows)
            .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return ["import", path, "--from", "toggl", "--user", "Boss=boss"]
    }

    @Test(arguments: StoreKind.all)
    func rowsOfDifferentBatchesFindEachOther(store: StoreKind) async throws {
        let box = try await Sandbox.make(today: "2026-12-02", user: "boss", store: store)
        let rows = Self.rows(5_002)
        // The last row (batch 2) overlaps line 12 (batch 1), written by then: nothing is imported.
        let overlapping = try Self.file(box, "overlap.csv", rows + [Self.row("2026-01-01", start: 8 * 60 + 10 * 15 + 5, minutes: 10)])
        let refused = await box.runInProcess(overlapping)
        #expect(refused.status == 64 && refused.stderr.contains("line 5004: boss's 2026-01-01 10:35:00–10:45:00 overlaps entry #11 (2026-01-01 10:30–10:40)"), "\(refused.output)")
        #expect(try box.entryCount() == 0)

        // The first row again at the end: rows sharing an identity are distinct entries, also
        // in different batches, and the same file again adds nothing.
        let repeated = try Self.file(box, "repeated.csv", rows + [rows[0]])
        let imported = await box.runInProcess(repeated)
        #expect(imported.status == 0 && imported.stdout.hasPrefix("Imported 5003 entries"), "\(imported.output)")
        #expect(try box.query("SELECT count(*) FROM entries WHERE date = '2026-01-01'") == "41")
        let again = await box.runInProcess(repeated)
        #expect(again.status == 0 && again.stdout.contains("all 5003 entries of \(repeated[1]) are already in the database"), "\(again.output)")
        #expect(try box.entryCount() == 5_003)
    }
}
