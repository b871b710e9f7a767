import SocialTimeStores
#if canImport(Glibc)
import Glibc
#endif

/// `socialtime` links SQLite only: loading and initialising the PostgreSQL client (swift-nio,
/// BoringSSL, postgres-nio) was most of a one-entry `log`'s time. A command line that names a
/// server is run by `socialtime-team` (both stores) instead, with the same arguments,
/// environment and standard input — decided before anything reads standard input or a file.
public enum TeamHandOff {
    /// Whether the command line or `SOCIALTIME_DB` names a `postgresql://` URL: `--db URL`,
    /// `--db=URL`, `db copy --to URL`, and a completion request's quoted words. Any argument that is
    /// such a URL counts; one that only looks like it (a note) costs a hand-off, never a wrong store.
    public static func namesServer(_ arguments: [String], databaseVariable: String?) -> Bool {
        if let databaseVariable, isServerURL(databaseVariable) { return true }
        return arguments.contains { argument in
            var value = Substring(argument)
            if value.hasPrefix("--"), let equals = value.firstIndex(of: "=") { value = value[value.index(after: equals)...] }
            if let first = value.first, first == "'" || first == "\"" { value = value.dropFirst() }
            return isServerURL(value)
        }
    }

    static func isServerURL(_ text: some StringProtocol) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Replaces this process with `socialtime-team` from the same folder as this executable when
    /// the command line names a server; returns when it does not. When that program cannot be run,
    /// says so and exits 1.
    public static func runTeamProgramIfNamed() {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            if let raw = CommandLine.unsafeArgv[index] { arguments.append(String(cString: raw)) }
        }
        let variable = getenv("SOCIALTIME_DB").map { String(cString: $0) }
        guard namesServer(arguments, databaseVariable: variable) else { return }
        let program = teamProgramPath()
        // The same argv (argv[0] included), environment and descriptors: only the image changes.
        execv(program, CommandLine.unsafeArgv)
        let reason = String(cString: strerror(errno))
        let message = "socialtime: error: the database is a PostgreSQL server (a postgresql:// URL), which \(StoreOpener.teamProgram) opens; "
            + "it cannot be run from \(program) (\(reason)): install it beside socialtime (scripts/install.sh installs both), "
            + "or build it with `swift build` (every product)\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(1)
    }

    /// `socialtime-team` in the folder of the running executable (`/proc/self/exe`, so a symbolic
    /// link or PATH lookup to `socialtime` finds the real one's sibling).
    static func teamProgramPath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return StoreOpener.teamProgram }
        let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return StoreOpener.teamProgram }
        return String(path[...slash]) + StoreOpener.teamProgram
    }
}
