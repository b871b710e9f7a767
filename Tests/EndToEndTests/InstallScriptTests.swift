import Foundation
import PostgresScratch
import Testing

/// scripts/install.sh into a temporary PREFIX, with the already built binary (`--binary`: the
/// release build it does by default takes minutes), and the installed cron script run with a bare
/// environment, as cron runs it.
@Suite struct InstallScriptTests {
    static let script = CSVFiles.repository.appendingPathComponent("scripts/install.sh").path

    static func run(_ executable: String, _ arguments: [String], environment: [String: String], in box: Sandbox) throws -> RunResult {
        try RunningProcess(binary: URL(fileURLWithPath: executable), arguments: arguments, environment: environment,
                           directory: box.folder, stdin: nil).finish()
    }

    @Test func installsEverythingAndTheCronScriptRunsUnderABareEnvironment() async throws {
        let box = try await ExportEndToEndTests.populatedBox()
        let prefix = box.path("prefix with space")
        let install = try Self.run("/bin/sh", [Self.script, "--binary", Sandbox.binary.path],
                                   environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "PREFIX": prefix], in: box)
        #expect(install.status == 0, "\(install.output)")

        let installed = ["bin/socialtime", "bin/socialtime-team", "share/man/man1/socialtime.1", "share/bash-completion/completions/socialtime",
                         "share/zsh/site-functions/_socialtime", "share/fish/vendor_completions.d/socialtime.fish",
                         "share/socialtime/weekly-export.sh", "share/socialtime/weekly-report.sh", "share/socialtime/remind.sh",
                         "share/socialtime/prune.sh", "share/socialtime/crontab.example"]
        for path in installed {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + path), "\(path) was not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/socialtime"))
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/socialtime-team"))
        // A postgresql:// URL is handed to the installed socialtime-team (the PostgreSQL client's
        // own message), found beside socialtime when run through PATH as cron does.
        let server = try Self.run("/usr/bin/env", ["-i", "PATH=\(prefix)/bin:/usr/bin:/bin", "HOME=\(box.folder.path)",
                                                   "SOCIALTIME_DB=postgresql://nobody@127.0.0.1:\(try ClosedPort.pick())/socialtime",
                                                   "socialtime", "status"], environment: [:], in: box)
        #expect(server.status == 1)
        #expect(server.stderr.contains("cannot connect to PostgreSQL at 127.0.0.1:"), "\(server.output)")
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/share/socialtime/weekly-export.sh"))
        #expect(box.bytes(prefix + "/share/man/man1/socialtime.1") == box.bytes(CSVFiles.repository.appendingPathComponent("docs/socialtime.1").path))
        let bash = try String(contentsOfFile: prefix + "/share/bash-completion/completions/socialtime", encoding: .utf8)
        #expect(bash.contains("complete -o filenames -F _socialtime socialtime"))
        let crontab = try String(contentsOfFile: prefix + "/share/socialtime/crontab.example", encoding: .utf8)
        for script in ["weekly-export.sh", "weekly-report.sh", "remind.sh", "prune.sh"] {
            #expect(FileManager.default.isExecutableFile(atPath: prefix + "/share/socialtime/" + script))
            #expect(crontab.contains(prefix + "/share/socialtime/" + script), "the crontab names \(script) where it was installed")
        }
        #expect(!crontab.contains("/opt/socialtime"))
        // /usr/sbin: where Debian's sendmail is (weekly-report.sh failed with 127 without it).
        #expect(crontab.contains("PATH=\(prefix)/bin:/usr/sbin:/usr/bin:/bin"))

        // cron's environment: nothing but what the crontab sets; socialtime is found on PATH.
        let reports = box.path("reports")
        let export = try Self.run("/usr/bin/env", ["-i", "PATH=\(prefix)/bin:/usr/bin:/bin", "TZ=\(box.timeZone)",
                                                   "SOCIALTIME_DB=\(box.database)", "SOCIALTIME_TODAY=\(box.today)",
                                                   prefix + "/share/socialtime/weekly-export.sh", reports],
                                  environment: [:], in: box)
        #expect(export.status == 0, "\(export.output)")
        #expect(export.output.isEmpty, "a successful cron run prints nothing: \(export.output)")
        #expect(await box.runInProcess(["export", "--out", "expected/"]).status == 0)
        let expected = CSVFiles.files(in: box.path("expected"))
        #expect(expected.count == 4)
        for name in expected {
            #expect(box.bytes(reports + "/" + name) == box.bytes(box.path("expected/\(name)")), "\(name)")
        }
    }

    /// prune.sh with a mistyped database failed on its lock file (exit 1); it now gives
    /// socialtime's 66 and reason, as the other cron scripts do, and creates nothing.
    @Test func pruneScriptExits66ForAMissingDatabase() async throws {
        let box = try await Sandbox.make()
        let typo = box.path("no-such-folder/socialtme.db")
        let prune = try Self.run("/usr/bin/env", ["-i", "PATH=/usr/sbin:/usr/bin:/bin", "SOCIALTIME=\(Sandbox.binary.path)",
                                                  "SOCIALTIME_DB=\(typo)", "SOCIALTIME_TODAY=\(box.today)",
                                                  CSVFiles.repository.appendingPathComponent("scripts/prune.sh").path],
                                 environment: [:], in: box)
        #expect(prune.status == 66, "\(prune.output)")
        #expect(prune.stdout.isEmpty)
        #expect(prune.stderr.split(separator: "\n").count == 1, "one line: \(prune.stderr)")
        #expect(prune.stderr.contains("FAILED") && prune.stderr.contains(typo), "\(prune.stderr)")
        #expect(!FileManager.default.fileExists(atPath: box.path("no-such-folder")))
    }

    @Test func aBinaryWithoutSocialtimeTeamBesideItIsRefused() throws {
        let box = try Sandbox()
        try FileManager.default.createDirectory(atPath: box.path("built"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Sandbox.binary.path, toPath: box.path("built/socialtime"))
        let prefix = box.path("prefix")
        let install = try Self.run("/bin/sh", [Self.script, "--binary", box.path("built/socialtime")],
                                   environment: ["PATH": "/usr/bin:/bin", "PREFIX": prefix], in: box)
        #expect(install.status == 1)
        #expect(install.stderr.contains("install.sh: no socialtime-team beside \(box.path("built/socialtime"))"), "\(install.output)")
        #expect(!FileManager.default.fileExists(atPath: prefix))
    }

    @Test func badArgumentsAreRefused() async throws {
        let box = try await Sandbox.make()
        let environment = ["PATH": "/usr/bin:/bin"]
        let relative = try Self.run("/bin/sh", [Self.script, "--binary", Sandbox.binary.path], environment: environment.merging(["PREFIX": "relative/path"]) { $1 }, in: box)
        #expect(relative.status == 64)
        #expect(relative.stderr.contains("PREFIX must be an absolute path"))
        let unknown = try Self.run("/bin/sh", [Self.script, "--frobnicate"], environment: environment, in: box)
        #expect(unknown.status == 64)
        let missing = try Self.run("/bin/sh", [Self.script, "--binary", box.path("nothing")], environment: environment.merging(["PREFIX": box.path("p")]) { $1 }, in: box)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no socialtime binary"))
        #expect(!FileManager.default.fileExists(atPath: box.path("p")))
    }
}
