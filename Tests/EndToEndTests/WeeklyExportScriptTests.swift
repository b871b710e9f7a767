import Foundation
import Testing

/// `scripts/weekly-export.sh` as cron runs it, against a file and against a team server
/// (`SOCIALTIME_DB` a PostgreSQL URL: an administrator's crontab on the team's machine).
@Suite struct WeeklyExportScriptTests {
    static let script = CSVFiles.repository.appendingPathComponent("scripts/weekly-export.sh").path

    /// Starts `scripts/weekly-export.sh FOLDER` against the sandbox's database (or `database`).
    static func start(_ box: Sandbox, folder: String, database: String? = nil, extra: [String: String] = [:]) throws -> (Process, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script, folder]
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "TZ": box.timeZone,
                           "SOCIALTIME_TODAY": box.today, "SOCIALTIME": Sandbox.binary.path, "SOCIALTIME_DB": database ?? box.database,
                           "SOCIALTIME_EXPORT_PAUSE": "0"]
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = box.folder
        let log = box.folder.appendingPathComponent(".script-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    /// The script's export runs as whoever cron runs it as (the file's owner; the role the URL
    /// names), an administrator: its files are byte for byte a manager's export.
    @Test(arguments: StoreKind.all) func twoRunsAtOnceLeaveOneCompleteSetOfFiles(store: StoreKind) async throws {
        let box = try await ExportEndToEndTests.populatedBox(store: store)
        #expect(await box.runInProcess(["export", "--out", "expected/"]).status == 0)
        let folder = box.path("cron")
        let runs = try (0..<2).map { _ in try Self.start(box, folder: folder) }
        for (process, log) in runs {
            process.waitUntilExit()
            let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
            #expect(process.terminationStatus == 0, "\(lines)")
            #expect(lines.isEmpty, "a successful cron run prints nothing: \(lines)")
        }
        let expected = CSVFiles.files(in: box.path("expected"))
        #expect(expected.count == 4)
        #expect(CSVFiles.files(in: folder) == ([".weekly-export.lock"] + expected).sorted())
        for name in expected {
            #expect(box.bytes(folder + "/" + name) == box.bytes(box.path("expected/\(name)")), "\(name) is complete")
        }
    }

    /// A file that is not a database; a server that is down (nothing listens on port 1).
    @Test(arguments: StoreKind.all) func aFailureExitsNonZeroWithOneLogLine(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        var database = box.database
        switch store {
        case .sqlite: _ = FileManager.default.createFile(atPath: box.database, contents: Data("not a database".utf8))
        case .postgres:
            var down = try #require(URLComponents(string: box.database))
            down.port = 1
            database = try #require(down.string)
        }
        let (process, log) = try Self.start(box, folder: box.path("cron"), database: database)
        process.waitUntilExit()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(process.terminationStatus == 1)
        #expect(lines.count == 1)
        #expect(lines.first?.contains("FAILED (exit 1, attempt 1)") == true, "\(lines)")
    }

    /// A busy database (exit 75) is retried; a stand-in binary plays socialtime, busy twice.
    @Test func busyIsRetriedUntilItSucceeds() async throws {
        let box = try await Sandbox.make()
        let fake = box.path("fake-socialtime")
        let counter = box.path("attempts")
        try """
            #!/bin/sh
            n=$(cat "\(counter)" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "\(counter)"
            if [ $n -lt 3 ]; then echo "socialtime: error: busy" >&2; exit 75; fi
            echo "$7socialtime-entries-2026-W47.csv"
            """.write(toFile: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake)
        // Verbose, so the success line says which attempt succeeded (silent otherwise).
        let (process, log) = try Self.start(box, folder: box.path("cron"), extra: ["SOCIALTIME": fake, "SOCIALTIME_VERBOSE": "1"])
        process.waitUntilExit()
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(process.terminationStatus == 0, "\(lines)")
        #expect(lines.count == 1)
        #expect(lines.first?.contains("(attempt 3)") == true, "\(lines)")
    }
}
