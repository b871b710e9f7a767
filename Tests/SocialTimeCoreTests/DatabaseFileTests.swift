import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct DatabaseFileTests {
    let folder = NSTemporaryDirectory() + "socialtime-dbfile-\(UUID().uuidString)"
    let clock = Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00")

    func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    /// A new database's -wal and -shm take the main file's mode (SQLite copies it), so making the
    /// main file 0600 before SQLite opens it makes all three private. (Umask 000 and 022 for the
    /// whole process are checked by DatabaseFilesEndToEndTests; the umask is process-wide.)
    @Test func aNewDatabaseItsJournalFilesAndFoldersArePrivate() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/a/b/socialtime.db"
        let store = try SQLiteStore(path: path)
        try store.db.writeTransaction { try store.db.execute("UPDATE settings SET value = value WHERE 0") }
        #expect(mode(path) == 0o600)
        #expect(mode(path + "-wal") == 0o600)
        #expect(mode(path + "-shm") == 0o600)
        #expect(mode(folder + "/a") == 0o700)
        #expect(mode(folder + "/a/b") == 0o700)
    }

    /// A dangling symlink at --db was followed and a database created at its target.
    @Test func aDanglingLinkIsRefusedAndNothingIsCreated() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let link = folder + "/socialtime.db"
        #expect(symlink(folder + "/elsewhere/real.db", link) == 0)
        let error = socialTimeError { _ = try SQLiteStore(path: link) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: folder + "/elsewhere"))
    }

    /// Another program's SQLite file got socialtime's tables, WAL mode and user_version 1.
    @Test(arguments: [false, true])
    func anotherProgramsDatabaseIsRefusedAndLeftByteIdentical(readOnly: Bool) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/places.sqlite"
        do {
            let other = try Connection(path: path)
            try other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places(url) VALUES ('https://example.com')")
        }
        if readOnly { chmod(path, 0o444) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = socialTimeError { _ = try SQLiteStore(path: path) }
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("another program's SQLite database") == true, "\(error?.message ?? "")")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func classification() {
        #expect(DatabaseFile.classify(version: 0, tables: [], knownVersion: 1) == .empty)
        #expect(DatabaseFile.classify(version: 0, tables: ["moz_places"], knownVersion: 1) == .foreign(tables: ["moz_places"]))
        #expect(DatabaseFile.classify(version: 1, tables: ["entries", "staff", "x"], knownVersion: 1) == .socialtime(version: 1))
        #expect(DatabaseFile.classify(version: 7, tables: ["entries", "staff"], knownVersion: 1) == .newer(version: 7))
        #expect(DatabaseFile.classify(version: 7, tables: ["cookies"], knownVersion: 1) == .foreign(tables: ["cookies"]))
        #expect(DatabaseFile.classify(version: 1, tables: [], knownVersion: 1) == .foreign(tables: []))
    }

    /// immutable=1 was used for any file this user cannot write; on a group-writable shared
    /// database, where others write, a reader could see a torn file.
    @Test func onlyAFileNobodyCanWriteIsImmutable() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/shared.db"
        FileManager.default.createFile(atPath: path, contents: nil)
        for (permissions, expected) in [(mode_t(0o444), true), (0o464, false), (0o446, false), (0o644, false), (0o400, true)] {
            chmod(path, permissions)
            #expect(DatabaseFile.nobodyCanWrite(path) == expected, "\(String(permissions, radix: 8))")
        }
    }

    @Test func aMissingOrEmptyFileIsNotADatabaseToRead() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(socialTimeError { try DatabaseFile.requireExisting(folder + "/missing.db") } != nil)
        let empty = folder + "/empty.db"
        FileManager.default.createFile(atPath: empty, contents: nil)
        #expect(socialTimeError { try DatabaseFile.requireExisting(empty) }?.message.contains("empty file") == true)
        #expect(FileSystem.size(empty) == 0)
    }
}
