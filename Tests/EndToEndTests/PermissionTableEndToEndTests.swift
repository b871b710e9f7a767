import Foundation
import Testing

/// The spec's "Who may do what", command by command, for four callers: the database's owner
/// (its administrator), a manager, a staff member acting as themselves, and a staff member's
/// login trying to act as someone else. Each run starts from the same database; a refused run
/// exits 77 with a message naming the rule, and leaves the `.dump` byte-identical. Serialized:
/// on PostgreSQL every template makes eve's login role anew, and roles are the cluster's, so two
/// tests making it at once would find the other's.
@Suite(.serialized) struct PermissionTableEndToEndTests {
    enum Caller: String, CaseIterable {
        case owner, manager, staff, staffAsAnother
    }

    /// Who may run it: everyone, managers (the owner is one), or nobody when acting as another.
    enum Allowed { case everyone, managers }

    struct Case: CustomStringConvertible {
        let arguments: [String]
        let allowed: Allowed
        /// Extra environment for the run (the timer's cases fix the clock).
        var environment: [String: String] = [:]
        var description: String { arguments.joined(separator: " ") }
    }

    /// An hour after the template's timers started.
    static let timerClock = ["SOCIALTIME_NOW": "2026-11-27T10:00"]

    // eve (staff) owns entry #1 and a justification this week; zed (staff) owns entry #2 and
    // a justification too; boss is a manager; anna, the sandbox's person, a manager.
    static let cases: [Case] = [
        Case(arguments: ["log", "30m", "--network", "linkedin", "--outcome", "recruiting"], allowed: .everyone),
        Case(arguments: ["start", "linkedin", "recruiting"], allowed: .everyone, environment: timerClock),
        Case(arguments: ["stop"], allowed: .everyone, environment: timerClock),
        Case(arguments: ["cancel"], allowed: .everyone, environment: timerClock),
        Case(arguments: ["status", "--format", "json"], allowed: .everyone, environment: timerClock),
        Case(arguments: ["entries"], allowed: .everyone),
        Case(arguments: ["entries", "--staff", "zed"], allowed: .managers),
        Case(arguments: ["entries", "--all-staff"], allowed: .managers),
        Case(arguments: ["edit", "2", "--duration", "45m"], allowed: .managers),
        Case(arguments: ["delete", "2"], allowed: .managers),
        Case(arguments: ["restore", "3"], allowed: .managers),
        Case(arguments: ["justify", "--week", "this", "Answering candidates about the spring openings"], allowed: .everyone),
        Case(arguments: ["review", "zed", "--week", "this", "--accept"], allowed: .managers),
        Case(arguments: ["result", "1", "--outcome", "recruiting"], allowed: .everyone),
        Case(arguments: ["staff", "list"], allowed: .everyone),
        Case(arguments: ["staff", "add", "newcomer"], allowed: .managers),
        Case(arguments: ["staff", "rename", "zed", "Zed Z"], allowed: .managers),
        Case(arguments: ["staff", "set-email", "zed", "zed@example.com"], allowed: .managers),
        Case(arguments: ["staff", "promote", "zed"], allowed: .managers),
        Case(arguments: ["staff", "demote", "boss"], allowed: .managers),
        Case(arguments: ["staff", "deactivate", "zed"], allowed: .managers),
        Case(arguments: ["staff", "activate", "zed"], allowed: .managers),
        Case(arguments: ["networks", "add", "discord", "Discord"], allowed: .managers),
        Case(arguments: ["outcomes", "add", "partners", "--description", "Finding partners"], allowed: .managers),
        Case(arguments: ["outcomes", "rename", "advertising", "ads"], allowed: .managers),
        Case(arguments: ["outcomes", "retire", "advertising"], allowed: .managers),
        Case(arguments: ["config", "threshold", "4h"], allowed: .managers),
        Case(arguments: ["flags", "--week", "this"], allowed: .managers),
        Case(arguments: ["report", "--week", "this"], allowed: .managers),
        Case(arguments: ["export", "--week", "this", "--kind", "entries", "--out", "-"], allowed: .managers),
        Case(arguments: ["db", "check"], allowed: .managers),
        Case(arguments: ["db", "backup", "copy.db"], allowed: .managers),
        Case(arguments: ["import", "zed-rows.csv"], allowed: .managers),
        // Her own rows, but with the entry ids of an export: only a manager keeps ids.
        Case(arguments: ["import", "eve-rows.csv"], allowed: .managers),
        Case(arguments: ["staff", "export-data", "zed"], allowed: .managers),
        Case(arguments: ["staff", "erase", "zed", "--confirm", "zed"], allowed: .managers),
        Case(arguments: ["staff", "erase", "zed", "--confirm", "zed", "--keep-totals"], allowed: .managers),
        Case(arguments: ["config", "retention", "6"], allowed: .managers),
        Case(arguments: ["config", "retention", "off"], allowed: .managers),
        Case(arguments: ["db", "prune"], allowed: .managers),
        Case(arguments: ["db", "prune", "--dry-run"], allowed: .managers),
    ]

