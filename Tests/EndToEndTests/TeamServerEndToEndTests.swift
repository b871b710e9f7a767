import Foundation
import Testing
import PostgresScratch

/// Issue 9's behaviours of the team store that only a server has, through the built binary:
/// login roles with their own passwords, a server that is not there or refuses the password,
/// and a connection that goes away in the middle of an import. PostgreSQL only (skipped locally
/// without the test server, required in CI).
///
/// Login roles are the cluster's, not one database's, so every handle here carries a random
/// suffix and the roles are dropped at the end.
@Suite(.enabled(if: StoreKind.all.contains(.postgres))) struct TeamServerEndToEndTests {
    /// A handle no other test (or earlier run) uses: roles outlive their databases.
    static func uniqueHandle(_ name: String) -> String {
        name + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8))
    }

    /// Drops the login roles after the database (the roles are cluster-wide).
    static func dropRoles(_ box: Sandbox, _ roles: [String]) {
        box.scratch?.drop()
        for role in roles { _ = try? box.scratch?.sqlOnCluster("DROP ROLE IF EXISTS \"\(role)\"") }
    }

    @Test func aStaffLoginGets77ForTheReportAndForActingAsAColleagueAManagerLoginGetsBoth() async throws {
        let box = try await Sandbox.make(store: .postgres)
        let eve = Self.uniqueHandle("eve"), boss = Self.uniqueHandle("boss"), zed = Self.uniqueHandle("zed")
        defer { Self.dropRoles(box, [eve, boss]) }
        #expect(try box.runAsOwner(["staff", "add", eve, "--login"]).status == 0)
        #expect(try box.runAsOwner(["staff", "add", boss, "--manager", "--login"]).status == 0)
        #expect(try box.runAsOwner(["staff", "add", zed]).status == 0)
        let password = "pw-" + UUID().uuidString
        for role in [eve, boss] { try box.scratch!.sqlOnCluster("ALTER ROLE \"\(role)\" PASSWORD '\(password)'") }
        let logZed = ["--as", zed, "log", "30m", "--network", "linkedin", "--outcome", "recruiting"]

        // eve connects as herself: no SOCIALTIME_USER, the server knows who she is.
        box.user = nil
        box.database = try box.url(as: eve, password: password)
        let own = try box.run(["log", "1h", "--network", "linkedin", "--outcome", "recruiting"])
        #expect(own.status == 0, "\(own.output)")
        let report = try box.run(["report", "--week", "this"])
        #expect(report.status == 77, "\(report.output)")
        #expect(report.stderr.contains("only a manager can"), "\(report.stderr)")
        let asColleague = try box.run(logZed)
        #expect(asColleague.status == 77, "\(asColleague.output)")
        #expect(!asColleague.stderr.contains("--as") && !asColleague.stderr.contains("SOCIALTIME_USER"), "\(asColleague.stderr)")

        box.database = try box.url(as: boss, password: password)
        let managerReport = try box.run(["report", "--week", "this"])
        #expect(managerReport.status == 0, "\(managerReport.output)")
        let managerAsColleague = try box.run(logZed)
        #expect(managerAsColleague.status == 0, "\(managerAsColleague.output)")
        // The entries are whose the server says: eve's own hour, zed's half hour logged by boss.
        #expect(try box.query("SELECT s.handle || ' ' || e.minutes FROM entries e JOIN staff s ON s.id = e.staff_id ORDER BY e.id")
                == "\(eve) 60\n\(zed) 30")
        #expect(try box.query("SELECT actor FROM audit_log WHERE action = 'create' ORDER BY id") == "\(eve)\n\(zed)")  // the acted-as person, as on a file
    }


    /// How long it takes is measured by scripts/bench.sh (failure paths), not asserted here.
    @Test func anUnreachableServerExits1NamingHostAndPort() async throws {
        let box = try await Sandbox.make(user: nil)
        let port = try ClosedPort.pick()
        let result = try box.run(["--db", "postgresql://someone:secret@127.0.0.1:\(port)/team", "entries"], withDatabase: false)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stderr.contains("127.0.0.1") && result.stderr.contains("\(port)"), "\(result.stderr)")
        #expect(!result.output.contains("secret"), "\(result.output)")
    }

    @Test func aWrongPasswordExits77WithoutEchoingIt() async throws {
        let box = try await Sandbox.make(store: .postgres)
        let eve = Self.uniqueHandle("eve")
        defer { Self.dropRoles(box, [eve]) }
        #expect(try box.runAsOwner(["staff", "add", eve, "--login"]).status == 0)
        try box.scratch!.sqlOnCluster("ALTER ROLE \"\(eve)\" PASSWORD 'the-right-one'")
        let wrong = "Wr0ng-" + UUID().uuidString
        box.user = nil
        box.database = try box.url(as: eve, password: wrong)
        let started = Date()
        let result = try box.run(["entries"])
        #expect(result.status == 77, "\(result.output)")
        #expect(!result.output.contains(wrong), "the password was echoed: \(result.output)")
        #expect(result.stderr.contains(eve), "\(result.stderr)")
        print("wrong password: exit \(result.status) after \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(result.stderr)")
    }

    /// 50,000 rows for 50 people on 1,000 days, half an hour each (far from the cap).
    static func bigImport(_ path: String) throws {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: DateComponents(year: 2023, month: 1, day: 2))!
        var text = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n"
        var id = 1
        for day in 0..<1000 {
            let date = calendar.date(byAdding: .day, value: day, to: start)!
            let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear, .year, .month, .day], from: date)
            let iso = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            let week = String(format: "%04d-W%02d", parts.yearForWeekOfYear!, parts.weekOfYear!)
            for person in 1...50 {
                text += "\(id),\(week),\(iso),bulk\(person),Bulk \(person),linkedin,recruiting,30,0.50,row \(id),\(iso)T10:00:00+01:00\r\n"
                id += 1
            }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aConnectionThatGoesAwayMidImportLeavesNothingHalfWritten() async throws {
        let box = try await Sandbox.make(store: .postgres)
        let scratch = try #require(box.scratch)
        try Self.bigImport(box.path("big.csv"))
        let before = try DatabaseFingerprint(box)
        let started = Date()
        let importing = try box.runAsOwnerStarted(["import", "big.csv"])
        // Wait for the import's transaction to be under way and to have written rows, then end its
        // backend from the superuser's side, as a server restart or a DBA would.
        var terminated = false
        while importing.isRunning && !terminated {
            let pids = try scratch.sql("""
                SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = 'socialtime'
                  AND xact_start IS NOT NULL AND now() - xact_start > interval '300 milliseconds'
                """)
            if let pid = pids.split(separator: "\n").first {
                terminated = try scratch.sql("SELECT pg_terminate_backend(\(pid))") == "t"
            } else {
                usleep(20_000)
            }
        }
        let result = try importing.finish()
        let seconds = Date().timeIntervalSince(started)
        #expect(terminated, "the import ended (exit \(result.status)) before its connection could be ended: \(result.output)")
        #expect(result.status != 0, "\(result.output)")
        #expect(!result.output.contains("Fatal error"), "\(result.output)")
        // Nothing of it is there: no entry, no person it would have registered, no audit row.
        #expect(try DatabaseFingerprint(box) == before)
        print("import of 50,000 rows, connection ended mid-way: exit \(result.status) after \(String(format: "%.2f", seconds)) s, \(try box.entryCount()) entries kept: \(result.stderr)")
    }
}

extension Sandbox {
    /// `start` as the database's owner (the administrator), for a process a test interrupts.
    func runAsOwnerStarted(_ arguments: [String]) throws -> RunningProcess {
        let saved = user
        user = nil
        defer { user = saved }
        return try start(arguments)
    }
}
