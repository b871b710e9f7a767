import Foundation
import Testing

/// One hostile command line: what it must exit with, and a fragment of the message that names the problem.
struct BadInput: CustomStringConvertible {
    let arguments: [String]
    let status: Int32
    let says: String
    /// Whether the sandbox's own `--db` goes first (false for cases about `--db` itself).
    var withDatabase = true
    /// Extra environment, such as SOCIALTIME_NOW for a fixed clock.
    var environment: [String: String] = [:]

    init(_ arguments: [String], _ status: Int32 = 64, says: String, withDatabase: Bool = true, environment: [String: String] = [:]) {
        self.arguments = arguments
        self.status = status
        self.says = says
        self.withDatabase = withDatabase
        self.environment = environment
    }

    var description: String {
        arguments.map { $0.count > 40 ? String($0.prefix(37)) + "…(\($0.count))" : $0 }
            .map { $0.debugDescription }.joined(separator: " ")
    }
}

/// Every command fed the hostile values people (and scripts) type: each is refused with the
/// documented exit code and a message naming the problem, and the database stays exactly as it was.
@Suite struct BadInputTests {
    static let long = String(repeating: "x", count: 10_000)
    static func log(_ duration: String) -> [String] { ["log", duration, "--network", "linkedin", "--outcome", "recruiting"] }
    static func log(date: String) -> [String] { log("1h") + ["--date", date] }
    static func log(note: String) -> [String] { log("1h") + ["--note", note] }
    static func log(network: String) -> [String] { ["log", "1h", "--network", network, "--outcome", "recruiting"] }
    static func log(outcome: String) -> [String] { ["log", "1h", "--network", "linkedin", "--outcome", outcome] }
    static func log(as handle: String) -> [String] { ["--as", handle] + log("1h") }

    /// Whether a bad input is about the SQLite file itself rather than the data.
    static func aboutTheFile(_ input: BadInput) -> Bool {
        input.arguments.contains { $0.hasPrefix("socialtime.db") } || input.arguments.starts(with: ["db", "backup"])
    }

    static let table: [BadInput] = durations + dates + weeks + texts + handles + catalogues + ids + settings + paths + usage
        + justifications + results + analysis + transfers + quickLog + timer + lateAndClosed

    /// Issue 18: closed weeks, reasons, the timer limit, `stop --at WHEN`, past thresholds.
    static let lateAndClosed = [
        BadInput(["config", "close-after", "abc"], says: "invalid number of days 'abc'"),
        BadInput(["config", "close-after", "400"], says: "invalid number of days 400"),
        BadInput(["config", "timer-limit", "25h"], says: "timer limit"),
        BadInput(["config", "timer-limit", "soon"], says: "invalid timer limit 'soon'"),
        BadInput(["config", "threshold", "4h", "--from-week", "2026-W40"], says: "--from-week 2026-W40 is in the past"),
        BadInput(["stop", "--at", "tomorrow 17:30"], says: "invalid --at 'tomorrow 17:30'"),
        BadInput(["stop", "--at", "yesterday 25:00"], says: "invalid --at 'yesterday 25:00'"),
        BadInput(["stop", "--keep", "--at", "17:30"], says: "give one of them"),
        BadInput(["delete", "1", "--reason", " "], says: "reason cannot be empty"),
        BadInput(["edit", "1", "--note", "x", "--reason", "a\nb"], says: "reason contains"),
    ]

    static func log(from: String, to: String, _ rest: [String] = ["linkedin", "recruiting"]) -> [String] {
        ["log", "--from", from, "--to", to] + rest
    }

