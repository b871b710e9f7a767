import Foundation
import Testing

/// Where output goes when it is not an ordinary file: a full disk on stdout, a device or a FIFO
/// at `--out`. Device nodes are made with mknod in the sandbox (root only), never a real /dev entry.
@Suite struct OutputEndToEndTests {
    /// Runs `socialtime --db DB ARGS… > STDOUT` through the shell, so stdout can be any file.
    func run(_ box: Sandbox, _ arguments: [String], stdout: String) throws -> RunResult {
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        let script = "exec \"$0\" --db '\(box.database)' \(quoted) > '\(stdout)'"
        let process = try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script, Sandbox.binary.path],
                                         environment: ["SOCIALTIME_TODAY": box.today, "TZ": box.timeZone, "SOCIALTIME_USER": "anna",
                                                       "HOME": box.folder.path, "NO_COLOR": "1"],
                                         directory: box.folder, stdin: nil)
        return try process.finish()
    }

    func seeded() async throws -> Sandbox {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["log", "6h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-18"]).status == 0)
        return box
    }

    func makeFullDevice(_ box: Sandbox) -> String {
        let full = box.path("full")
        #expect(mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0)
        return full
    }

    /// `report > /dev/full` exited 0 with nothing written: a cron job on a full disk reported success.
    @Test(.enabled(if: getuid() == 0, "mknod needs root"),
          arguments: [["report"], ["report", "--format", "json"], ["report", "--format", "html"],
                      ["entries"], ["staff", "list"], ["flags"], ["export", "--out", "-", "--kind", "entries"]])
    func aFailedWriteToStandardOutputExitsOne(arguments: [String]) async throws {
        let box = try await seeded()
        let result = try run(box, arguments, stdout: makeFullDevice(box))
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains("No space left on device"), "\(result.stderr)")
    }

    @Test func aReaderThatStopsEarlyIsNotAnError() async throws {
        let box = try await seeded()
        let process = try RunningProcess(binary: URL(fileURLWithPath: "/bin/bash"),
                                         arguments: ["-c", "set -o pipefail; \"$0\" --db '\(box.database)' report --weeks 52 | head -c 1 >/dev/null", Sandbox.binary.path],
                                         environment: ["SOCIALTIME_TODAY": box.today, "TZ": box.timeZone, "HOME": box.folder.path],
                                         directory: box.folder, stdin: nil)
        let result = try process.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("error"))
    }

    /// As root, `report --out /dev/full` (and a copy of /dev/null) became a regular file.
    @Test(.enabled(if: getuid() == 0, "mknod needs root"))
    func reportOutToADeviceWritesIntoItAndNeverReplacesIt() async throws {
        let box = try await seeded()
        let full = makeFullDevice(box)
        let failed = await box.runInProcess(["report", "--out", full])
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("No space left on device"))
        let null = box.path("null")
        #expect(mknod(null, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0)
        #expect(await box.runInProcess(["report", "--out", null]).status == 0)
        for device in [full, null] {
            var info = stat()
            lstat(device, &info)
            #expect(info.st_mode & S_IFMT == S_IFCHR, "\(device) is no longer a device")
        }
    }

    /// `--out` at a FIFO with no reader hung forever holding the database open: now it fails
    /// (the hang it would be again is the time limit's to catch, not a measured duration).
    @Test(.timeLimit(.minutes(1))) func reportOutToAFIFOWithoutAReaderFailsAtOnce() async throws {
        let box = try await seeded()
        let fifo = box.path("fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let result = await box.runInProcess(["report", "--out", fifo])
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing is reading"))
    }

    @Test func reportOutThroughDevStdoutLinkReachesStandardOutput() async throws {
        let box = try await seeded()
        let link = box.path("stdout-link")
        #expect(symlink("/proc/self/fd/1", link) == 0)
        let result = try box.run(["report", "--out", link])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Weekly report"))
        var info = stat()
        lstat(link, &info)
        #expect(info.st_mode & S_IFMT == S_IFLNK)
    }

    /// Reports and exports are personal data: new ones 0600 under umask 022; a replaced one keeps its mode.
    @Test func newOutputFilesArePrivateAndReplacedOnesKeepTheirMode() async throws {
        let box = try await seeded()
        let report = box.path("report.html")
        #expect(await box.runInProcess(["report", "--format", "html", "--out", report]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? Int == 0o600)
        let export = box.path("entries.csv")
        #expect(await box.runInProcess(["export", "--kind", "entries", "--out", export]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: export)[.posixPermissions] as? Int == 0o600)
        chmod(export, 0o640)
        #expect(await box.runInProcess(["export", "--kind", "entries", "--out", export]).status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: export)[.posixPermissions] as? Int == 0o640)
    }
}