    /// Cases a staff member may run only on their own data: as themselves they pass.
    static let ownData: [Case] = [
        Case(arguments: ["edit", "1", "--duration", "45m"], allowed: .everyone),
        Case(arguments: ["delete", "1"], allowed: .everyone),
        Case(arguments: ["entries", "--staff", "eve"], allowed: .everyone),
        Case(arguments: ["staff", "rename", "eve", "Eve E"], allowed: .everyone),
        Case(arguments: ["staff", "set-email", "eve", "eve@example.com"], allowed: .everyone),

        Case(arguments: ["staff", "export-data", "eve"], allowed: .everyone),
        Case(arguments: ["staff", "export-data", "eve", "--out", "eve.json"], allowed: .everyone),
    ]

    /// eve's password on PostgreSQL, where she connects as her own login role.
    static let evePassword = "eve-" + UUID().uuidString

    static func template(store: StoreKind = .sqlite) async throws -> Sandbox {
        let box = try await Sandbox.make(store: store)
        try await box.registerInProcess("boss", manager: true)
        if store == .postgres {
            // On a server the login is the role one connects as: eve gets her own (`staff add
            // --login` makes it; her password is the superuser's business). Roles are
            // cluster-wide, so the PostgreSQL cases run one after another, each making eve anew
            // (`staff add --login` never adopts the role an earlier case's database left).
            try box.scratch!.sqlOnCluster("DROP ROLE IF EXISTS eve")
            let added = await box.runAsOwnerInProcess(["staff", "add", "eve", "--login"])
            try #require(added.status == 0, "\(added.output)")
            try box.scratch!.sqlOnCluster("ALTER ROLE eve PASSWORD '\(evePassword)'")
        } else {
            try await box.registerInProcess("eve")
        }
        try await box.registerInProcess("zed")
        for (who, duration) in [("eve", "1h"), ("zed", "2h"), ("zed", "30m"), ("boss", "15m")] {
            let logged = await box.runInProcess(["--as", who, "log", duration, "--network", "linkedin", "--outcome", "recruiting"])
            try #require(logged.status == 0, "\(logged.output)")
        }
        try #require(box.run(["--as", "zed", "delete", "3"]).status == 0)
        try #require(box.runAsOwner(["log", "20m", "--network", "x", "--outcome", "listening", "--date", "2026-11-23"]).status == 0)
        try #require(box.run(["--as", "zed", "justify", "Candidates answered on LinkedIn all week"]).status == 0)
        try #require(box.run(["--as", "eve", "justify", "Candidates answered on LinkedIn all week"]).status == 0)
        // A running timer each for the owner's login, boss and eve, started in-process as the
        // cases run (the same time zone), an hour before `timerClock`.
        let saved = box.user
        box.user = nil
        for who in [nil, "boss", "eve"] as [String?] {
            var environment = ["SOCIALTIME_NOW": "2026-11-27T09:00"]
            if let who { environment["SOCIALTIME_USER"] = who }
            let started = await box.runInProcess(["start", "x", "listening"], environment: environment)
            try #require(started.status == 0, "\(started.output)")
        }
        box.user = saved
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n"
        for (who, id) in [("eve", 100), ("zed", 101)] {
            try (header + "\(id),2026-W48,2026-11-25,\(who),\(who),linkedin,recruiting,30,0.50,,2026-11-25T10:00:00+01:00\r\n")
                .write(toFile: box.path("\(who)-rows.csv"), atomically: true, encoding: .utf8)
        }
        return box
    }

