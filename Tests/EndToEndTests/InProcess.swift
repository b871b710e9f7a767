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
    func runInProcess(_ arguments: [String], environment extra: [String: String] = [:], withDatabase: Bool = true,
                      login: String? = nil, userID: UInt32? = nil, stderrIsTerminal: Bool = false) async -> RunResult {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path,
            "SOCIALTIME_TODAY": today,
            "NO_COLOR": "1",
        ]
        if let user { environment["SOCIALTIME_USER"] = user }
        for (key, value) in extra { environment[key] = value }
        let stdout = CapturedOutput(), stderr = CapturedOutput()
        let uid = userID ?? getuid()
        let context = Context(environment: environment, epochSeconds: Int(time(nil)), loginName: login ?? Context.loginName(of: uid),
                              userID: uid, stdout: stdout, stderr: stderr, stderrIsTerminal: stderrIsTerminal,
                              workingDirectory: folder.path, stores: .team)
        let status = await Runner.execute((withDatabase ? ["--db", database] : []) + arguments, context: context)
        return RunResult(status: status, stdout: stdout.text, stderr: stderr.text)
    }
}
