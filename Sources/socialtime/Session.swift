import ArgumentParser
import SocialTimeCore
#if canImport(Glibc)
import Glibc
#endif

/// What one run of a command works with: the environment, the clock, the acting person and the
/// store, opened only when a command asks for it.
final class Session {
    let options: GlobalOptions
    let environment: [String: String]
    let clock: Clock

    init(options: GlobalOptions, environment: [String: String]) throws(SocialTimeError) {
        self.options = options
        self.environment = environment
        clock = try Clock.system(todayOverride: environment["SOCIALTIME_TODAY"])
    }

    var dates: DateParser { DateParser(today: clock.today) }

    var databasePath: String {
        get throws(SocialTimeError) { try DatabaseLocation.resolve(explicit: options.db, environment: environment) }
    }

    private var openedStore: (any SocialTimeStore)?

    /// The store, behind the protocol: the commands do not know it is SQLite.
    var store: any SocialTimeStore {
        get throws(SocialTimeError) {
            if let openedStore { return openedStore }
            let store = try SQLiteStore(path: try databasePath, clock: clock)
            openedStore = store
            return store
        }
    }

    /// The acting person: `--as`, else `$SOCIALTIME_USER`, else `$USER` — else, where `USER` is not
    /// set (cron, containers), `$LOGNAME` or the login name of the process's user.
    func actingHandle() throws(SocialTimeError) -> Handle {
        // An explicit --as is used as given, even empty: falling back to $USER would log for someone else.
        if let explicit = options.actingAs { return try Handle(validating: explicit) }
        let candidates = [environment["SOCIALTIME_USER"], environment["USER"], environment["LOGNAME"], Self.loginName()]
        guard let text = candidates.compactMap({ $0 }).first(where: { !$0.isEmpty }) else {
            throw .invalidInput("who is acting? pass --as HANDLE or set SOCIALTIME_USER")
        }
        return try Handle(validating: text)
    }

    private static func loginName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// Runs a command body, printing a failure on stderr as `socialtime: error: …` and exiting
    /// with the spec's code for it.
    static func run(_ options: GlobalOptions, _ body: (Session) throws -> Void) throws {
        do {
            let environment = ProcessEnvironment.current
            try body(try Session(options: options, environment: environment))
            try Output.requireStandardOutputWritten()
        } catch let error as SocialTimeError {
            Output.error(error.message)
            throw ExitCode(error.exitCode)
        }
    }
}

/// The process environment as a dictionary, without Foundation.
enum ProcessEnvironment {
    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

/// Where output goes: data to stdout, messages to stderr.
enum Output {
    static func standardError(_ text: String) {
        let line = text + "\n"
        // Unbuffered, straight to the descriptor: messages appear even if the process dies next.
        _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }

    /// Said when `log`, `justify` or `result` puts an unknown acting person on the roster.
    static func registered(_ handle: Handle) {
        print("Registered \(handle) as a new staff member (rename with `socialtime staff rename \(handle) \"Full Name\"`).")
    }

    static func error(_ message: String) { standardError("socialtime: error: \(message)") }
    static func warning(_ message: String) { standardError("socialtime: warning: \(message)") }
    static func note(_ message: String) { standardError(message) }

    /// Text for people on stdout, with a trailing newline.
    static func print(_ text: String) {
        write(text + "\n")
    }

    /// The first failed write to stdout (a full disk, an I/O error); checked when the command ends.
    nonisolated(unsafe) private static var standardOutputFailure: String?
    /// Set when the reader of a pipe went away (`| head`): the rest is dropped, and that is success.
    nonisolated(unsafe) private static var readerStopped = false

    /// Text for programs on stdout, exactly as given: unbuffered, so that a failure is seen here.
    static func write(_ text: String) {
        guard standardOutputFailure == nil, !readerStopped else { return }
        switch FileDescriptorWriter.standardOutput.write(text) {
        case .success: break
        case .failure(.closedPipe): readerStopped = true
        case .failure(let failure): standardOutputFailure = failure.reason
        }
    }

    /// Exit 1 when something written to stdout was lost: cron must not report success on a full disk.
    static func requireStandardOutputWritten() throws(SocialTimeError) {
        if let standardOutputFailure {
            throw .failure("cannot write to stdout: \(standardOutputFailure); the output is incomplete")
        }
    }

    /// A line that rewrites itself (carriage return, clear to end of line): only for terminals.
    static func progress(_ text: String) {
        let line = "\r\u{1B}[K" + text
        _ = line.utf8CString.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }

    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// The formats a list can be printed in.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}
