import Foundation
import Testing

/// Personal data on disk: a new database, its -wal and -shm, and its folders are private whatever
/// the umask of the process that creates them.
@Suite struct DatabaseFilesEndToEndTests {
    @Test(arguments: ["022", "000"])
    func aNewDatabaseIsPrivateUnderAnyUmask(mask: String) async throws {
        let box = try await Sandbox.make()
        let database = box.path("data/socialtime/socialtime.db")
        // socialtime creates the file under the umask; sqlite3 (the same library, same umask) then
        // opens it in WAL mode and shows the modes its -wal and -shm get from the main file.
        let script = """
        umask \(mask)
        "$0" --db '\(database)' log 1h --network linkedin --outcome recruiting >/dev/null || exit 9
        printf 'SELECT count(*) FROM entries;\\n.shell stat -c "%%a %%n" "\(database)" "\(database)-wal" "\(database)-shm" "\(box.path("data"))" "\(box.path("data/socialtime"))"\\n' | sqlite3 '\(database)'
        """
        let process = try RunningProcess(binary: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script, Sandbox.binary.path],
                                         environment: ["SOCIALTIME_TODAY": box.today, "TZ": box.timeZone,
                                                       "HOME": box.folder.path, "PATH": "/usr/bin:/bin"],
                                         directory: box.folder, stdin: nil)
        let result = try process.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let modes = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(modes == ["600", "600", "600", "700", "700"], "\(result.stdout)")
    }

    /// A read-only command on another program's SQLite file: refused, the file left byte-identical.
    @Test func aReadOnlyCommandLeavesAForeignDatabaseUntouched() async throws {
        let box = try await Sandbox.make()
        let foreign = box.path("History")
        _ = try box.sqlite("CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO urls(url) VALUES ('https://example.com'); PRAGMA journal_mode = DELETE;", database: foreign)
        let before = try #require(box.bytes(foreign))
        for arguments in [["entries"], ["report"], ["db", "check"], ["log", "1h", "--network", "linkedin", "--outcome", "recruiting"]] {
            let result = await box.runInProcess(["--db", foreign] + arguments, withDatabase: false)
            #expect(result.status == 1, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("another program's SQLite database"))
            #expect(box.bytes(foreign) == before)
        }
    }

    @Test func aDanglingLinkAtDbIsRefused() async throws {
        let box = try await Sandbox.make()
        let link = box.path("link.db")
        #expect(symlink(box.path("gone/target.db"), link) == 0)
        let result = await box.runInProcess(["--db", link, "log", "1h", "--network", "linkedin", "--outcome", "recruiting"], withDatabase: false)
        #expect(result.status == 1)
        #expect(result.stderr.contains("symbolic link"))
        #expect(!FileManager.default.fileExists(atPath: box.path("gone")))
    }
}
