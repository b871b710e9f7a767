import Foundation
import Testing

/// SIGKILL in the middle of a long import or export: the import is all or nothing, the export
/// never leaves half a file where the earlier one was, and the next command needs no repair.
@Suite struct CrashDuringTransferTests {
    static let rows = 200_000

    /// A database of 200,000 entries (50 people, every day of 2025), made inside SQLite, and its
    /// complete export.
    static func history() async throws -> (box: Sandbox, export: String) {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["staff", "list"]).status == 0)
        _ = try box.sqlite("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
            INSERT INTO staff(handle, name, created_at) SELECT printf('p%02d', i), printf('Person %02d', i), '2025-01-01T08:00:00+01:00' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(Self.rows) - 1)
            INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
            SELECT 1 + i % 50, date('2025-01-01', '+' || (i * 365 / \(Self.rows)) || ' days'), 1 + i % 60,
                   1 + i % 12, 1 + i % 8, printf('note %d, "quoted"; æøå', i), '2025-06-01T10:00:00+02:00' FROM n;
            INSERT INTO audit_log(at, actor, action, entry_id, after) SELECT logged_at, 'p01', 'create', id, '{}' FROM entries;
            """)
        #expect(try box.entryCount() == Self.rows)
        let export = box.path("all.csv")
        let exported = await box.runInProcess(["export", "--all", "--kind", "entries", "--out", export])
        #expect(exported.status == 0, "\(exported.output)")
        return (box, export)
    }

    @Test func killingAnImportMidwayImportsNothing() async throws {
        let (source, export) = try await Self.history()
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["staff", "list"]).status == 0)
        // Mid-way: the import's transaction has already written megabytes to the write-ahead log.
        let run = try box.killWhen(["import", export]) { box.size(box.database + "-wal") > 4_000_000 }
        #expect(run.wasKilled, "the import finished before it could be killed: \(run.result.output)")
        #expect(try box.entryCount() == 0)
        #expect(try box.sqlite("SELECT count(*) FROM staff") == "1")  // only the sandbox's own person
        try box.expectIntactAfterCrash()
        _ = source  // keeps the exported file's folder alive until the import is done
    }

    @Test func killingAnExportMidwayKeepsTheEarlierFile() async throws {
        let (box, export) = try await Self.history()
        let earlier = try #require(box.bytes(export))
        #expect(await box.runInProcess(["log", "1h", "--network", "linkedin", "--outcome", "recruiting"]).status == 0)

        let folder = box.folder.path
        func temporaryFiles() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".all.csv.tmp-") }
        }
        // Mid-way: the temporary file beside the target has grown past a megabyte.
        let run = try box.killWhen(["export", "--all", "--kind", "entries", "--out", export]) {
            temporaryFiles().contains { box.size(folder + "/" + $0) > 1_000_000 }
        }
        #expect(run.wasKilled, "the export finished before it could be killed: \(run.result.output)")
        #expect(box.bytes(export) == earlier, "a reader would see another file than the earlier export")
        try box.expectIntactAfterCrash()

        // The next export works, undisturbed by the temporary file the killed one left behind.
        let again = await box.runInProcess(["export", "--week", "this", "--kind", "entries", "--out", box.path("week.csv")])
        #expect(again.status == 0, "\(again.output)")
        let lines = String(decoding: box.bytes(box.path("week.csv")) ?? Data(), as: UTF8.self).split(separator: "\r\n").count
        #expect(lines == 3, "a header and the two entries logged today")
    }
}
