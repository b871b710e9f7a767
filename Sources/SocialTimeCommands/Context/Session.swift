#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import SocialTimeCore
import SocialTimeStores

/// One run of a command: the context, the global options, the clock, and the rulebook over the
/// store, opened only when the command asks for it.
final class Session: @unchecked Sendable {
    let context: Context
    let options: GlobalSettings
    let clock: Clock

    init(context: Context, options: GlobalSettings) throws(SocialTimeError) {
        self.context = context
        self.options = options
        clock = try Clock.at(epochSeconds: context.epochSeconds, todayOverride: context.environment["SOCIALTIME_TODAY"],
                             nowOverride: context.environment["SOCIALTIME_NOW"])
    }

    var environment: [String: String] { context.environment }
    var dates: DateParser { DateParser(today: clock.today) }

    /// Where the data lives and where that came from (`--db`, `$SOCIALTIME_DB` or the default).
    var location: DatabaseLocation.Resolved {
        get throws(SocialTimeError) { try DatabaseLocation.resolved(explicit: options.db, environment: environment) }
    }

    /// A path the person typed, resolved against the context's working folder (the process's
    /// own when nil), so in-process tests each work in their own folder.
    func path(_ typed: String) -> String {
        // ":memory:" is SQLite's name for no file at all: kept, so that it is refused as such.
        guard let folder = context.workingDirectory, !typed.hasPrefix("/"), !typed.isEmpty, typed != ":memory:" else { return typed }
        return folder + "/" + typed
    }

    var surroundings: StoreOpener.Surroundings {
        StoreOpener.Surroundings(userID: context.userID, login: context.loginName, environment: environment)
    }

    private var opened: Rulebook?

    /// The rules over the store. A command that only reads passes `create: false`, so a
    /// mistyped `--db` exits 66 instead of creating an empty database that looks fine.
    func rulebook(create: Bool = true) async throws(SocialTimeError) -> Rulebook {
        if let opened { return opened }
        let typed = try location
        let resolved = typed.isPostgreSQL ? typed : DatabaseLocation.Resolved(path: path(typed.path), source: typed.source)
        var surroundings = self.surroundings
        if context.stderrIsTerminal {
            // A person at a terminal hears why nothing happens; cron and scripts stay silent.
            let stderr = context.stderr, path = resolved.path
            if resolved.isPostgreSQL {
                // The URL may hold a password: the message names the person's lock, not the server.
                let seconds = context.stores.server?.lockWaitSeconds ?? 0
                surroundings.onLockWait = {
                    try? stderr.write("waiting for another socialtime command that is writing the same person's time to finish (up to \(seconds) s) …\n")
                }
            } else {
                let seconds = StoreOpener.longestLockWaitSeconds
                surroundings.onLockWait = {
                    try? stderr.write("waiting for another program to finish writing to \(path) (up to \(seconds) s) …\n")
                }
            }
        }
        let (store, administers, warnings) = try await context.stores.open(resolved, create: create, surroundings: surroundings)
        for text in warnings { try warning(text) }
        return try await rulebook(over: store, administers: administers)
    }

    /// The rules over an opened store, acting as `--as`, `SOCIALTIME_USER` or the login.
    private func rulebook(over store: any DataStore, administers: Bool) async throws(SocialTimeError) -> Rulebook {
        let requested = options.actingAs ?? environment["SOCIALTIME_USER"].flatMap { $0.isEmpty ? nil : $0 }
        // An explicit --as is used as given, even empty: falling back to the login would act as someone else.
        let identity = Identity(login: try await StoreOpener.login(of: store, operatingSystemLogin: context.loginName),
                                requested: requested, requestSource: options.actingAs != nil ? "--as" : "SOCIALTIME_USER",
                                administersStore: administers)
        let rulebook = Rulebook(store: store, clock: clock, identity: identity)
        opened = rulebook
        return rulebook
    }

    /// A scratch folder holding the new database of `scratchRulebook()`, removed by `close()`.
    private var scratchFolder: String?

    /// `import --dry-run` on a SQLite database that does not exist yet: the rules over a new
    /// database (its catalogues, this login as its administrator, as the real first run would
    /// make it) in a private scratch folder, removed when the command is done. Nothing is
    /// created at the database's path.
    func scratchRulebook() async throws(SocialTimeError) -> Rulebook {
        var template = Array("/tmp/socialtime-dry-run-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .failure("cannot make a scratch folder under /tmp for the dry run")
        }
        let folder = String(cString: made)
        scratchFolder = folder
        let resolved = DatabaseLocation.Resolved(path: folder + "/new.db", source: "a dry run's new database")
        let (store, administers, _) = try await context.stores.open(resolved, create: true, surroundings: surroundings)
        return try await rulebook(over: store, administers: administers)
    }