    static let durations = [
        BadInput(log(""), says: "invalid duration ''"),
        BadInput(log("   "), says: "invalid duration '   '"),
        BadInput(log("-1h"), says: "invalid value '-1h': socialtime takes no negative numbers"),
        BadInput(log("-30m"), says: "invalid value '-30m'"),
        BadInput(log("-,5"), says: "invalid value '-,5'"),
        BadInput(log("99999999h"), says: "invalid duration '99999999h'"),
        BadInput(log("99999999999999999999"), says: "invalid duration '99999999999999999999'"),
        BadInput(log("1e9"), says: "invalid duration '1e9'"),
        BadInput(log("NaN"), says: "invalid duration 'NaN'"),
        BadInput(log("inf"), says: "invalid duration 'inf'"),
        BadInput(log("0x10"), says: "invalid duration '0x10'"),
        BadInput(log("١h"), says: "invalid duration '١h'"),
        BadInput(log("0m"), says: "'0m' is 0m (0 minutes): it must be from 1m to 24h"),
        BadInput(log("0.001"), says: "it must be from 1m to 24h"),
        BadInput(log("24h1m"), says: "'24h1m' is 24h 1m (1441 minutes): it must be from 1m to 24h"),
        BadInput(log("25:00"), says: "it must be from 1m to 24h"),
        BadInput(log("1:60"), says: "invalid duration '1:60'"),
        BadInput(log("1h60m"), says: "invalid duration '1h60m'"),
        // The seeded 1h30m plus this passes the day.
        BadInput(log("22h31m"), says: "more would pass 24 hours in one day"),
        BadInput(["edit", "1", "--duration", "-30m"], says: "invalid duration '-30m'"),
        BadInput(["edit", "1", "--duration", "24h"], says: "would pass 24 hours"),
    ]

    static let dates = [
        BadInput(log(date: "0000-01-01"), says: "'0000-01-01'"),
        BadInput(log(date: "9999-12-31"), says: "date 9999-12-31 is out of range"),
        BadInput(log(date: "2026-11-28"), says: "is in the future (today is 2026-11-27)"),
        BadInput(log(date: "2026-02-30"), says: "invalid date '2026-02-30': there is no such day in the calendar"),
        BadInput(log(date: "2026-13-01"), says: "no such day"),
        BadInput(log(date: "1999-12-31"), says: "out of range"),
        BadInput(log(date: ""), says: "invalid date ''"),
        BadInput(log(date: "tomorrow"), says: "invalid date 'tomorrow'"),
        BadInput(log(date: "2026-11-27'; DROP TABLE entries;--"), says: "invalid date"),
        BadInput(log(date: "-1"), says: "invalid date '-1'"),
        BadInput(["edit", "1", "--date", "2026-02-29"], says: "no such day"),
    ]

    static let weeks = [
        BadInput(["entries", "--week", "2026-W54"], says: "invalid week '2026-W54': that year has no such week"),
        BadInput(["entries", "--week", "2025-W53"], says: "invalid week '2025-W53': that year has no such week"),
        BadInput(["entries", "--week", "2026-W00"], says: "no such week"),
        BadInput(["entries", "--week", "2026-W5"], says: "invalid week '2026-W5'"),
        BadInput(["entries", "--week", ""], says: "invalid week ''"),
        BadInput(["entries", "--week", "W54"], says: "invalid week 'W54': 2026 has no such week"),
        BadInput(["entries", "--week", "W"], says: "invalid week 'W'"),
        BadInput(["entries", "--week", "W4800"], says: "invalid week 'W4800'"),
        BadInput(["entries", "--week", "1999-W50"], says: "out of range"),
        BadInput(["entries", "--week", "2026-W48' OR '1'='1"], says: "invalid week"),
    ]

