import SocialTimeCore

/// The SQLite implementation of `DataStore`: one file serves a company on one machine.
///
/// One connection, used by one task at a time (a command runs its transactions one after the
/// other), which is why it may be `@unchecked Sendable`.
public final class SQLiteStore: DataStore, @unchecked Sendable {
    let db: Connection
    public let path: String

    /// Opens the database at `path` and migrates it forward. When the file is missing it is
    /// created (with its folders) only if `create`; otherwise `.noDatabase` names the path and
    /// `source`, where it came from (`--db`, `$SOCIALTIME_DB`, the default). A file that is not a
    /// database, a database from a newer socialtime, or one that needs migrating but is read-only
    /// is refused before anything is written to it.
    public init(path: String, create: Bool = true, source: String = "--db",
                busyTimeoutMilliseconds: Int32 = Connection.defaultBusyTimeoutMilliseconds,
                onLockWait: (@Sendable () -> Void)? = nil) throws(SocialTimeError) {
        self.path = path
        try DatabaseFile.refuseDanglingLink(path)
        let existed = FileSystem.exists(path)
        if !existed && !create {
            throw .noDatabase("no database at \(path) (from \(source)); nothing was created. Check the path, or log an entry to start one")
        }
        if existed && FileSystem.isDirectory(path) {
            throw .failure("\(path) is a folder, not a database file: pass the path of a file to --db")
        }
        // /dev/null would swallow every entry (and root would get -wal/-shm files in /dev); a pipe
        // would hang the command.
        if existed && !FileSystem.isRegularFile(path) {
            throw .failure("\(path) is not a regular file (a device, pipe or socket), so it cannot hold a database: pass the path of a file to --db")
        }
        if !existed {
            try DatabaseFile.createPrivately(path)
        } else if !create {
            // A command that only reads must not turn an empty file (a failed copy) into a database.
            try DatabaseFile.requireExisting(path)
        }
        let readOnly = existed && !FileSystem.isWritableFile(path)
        // A read-only file with no pending write-ahead log is read as immutable: nothing of ours can
        // write to it (see `isWritableFile`), and so no read-only `-shm` is left behind to break
        // writes once the file is writable again. A non-empty WAL (a writer crashed) must be read.
        let immutable = readOnly && DatabaseFile.nobodyCanWrite(path) && FileSystem.size(path + "-wal") ?? 0 == 0
        do {
            db = try Connection(path: path, readOnly: readOnly, immutable: immutable,
                                busyTimeoutMilliseconds: busyTimeoutMilliseconds, onLockWait: onLockWait)
        } catch {
            throw Self.openFailure(error, path: path)
        }
        try prepareSchema()
    }

    /// Who owns the database file this store has open (`Connection.openedFileOwner`).
    public var fileOwnerID: UInt32? { db.openedFileOwner }

    private func prepareSchema() throws(SocialTimeError) {
        let version: Int
        do {
            // The first read of the file: a text file or a damaged header fails here, before any write.
            let kind = try DatabaseFile.classify(db, knownVersion: Schema.currentVersion)
            try DatabaseFile.requireUsable(kind, path: path, knownVersion: Schema.currentVersion)
            if case .socialtime(let known) = kind { version = known } else { version = 0 }
        } catch {
            throw Self.openFailure(error, path: path)
        }
        if db.isReadOnly {
            guard version == Schema.currentVersion else {
                throw .failure("\(path) is read-only and needs \(version == 0 ? "setting up" : "upgrading to schema version \(Schema.currentVersion)"): make it writable first")
            }
            return
        }
        do {
            try db.execute("PRAGMA foreign_keys = ON")
            try db.enableWriteAheadLog()
            if version < Schema.currentVersion { try migrate() }
        } catch {
            throw mapped(error)
        }
    }

