import Foundation
import Testing

enum SandboxError: Error { case setup(String) }

/// What one run of the `socialtime` binary did.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Both streams, for assertions that only care that a message was shown somewhere.
    var output: String { stdout + stderr }
}

/// A temporary folder with its own database, `SOCIALTIME_TODAY` and `TZ`, in which the built
/// `socialtime` binary runs as a separate process, exactly as a person or cron runs it.
final class Sandbox {
    let folder: URL
    var database: String
    var today: String
    var timeZone: String
    /// The acting person (`--as` is not passed; `SOCIALTIME_USER` is set) unless nil.
    var user: String?

    init(today: String = "2026-11-27", timeZone: String = "Europe/Copenhagen", user: String? = "anna") throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("socialtime-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        database = folder.appendingPathComponent("socialtime.db").path
        self.today = today
        self.timeZone = timeZone
        self.user = user
        // The acting person must be on the roster (only the login registers itself): the file's
        // owner, the administrator, puts them there first — so they are its first person, a manager.
        if let user { try register(user) }
    }

    /// Adds `handle` to the roster as the database's owner (the test's login) would.
    func register(_ handle: String, manager: Bool = false) throws {
        let result = try runAsOwner(["staff", "add", handle] + (manager ? ["--manager"] : []))
        guard result.status == 0 else { throw SandboxError.setup("staff add \(handle): \(result.output)") }
    }

    /// Runs as the test's own login, which owns the database file: its administrator.
    @discardableResult
    func runAsOwner(_ arguments: [String], environment: [String: String] = [:], withDatabase: Bool = true) throws -> RunResult {
        let saved = user
        user = nil
        defer { user = saved }
        return try run(arguments, environment: environment, withDatabase: withDatabase)
    }

    deinit {
        // Make everything writable again first: some tests make files or folders read-only.
        _ = try? Process.run(URL(fileURLWithPath: "/bin/chmod"), arguments: ["-R", "u+w", folder.path]).waitUntilExit()
        try? FileManager.default.removeItem(at: folder)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The built binary: next to the test bundle, where `swift build` puts products.
    static let binary: URL = {
        if let explicit = ProcessInfo.processInfo.environment["SOCIALTIME_BIN"] { return URL(fileURLWithPath: explicit) }
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("socialtime")
    }()

    /// Runs `socialtime --db DATABASE ARGS…` and waits for it.
    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil, withDatabase: Bool = true) throws -> RunResult {
        let process = try start(arguments, environment: extra, stdin: stdin, withDatabase: withDatabase)
        return try process.finish()
    }

    /// `run` from a command line split on spaces, for short readable tests.
    @discardableResult
    func run(_ commandLine: String) throws -> RunResult {
        try run(commandLine.split(separator: " ").map(String.init))
    }

    /// Starts the binary without waiting, for tests that run many at once or kill one.
    func start(_ arguments: [String], environment extra: [String: String] = [:], stdin: String? = nil, withDatabase: Bool = true) throws -> RunningProcess {
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path,
            "TZ": timeZone,
            "SOCIALTIME_TODAY": today,
            "NO_COLOR": "1",
        ]
        if let user { environment["SOCIALTIME_USER"] = user }
        for (key, value) in extra { environment[key] = value }
        return try RunningProcess(binary: Self.binary, arguments: (withDatabase ? ["--db", database] : []) + arguments,
                                  environment: environment, directory: folder, stdin: stdin)
    }

    /// Rows from the database through the `sqlite3` CLI: an independent reader of our file.
    func sqlite(_ sql: String, database: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database ?? self.database, sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func entryCount() throws -> Int { Int(try sqlite("SELECT count(*) FROM entries")) ?? -1 }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }
}

/// A started `socialtime` process whose output goes to temporary files (no pipe can fill up).
final class RunningProcess {
    let process = Process()
    private let stdoutFile: URL
    private let stderrFile: URL

    init(binary: URL, arguments: [String], environment: [String: String], directory: URL, stdin: String?) throws {
        let id = UUID().uuidString
        stdoutFile = directory.appendingPathComponent(".out-\(id)")
        stderrFile = directory.appendingPathComponent(".err-\(id)")
        _ = FileManager.default.createFile(atPath: stdoutFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrFile.path, contents: nil)
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        process.standardOutput = try FileHandle(forWritingTo: stdoutFile)
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            try process.run()
            pipe.fileHandleForWriting.write(Data(stdin.utf8))
            try pipe.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
    }

    func finish() throws -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: stdoutFile)
            try? FileManager.default.removeItem(at: stderrFile)
        }
        return RunResult(status: process.terminationStatus,
                         stdout: String(decoding: try Data(contentsOf: stdoutFile), as: UTF8.self),
                         stderr: String(decoding: try Data(contentsOf: stderrFile), as: UTF8.self))
    }

    func kill(signal: Int32 = SIGKILL) { Foundation.kill(process.processIdentifier, signal) }
}