    static let texts = [
        BadInput(log(note: "line\nbreak"), says: "note contains a control character (U+000A)"),
        BadInput(log(note: "tab\there"), says: "(U+0009)"),
        BadInput(log(note: "\u{1B}[31mred"), says: "(U+001B)"),
        BadInput(log(note: "next\u{85}line"), says: "(U+0085)"),
        BadInput(log(note: "del\u{7F}"), says: "(U+007F)"),
        BadInput(log(note: "bell\u{07}"), says: "(U+0007)"),
        BadInput(log(note: "cr\r"), says: "(U+000D)"),
        BadInput(log(note: long), says: "note is too long (10000 characters)"),
        BadInput(["edit", "1", "--note", "a\nb"], says: "control character"),
        BadInput(["staff", "add", "bob2", "--name", ""], says: "name cannot be empty"),
        BadInput(["staff", "add", "bob2", "--name", "   "], says: "name cannot be empty"),
        BadInput(["staff", "add", "bob2", "--name", "Bob\nSmith"], says: "control character"),
        BadInput(["staff", "add", "bob2", "--name", long], says: "too long"),
        BadInput(["staff", "rename", "anna", "\u{9B}2J"], says: "(U+009B)"),
        BadInput(["outcomes", "add", "new", "--description", ""], says: "description cannot be empty"),
        BadInput(["outcomes", "add", "new", "--description", "a\u{0}b".replacingOccurrences(of: "\u{0}", with: "\u{1F}")], says: "(U+001F)"),
        BadInput(["outcomes", "add", "new", "--description", "ok", "--unit", ""], says: "unit cannot be empty"),
        BadInput(["networks", "add", "ok", ""], says: "network name cannot be empty"),
        BadInput(["networks", "add", "ok", "Ok\u{1B}"], says: "control character"),
    ]

    static let handles = [
        BadInput(log(as: ""), says: "a handle cannot be empty"),
        BadInput(log(as: " "), says: "invalid handle ' '"),
        BadInput(log(as: "Anna"), says: "handles are lowercase: did you mean 'anna'?"),
        BadInput(log(as: "an na"), says: "invalid handle 'an na'"),
        BadInput(log(as: "../etc/passwd"), says: "invalid handle '../etc/passwd'"),
        BadInput(log(as: "a/b"), says: "invalid handle 'a/b'"),
        BadInput(log(as: String(repeating: "a", count: 33)), says: "use 1 to 32 of a-z"),
        BadInput(log(as: "ånna"), says: "invalid handle 'ånna'"),
        BadInput(log(as: "anna'; DROP TABLE staff;--"), says: "invalid handle"),
        BadInput(log(as: "an\nna"), says: "invalid handle 'an\\u{000A}na'"),
        BadInput(["entries", "--staff", "../x"], says: "invalid handle '../x'"),
        BadInput(["staff", "add", "Robert'); DROP TABLE staff;--"], says: "invalid handle"),
        BadInput(["staff", "add", "anna"], says: "anna"),
        BadInput(["staff", "rename", "nobody", "Nobody"], says: "no staff member 'nobody'"),
        BadInput(["staff", "promote", "NOBODY"], says: "handles are lowercase"),
    ]

    static let catalogues = [
        BadInput(log(network: "myspace"), says: "unknown network 'myspace'"),
        BadInput(log(network: ""), says: "unknown network ''"),
        BadInput(log(network: "linkedin'; DROP TABLE entries;--"), says: "unknown network 'linkedin'; DROP TABLE entries;--'"),
        BadInput(log(network: "../linkedin"), says: "did you mean 'linkedin'?"),
        BadInput(log(network: "linked\nin"), says: "unknown network 'linked\\u{000A}in'"),
        BadInput(log(network: long), says: "unknown network"),
        BadInput(log(outcome: ""), says: "unknown outcome ''"),
        BadInput(log(outcome: "recruiting' OR 1=1--"), says: "unknown outcome"),
        BadInput(log(outcome: "recruting"), says: "did you mean 'recruiting'?"),
        BadInput(["networks", "add", "My Space", "My Space"], says: "invalid network key 'My Space'"),
        BadInput(["networks", "add", "../x", "X"], says: "invalid network key '../x'"),
        BadInput(["networks", "add", "linkedin", "Again"], says: "'linkedin' already names a network"),
        BadInput(["networks", "add", "ok", "Ok", "--alias", "A B"], says: "invalid alias key 'A B'"),
        BadInput(["outcomes", "add", "", "--description", "x"], says: "invalid outcome key ''"),
        BadInput(["outcomes", "rename", "recruiting", "../hiring"], says: "invalid outcome key '../hiring'"),
        BadInput(["outcomes", "rename", "recruiting", "sales-leads"], says: "'sales-leads' already exists"),
        BadInput(["outcomes", "retire", "nope"], says: "unknown outcome 'nope'"),
    ]

