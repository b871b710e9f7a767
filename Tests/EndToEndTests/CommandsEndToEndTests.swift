import Foundation
import Testing

/// The success path of every foundation command, run in-process through the `Runner` (the
/// output is the point; the process boundary has its own tests).
@Suite struct CommandsEndToEndTests {
    @Test(arguments: StoreKind.all) func logShowsTheWeekAndWarnsAtTheThreshold(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let first = await box.runInProcess("log 3h --network facebook --outcome customer-service --date 2026-11-23")
        #expect(first.status == 0)
        #expect(!first.stderr.contains("justify"))
        let second = await box.runInProcess("log 2h --network linkedin --outcome recruiting")
        #expect(second.status == 0)
        #expect(second.stdout.contains("2026-W48: 5h logged by anna"))
        #expect(second.stderr.contains("warning"))
        #expect(second.stderr.contains("socialtime justify \""))
    }

    @Test(arguments: StoreKind.all) func theWarningNamesThePastWeekWhenBackfilling(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let logged = await box.runInProcess("log 6h --network facebook --outcome listening --date 2026-11-20")
        #expect(logged.stderr.contains("socialtime justify --week 2026-W47"))
    }

    @Test(arguments: StoreKind.all) func actingPersonComesFromAsThenEnvironment(store: StoreKind) async throws {
        let box = try await Sandbox.make(user: nil, store: store)
        // Nothing set (as under cron): the login name of the user running the process — on a
        // server, the role the URL connects as.
        let loginName = box.ownerLogin
        let fallback = await box.runInProcess("log 1h --network x --outcome listening")
        #expect(fallback.status == 0)
        #expect(fallback.stdout.contains("Registered \(loginName)"))
        // $USER is not who runs the command: the login comes from the password database.
        let spoofed = await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening"], environment: ["USER": "mallory", "LOGNAME": "mallory"])
        #expect(spoofed.status == 0 && spoofed.stdout.contains("logged by \(loginName)"))
        // Acting as someone needs them on the roster: the login itself registers, nobody else.
        let unknown = await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening", "--as", "bo"])
        #expect(unknown.status == 64 && unknown.stderr.contains("no staff member 'bo'"))
        try await box.registerInProcess("bo")
        #expect(await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening", "--as", "bo"]).status == 0)
        let everyone = await box.runInProcess(["entries", "--all-staff", "--format", "csv"])
        #expect(everyone.stdout.contains(",\(loginName),") && everyone.stdout.contains(",bo,") && !everyone.stdout.contains("mallory"))
    }

    @Test(arguments: StoreKind.all) func entriesInEveryFormat(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("bo")
        await box.runInProcess("log 90m --network linkedin --outcome recruiting --note hello")
        await box.runInProcess(["log", "30m", "--network", "x", "--outcome", "listening", "--as", "bo"])
        let text = await box.runInProcess("entries")
        #expect(text.status == 0)
        #expect(text.stdout.contains("2026-W48"))
        #expect(text.stdout.contains("1h 30m"))
        #expect(!text.stdout.contains("listening"))  // bo's entry: not the acting person's
        let all = await box.runInProcess("entries --all-staff")
        #expect(all.stdout.contains("listening") && all.stdout.contains("Week total: 2h in 2 entries, everyone"), "\(all.stdout)")
        #expect(all.stdout.contains("Fri 2026-11-27     2h"), "each day's total: \(all.stdout)")
        let csv = await box.runInProcess("entries --staff bo --format csv")
        let lines = csv.stdout.components(separatedBy: "\r\n")
        try #require(lines.count > 1)
        #expect(lines[0] == "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at")
        #expect(lines[1].hasPrefix("2,2026-W48,2026-11-27,bo,bo,x,listening,30,0.50,,2026-"))
        let lastWeek = await box.runInProcess("entries --week last --format json")
        #expect(lastWeek.stdout.contains("\"entries\": []"))
        let empty = await box.runInProcess("entries --week 2026-W40")
        #expect(empty.stdout.contains("no entries"))
    }

    @Test(arguments: StoreKind.all) func editDeleteRestoreRoundTrip(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        await box.runInProcess("log 1h --network linkedin --outcome recruiting")
        let edited = await box.runInProcess(["edit", "1", "--duration", "1:45", "--network", "fb", "--note", "moved", "--date", "yesterday"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stdout.contains("#1 2026-11-26 anna 1h 45m on facebook"))
        let deleted = await box.runInProcess("delete 1")
        #expect(deleted.status == 0)
        #expect(deleted.stdout.contains("socialtime restore 1"))
        #expect(await box.runInProcess("entries").stdout.contains("no entries"))
        #expect(await box.runInProcess("entries --include-deleted").stdout.contains("[deleted]"))
        #expect(await box.runInProcess("restore 1").status == 0)
        #expect(try box.query("SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE entry_id = 1 ORDER BY id) AS ordered")
                == "create edit delete restore")
        // `deleted` is 0/1 in SQLite and a boolean (t/f) in PostgreSQL.
        #expect(try box.query("SELECT minutes, CASE WHEN deleted THEN 1 ELSE 0 END FROM entries") == "105|0")
    }