    /// Closes the store (a server connection) when the command is done.
    func close() async {
        await opened?.store.close()
        opened = nil
        if let folder = scratchFolder {
            for suffix in ["", "-wal", "-shm", "-journal"] { unlink(folder + "/new.db" + suffix) }
            rmdir(folder)
            scratchFolder = nil
        }
    }

    // MARK: - Output: data to stdout, messages to stderr

    /// Text for people on stdout, with a trailing newline.
    func print(_ text: String) throws(SocialTimeError) { try context.stdout.write(text + "\n") }
    /// Text for programs on stdout, exactly as given.
    func write(_ text: String) throws(SocialTimeError) { try context.stdout.write(text) }
    func warning(_ message: String) throws(SocialTimeError) { try context.stderr.write("socialtime: warning: \(message)\n") }
    func note(_ message: String) throws(SocialTimeError) { try context.stderr.write(message + "\n") }

    /// `--out FILE` as every command means it: no `--out`, or `-`, is standard output; anything
    /// else is written atomically and `wrote` is said on stderr.
    func writeOut(_ text: String, to out: String?, wrote: @autoclosure () -> String) throws(SocialTimeError) {
        guard let out, !Self.isStandardOutput(out) else { return try write(text) }
        try ReportFile.write(text, to: path(out))
        try note(wrote())
    }

    /// Whether an `--out` value names standard output (none, or `-`).
    static func isStandardOutput(_ out: String?) -> Bool { out == nil || out == "-" }

    /// Said when `log`, `justify` or `result` puts the login on the roster: as staff, except the
    /// administrator's own login, which joins as a manager.
    func registered(_ handle: Handle) throws(SocialTimeError) {
        let administrator = opened.map { $0.identity.administersStore && $0.identity.login == handle.value } ?? false
        try print("Registered \(handle) as " + (administrator ? "a manager (the administrator's own login)" : "a new staff member")
                  + " (rename with `socialtime staff rename \(handle) \"Full Name\"`).")
    }

    /// Colour for people at a terminal, unless NO_COLOR is set.
    var colour: Bool { context.stdoutIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty }
}

/// A socialtime command: it runs against a `Session` built from an injected `Context`.
protocol SocialTimeCommand: AsyncParsableCommand, SessionCommand {
    var global: GlobalOptions { get }
    func run(_ session: Session) async throws
}

/// What `Runner` runs against a `Session`: a parsed command, or the values a command line was
/// read into without ArgumentParser (`QuickLine`).
protocol SessionCommand {
    var settings: GlobalSettings { get }
    func run(_ session: Session) async throws
}

extension SocialTimeCommand {
    var settings: GlobalSettings { global.settings }

    /// Not used: `Runner` runs every command with its context.
    func run() async throws {
        throw ExitCode(await Runner.execute(command: self, context: .live()))
    }

    /// What `Runner` calls on the parsed `any ParsableCommand`: hands the command back as a
    /// `SocialTimeCommand` without a dynamic cast.
    func run() throws {
        throw CommandDispatch(command: self)
    }
}

/// A parsed socialtime command on its way to `Runner.execute(command:context:)`. Unchecked:
/// thrown and caught within one call of `Runner.execute`, never shared between tasks.
struct CommandDispatch: Error, @unchecked Sendable {
    let command: any SessionCommand
}

/// The formats a list can be printed in.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

extension Session {
    /// The rules over a demo database at `path` (an earlier demo there is rebuilt; anything else
    /// is refused). The demo's builder acts as the file's owner.
    func demoRulebook(at path: String) async throws(SocialTimeError) -> Rulebook {
        let store = try StoreOpener.openDemo(at: path)
        return Rulebook(store: store, clock: clock,
                        identity: Identity(login: context.loginName, requested: nil, administersStore: true))
    }

    /// The warning `log`, `edit` and `restore` give when a week reaches the threshold unexplained,
    /// with the `justify` command to run.
    func warnIfUnjustified(_ standing: WeekStanding) throws(SocialTimeError) {
        guard standing.needsJustification else { return }
        let weekOption = standing.week == ISOWeek(containing: clock.today) ? "" : " --week \(standing.week)"
        try warning("\(standing.staff) has \(standing.total) on social networks in \(standing.week), at or over the \(standing.threshold) threshold, "
            + (standing.justificationStatus == .rejected ? "and the justification was rejected. " : "without a justification. ")
            + "Explain what the business gets from it:\n  socialtime justify\(weekOption) \"What the business gets from these hours …\"")
    }
}

extension Session {
    /// A line on stderr that rewrites itself (carriage return, clear to end of line): only for
    /// terminals, and never a reason to fail.
    func progress(_ text: String) {
        try? context.stderr.write("\r\u{1B}[K" + text)
    }
}
