#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SocialTimeCore

/// What a SQLite store checks about the file at `--db` before and just after SQLite opens it:
/// where it may be created and with which mode, whether it may be read as immutable, and whether
/// it is ours at all. Pure file-system and read-only SQL, so any SQLite store can call it:
///
///     try DatabaseFile.refuseDanglingLink(path)
///     if !exists { try DatabaseFile.createPrivately(path) }
///     let immutable = readOnly && DatabaseFile.nobodyCanWrite(path) && walIsEmpty
///     … open …
///     try DatabaseFile.requireUsable(DatabaseFile.classify(connection), path: path)  // before any write
public enum DatabaseFile {
    /// What a file that SQLite opened holds.
    public enum Kind: Equatable, Sendable {
        /// No tables and `user_version` 0: a new (or 0-byte) file, ready to be set up.
        case empty
        /// socialtime's schema at this version (1 … what this build knows).
        case socialtime(version: Int)
        /// socialtime's schema from a newer socialtime.
        case newer(version: Int)
        /// Tables that are not socialtime's: another program's database (a browser's history …).
        case foreign(tables: [String])
    }

    /// Tables every version of socialtime's schema has: a file with `user_version` > 0 but without
    /// them is someone else's database that happens to use `user_version` too.
    static let signatureTables: Set<String> = ["staff", "entries"]

    /// A symbolic link at `--db` that points nowhere: SQLite would follow it and create a database
    /// at its target — perhaps in a folder nobody meant. Refused, and nothing is created.
    public static func refuseDanglingLink(_ path: String) throws(SocialTimeError) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return }
        var target = stat()
        if stat(path, &target) != 0 {
            throw .failure("\(path) is a symbolic link to a file that does not exist: point it at the database, or pass the database's own path to --db; nothing was created")
        }
    }

    /// Creates the folders (0700) and an empty database file (0600) whatever the umask, before
    /// SQLite opens it. SQLite itself would create the file 0644 minus the umask — world-readable
    /// under the usual 022 — and gives its `-wal` and `-shm` the main file's mode, so making the
    /// main file private first makes all three private. (Changing the umask around the open would
    /// touch process-wide state; a file created here with O_EXCL does not.) An existing file is
    /// left alone: sharing a database with a group (0660) is a deliberate act.
    public static func createPrivately(_ path: String) throws(SocialTimeError) {
        try FileSystem.createDirectories(FileSystem.directory(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }  // another process created it first: theirs is as good
            throw .failure("cannot create the database \(path): \(FileSystem.errorText()) (is its folder missing or unwritable?)")
        }
        // The umask may have narrowed 0600 further (077 is fine, but 0600 is what we promise).
        fchmod(fd, 0o600)
        close(fd)
    }

    /// Whether no one at all may write the file (no write bit for owner, group or others). Only
    /// then may SQLite read it as `immutable=1` — without locks: on a group-writable shared
    /// database, where colleagues write while we read, skipping the locks could show a torn file.
    public static func nobodyCanWrite(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & 0o222 == 0
    }

    /// Whether a read-only command has a database to read: a missing or 0-byte file is not one,
    /// and opening it would turn it into an empty database (`db check` on a failed backup did).
    public static func requireExisting(_ path: String) throws(SocialTimeError) {
        guard let size = FileSystem.size(path) else {
            throw .noDatabase("no database at \(path): check the path (nothing was created)")
        }
        if size == 0 && FileSystem.isRegularFile(path) {
            throw .failure("\(path) is an empty file, not a database: check the path, or restore it from a backup (nothing was written to it)")
        }
    }

    /// Reads, and only reads, what the file holds. Run it before the first write of a session
    /// (`PRAGMA foreign_keys`, the switch to WAL, migrations), so a foreign file is never touched.
    ///
    /// The version and the tables are read by one statement, so from one snapshot: read apart,
    /// a process could see version 0 before another's set-up committed and its tables after, and
    /// call a brand-new socialtime file "another program's" (8 of 800 first `log`s on a new file).
    public static func classify(_ connection: Connection, knownVersion: Int) throws(SQLiteError) -> Kind {
        var version = 0
        var tables: [String] = []
        try connection.forEachRow("""
            SELECT v.user_version, m.name FROM pragma_user_version AS v
            LEFT JOIN sqlite_master AS m ON m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
            ORDER BY m.name
            """) { row in
            version = row.optionalInt(0) ?? 0
            if let name = row.optionalText(1) { tables.append(name) }
        }
        return classify(version: version, tables: tables, knownVersion: knownVersion)
    }

    /// The decision itself, values in and out.
    public static func classify(version: Int, tables: [String], knownVersion: Int) -> Kind {
        let hasSignature = signatureTables.isSubset(of: Set(tables))
        if version == 0 {
            return tables.isEmpty ? .empty : .foreign(tables: tables)
        }
        guard hasSignature else { return .foreign(tables: tables) }
        return version > knownVersion ? .newer(version: version) : .socialtime(version: version)
    }

    /// Refuses what must not be opened for writing or migrated, with a message that says so.
    public static func requireUsable(_ kind: Kind, path: String, knownVersion: Int) throws(SocialTimeError) {
        switch kind {
        case .empty, .socialtime: return
        case .newer(let version):
            throw .failure("\(path) was written by a newer socialtime (schema version \(version); this one knows up to \(knownVersion)): upgrade socialtime; the file was left untouched")
        case .foreign(let tables):
            let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
            throw .failure("\(path) is another program's SQLite database (tables: \(shown)), not a socialtime database: pass the path of a socialtime database to --db; the file was left untouched")
        }
    }
}

extension Connection {
    /// The first column of the first row as an integer, with SQLite's own error type.
    func scalarIntTyped(_ sql: String) throws(SQLiteError) -> Int? {
        let statement = try prepare(sql)
        try statement.bind([])
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.currentRow.optionalInt(0)
    }

    /// The first column of the first row as text, with SQLite's own error type.
    func firstTextTyped(_ sql: String) throws(SQLiteError) -> String? {
        let statement = try prepare(sql)
        try statement.bind([])
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return statement.currentRow.optionalText(0)
    }

    /// Calls `body` with every row.
    func forEachRow(_ sql: String, _ body: (Row) -> Void) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind([])
        defer { statement.reset() }
        while try statement.step() { body(statement.currentRow) }
    }

    /// Calls `body` with the first column of every row as text.
    func forEachText(_ sql: String, _ body: (String) -> Void) throws(SQLiteError) {
        let statement = try prepare(sql)
        try statement.bind([])
        defer { statement.reset() }
        while try statement.step() { body(statement.currentRow.text(0)) }
    }
}