    @Test(arguments: StoreKind.all) func staffCommands(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["staff", "add", "mette", "--name", "Mette Ørsted", "--manager"]).status == 0)
        #expect(await box.runInProcess(["staff", "add", "ole"]).status == 0)
        #expect(await box.runInProcess(["staff", "rename", "ole", "Ole Olsen"]).status == 0)
        #expect(await box.runInProcess("staff promote ole").status == 0)
        #expect(await box.runInProcess("staff demote mette").status == 0)
        #expect(await box.runInProcess("staff deactivate ole").status == 0)
        let listed = await box.runInProcess("staff list --format csv")
        #expect(listed.stdout == "staff,name,role,active\r\nanna,anna,manager,true\r\nmette,Mette Ørsted,staff,true\r\nole,Ole Olsen,manager,false\r\n")
        let text = await box.runInProcess("staff")
        #expect(text.stdout.contains("Mette Ørsted"))
        let refused = await box.runInProcess(["log", "1h", "--network", "x", "--outcome", "listening", "--as", "ole"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("deactivated"))
    }

    @Test(arguments: StoreKind.all) func networkAndOutcomeCatalogues(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(["networks", "add", "discord", "Discord", "--alias", "dc"]).status == 0)
        #expect(await box.runInProcess("log 1h --network DC --outcome listening").stdout.contains("on discord"))
        #expect(await box.runInProcess("networks list").stdout.contains("discord"))
        #expect(await box.runInProcess(["outcomes", "add", "partnerships", "--description", "Finding partners", "--unit", "partners"]).status == 0)
        #expect(await box.runInProcess("outcomes rename partnerships alliances").status == 0)
        #expect(await box.runInProcess("outcomes retire alliances").status == 0)
        let outcomes = await box.runInProcess("outcomes list --format json")
        let json = try JSONSerialization.jsonObject(with: Data(outcomes.stdout.utf8)) as! [String: [[String: Any]]]
        let alliances = json["outcomes"]!.first { $0["outcome"] as? String == "alliances" }
        #expect(alliances?["retired"] as? Bool == true)
        #expect(alliances?["unit"] as? String == "partners")
        let retired = await box.runInProcess("log 1h --network x --outcome alliances")
        #expect(retired.status == 64)
        #expect(retired.stderr.contains("retired"))
    }

    @Test(arguments: StoreKind.all) func thresholdSetting(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess("config threshold").stdout.contains("5h"))
        #expect(await box.runInProcess("config threshold 4h30m").stdout.contains("4h 30m"))
        #expect(await box.runInProcess("log 4h30m --network x --outcome listening").stderr.contains("4h 30m threshold"))
        #expect(await box.runInProcess("config threshold 0m").status == 64)
    }

    @Test(arguments: StoreKind.all) func databaseMaintenance(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        await box.runInProcess("log 1h --network x --outcome listening")
        if store == .postgres {
            // db check verifies from inside what socialtime set up: the schema version and the
            // security checks, each named; a deviation is exit 1 naming it.
            let checked = await box.runInProcess("db check")
            #expect(checked.status == 0, "\(checked.output)")
            for line in ["schema version: 8", "row-level security: ok", "policies: ok", "triggers: ok",
                         "owner: ok", "functions: ok", "write privileges: ok"] {
                #expect(checked.stdout.contains(line), "\(line): \(checked.stdout)")
            }
            try box.scratch!.sql("ALTER TABLE socialtime.entries NO FORCE ROW LEVEL SECURITY")
            try box.scratch!.sql("GRANT INSERT ON socialtime.audit_log TO socialtime_staff")
            // A function and a table handed to a login (the owner role itself is shared with the
            // other copies of the test template: PsqlRuleAttackTests changes it on a database of its own).
            try box.scratch!.sql("ALTER FUNCTION socialtime.prune_before(text, text) OWNER TO CURRENT_USER")
            try box.scratch!.sql("ALTER TABLE socialtime.settings OWNER TO CURRENT_USER")
            let deviating = await box.runInProcess("db check")
            #expect(deviating.status == 1, "\(deviating.output)")
            #expect(deviating.stderr.contains("row-level security is not forced on socialtime.entries"), "\(deviating.stderr)")
            #expect(deviating.stderr.contains("role socialtime_staff may write table socialtime.audit_log"), "\(deviating.stderr)")
            #expect(deviating.stderr.contains("function socialtime.prune_before is owned by"), "\(deviating.stderr)")
            #expect(deviating.stderr.contains("socialtime.settings is owned by"), "\(deviating.stderr)")
            // A server's backups are its operators' tools (pg_dump, replicas): refused, and the
            // message says so; no copy is written.
            let copy = box.path("backup/copy.db")
            let refused = await box.runInProcess(["db", "backup", copy])
            #expect(refused.status == 1, "\(refused.output)")
            #expect(refused.stderr.contains("the database server's own tools do that"), "\(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: copy))
            // `db path` names the server without the password the test URL carries: its line
            // ends up in scripts' output and logs.
            let password = try #require(URLComponents(string: box.database)?.password)
            let shown = await box.runInProcess("db path")
            #expect(shown.status == 0)
            #expect(!shown.stdout.contains(password), "\(shown.stdout)")
            #expect(shown.stdout == box.database.replacingOccurrences(of: ":" + password + "@", with: "@") + "\n")
            return
        }
        let check = await box.runInProcess("db check")
        #expect(check.status == 0)
        #expect(check.stdout.contains("integrity:      ok"))
        #expect(check.stdout.contains("schema version: 5"))
        #expect(await box.runInProcess("db path").stdout == box.database + "\n")
        let copy = box.path("backup/copy.db")
        #expect(await box.runInProcess(["db", "backup", copy]).status == 0)
        #expect(try box.sqlite("SELECT count(*) FROM entries", database: copy) == "1")
        let again = await box.runInProcess(["db", "backup", copy])
        #expect(again.status == 64)
        #expect(again.stderr.contains("already exists"))
    }

    /// SQLite only: it is about the file (pragmas, the journal mode, the WAL file left behind).
    @Test func theDatabaseIsHealthyForTheSQLiteCLI() async throws {
        let box = try await Sandbox.make()
        await box.runInProcess("log 1h --network x --outcome listening")
        #expect(try box.sqlite("PRAGMA integrity_check") == "ok")
        #expect(try box.sqlite("PRAGMA journal_mode") == "wal")
        #expect(try box.sqlite("PRAGMA user_version") == "5")
        #expect(try box.sqlite("PRAGMA foreign_key_check") == "")
        // Closed cleanly: the WAL was checkpointed into the main file.
        #expect(!FileManager.default.fileExists(atPath: box.database + "-wal"))
    }

    /// SQLite only: without --db the data lives in a file under XDG_DATA_HOME or HOME.
    @Test func databaseLocationFallbacks() async throws {
        let box = try await Sandbox.make()
        let xdg = await box.runInProcess(["db", "path"], environment: ["XDG_DATA_HOME": box.path("xdg")], withDatabase: false)
        #expect(xdg.stdout == box.path("xdg") + "/socialtime/socialtime.db\n")
        let home = await box.runInProcess(["db", "path"], withDatabase: false)
        #expect(home.stdout == box.folder.path + "/.local/share/socialtime/socialtime.db\n")
        let env = await box.runInProcess(["db", "path"], environment: ["SOCIALTIME_DB": box.path("env.db")], withDatabase: false)
        #expect(env.stdout == box.path("env.db") + "\n")
        let logged = await box.runAsOwnerInProcess(["log", "1h", "--network", "x", "--outcome", "listening"], environment: ["XDG_DATA_HOME": box.path("xdg")], withDatabase: false)
        #expect(logged.status == 0)
        #expect(FileManager.default.fileExists(atPath: box.path("xdg") + "/socialtime/socialtime.db"))
    }

    /// One store is enough: --help never opens the database.
    @Test(arguments: ["log", "entries", "edit", "delete", "restore", "staff", "staff add", "networks", "networks add",
                      "outcomes", "outcomes add", "outcomes rename", "outcomes retire", "config threshold", "db", "db check", "db backup", "db path"])
    func everyCommandHasHelp(command: String) async throws {
        let box = try await Sandbox.make()
        let help = await box.runInProcess(command.split(separator: " ").map(String.init) + ["--help"], withDatabase: false)
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE:"))
        #expect(help.stdout.contains("USAGE: socialtime \(command)"), "the command's own help, not the root's: \(help.stdout.prefix(200))")
        let groups: Set<String> = ["staff", "networks", "outcomes", "db"]
        #expect(help.stdout.contains(groups.contains(command) ? "SUBCOMMANDS:" : "--db"))
    }
}
