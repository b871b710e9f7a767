import Foundation
import Testing

/// A database file or folder in a bad state gets a clear message and exit 1, never a crash, and a
/// file socialtime refuses is left byte-for-byte as it was.
@Suite struct FaultTests {
    static let logArguments = ["log", "1h", "--network", "linkedin", "--outcome", "recruiting"]

    static let populatedEntries = 5

    /// A database with a few entries, closed (so its WAL is folded into the file).
    static func populated() async throws -> Sandbox {
        let box = try await Sandbox.make()
        for index in 1...populatedEntries {
            let logged = await box.runInProcess(["log", "10m", "--network", "instagram", "--outcome", "brand-awareness",
                                      "--note", "entry \(index) " + String(repeating: "padding ", count: 40)])
            #expect(logged.status == 0, "\(logged.output)")
        }
        return box
    }

    @Test func readOnlyFileCanBeReadButNotWritten() async throws {
        let box = try await Self.populated()
        #expect(chmod(box.database, 0o444) == 0)
        let before = FileBytes(box.database)

        let listed = try box.run(["entries"])
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.stdout.contains("entry \(Self.populatedEntries)"))
        let checked = try box.run(["db", "check"])
        #expect(checked.status == 0, "\(checked.output)")

        for write in [Self.logArguments, ["edit", "1", "--note", "changed"], ["delete", "1"], ["config", "threshold", "6h"],
                      ["staff", "add", "bob"]] {
            let refused = try box.run(write)
            #expect(refused.status == 1, "\(write): \(refused.output)")
            #expect(refused.stderr.contains("read-only") && refused.stderr.contains("nothing was changed"), "\(refused.stderr)")
        }
        #expect(FileBytes(box.database) == before)
        // No companions either: a `-shm` created with the file's read-only mode would make every
        // write fail once the file is writable again (as a non-root owner finds out).
        #expect(!FileManager.default.fileExists(atPath: box.database + "-shm"))
        #expect(!FileManager.default.fileExists(atPath: box.database + "-wal"))
        #expect(chmod(box.database, 0o644) == 0)
        #expect(try box.run(Self.logArguments).status == 0)
        #expect(try box.entryCount() == Self.populatedEntries + 1)
    }

    @Test func missingFoldersAreCreated() async throws {
        let box = try await Sandbox.make(user: nil)
        box.database = box.path("not/there/yet/socialtime.db")
        let logged = try box.run(Self.logArguments)
        #expect(logged.status == 0, "\(logged.output)")
        #expect(try box.entryCount() == 1)
    }

    @Test func aFileInThePlaceOfAFolderIsNamed() async throws {
        let box = try await Sandbox.make()
        let blocker = box.path("reports")
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("not a folder\n".utf8)))
        box.database = blocker + "/socialtime.db"
        let refused = try box.run(Self.logArguments)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot create folder \(blocker): a file of that name is in the way"), "\(refused.stderr)")
        #expect(box.bytes(blocker) == Data("not a folder\n".utf8))
    }

    /// Root may write anywhere, so an unwritable folder is simulated with /proc, where nobody can create files.
    @Test(arguments: ["/proc/socialtime-e2e.db", "/proc/socialtime-e2e/deeper/socialtime.db"])
    func aFolderNobodyCanWriteIsNamed(path: String) async throws {
        let box = try await Sandbox.make()
        box.database = path
        let refused = try box.run(Self.logArguments)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.stderr.contains("/proc"), "\(refused.stderr)")
        #expect(refused.stderr.contains("cannot create folder") || refused.stderr.contains("folder missing or unwritable"), "\(refused.stderr)")
    }

    /// Debian's libsqlite3 reads "file:" names as URIs; `--db` names a file, whatever it looks like.
    @Test func aPathThatLooksLikeAURIIsAPlainFile() async throws {
        let box = try await Sandbox.make(user: nil)
        box.database = "file:socialtime.db?mode=memory"
        let logged = try box.run(Self.logArguments)
        #expect(logged.status == 0, "\(logged.output)")
        #expect(FileManager.default.fileExists(atPath: box.path("file:socialtime.db?mode=memory")))
        #expect(try box.entryCount(database: box.path("file:socialtime.db?mode=memory")) == 1)
    }

    @Test func aFolderAsTheDatabaseIsNamed() async throws {
        let box = try await Sandbox.make()
        box.database = box.folder.path
        let refused = try box.run(["entries"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is a folder, not a database file"), "\(refused.stderr)")
    }

    /// /dev/null swallowed every write with "disk I/O error" and left /dev/null-journal behind.
    @Test func aDeviceOrPipeIsNotADatabase() async throws {
        let box = try await Sandbox.make()
        let pipe = box.path("pipe")
        #expect(mkfifo(pipe, 0o644) == 0)
        for path in ["/dev/null", pipe] {
            box.database = path
            for command in [["entries"], Self.logArguments] {
                let refused = try box.run(command)
                #expect(refused.status == 1, "\(path) \(command): \(refused.output)")
                #expect(refused.stderr.contains("\(path) is not a regular file"), "\(refused.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-journal"))
        #expect(!FileManager.default.fileExists(atPath: "/dev/null-wal"))
    }

    @Test func aTextFileIsNotTouched() async throws {
        let box = try await Sandbox.make()
        let text = Data("name,hours\nanna,5\n".utf8)
        #expect(FileManager.default.createFile(atPath: box.database, contents: text))
        for command in [["entries"], Self.logArguments, ["db", "check"]] {
            let refused = try box.run(command)
            #expect(refused.status == 1, "\(command): \(refused.output)")
            #expect(refused.stderr.contains("is not a socialtime database") && refused.stderr.contains("left untouched"), "\(refused.stderr)")
        }
        #expect(box.bytes(box.database) == text)
        #expect(!FileManager.default.fileExists(atPath: box.database + "-wal"))
    }

    @Test func aNewerSchemaIsNotTouched() async throws {
        let box = try await Self.populated()
        _ = try box.sqlite("PRAGMA user_version = 999")
        let before = FileBytes(box.database)
        for command in [["entries"], Self.logArguments, ["db", "check"]] {
            let refused = try box.run(command)
            #expect(refused.status == 1, "\(command): \(refused.output)")
            #expect(refused.stderr.contains("written by a newer socialtime (schema version 999"), "\(refused.stderr)")
        }
        #expect(FileBytes(box.database) == before)
    }

    /// A file size limit set by the caller (cron, CI), with no shell to trap SIGXFSZ for us: the export
    /// fails with a message and exit 1, leaves no temporary file, and the database is untouched.
    @Test func aFileSizeLimitFailsTheExportCleanly() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess(["staff", "list"]).status == 0)
        _ = try box.sqlite("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150)
            INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
            SELECT 1, '2026-11-16', 1, 1, 1, printf('%.1900c', 'x'), '2026-11-16T10:00:00+01:00' FROM n;
            """)
        let before = try DatabaseFingerprint(box)
        let target = box.path("limited.csv")
        // 256 blocks: 128 KiB (or 256 KiB where the shell counts KiB), under the ~300 KB export.
        let result = try box.runShell(#"ulimit -f 256 && exec "$0" --db "$1" export --all --kind entries --out "$2""#,
                                      arguments: [target])
        #expect(result.status == 1, "killed or wrong exit: \(result.status) \(result.output)")
        #expect(result.stderr.contains("cannot write \(target)"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "temporary files left: \(leftovers)")
        #expect(try DatabaseFingerprint(box) == before)
    }

    /// Damage of three kinds: the file cut short, garbage over the header, garbage over the staff table's page.
    enum Damage: String, CaseIterable {
        case truncated, header, page

        func apply(to path: String) throws {
            let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            switch self {
            case .truncated:
                try handle.truncate(atOffset: 8_192)
            case .header:
                try handle.seek(toOffset: 0)
                handle.write(Data(repeating: 0x5A, count: 100))
            case .page:
                // Page 2 holds the staff table's root (see `sqlite_master.rootpage`); past its header.
                try handle.seek(toOffset: 4_096 + 8)
                handle.write(Data((0..<2_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }))
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func aDamagedFileIsReportedAndLeftAsItIs(damage: Damage) async throws {
        let box = try await Self.populated()
        #expect(try box.sqlite("SELECT rootpage FROM sqlite_master WHERE name = 'staff'") == "2")
        try damage.apply(to: box.database)
        let before = FileBytes(box.database)

        var refusals = 0
        for command in [["entries"], Self.logArguments, ["db", "check"]] {
            let result = try box.run(command)
            // Never a crash (a signal), never a silent success of a write.
            #expect(result.status == 0 || result.status == 1, "\(command): \(result.output)")
            if command == Self.logArguments { #expect(result.status == 1, "\(result.output)") }
            if result.status == 1 {
                refusals += 1
                let said = result.stderr
                #expect(said.contains("damaged") || said.contains("not a socialtime database") || said.contains("failed its integrity check"),
                        "\(command): \(said)")
            }
        }
        #expect(refusals >= 2)
        #expect(FileBytes(box.database) == before)
    }
}
