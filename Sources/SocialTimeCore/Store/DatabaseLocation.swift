/// Where the data lives: `--db`, else `$SOCIALTIME_DB`, else `$XDG_DATA_HOME/socialtime/socialtime.db`,
/// else `~/.local/share/socialtime/socialtime.db`.
public enum DatabaseLocation {
    /// A location and where it came from, for messages.
    public struct Resolved: Sendable, Equatable {
        public let path: String
        /// `--db`, `SOCIALTIME_DB`, or "the default location".
        public let source: String

        public init(path: String, source: String) {
            self.path = path
            self.source = source
        }

        /// A `postgresql://` or `postgres://` URL selects the PostgreSQL store.
        public var isPostgreSQL: Bool { path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") }

        /// Where the data lives, for people, scripts and logs to read: a server URL without its
        /// password (in the user part or a `password=` parameter), a file path as it is.
        public var shown: String {
            guard isPostgreSQL, let scheme = path.utf8.firstRange(of: "://".utf8) else { return path }
            // Without Foundation's URLComponents (socialtime does not link Foundation): the
            // authority runs to the first '/', '?' or '#'; its user part ends at the last '@'.
            let afterScheme = scheme.upperBound
            let authorityEnd = path[afterScheme...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? path.endIndex
            var result = String(path[..<afterScheme])
            let authority = path[afterScheme..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                result += authority[..<colon] + authority[at...]
            } else {
                result += authority
            }
            let rest = path[authorityEnd...]
            guard let question = rest.firstIndex(of: "?") else { return result + rest }
            let queryEnd = rest[question...].firstIndex(of: "#") ?? rest.endIndex
            let kept = rest[rest.index(after: question)..<queryEnd].split(separator: "&", omittingEmptySubsequences: false)
                .filter { $0.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first != "password" }
            result += rest[..<question]
            if !kept.isEmpty { result += "?" + kept.joined(separator: "&") }
            return result + rest[queryEnd...]
        }
    }

    public static func resolved(explicit: String?, environment: [String: String]) throws(SocialTimeError) -> Resolved {
        let path = try resolve(explicit: explicit, environment: environment)
        let source = explicit != nil ? "--db" : (environment["SOCIALTIME_DB"].map { !$0.isEmpty } ?? false) ? "SOCIALTIME_DB" : "the default location"
        return Resolved(path: path, source: source)
    }

    public static func resolve(explicit: String?, environment: [String: String]) throws(SocialTimeError) -> String {
        if let explicit {
            // An empty --db is a mistake (an unset variable in a script), not a request for the
            // default file: writing someone's entries to another database would be worse than stopping.
            guard !explicit.isEmpty else {
                throw .invalidInput("--db is empty: pass the path of the database file (or leave --db out for the default)")
            }
            return try checked(explicit, source: "--db")
        }
        if let fromEnvironment = environment["SOCIALTIME_DB"], !fromEnvironment.isEmpty {
            return try checked(fromEnvironment, source: "SOCIALTIME_DB")
        }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/socialtime/socialtime.db"
        }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw .invalidInput("no database location: pass --db PATH or set SOCIALTIME_DB (HOME is not set)")
        }
        return home + "/.local/share/socialtime/socialtime.db"
    }

    /// Refuses SQLite's name for a database that lives only in memory: everything logged would be lost.
    public static func checked(_ path: String, source: String) throws(SocialTimeError) -> String {
        guard path != ":memory:" else {
            throw .invalidInput("\(source) is ':memory:', a database that is gone when the command ends: pass the path of a file")
        }
        return path
    }
}