    static let ids = [
        BadInput(["edit", "0", "--note", "x"], says: "no entry #0"),
        BadInput(["edit", "1"], says: "nothing to change"),
        BadInput(["delete", "-1"], says: "invalid value '-1'"),
        BadInput(["delete", "99999999999999999999"], says: "'99999999999999999999' is invalid for '<id>'"),
        BadInput(["delete", "9223372036854775807"], says: "no entry #9223372036854775807"),
        BadInput(["delete", "abc"], says: "'abc' is invalid for '<id>'"),
        BadInput(["delete", "1; DROP TABLE entries"], says: "is invalid for '<id>'"),
        BadInput(["delete", "2"], says: "entry #2 is already deleted"),
        BadInput(["restore", "1"], says: "entry #1 is not deleted"),
        BadInput(["restore", "999"], says: "no entry #999"),
        BadInput(["edit", "2", "--note", "x"], says: "entry #2 is deleted"),
    ]

    static let settings = [
        BadInput(["config", "threshold", "0"], says: "it must be from 1m to 168h"),
        BadInput(["config", "threshold", "-5h"], says: "invalid value '-5h'"),
        BadInput(["config", "threshold", "169h"], says: "it must be from 1m to 168h"),
        BadInput(["config", "threshold", "1e9"], says: "invalid threshold '1e9'"),
        BadInput(["config", "threshold", ""], says: "invalid threshold ''"),
    ]

    static let paths = [
        BadInput(["--db", ""] + log("1h"), says: "--db is empty", withDatabase: false),
        BadInput(["--db", ":memory:"] + log("1h"), says: "':memory:'", withDatabase: false),
        BadInput(["db", "backup", ""], says: "the backup file name is empty"),
        BadInput(["db", "backup", ":memory:"], says: "':memory:'"),
    ]

    static let usage = [
        BadInput(["log", "1h", "--network", "linkedin"], says: "missing outcome: name it after the duration"),
        BadInput(["logg", "1h"], says: "'logg' is not a socialtime command: did you mean 'log'?"),
        BadInput(["entries", "--format", "xml"], says: "'xml'"),
        BadInput(["entries", "--staff", "anna", "--all-staff"], says: "cannot be combined"),
    ]

    static let justifications = [
        BadInput(["justify", ""], says: "needs at least 20 characters"),
        BadInput(["justify", "                    x"], says: "this one has 1"),
        BadInput(["justify", "twenty characters and\na newline"], says: "(U+000A)"),
        BadInput(["justify", long], says: "too long"),
        BadInput(["justify", "--week", "2026-W54", "A long enough justification text"], says: "no such week"),
        BadInput(["review", "anna", "--accept"], 77, says: "a manager cannot review their own justification; anna wrote this one"),
        BadInput(["--as", "carl", "review", "anna", "--accept"], 77, says: "only a manager can review justifications; carl is staff"),
        BadInput(["--as", "boss", "review", "anna"], says: "exactly one of --accept and --reject"),
        BadInput(["--as", "boss", "review", "anna", "--accept", "--reject"], says: "exactly one of --accept and --reject"),
        BadInput(["--as", "boss", "review", "Anna", "--accept"], says: "did you mean 'anna'?"),
        BadInput(["--as", "boss", "review", "nobody", "--accept"], says: "no staff member 'nobody'"),
        BadInput(["--as", "boss", "review", "anna", "--accept", "--comment", "a\tb"], says: "(U+0009)"),
    ]

    static let results = [
        BadInput(["result", "0", "--outcome", "sales-leads"], says: "invalid quantity '0'"),
        BadInput(["result", "-2", "--outcome", "sales-leads"], says: "invalid value '-2'"),
        BadInput(["result", "1e3", "--outcome", "sales-leads"], says: "invalid quantity '1e3'"),
        BadInput(["result", "99999999999", "--outcome", "sales-leads"], says: "invalid quantity '99999999999'"),
        BadInput(["result", "1000001", "--outcome", "sales-leads"], says: "from 1 to 1000000"),
        BadInput(["result", "3", "--outcome", "sales-leads'; DROP TABLE results;--"], says: "unknown outcome"),
        BadInput(["result", "3", "--outcome", "sales-leads", "--date", "2026-11-28"], says: "future"),
    ]

