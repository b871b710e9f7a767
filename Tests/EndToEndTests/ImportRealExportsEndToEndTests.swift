import Foundation
import Testing

/// Importing other trackers' exports: exit codes, the rejects file beside the input and messages
/// on the right stream (in-process), and bounded memory on a hostile stream (a process, measured
/// by the kernel).
@Suite struct ImportRealExportsEndToEndTests {
    /// A fixture copied into the sandbox, so the rejects file lands in the sandbox too.
    static func copy(_ fixture: String, into box: Sandbox) throws -> String {
        let target = box.path(fixture)
        try FileManager.default.copyItem(atPath: CSVFiles.fixture(fixture), toPath: target)
        return target
    }

    @Test(arguments: StoreKind.all) func aForgottenTimerRefusesTheTeamFileUnlessBadRowsAreSkipped(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let file = try Self.copy("toggl-team.csv", into: box)
        let refused = await box.runInProcess(["import", file, "--from", "toggl"])
        #expect(refused.status == 65, "\(refused.output)")
        #expect(refused.stderr.contains("toggl-team.csv has 1 bad row of 9; nothing was imported:\n  line 6: the row lasts 97:00:00 (97h)"), "\(refused.stderr)")
        #expect(try box.entryCount() == 0)
        #expect(!FileManager.default.fileExists(atPath: box.path("toggl-team.rejected.csv")))

        let skipped = await box.runInProcess(["import", file, "--from", "toggl", "--skip-bad-rows"])
        #expect(skipped.status == 0, "\(skipped.output)")
        #expect(skipped.stdout.hasPrefix("Imported 7 entries from \(file) (1 row under 30 seconds (0 minutes) skipped, 1 bad row left out).\n"), "\(skipped.stdout)")
        let rejects = box.path("toggl-team.rejected.csv")
        #expect(skipped.stderr.contains("1 bad row was left out and written, with its reason, to \(rejects)"), "\(skipped.stderr)")
        #expect(try box.entryCount() == 7)
        let written = String(decoding: box.bytes(rejects) ?? Data(), as: UTF8.self)
        let original = String(decoding: box.bytes(file) ?? Data(), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(written.components(separatedBy: "\r\n") == [
            original[0] + ",reason",
            original[5] + ",\"line 6: the row lasts 97:00:00 (97h): an entry is at most 24 hours, so this looks like a timer left running; correct it in the tracker and export again, or import the rest with --skip-bad-rows\"",
            "",
        ])
        #expect(try box.query("SELECT count(*) FROM staff WHERE handle = 'eva.lund'") == "0", "nobody is registered for rows left out")

        // The same file again adds nothing; its one bad row is still written back.
        let again = await box.runInProcess(["import", file, "--from", "toggl", "--skip-bad-rows"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Nothing new to import from \(file) (7 entries already in the database, 1 row under 30 seconds (0 minutes) skipped, 1 bad row left out)."), "\(again.stdout)")
    }

    @Test(arguments: StoreKind.all) func staffIsRefusedForATeamFile(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let result = await box.runInProcess(["import", CSVFiles.fixture("toggl-team.csv"), "--from", "toggl", "--staff", "anna"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("names 8 people"), "\(result.stderr)")
        #expect(try box.entryCount() == 0)
    }

    @Test(arguments: StoreKind.all) func anAmbiguousDateOrderIsRefusedUntilTheFlagSaysIt(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let refused = await box.runInProcess(["import", CSVFiles.fixture("clockify-ambiguous.csv"), "--from", "clockify"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("--date-order dmy"), "\(refused.stderr)")
        let read = await box.runInProcess(["import", CSVFiles.fixture("clockify-ambiguous.csv"), "--from", "clockify", "--date-order", "dmy"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try box.query("SELECT min(date) || ' ' || max(date) FROM entries") == "2026-02-01 2026-02-09")
        #expect(await box.runInProcess(["import", CSVFiles.fixture("clockify-ambiguous.csv"), "--from", "clockify", "--date-order", "myd"]).status == 64)
    }

    @Test(arguments: StoreKind.all) func aSummaryReportIsRefusedWithTheDetailedReportNamed(store: StoreKind) async throws {
        let result = try await Sandbox.make(store: store).run(["import", CSVFiles.fixture("clockify-summary.csv"), "--from", "clockify"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("Export the Detailed report instead"), "\(result.stderr)")
    }

    @Test(arguments: StoreKind.all) func anOverlappingReExportAddsOnlyTheNewRows(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let first = await box.runInProcess(["import", CSVFiles.fixture("toggl-export-1.csv"), "--from", "toggl"])
        #expect(first.stdout.hasPrefix("Imported 3 entries"), "\(first.output)")
        let second = await box.runInProcess(["import", CSVFiles.fixture("toggl-export-2.csv"), "--from", "toggl"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.hasPrefix("Imported 2 entries from \(CSVFiles.fixture("toggl-export-2.csv")) (1 changed row not updated (--update applies it), 2 entries already in the database)."), "\(second.stdout)")
        #expect(try box.query("SELECT sum(minutes) FROM entries") == "225", "three identical hours, the half hour and the quarter")
    }

    @Test(arguments: StoreKind.all) func mappingOptionsAreForForeignFilesOnly(store: StoreKind) async throws {
        let result = try await Sandbox.make(store: store).run(["import", "x.csv", "--map-network", "Mobile app=linkedin"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--map-network is for other trackers' files"), "\(result.stderr)")
    }

    /// `import` of a 2 GB stream that is one line: refused as bad data once the line passes
    /// 1 MiB, in bounded memory (the whole run, measured by the kernel, under 64 MiB).
    /// SQLite only: the line is refused while reading, before any row reaches a store, and the run takes seconds.
    @Test func aTwoGigabyteLineIsRefusedInBoundedMemory() async throws {
        let box = try await Sandbox.make()
        let script = #"""
            exec python3 -c '
            import resource, subprocess, sys
            code = subprocess.run(["sh", "-c", "head -c 2147483648 /dev/zero | tr \"\\0\" a | \"$0\" --db \"$1\" import /dev/stdin", sys.argv[1], sys.argv[2]]).returncode
            print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
            ' "$0" "$1"
            """#
        let result = try box.runShell(script)
        let numbers = result.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        try #require(numbers.count == 2, "\(result.output)")
        #expect(numbers[0] == 65, "\(result.output)")
        #expect(numbers[1] < 64 * 1024, "peak resident memory \(numbers[1]) KiB")
        #expect(result.stderr.contains("line 1 is longer than 1 MiB"), "\(result.stderr)")

        let zero = try box.run(["import", "/dev/zero"])
        #expect(zero.status == 65, "\(zero.output)")
    }

    /// `(header; yes 'x,x,…') | socialtime import /dev/stdin`: import saves a stream to read it
    /// twice (checked, then written), only up to its limit; an endless one is stopped there with
    /// 65, the data as it was (audit log included). SQLite only: nothing reaches a store. The
    /// limit is `--max-stream-size` (default 512 MiB, which the benchmarks run into): 2 MiB here,
    /// the same path in a fraction of the time.
    @Test func anEndlessStreamOfRowsStopsWith65AndChangesNothing() throws {
        let box = try Sandbox()
        let logged = try box.run(["log", "30m", "linkedin", "recruiting", "--date", "2026-11-20"])
        #expect(logged.status == 0, "\(logged.output)")
        let audit = try box.query("SELECT count(*) FROM audit_log")
        let script = #"""
            (echo 'entry_id,date,staff,staff_name,network,outcome,minutes,note,logged_at'; yes 'x,x,x,x,x,x,x,x,x') | "$0" --db "$1" import /dev/stdin --max-stream-size 2M
            """#
        let result = try box.runShell(script)
        #expect(result.status == 65, "\(result.output)")
        #expect(result.stderr.contains("/dev/stdin is not a file but a stream, and it went past 2 MiB without ending; nothing was imported. Import saves a stream to read it twice, up to that size (--max-stream-size)"), "\(result.stderr)")
        #expect(try box.entryCount() == 1)
        #expect(try box.query("SELECT count(*) FROM audit_log") == audit)
    }

    /// `--max-stream-size` is the stream's limit, not a guess at one: an export piped in whole
    /// fits in its own size and is refused one byte under it; a bad size is a usage error (64)
    /// that changes nothing.
    @Test func aStreamsLimitIsItsSizeExactlyAndABadSizeIsRefused() throws {
        let source = try Sandbox()
        #expect(try source.run(["log", "30m", "linkedin", "recruiting", "--date", "2026-11-20"]).status == 0)
        #expect(try source.run(["export", "--all", "--kind", "entries", "--out", source.path("all.csv")]).status == 0)
        let size = try Data(contentsOf: URL(fileURLWithPath: source.path("all.csv"))).count
        let box = try Sandbox()
        #expect(try box.run(["log", "1h", "facebook", "customer-service", "--date", "2026-11-19"]).status == 0)
        let audit = try box.query("SELECT count(*) FROM audit_log")
        let under = try box.runShell(#"cat "$2" | "$0" --db "$1" import /dev/stdin --max-stream-size "$3""#, arguments: [source.path("all.csv"), "\(size - 1)"])
        #expect(under.status == 65, "\(under.output)")
        #expect(under.stderr.contains("went past \(size - 1) bytes without ending; nothing was imported"), "\(under.stderr)")
        #expect(try box.entryCount() == 1)
        #expect(try box.query("SELECT count(*) FROM audit_log") == audit)
        for bad in ["0", "abc", "1.5M", "-1", "65G"] {
            let result = try box.runShell(#"cat "$2" | "$0" --db "$1" import /dev/stdin --max-stream-size="$3""#, arguments: [source.path("all.csv"), bad])
            #expect(result.status == 64, "\(bad): \(result.output)")
            #expect(result.stderr.contains("--max-stream-size '\(bad)': give a size such as 512M, 64K or 2G"), "\(bad): \(result.stderr)")
            #expect(try box.entryCount() == 1)
            #expect(try box.query("SELECT count(*) FROM audit_log") == audit)
        }
        // (Into a new database: the export keeps its entry id, which the first one already uses.)
        let fresh = try Sandbox()
        let exact = try fresh.runShell(#"cat "$2" | "$0" --db "$1" import /dev/stdin --max-stream-size "$3""#, arguments: [source.path("all.csv"), "\(size)"])
        #expect(exact.status == 0, "\(exact.output)")
        #expect(try fresh.entryCount() == 1)
    }

    /// A stream that ends is read twice all the same: a socialtime export piped in is imported whole.
    @Test func anExportPipedInIsImported() throws {
        let source = try Sandbox()
        #expect(try source.run(["log", "30m", "linkedin", "recruiting", "--date", "2026-11-20"]).status == 0)
        #expect(try source.run(["log", "1h", "facebook", "customer-service", "--date", "2026-11-19"]).status == 0)
        let export = try source.run(["export", "--all", "--kind", "entries", "--out", source.path("all.csv")])
        #expect(export.status == 0, "\(export.output)")
        let box = try Sandbox()
        let result = try box.runShell(#"cat "$2" | "$0" --db "$1" import /dev/stdin"#, arguments: [source.path("all.csv")])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.hasPrefix("Imported 2 entries from /dev/stdin"), "\(result.stdout)")
        #expect(try box.entryCount() == 2)
    }
}
