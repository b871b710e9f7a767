import SocialTimeCore
import SocialTimeStores
#if canImport(Glibc)
import Glibc
#endif

/// Everything a command takes from the world, injected (as swiftly's commands take a context):
/// the environment, the time, the login, and where output goes. The process builds the live one;
/// tests build their own and run commands in-process.
struct Context: Sendable {
    var environment: [String: String]
    /// Seconds since the epoch when the command started; `SOCIALTIME_NOW` may override it.
    var epochSeconds: Int
    /// The operating-system account running the command, from the password database — never
    /// `$USER`, which anyone can set.
    var loginName: String?
    var userID: UInt32
    var stdout: any TextOutput
    var stderr: any TextOutput
    var stdoutIsTerminal = false
    var stderrIsTerminal = false
    /// The terminal's width for text tables, when stdout is a terminal.
    var terminalColumns: Int?
    /// The folder relative paths are resolved against (the process's current directory).
    var workingDirectory: String?
    /// The stores this program can open: SQLite in `socialtime`, SQLite and PostgreSQL in `socialtime-team`.
    var stores = Context.registeredStores

    /// What the executable registered at start (`SocialTimeProgram.main`), for the live context.
    nonisolated(unsafe) static var registeredStores = StoreOpener()

    /// The context of this process.
    static func live() -> Context {
        let uid = getuid()
        var window = winsize()
        let columns = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0 && window.ws_col > 0 ? Int(window.ws_col) : nil
        return Context(environment: ProcessEnvironment.current, epochSeconds: Int(time(nil)), loginName: loginName(of: uid),
                       userID: uid, stdout: FileDescriptorOutput(STDOUT_FILENO), stderr: FileDescriptorOutput(STDERR_FILENO),
                       stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, stderrIsTerminal: isatty(STDERR_FILENO) == 1,
                       terminalColumns: columns).escapingControlsOnTerminals()
    }

    static func loginName(of uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}

/// The process environment as a dictionary, without Foundation.
enum ProcessEnvironment {
    /// Each `NAME=value` split at its first '=' byte (a later entry for a name wins); invalid
    /// UTF-8 is repaired as `String(cString:)` would. Read byte-wise: a `Character` search for
    /// the '=' and a growing dictionary were a tenth of `--version`.
    static var current: [String: String] {
        var count = 0
        while environ[count] != nil { count += 1 }
        var result: [String: String] = [:]
        result.reserveCapacity(count)
        for index in 0..<count {
            guard let entry = environ[index], let equals = strchr(entry, Int32(UInt8(ascii: "="))) else { continue }
            let name = UnsafeRawBufferPointer(start: entry, count: equals - entry)
            let value = UnsafeRawBufferPointer(start: equals + 1, count: strlen(equals + 1))
            result[String(decoding: name, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
        }
        return result
    }
}

/// Where a command's text goes: stdout or stderr of the process, or a buffer in a test.
protocol TextOutput: AnyObject, Sendable {
    func write(_ text: String) throws(SocialTimeError)
}

/// A file descriptor, written whole through `FileDescriptorWriter`: a failure (a full disk, a
/// closed descriptor) is reported so that the command exits 1 instead of claiming success, and a
/// reader that stopped early (EPIPE, as `| head` does) ends the output quietly.
final class FileDescriptorOutput: TextOutput, @unchecked Sendable {
    let writer: FileDescriptorWriter
    private(set) var readerStopped = false

    init(_ descriptor: Int32) { writer = FileDescriptorWriter(descriptor: descriptor) }

    func write(_ text: String) throws(SocialTimeError) {
        guard !readerStopped else { return }
        switch writer.write(text) {
        case .success: return
        case .failure(.closedPipe): readerStopped = true
        case .failure(let failure):
            let name = writer.descriptor == STDOUT_FILENO ? "standard output"
                : writer.descriptor == STDERR_FILENO ? "standard error" : "descriptor \(writer.descriptor)"
            throw .failure("cannot write to \(name): \(failure.reason)")
        }
    }
}

/// A terminal's side of stdout or stderr: control characters in what is written (a note or an
/// alias stored with other tools) are shown escaped, never sent raw (`Text.terminalSafe`).
final class TerminalOutput: TextOutput, @unchecked Sendable {
    let base: any TextOutput
    init(_ base: any TextOutput) { self.base = base }
    func write(_ text: String) throws(SocialTimeError) { try base.write(Text.terminalSafe(text)) }
}

extension Context {
    /// This context with the outputs that are terminals escaping control characters.
    func escapingControlsOnTerminals() -> Context {
        var context = self
        if stdoutIsTerminal { context.stdout = TerminalOutput(stdout) }
        if stderrIsTerminal { context.stderr = TerminalOutput(stderr) }
        return context
    }
}

/// Output kept in memory, for tests.
final class CapturedOutput: TextOutput, @unchecked Sendable {
    private(set) var text = ""
    func write(_ text: String) throws(SocialTimeError) { self.text += text }
}
