import ArgumentParser
import SocialTimeCore

/// `--db` and `--as`, shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file (else $SOCIALTIME_DB, else $XDG_DATA_HOME/socialtime/socialtime.db, else ~/.local/share/socialtime/socialtime.db).",
        valueName: "path"))
    var db: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as this person (else $SOCIALTIME_USER, else your login).", valueName: "handle"),
        completion: StoreCompletion.staff)
    var actingAs: String?

    var settings: GlobalSettings { GlobalSettings(db: db, actingAs: actingAs) }
}

/// `--db` and `--as` as plain values, which a `Session` takes: made without ArgumentParser's
/// property wrappers for a line read quickly (`QuickLine`).
struct GlobalSettings: Equatable, Sendable {
    var db: String?
    var actingAs: String?
}
