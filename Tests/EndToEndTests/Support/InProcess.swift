import Foundation
import Testing
@testable import SocialTimeCommands
import SocialTimeTeamStore
#if canImport(Glibc)
import Glibc
#endif

/// Runs commands inside the test process against an injected context — the sandbox's folder,
/// environment and database, with output captured — through the same `Runner` as the binary.
/// Much faster than a process per case; process tests stay for exit codes of the real binary,
/// signals, races and crashes.
extension Sandbox {
    /// Runs `socialtime --db DATABASE ARGS…` in-process. The time zone is the test process's
    /// (one process cannot have one per test), so cases here fix the date with SOCIALTIME_TODAY.
    /// `login` and `userID` stand for another operating-system account than the test's own.
    @discardableResult
    func runInProcess(_ arguments: [String], environment extra: [String: String] = [:], withDatabase: Bool = true,
                      login: String? = nil, userID: UInt32? = nil, stderrIsTerminal: Bool = false) async -> RunResult {
        await runInProcess(arguments, environment: extra, withDatabase: withDatabase, actingAs: user, login: login, userID: userID,
                           stderrIsTerminal: stderrIsTerminal)
    }

    /// `runInProcess` with `SOCIALTIME_USER` set to `acting` (none when nil), whoever the sandbox's user is.
    private func runInProcess(_ arguments: [String], environment extra: [String: String], withDatabase: Bool, actingAs acting: String?,
                              login: String?, userID: UInt32?, stderrIsTerminal: Bool) async -> RunResult {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path,
            "SOCIALTIME_TODAY": today,
            "NO_COLOR": "1",
        ]
        if let acting { environment["SOCIALTIME_USER"] = acting }
        for (key, value) in extra { environment[key] = value }
        let stdout = CapturedOutput(), stderr = CapturedOutput()
        let uid = userID ?? getuid()
        let context = Context(environment: environment, epochSeconds: Int(time(nil)), loginName: login ?? Context.loginName(of: uid),
                              userID: uid, stdout: stdout, stderr: stderr, stderrIsTerminal: stderrIsTerminal,
                              workingDirectory: folder.path, stores: .team)
        let status = await Runner.execute((withDatabase ? ["--db", database] : []) + arguments, context: context)
        return RunResult(status: status, stdout: stdout.text, stderr: stderr.text)
    }

    /// `runInProcess` from a command line split on spaces, for short readable tests.
    @discardableResult
    func runInProcess(_ commandLine: String) async -> RunResult {
        await runInProcess(commandLine.split(separator: " ").map(String.init))
    }

    /// `runAsOwner` in-process: as the test's own login, the database's administrator.
    @discardableResult
    func runAsOwnerInProcess(_ arguments: [String], environment: [String: String] = [:], withDatabase: Bool = true) async -> RunResult {
        await runInProcess(arguments, environment: environment, withDatabase: withDatabase, actingAs: nil, login: nil, userID: nil,
                           stderrIsTerminal: false)
    }

    /// `register` in-process: adds `handle` to the roster as the database's owner would.
    func registerInProcess(_ handle: String, manager: Bool = false) async throws {
        let result = await runAsOwnerInProcess(["staff", "add", handle] + (manager ? ["--manager"] : []))
        guard result.status == 0 else { throw SandboxError.setup("staff add \(handle): \(result.output)") }
    }
}