    static let analysis = [
        BadInput(["flags", "--week", "2026-W54"], says: "no such week"),
        BadInput(["flags", "--threshold", "0"], says: "it must be from 1m to 168h"),
        BadInput(["flags", "--threshold", "-5h"], says: "invalid threshold '-5h'"),
        BadInput(["flags", "--format", "xml"], says: "'xml'"),
        BadInput(["report", "--week", "2025-W53"], says: "no such week"),
        BadInput(["report", "--weeks", "-1"], says: "out of range"),
        BadInput(["report", "--weeks", "99999"], says: "out of range"),
        BadInput(["report", "--format", "pdf"], says: "'pdf'"),
        // The report once replaced the database (and would its journal) with a text file.
        BadInput(["report", "--out", "socialtime.db"], says: "socialtime.db is a database file"),
        BadInput(["report", "--out", "socialtime.db-wal"], says: "is a database file (or its journal)"),
        BadInput(["report", "--out", ""], says: "the output file name is empty"),
        BadInput(["report", "--out", "/proc/report.html"], 1, says: "cannot write in /proc"),
        BadInput(["report", "--out", "./"], says: "is a folder"),
    ]

    static let transfers = [
        BadInput(["export", "--out", "x.txt"], says: "neither a folder nor a .csv file"),
        BadInput(["export", "--out", "-"], says: "pick one --kind"),
        BadInput(["export", "--from", "2026-11-30", "--to", "2026-11-01", "--kind", "entries", "--out", "-"], says: "must run forward"),
        BadInput(["export", "--from", "2026-11-01"], says: "--from and --to go together"),
        BadInput(["export", "--week", "2026-W47", "--all"], says: "pick one of --week, --from/--to and --all"),
        BadInput(["export", "--dialect", "foo"], says: "'foo'"),
        BadInput(["export", "--out", "/proc/nope/"], 1, says: "cannot create folder /proc/nope"),
        BadInput(["import", "missing.csv"], says: "missing.csv: No such file or directory"),
        BadInput(["import", "."], says: "is a folder"),
        BadInput(["import", "/dev/null"], 65, says: "is empty"),
        BadInput(["import", "socialtime.db"], 65, says: "socialtime.db is a SQLite database, not a CSV file"),
        BadInput(["import", "invalid-utf8.csv"], 65, says: "line 3: the text is not valid UTF-8"),
        BadInput(["import", "control.csv"], 65, says: "line 3: note contains a control character (U+001B)"),
        BadInput(["import", "injection.csv"], 65, says: "line 3: invalid handle 'robert'); DROP TABLE staff;--'"),
        BadInput(["import", "negative.csv"], 65, says: "line 3: duration '-60m' is negative"),
        BadInput(["import", "over-the-day.csv"], 65, says: "24 hours"),
    ]

