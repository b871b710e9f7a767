/// Where the data lives: `--db`, else `$SOCIALTIME_DB`, else `$XDG_DATA_HOME/socialtime/socialtime.db`,
/// else `~/.local/share/socialtime/socialtime.db`.
public enum DatabaseLocation {
    public static func resolve(explicit: String?, environment: [String: String]) throws(SocialTimeError) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment["SOCIALTIME_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let dataHome = environment["XDG_DATA_HOME"], dataHome.hasPrefix("/") {
            return dataHome + "/socialtime/socialtime.db"
        }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw .invalidInput("no database location: pass --db PATH or set SOCIALTIME_DB (HOME is not set)")
        }
        return home + "/.local/share/socialtime/socialtime.db"
    }
}
