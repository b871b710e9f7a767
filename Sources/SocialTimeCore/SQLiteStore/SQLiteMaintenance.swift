/// What `db check` found.
public struct HealthReport: Sendable, CustomStringConvertible {
    public let path: String
    public let schemaVersion: Int
    public let journalMode: String
    public let integrity: [String]
    public let foreignKeyProblems: Int
    public let staff: Int
    public let entries: Int

    public var isHealthy: Bool { integrity == ["ok"] && foreignKeyProblems == 0 }

    public var description: String {
        """
        database:       \(path)
        schema version: \(schemaVersion)
        journal mode:   \(journalMode)
        integrity:      \(integrity.joined(separator: "; "))
        foreign keys:   \(foreignKeyProblems == 0 ? "ok" : "\(foreignKeyProblems) broken references")
        staff:          \(staff)
        entries:        \(entries)
        """
    }
}

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

    /// An online copy through SQLite's backup API, consistent even while others write.
    func backup(to destination: String) async throws {
        // SQLite opens "" as a private temporary database, deleted at once: the backup would be lost.
        guard !destination.trimmingWhitespace().isEmpty else {
            throw SocialTimeError.invalidInput("the backup file name is empty: give the path of a new file")
        }
        _ = try DatabaseLocation.checked(destination, source: "the backup file")
        guard !FileSystem.exists(destination) else {
            throw SocialTimeError.invalidInput("\(destination) already exists: give a new file name (a backup never overwrites)")
        }
        try FileSystem.createDirectories(FileSystem.directory(of: destination))
        do {
            try db.backup(to: destination)
        } catch {
            throw SocialTimeError.failure("backup to \(destination) failed: \(error.message)")
        }
    }
}