    /// Issue 10's quicker `log`: clock times, weekdays, positionals, hints that refuse, command typos.
    static let quickLog = [
        BadInput(log(from: "25:00", to: "26:00"), says: "invalid --from time '25:00': hours run from 00 to 23"),
        BadInput(log(from: "09:00", to: "25:00"), says: "invalid --to time '25:00'"),
        BadInput(log(from: "9:5", to: "10:00"), says: "invalid --from time '9:5': use HH:MM"),
        BadInput(log(from: "09:00", to: "24:00"), says: "midnight is 00:00"),
        BadInput(log(from: "10:00", to: "09:00"), says: "--to 09:00 is before --from 10:00"),
        BadInput(log(from: "10:00", to: "10:00"), says: "are the same time"),
        BadInput(log(from: "09:00", to: "10:00", ["1h", "linkedin", "recruiting"]), says: "--from/--to give the duration: leave out '1h'"),
        BadInput(["log", "--from", "09:00", "linkedin", "recruiting"], says: "--from and --to go together"),
        BadInput(log(from: "09:00", to: "10:00", ["linkedin", "recruiting", "--date", "2026-11-28"]), says: "in the future"),
        BadInput(log(from: "09:00", to: "10:00", ["myspace", "recruiting"]), says: "unknown network 'myspace'"),
        BadInput(log(date: "wendesday"), says: "invalid date 'wendesday': did you mean 'wednesday'?"),
        BadInput(log(date: "mnday"), says: "did you mean 'monday'?"),
        BadInput(log(date: "fridays"), says: "invalid date 'fridays'"),
        BadInput(["log", "30", "linkedin", "recruiting"], says: "a bare number is hours: did you mean 30m?"),
        BadInput(["log", "1h", "30m", "linkedin", "recruiting"], says: "'1h 30m' is two words: write the duration as one, 1h30m"),
        BadInput(["log", "1h", "linkedin"], says: "missing outcome"),
        BadInput(["log", "-n", "linkedin", "-o", "recruiting"], says: "missing duration"),
        BadInput(["log", "1h", "linkedin", "recruiting", "-n", "fb"], says: "unexpected 'recruiting'"),
        BadInput(["log", "1h", "linkedin", "recruiting", "extra words"], says: "unexpected 'extra words'"),
        BadInput(["log", "1h", "linkedin", "recruiting", "-m", "--as"], says: "Missing value for '--as"),
        BadInput(["log", "1h", "linkedin", "recruting"], says: "did you mean 'recruiting'?"),
        BadInput(["entires"], says: "'entires' is not a socialtime command: did you mean 'entries'?"),
        BadInput(["staff", "lsit"], says: "'lsit' is not a socialtime staff command: did you mean 'list'?"),
        BadInput(["--as", "anna", "outcomes", "retrie", "x"], says: "did you mean 'retire'?"),
        BadInput(["db", "chek"], says: "did you mean 'check'?"),
    ]

    /// Issue 10's timer: clock times, a clock that has not got there yet, nothing to stop, a retired outcome.
    static let timer = [
        BadInput(["start", "linkedin", "recruiting", "--at", "25:00"], says: "invalid --at time '25:00': hours run from 00 to 23"),
        BadInput(["start", "linkedin", "recruiting", "--at", "9:5"], says: "invalid --at time '9:5': use HH:MM"),
        BadInput(["start", "linkedin", "recruiting", "--at", "10:00"], says: "--at 10:00 is in the future (it is now 09:00 on 2026-11-27)",
                 environment: ["SOCIALTIME_NOW": "2026-11-27T09:00"]),
        BadInput(["stop", "--at", "24:00"], says: "midnight is 00:00"),
        BadInput(["stop"], says: "no timer is running for anna: nothing to stop"),
        BadInput(["stop", "--at", "08:00"], says: "no timer is running for anna", environment: ["SOCIALTIME_NOW": "2026-11-27T09:00"]),
        BadInput(["cancel"], says: "no timer is running for anna: nothing to cancel"),
        BadInput(["start", "x", "advertising"], says: "outcome 'advertising' is retired"),
        BadInput(["start", "myspace", "recruiting"], says: "unknown network 'myspace'"),
        BadInput(["start", "linkedin"], says: "missing outcome"),
        BadInput(["start"], says: "missing network"),
        BadInput(["start", "linkedin", "recruiting", "extra"], says: "unexpected 'extra'"),
        BadInput(["start", "linkedin", "recruiting", "-m", "a\nb"], says: "control character"),
        BadInput(["status", "--format", "xml"], says: "'xml'"),
    ]

