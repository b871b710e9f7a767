import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import PostgresScratch

/// Which store a sandbox's database is: a SQLite file, or a fresh PostgreSQL database on the
/// test server (set up with `socialtime --db URL db init`, reached as the superuser, who is
/// then the database's administrator as the file's owner is).
enum StoreKind: String, Sendable, CustomTestStringConvertible {
    case sqlite = "SQLite"
    case postgres = "PostgreSQL"
    var testDescription: String { rawValue }

    /// Every store the end-to-end suites run against: PostgreSQL when the test server is there
    /// (skipped locally without it with one loud line, required in CI).
    static let all: [StoreKind] = PostgresTestCluster.bothStores ? [.sqlite, .postgres] : [.sqlite]
}

enum SandboxError: Error { case setup(String) }

/// What one run of the `socialtime` binary did.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Both streams, for assertions that only care that a message was shown somewhere.
    var output: String { stdout + stderr }
}

/// A temporary folder with its own database, `SOCIALTIME_TODAY` and `TZ`, in which commands run
/// in-process through the `Runner` (`runInProcess`, InProcess.swift), or as the built `socialtime`
/// binary in a separate process (`run`, `start`), exactly as a person or cron runs it: for exit
/// codes at the process boundary, signals, kills, races, other accounts, terminals and scripts,
/// and output that depends on `TZ` (the test process has one time zone for every test).
final class Sandbox {
    let folder: URL
    var database: String
    var today: String
    var timeZone: String
    /// The acting person (`--as` is not passed; `SOCIALTIME_USER` is set) unless nil.
    var user: String?

    let store: StoreKind
    /// The PostgreSQL database, for a `.postgres` sandbox.
    let scratch: ScratchDatabase?

    /// A sandbox whose acting person is put on the roster in-process (`registerInProcess`), not by
    /// a process of the binary as `init` does: the way to make one in an async test.
    static func make(today: String = "2026-11-27", timeZone: String = "Europe/Copenhagen", user: String? = "anna",
                     store: StoreKind = .sqlite, copying template: Sandbox? = nil) async throws -> Sandbox {
        let box = try Sandbox(today: today, timeZone: timeZone, user: user, store: store, copying: template, registering: false)
        if template == nil, let user { try await box.registerInProcess(user, manager: true) }
        return box
    }

    /// With `copying`, the database starts as a copy of that sandbox's (same store) and nobody is registered.
    /// `registering: false` leaves the acting person off the roster too (`make` puts them there in-process).
    init(today: String = "2026-11-27", timeZone: String = "Europe/Copenhagen", user: String? = "anna",
         store: StoreKind = .sqlite, copying template: Sandbox? = nil, registering: Bool = true) throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("socialtime-e2e-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        self.store = store
        switch store {
        case .sqlite:
            scratch = nil
            database = folder.appendingPathComponent("socialtime.db").path
            if let template { try FileManager.default.copyItem(atPath: template.database, toPath: database) }
        case .postgres:
            // A copy of a database `db init` set up once for the whole run: `db init` takes
            // seconds, a copy a fraction of one.
            let scratch = try ScratchDatabase(template: template?.scratch ?? Self.initializedDatabase.get())
            self.scratch = scratch
            database = scratch.url
        }
        self.today = today
        self.timeZone = timeZone
        self.user = user
        if template != nil || !registering { return }
        // The acting person must be on the roster (only the login registers itself): the file's
        // owner, the administrator, puts them there first, as a manager (nobody becomes one by
        // being first).
        if let user { try register(user, manager: true) }
    }

    /// A PostgreSQL database set up by `socialtime --db URL db init` (the built binary, as the
    /// superuser), made once and copied for every PostgreSQL sandbox. Left on the throw-away
    /// test cluster at the end (a template being copied cannot be dropped while tests run).
    static let initializedDatabase: Result<ScratchDatabase, any Error> = Result {
        let scratch = try ScratchDatabase.template()
        let folder = FileManager.default.temporaryDirectory
        let process = try RunningProcess(binary: binary, arguments: ["--db", scratch.url, "db", "init"],
                                         environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": folder.path],
                                         directory: folder, stdin: nil)
        let result = try process.finish()
        guard result.status == 0 else { throw SandboxError.setup("db init: \(result.output)") }
        return scratch
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
        Self.makeWritable(folder.path)
        try? FileManager.default.removeItem(at: folder)
    }

    /// `chmod -R u+w PATH` without a process per sandbox: symbolic links are left alone, not followed.
    static func makeWritable(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT != S_IFLNK else { return }
        if info.st_mode & S_IWUSR == 0 { chmod(path, (info.st_mode & 0o7777) | S_IWUSR) }
        guard info.st_mode & S_IFMT == S_IFDIR, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names { makeWritable(path + "/" + name) }
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

    /// Rows from the database by an independent reader: the `sqlite3` CLI for a file, `psql` as
    /// the superuser for PostgreSQL (both print `a|b` lines). The SQL must suit both.
    func query(_ sql: String) throws -> String {
        if let scratch { return try scratch.sql(Self.postgresDialect(sql)) }
        return try sqlite(sql)
    }

    /// SQLite's `group_concat(x)` / `group_concat(x, sep)` as PostgreSQL's `string_agg`, so the
    /// tests' checks read the same on both stores.
    static func postgresDialect(_ sql: String) -> String {
        var text = sql
        while let start = text.range(of: "group_concat(") {
            var depth = 1, index = start.upperBound, comma: String.Index?
            while index < text.endIndex, depth > 0 {
                switch text[index] {
                case "(": depth += 1
                case ")": depth -= 1
                case "," where depth == 1 && comma == nil: comma = index
                default: break
                }
                if depth > 0 { index = text.index(after: index) }
            }
            let argument = String(text[start.upperBound..<(comma ?? index)])
            let separator = comma.map { String(text[text.index(after: $0)..<index]) } ?? "','"
            text.replaceSubrange(start.lowerBound...index, with: "string_agg((\(argument))::text, \(separator))")
        }
        return text
    }

    /// The login of `runAsOwner`: the test's operating-system account for a file, the role the
    /// superuser's URL names on a server (the server's login is the role one connects as).
    var ownerLogin: String {
        if let scratch { return URLComponents(string: scratch.url)?.user ?? "postgres" }
        return ProcessInfo.processInfo.userName
    }

    /// The URL of `role`'s own connection (its login role, with `password`), for PostgreSQL.
    func url(as role: String, password: String) throws -> String {
        guard let scratch else { throw SandboxError.setup("only a PostgreSQL sandbox has login roles") }
        return try scratch.url(user: role, password: password)
    }

    func entryCount() throws -> Int { Int(try query("SELECT count(*) FROM entries")) ?? -1 }

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
