import Foundation
import Testing
@testable import SocialTimeCore

/// Programs outside the project that some tests drive: headless Chromium and poppler for the
/// HTML report, msmtp and a Python with aiosmtpd for mail. CI installs them (`.ci/run`); a
/// machine without them skips those tests with one loud line naming the package to install.
enum ExternalTools {
    static func find(_ candidates: [String]) -> String? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let chromium = find(["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"])
    static let pdftotext = find(["/usr/bin/pdftotext"])
    static let pdfinfo = find(["/usr/bin/pdfinfo"])
    static let msmtp = find(["/usr/bin/msmtp"])
    /// A Python that can import aiosmtpd: Debian's python3-aiosmtpd lives in /usr/bin/python3,
    /// which a pyenv or venv python3 on PATH may not see.
    static let smtpPython: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/python3" }
        return (["/usr/bin/python3"] + path).first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            return (try? run(candidate, ["-c", "import aiosmtpd"], in: FileManager.default.temporaryDirectory, timeout: 30).status) == 0
        }
    }()

    static var browserReady: Bool {
        let ready = chromium != nil && pdftotext != nil && pdfinfo != nil
        if !ready { print("SKIPPED: the HTML report browser tests need Debian's chromium and poppler-utils (apt-get install chromium poppler-utils)") }
        return ready
    }

    static var mailReady: Bool {
        let ready = msmtp != nil && smtpPython != nil
        if !ready { print("SKIPPED: the mail tests need Debian's msmtp and python3-aiosmtpd (apt-get install msmtp python3-aiosmtpd)") }
        return ready
    }

    /// Runs a program to the end (killed after `timeout` seconds) with outputs in files.
    static func run(_ program: String, _ arguments: [String], in folder: URL, stdin: String? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> RunResult {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8"]
        for (key, value) in environment { env[key] = value }
        let process = try RunningProcess(binary: URL(fileURLWithPath: program), arguments: arguments, environment: env,
                                         directory: folder, stdin: stdin)
        let deadline = Date().addingTimeInterval(timeout)
        while process.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.process.isRunning { process.kill() }
        return try process.finish()
    }
}
