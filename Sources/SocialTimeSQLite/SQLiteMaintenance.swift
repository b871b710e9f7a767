import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SocialTimeCore

/// `db check` and `db backup` on a SQLite file.
struct SQLiteMaintenance: StoreMaintenance {
    let store: SQLiteStore

    var db: Connection { store.db }
    var path: String { store.path }

    func check() async throws -> HealthReport {
        try await store.read { _ in
            var integrity: [String] = []
            try db.prepare("PRAGMA integrity_check").forEachRow { integrity.append($0.text(0)) }
            var foreignKeyProblems = 0
            try db.prepare("PRAGMA foreign_key_check").forEachRow { _ in foreignKeyProblems += 1 }
            return HealthReport(path: path, schemaVersion: try db.scalarInt("PRAGMA user_version") ?? 0,
                                journalMode: try db.scalarText("PRAGMA journal_mode") ?? "?",
                                integrity: integrity, foreignKeyProblems: foreignKeyProblems,
                                staff: try db.scalarInt("SELECT count(*) FROM staff") ?? 0,
                                entries: try db.scalarInt("SELECT count(*) FROM entries WHERE deleted = 0") ?? 0)
        }
    }

    /// An online copy through SQLite's backup API, consistent even while others write. The copy is
    /// made in a temporary file beside the destination (0600), checked, fsynced and then linked
    /// into place, so a failed or killed backup never leaves a partial or 0-byte file at the
    /// destination — one that would block every retry ("a backup never overwrites").
    func backup(to destination: String) async throws {
        // SQLite opens "" as a private temporary database, deleted at once: the backup would be lost.
        guard !destination.trimmingWhitespace().isEmpty else {
            throw SocialTimeError.invalidInput("the backup file name is empty: give the path of a new file")
        }
        _ = try DatabaseLocation.checked(destination, source: "the backup file")
        var info = stat()
        guard lstat(destination, &info) != 0 else {
            throw SocialTimeError.invalidInput("\(destination) already exists: give a new file name (a backup never overwrites)")
        }
        try FileSystem.createDirectories(FileSystem.directory(of: destination))
        let file = try AtomicFile(path: destination, mode: .createNew)
        guard let temporary = file.temporaryPath else { throw SocialTimeError.failure("cannot back up to \(destination): not a regular file") }
        do {
            try db.backup(to: temporary)
            // Every page arrived: the copy must be a whole database before it gets the name.
            // Read-write (it writes nothing), so that closing it removes any -wal/-shm it made.
            let result = try Connection(path: temporary, create: false).firstTextTyped("PRAGMA quick_check") ?? "?"
            guard result == "ok" else { throw SQLiteError(code: SQLITE_CORRUPT, message: "the copy failed its check: \(result)") }
        } catch {
            file.abandon()
            throw SocialTimeError.failure("backup to \(destination) failed: \(error); nothing was written there")
        }
        try file.commit()
    }

    /// SQLite's `secure_delete` is a setting of the connection: on, every cell and page a write
    /// frees is overwritten with zeros (in the page images written to the -wal too).
    func setSecureDelete(_ on: Bool) async throws {
        do {
            try db.execute("PRAGMA secure_delete = \(on ? "ON" : "OFF")")
        } catch {
            throw store.mapped(error)
        }
    }

    /// Older frames of the -wal still hold removed text, and so may free space that secure
    /// delete did not see: copy the log into the file and truncate it to nothing, rewrite the
    /// file with VACUUM (no free page, no stale byte), and truncate the log VACUUM wrote.
    func scrub() async throws -> Bool {
        do {
            guard try checkpoint() else { return false }
            try db.execute("VACUUM")
            return try checkpoint()
        } catch {
            throw store.mapped(error)
        }
    }

    /// `wal_checkpoint(TRUNCATE)`: true when every frame was copied and the log emptied (a reader
    /// still holding an old snapshot keeps it from finishing).
    private func checkpoint() throws -> Bool {
        try db.prepare("PRAGMA wal_checkpoint(TRUNCATE)").firstRow([]) { $0.int(0) == 0 } ?? false
    }
}