    /// Applies every missing migration in one write transaction. The version is read again inside
    /// it, because another process may have migrated the file while we waited for the lock.
    ///
    /// Foreign keys are off while it runs (a table that others refer to is rebuilt by creating a
    /// new one and dropping the old, which they would refuse; PRAGMA foreign_keys cannot change
    /// inside a transaction) and checked with `foreign_key_check` before the commit.
    private func migrate() throws {
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { try? db.execute("PRAGMA foreign_keys = ON") }
        try db.writeTransaction {
            let version = try db.scalarInt("PRAGMA user_version") ?? 0
            guard version < Schema.currentVersion else { return }
            for migration in Schema.migrations[version...] { try db.execute(migration) }
            if version == 0 { try seedCatalogues() } else if version < Self.aliasesSeededFrom { try addMissingAliases() }
            if try db.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") ?? 0 > 0 {
                throw SocialTimeError.failure("\(path) has rows that refer to missing rows (PRAGMA foreign_key_check): the upgrade was not made; run `socialtime db check`")
            }
            // PRAGMA takes no bound parameters; the value is our own integer.
            try db.execute("PRAGMA user_version = \(Schema.currentVersion)")
        }
    }

    /// The schema version whose new databases are seeded with `li`, `in`, `tt` …: an older file
    /// gets them once, as it is migrated to it — not read again at every start.
    private static let aliasesSeededFrom = 4

    /// The seeded aliases an older database lacks (inside the migration's transaction).
    private func addMissingAliases() throws {
        func missing() throws -> [(alias: String, network: String)] {
            var keys: Set<String> = [], taken: Set<String> = []
            try db.prepare("SELECT key, 1 FROM networks UNION ALL SELECT alias, 0 FROM network_aliases").forEachRow { row in
                let name = row.text(0)
                taken.insert(name)
                if row.int(1) == 1 { keys.insert(name) }
            }
            return StoreSeed.missingAliases(networkKeys: keys, taken: taken)
        }
        for (alias, network) in try missing() {
            try db.run("INSERT INTO network_aliases(alias, network_id) SELECT ?, id FROM networks WHERE key = ?", [alias, network])
        }
    }

    private func seedCatalogues() throws {
        for network in StoreSeed.networks {
            try db.run("INSERT INTO networks(key, name) VALUES (?, ?)", [network.key, network.name])
            let id = db.lastInsertRowID
            for alias in network.aliases {
                try db.run("INSERT INTO network_aliases(alias, network_id) VALUES (?, ?)", [alias, id])
            }
        }
        for outcome in StoreSeed.outcomes {
            try db.run("INSERT INTO outcomes(key, description, unit) VALUES (?, ?, ?)",
                       [outcome.key, outcome.description, outcome.unit])
        }
    }

    public var schemaVersion: Int { (try? db.scalarInt("PRAGMA user_version")) ?? 0 }
    public var isReadOnly: Bool { db.isReadOnly }

    // MARK: - Transactions with errors people can act on

    public var location: String { path }
    public var maintenance: (any StoreMaintenance)? { SQLiteMaintenance(store: self) }
    public func connectedRole() async throws -> StoreRole? { nil }

    /// A `BEGIN IMMEDIATE` transaction (retried while another writer holds the lock); SQLite's
    /// errors become `SocialTimeError`s that say what to do. The first error is kept: SQLITE_FULL,
    /// IOERR or BUSY may already have rolled back, so rollback only when still in a transaction.
    public func write<T>(_ body: (any WriteTransaction) async throws -> T) async throws -> T {
        guard !db.isReadOnly else {
            throw SocialTimeError.failure("\(path) is read-only: nothing was changed (reading still works)")
        }
        do {
            try db.beginImmediate()
        } catch {
            throw mapped(error)
        }
        do {
            let value = try await body(SQLiteTransaction(db: db))
            try db.execute("COMMIT")
            return value
        } catch {
            if db.isInTransaction { try? db.execute("ROLLBACK") }
            throw mapped(error)
        }
    }

    /// A read in one consistent snapshot.
    public func read<T>(_ body: (any ReadTransaction) async throws -> T) async throws -> T {
        do {
            try db.execute("BEGIN DEFERRED")
        } catch {
            throw mapped(error)
        }
        do {
            let value = try await body(SQLiteTransaction(db: db))
            if db.isInTransaction { try db.execute("COMMIT") }
            return value
        } catch {
            if db.isInTransaction { try? db.execute("ROLLBACK") }
            throw mapped(error)
        }
    }

    func mapped(_ error: any Error) -> SocialTimeError {
        Self.mapped(error, path: path, waitedMilliseconds: Int(db.busyTimeoutMilliseconds) * Connection.writeAttempts)
    }

    static func mapped(_ error: any Error, path: String, waitedMilliseconds: Int = 0) -> SocialTimeError {
        if let error = error as? SocialTimeError { return error }
        guard let error = error as? SQLiteError else { return .failure("\(error)") }
        if error.isBusy {
            return .busy("the database \(path) stayed busy with other writers for \(waitedMilliseconds / 1000) seconds; nothing was changed: try again")
        }
        if error.isReadOnlyDatabase {
            return .failure("\(path) cannot be written (\(error.message)): nothing was changed")
        }
        if error.isCorrupt || error.isNotADatabase {
            return .failure("\(path) is damaged or not a socialtime database (\(error.message)): restore it from a backup (socialtime db backup makes one)")
        }
        if error.isFull {
            return .failure("the disk holding \(path) is full: nothing was changed")
        }
        if error.isTriggerRefusal {
            // A rule the schema holds (as PostgreSQL's CHECKs do, which that store reports alike).
            return .invalidInput("\(error.message); nothing was changed")
        }
        return .failure("database error in \(path): \(error.message)")
    }

    private static func openFailure(_ error: any Error, path: String) -> SocialTimeError {
        if let sqlite = error as? SQLiteError, sqlite.isNotADatabase {
            return .failure("\(path) is not a socialtime database (SQLite says: \(sqlite.message)); the file was left untouched")
        }
        if let sqlite = error as? SQLiteError, sqlite.isCannotOpen {
            return .failure("cannot open the database \(path): \(sqlite.message) (is its folder missing or unwritable?)")
        }
        return mapped(error, path: path)
    }
}