    /// Runs one case as `caller` on a fresh copy of the template's database.
    static func run(_ testCase: Case, as caller: Caller, template: Sandbox) async throws -> (RunResult, DatabaseFingerprint, DatabaseFingerprint) {
        let box = try await Sandbox.make(user: nil, store: template.store, copying: template)
        for name in ["eve-rows.csv", "zed-rows.csv"] {
            try FileManager.default.copyItem(atPath: template.path(name), toPath: box.path(name))
        }
        let before = try DatabaseFingerprint(box)
        let result: RunResult
        let environment = testCase.environment
        if box.store == .postgres, caller == .staff || caller == .staffAsAnother {
            // eve's own connection: the server knows her by her login role.
            box.database = try box.url(as: "eve", password: evePassword)
        }
        switch caller {
        case .owner: result = await box.runInProcess(testCase.arguments, environment: environment)
        case .manager: result = await box.runInProcess(testCase.arguments, environment: environment.merging(["SOCIALTIME_USER": "boss"]) { $1 })
        case .staff: result = await box.runInProcess(testCase.arguments, environment: environment, login: "eve", userID: 4242)
        case .staffAsAnother: result = await box.runInProcess(["--as", "zed"] + testCase.arguments, environment: environment, login: "eve", userID: 4242)
        }
        return (result, before, try DatabaseFingerprint(box))
    }

    @Test(arguments: Caller.allCases)
    func everyCommandIsAllowedOrRefusedWith77AndChangesNothing(caller: Caller) async throws {
        try await Self.check(caller, store: .sqlite)
    }

    /// The same table on PostgreSQL; one caller after another, as eve's login role is the cluster's.
    @Test(.serialized, .enabled(if: StoreKind.all.contains(.postgres)), arguments: Caller.allCases)
    func onPostgreSQLEveryCommandIsAllowedOrRefusedWith77AndChangesNothing(caller: Caller) async throws {
        try await Self.check(caller, store: .postgres)
    }

    static func check(_ caller: Caller, store: StoreKind) async throws {
        let template = try await Self.template(store: store)
        for testCase in Self.cases + Self.ownData {
            let (result, before, after) = try await Self.run(testCase, as: caller, template: template)
            let allowed: Bool
            switch caller {
            case .owner, .manager: allowed = true
            case .staff: allowed = testCase.allowed == .everyone
            case .staffAsAnother: allowed = false
            }
            let command = testCase.arguments.first ?? ""
            if store == .postgres && allowed && testCase.arguments.starts(with: ["db", "check"]) {
                // On a server, db check verifies the database's security from inside.
                #expect(result.status == 0 && result.stdout.contains("row-level security: ok") && result.stdout.contains("write privileges: ok"),
                        "\(caller): \(testCase) exited \(result.status): \(result.output)")
            } else if store == .postgres && allowed && testCase.arguments.starts(with: ["db", "backup"]) {
                // A server's checks and backups are its operators' tools: allowed, and said so.
                #expect(result.status == 1 && result.stderr.contains("the database server's own tools do that"),
                        "\(caller): \(testCase) exited \(result.status): \(result.stderr)")
            } else if store == .postgres && caller == .staff && !allowed && ["edit", "delete", "restore", "history"].contains(command) {
                // Row-level security hides a colleague's entries from a staff login altogether:
                // the entry is not there for eve, which says no more than a refusal would.
                #expect(result.status == 64 && result.stderr.contains("among eve's entries"),
                        "\(caller): \(testCase) exited \(result.status): \(result.stderr)")
                #expect(before == after, "\(caller): \(testCase) changed the database")
            } else if allowed {
                #expect(result.status == 0, "\(caller): \(testCase) exited \(result.status): \(result.stderr)")
            } else {
                #expect(result.status == 77, "\(caller): \(testCase) exited \(result.status): \(result.output)")
                #expect(result.stderr.contains("only a manager can"), "\(caller): \(testCase) said \(result.stderr)")
                #expect(!result.stderr.contains("--as") && !result.stderr.contains("SOCIALTIME_USER"),
                        "\(caller): \(testCase) suggests a way around the rule: \(result.stderr)")
                #expect(before == after, "\(caller): \(testCase) changed the database")
            }
        }
    }

    @Test(.serialized, arguments: StoreKind.all)
    func aManagerActingOnSomeoneElsesEntryIsNamedInTheAuditLog(store: StoreKind) async throws {
        let box = try await Self.template(store: store)
        let edited = await box.runInProcess(["edit", "2", "--note", "fixed by the manager"], environment: ["SOCIALTIME_USER": "boss"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try box.query("SELECT actor, action FROM audit_log WHERE entry_id = 2 ORDER BY id") == "zed|create\nboss|edit")
    }
}
