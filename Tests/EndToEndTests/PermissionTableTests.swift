import Foundation
import Testing

/// The spec's "Who may do what", command by command, for four callers: the database's owner
/// (its administrator), a manager, a staff member acting as themselves, and a staff member's
/// login trying to act as someone else. Each run starts from the same database; a refused run
/// exits 77 with a message naming the rule, and leaves the `.dump` byte-identical.
@Suite struct PermissionTableTests {
    enum Caller: String, CaseIterable {
        case owner, manager, staff, staffAsAnother
    }

    /// Who may run it: everyone, managers (the owner is one), or nobody when acting as another.
    enum Allowed { case everyone, managers }

    struct Case: CustomStringConvertible {
        let arguments: [String]
        let allowed: Allowed
        var description: String { arguments.joined(separator: " ") }
    }

    // eve (staff) owns entry #1 and a justification this week; zed (staff) owns entry #2 and
    // a justification too; boss is a manager; anna, the first person registered, a manager.
    static let cases: [Case] = [
        Case(arguments: ["log", "30m", "--network", "linkedin", "--outcome", "recruiting"], allowed: .everyone),
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
    ]

    /// Cases a staff member may run only on their own data: as themselves they pass.
    static let ownData: [Case] = [
        Case(arguments: ["edit", "1", "--duration", "45m"], allowed: .everyone),
        Case(arguments: ["delete", "1"], allowed: .everyone),
        Case(arguments: ["entries", "--staff", "eve"], allowed: .everyone),
        Case(arguments: ["staff", "rename", "eve", "Eve E"], allowed: .everyone),
        Case(arguments: ["staff", "set-email", "eve", "eve@example.com"], allowed: .everyone),
        Case(arguments: ["import", "eve-rows.csv"], allowed: .everyone),
    ]

    static func template() throws -> Sandbox {
        let box = try Sandbox()
        try box.register("boss", manager: true)
        try box.register("eve")
        try box.register("zed")
        for (who, duration) in [("eve", "1h"), ("zed", "2h"), ("zed", "30m"), ("boss", "15m")] {
            let logged = try box.run(["--as", who, "log", duration, "--network", "linkedin", "--outcome", "recruiting"])
            try #require(logged.status == 0, "\(logged.output)")
        }
        try #require(box.run(["--as", "zed", "delete", "3"]).status == 0)
        try #require(box.runAsOwner(["log", "20m", "--network", "x", "--outcome", "listening", "--date", "2026-11-23"]).status == 0)
        try #require(box.run(["--as", "zed", "justify", "Candidates answered on LinkedIn all week"]).status == 0)
        try #require(box.run(["--as", "eve", "justify", "Candidates answered on LinkedIn all week"]).status == 0)
        let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n"
        for (who, id) in [("eve", 100), ("zed", 101)] {
            try (header + "\(id),2026-W48,2026-11-25,\(who),\(who),linkedin,recruiting,30,0.50,,2026-11-25T10:00:00+01:00\r\n")
                .write(toFile: box.path("\(who)-rows.csv"), atomically: true, encoding: .utf8)
        }
        return box
    }

    /// Runs one case as `caller` on a fresh copy of the template's database.
    static func run(_ testCase: Case, as caller: Caller, template: Sandbox) async throws -> (RunResult, DatabaseFingerprint, DatabaseFingerprint) {
        let box = try Sandbox(user: nil)
        for name in ["eve-rows.csv", "zed-rows.csv"] {
            try FileManager.default.copyItem(atPath: template.path(name), toPath: box.path(name))
        }
        try FileManager.default.copyItem(atPath: template.database, toPath: box.database)
        let before = try DatabaseFingerprint(box)
        let result: RunResult
        switch caller {
        case .owner: result = await box.runInProcess(testCase.arguments)
        case .manager: result = await box.runInProcess(testCase.arguments, environment: ["SOCIALTIME_USER": "boss"])
        case .staff: result = await box.runInProcess(testCase.arguments, login: "eve", userID: 4242)
        case .staffAsAnother: result = await box.runInProcess(["--as", "zed"] + testCase.arguments, login: "eve", userID: 4242)
        }
        return (result, before, try DatabaseFingerprint(box))
    }

    @Test(arguments: Caller.allCases)
    func everyCommandIsAllowedOrRefusedWith77AndChangesNothing(caller: Caller) async throws {
        let template = try Self.template()
        for testCase in Self.cases + Self.ownData {
            let (result, before, after) = try await Self.run(testCase, as: caller, template: template)
            let allowed: Bool
            switch caller {
            case .owner, .manager: allowed = true
            case .staff: allowed = testCase.allowed == .everyone
            case .staffAsAnother: allowed = false
            }
            if allowed {
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

    @Test func aManagerActingOnSomeoneElsesEntryIsNamedInTheAuditLog() async throws {
        let box = try Self.template()
        let edited = await box.runInProcess(["edit", "2", "--note", "fixed by the manager"], environment: ["SOCIALTIME_USER": "boss"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try box.sqlite("SELECT actor, action FROM audit_log WHERE entry_id = 2 ORDER BY id") == "zed|create\nboss|edit")
    }
}