    /// Import files with one good row (line 2) and one hostile row (line 3).
    static func writeImportFiles(_ box: Sandbox) throws {
        let good = try #require(box.bytes(box.path("good.csv")))
        let rows: [String: [UInt8]] = [
            "invalid-utf8.csv": Array("99,2026-W48,2026-11-20,anna,Anna,linkedin,recruiting,60,1.00,caf".utf8) + [0xE9]
                + Array(",2026-11-20T10:00:00+01:00\r\n".utf8),
            "control.csv": Array("98,2026-W47,2026-11-20,anna,Anna,linkedin,recruiting,60,1.00,\"a\u{1B}b\",2026-11-20T10:00:00+01:00\r\n".utf8),
            "injection.csv": Array("97,2026-W47,2026-11-20,robert'); DROP TABLE staff;--,Bob,linkedin,recruiting,60,1.00,x,2026-11-20T10:00:00+01:00\r\n".utf8),
            "negative.csv": Array("96,2026-W47,2026-11-20,anna,Anna,linkedin,recruiting,-60,-1.00,x,2026-11-20T10:00:00+01:00\r\n".utf8),
            "over-the-day.csv": Array("95,2026-W47,2026-11-20,anna,Anna,linkedin,recruiting,1440,24.00,x,2026-11-20T10:00:00+01:00\r\n".utf8),
        ]
        for (name, row) in rows {
            #expect(FileManager.default.createFile(atPath: box.path(name), contents: good + Data(row)))
        }
    }

    @Test(arguments: StoreKind.all) func everyHostileValueIsRefusedClearlyAndChangesNothing(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(Self.log("1h")).status == 0)
        #expect(await box.runInProcess(["log", "5m", "--network", "x", "--outcome", "listening"]).status == 0)
        #expect(await box.runInProcess(["delete", "2"]).status == 0)
        #expect(await box.runInProcess(["log", "30m", "--network", "reddit", "--outcome", "listening"]).status == 0)
        #expect(await box.runInProcess(["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--date", "2026-11-20"]).status == 0)
        #expect(await box.runInProcess(["staff", "add", "boss", "--manager"]).status == 0)
        #expect(await box.runInProcess(["staff", "add", "carl"]).status == 0)
        #expect(await box.runInProcess(["outcomes", "retire", "advertising"]).status == 0)
        #expect(await box.runInProcess(["export", "--week", "2026-W47", "--kind", "entries", "--out", "good.csv"]).status == 0)
        try Self.writeImportFiles(box)
        var before = try DatabaseFingerprint(box)

        // The `--out` rows about the database's own file (and its journal), and `db backup`'s
        // file names, are about a SQLite file (a server's backups are its operators' tools).
        for input in Self.table where !(store == .postgres && Self.aboutTheFile(input)) {
            let result = await box.runInProcess(input.arguments, environment: input.environment, withDatabase: input.withDatabase)
            #expect(result.status == input.status, "\(input): exited \(result.status): \(result.output)")
            #expect(result.stderr.contains(input.says), "\(input): said \(result.stderr)")
            #expect(!result.output.contains("Fatal error") && !result.stdout.contains("Logged"), "\(input): \(result.output)")
            let after = try DatabaseFingerprint(box)
            if after != before {
                Issue.record("\(input) changed the database: \(before) → \(after)")
                before = after  // so one failure is reported once, not by every case after it
            }
        }
    }

    /// Swift's `[String]` cannot hold invalid UTF-8, so these arguments are made by the shell's printf.
    @Test(arguments: StoreKind.all, [#"--note "$(printf 'caf\351')""#, #"--as "$(printf '\377\376')""#])
    func invalidUTF8IsRefusedNotReplaced(store: StoreKind, option: String) async throws {
        let box = try await Sandbox.make(store: store)
        #expect(await box.runInProcess(Self.log("1h")).status == 0)
        let before = try DatabaseFingerprint(box)
        let script = #"exec "$0" --db "$1" log 2h --network linkedin --outcome recruiting "# + option
        let result = try box.runShell(script)
        #expect(result.status == 64, "\(result.output)")
        #expect(result.stderr.contains("is not valid UTF-8 text"), "\(result.stderr)")
        #expect(try DatabaseFingerprint(box) == before)
    }
}

extension Sandbox {
    /// Runs a `/bin/sh -c` script with `$0` the binary, `$1` the database and `$2…` the `arguments`,
    /// in the sandbox's folder and environment.
    func runShell(_ script: String, arguments: [String] = []) throws -> RunResult {
        var environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "TZ": timeZone, "SOCIALTIME_TODAY": today]
        if let user { environment["SOCIALTIME_USER"] = user }
        return try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script, Self.binary.path, database] + arguments,
                                  environment: environment, directory: folder, stdin: nil).finish()
    }
}
