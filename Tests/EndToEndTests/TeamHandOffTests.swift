import Foundation
import PostgresScratch
import SocialTimeStores
import Testing
@testable import SocialTimeCommands
#if canImport(Glibc)
import Glibc
#endif

/// `socialtime` links SQLite only and hands a command line that names a PostgreSQL server to
/// `socialtime-team` beside it (Sources/socialtime/main.swift, TeamHandOff).
@Suite struct TeamHandOffTests {
    static let team = Sandbox.binary.deletingLastPathComponent().appendingPathComponent(StoreOpener.teamProgram)

    @Test(arguments: [
        (["--db", "postgresql://admin@db.example.com/socialtime", "status"], nil, true),
        (["log", "1h", "linkedin", "recruiting", "--db=postgres://db/socialtime"], nil, true),
        (["db", "copy", "--to", "postgresql://admin@db/socialtime"], nil, true),
        (["db", "copy", "--to=postgresql://admin@db/socialtime"], nil, true),
        // A completion request carries the words as typed, quotes included.
        (["---completion", "--", "log", "--db", "'postgresql://db/socialtime'", "1h"], nil, true),
        (["status"], "postgresql://db/socialtime", true),
        (["--db", "team.db", "status"], "postgresql://db/socialtime", true),
        (["--db", "team.db", "log", "1h", "linkedin", "recruiting"], nil, false),
        (["--db", "/srv/postgresql:/team.db", "status"], "", false),
        (["log", "1h", "linkedin", "recruiting", "--note", "read https://www.postgresql.org/docs"], "team.db", false),
        (["--version"], nil, false),
    ] as [([String], String?, Bool)])
    func aServerURLAnywhereOnTheCommandLineOrInSOCIALTIME_DBGoesToTheTeamProgram(arguments: [String], variable: String?, server: Bool) {
        #expect(TeamHandOff.namesServer(arguments, databaseVariable: variable) == server)
    }

    @Test func socialtimeDoesNotContainThePostgreSQLClientAndTheTeamProgramDoes() throws {
        // The mangled names of the client's modules: in the symbol table and the type metadata.
        let client = ["11PostgresNIO", "7NIOCore", "6NIOSSL"].map { Data($0.utf8) }
        let sqliteOnly = try Data(contentsOf: Sandbox.binary, options: .alwaysMapped)
        let team = try Data(contentsOf: Self.team, options: .alwaysMapped)
        for name in client {
            #expect(sqliteOnly.range(of: name) == nil, "socialtime contains \(String(decoding: name, as: UTF8.self))")
            #expect(team.range(of: name) != nil, "socialtime-team lacks \(String(decoding: name, as: UTF8.self))")
        }
    }

    @Test(arguments: ["--db", "SOCIALTIME_DB"])
    func aServerURLIsOpenedByTheTeamProgram(via: String) throws {
        let box = try Sandbox()
        let url = "postgresql://nobody@127.0.0.1:\(try ClosedPort.pick())/socialtime"
        let result = via == "--db"
            ? try box.run(["--db", url, "status"], withDatabase: false)
            : try box.run(["status"], environment: ["SOCIALTIME_DB": url], withDatabase: false)
        // The PostgreSQL client's own message: only socialtime-team has it.
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot connect to PostgreSQL at 127.0.0.1:"), "\(result.output)")
        #expect(!result.stderr.contains("socialtime-team"), "\(result.output)")
    }

    @Test func withoutTheTeamProgramBesideItAServerURLIsRefusedClearlyAndNothingChanges() throws {
        let box = try Sandbox()
        let lonely = box.path("bin/socialtime")
        try FileManager.default.createDirectory(atPath: box.path("bin"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Sandbox.binary.path, toPath: lonely)
        let before = try box.sqlite("SELECT count(*) FROM entries")
        let url = "postgresql://nobody@127.0.0.1:\(try ClosedPort.pick())/socialtime"
        let result = try RunningProcess(binary: URL(fileURLWithPath: lonely),
                                        arguments: ["db", "copy", "--to", url, "--db", box.database],
                                        environment: ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "SOCIALTIME_USER": "anna"],
                                        directory: box.folder, stdin: nil).finish()
        #expect(result.status == 1)
        #expect(result.stderr == "socialtime: error: the database is a PostgreSQL server (a postgresql:// URL), which socialtime-team opens; "
            + "it cannot be run from \(box.path("bin/socialtime-team")) (No such file or directory): install it beside socialtime "
            + "(scripts/install.sh installs both), or build it with `swift build` (every product)\n")
        #expect(result.stdout.isEmpty)
        #expect(try box.sqlite("SELECT count(*) FROM entries") == before)
        // A file still works with the lonely binary.
        let status = try RunningProcess(binary: URL(fileURLWithPath: lonely), arguments: ["--db", box.database, "status"],
                                        environment: ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "SOCIALTIME_USER": "anna"],
                                        directory: box.folder, stdin: nil).finish()
        #expect(status.status == 0, "\(status.output)")
    }

    @Test func aProgramWithoutTheServerStoreSaysWhichProgramHasIt() async throws {
        let box = try Sandbox()
        let stdout = CapturedOutput(), stderr = CapturedOutput()
        let context = Context(environment: ["HOME": box.folder.path, "SOCIALTIME_TODAY": box.today], epochSeconds: Int(time(nil)),
                              loginName: Context.loginName(of: getuid()), userID: getuid(), stdout: stdout, stderr: stderr,
                              workingDirectory: box.folder.path, stores: StoreOpener())
        let status = await Runner.execute(["--db", "postgresql://admin@db.example.com/socialtime", "db", "init"], context: context)
        #expect(status == 1)
        #expect(stderr.text == "socialtime: error: postgresql://admin@db.example.com/socialtime (from --db) is a PostgreSQL database, "
            + "and this program has no PostgreSQL client: run socialtime-team, which has both stores\n")
    }
}
