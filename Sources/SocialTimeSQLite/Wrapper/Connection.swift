import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SocialTimeCore

/// One connection to a SQLite database file: our thin wrapper over the C API.
///
/// Not thread-safe; the command-line tool uses one connection on one thread.
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    public let isReadOnly: Bool
    private var statementCache: [String: Statement] = [:]

    /// How long one attempt waits on another writer's lock before SQLite gives up.
    public static let defaultBusyTimeoutMilliseconds: Int32 = 5_000
    public let busyTimeoutMilliseconds: Int32

    /// Opens (and, when `create`, creates) the file. Nothing is written by opening.
    ///
    /// `immutable` (read-only only) promises SQLite that nobody changes the file while it is open,
    /// so it takes no locks and creates no `-wal`/`-shm` companions. A reader of a WAL file otherwise
    /// creates them with the file's own read-only mode, and a `-shm` left read-only makes every later
    /// write fail ("attempt to write a readonly database") even after the file is made writable again.
    public init(path: String, readOnly: Bool = false, create: Bool = true, immutable: Bool = false,
                busyTimeoutMilliseconds: Int32 = Connection.defaultBusyTimeoutMilliseconds,
                onLockWait: (@Sendable () -> Void)? = nil) throws(SQLiteError) {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        var opened: OpaquePointer?
        let fileName: String
        if readOnly && immutable {
            flags |= SQLITE_OPEN_URI
            fileName = Self.uri(path) + "?immutable=1"
        } else {
            // Debian's libsqlite3 reads names beginning with "file:" as URIs (SQLITE_USE_URI), so
            // `--db 'file:x?mode=memory'` would not be the file it names; "./" keeps it a plain path.
            fileName = path.hasPrefix("file:") ? "./" + path : path
        }
        let rc = sqlite3_open_v2(fileName, &opened, flags, nil)
        guard rc == SQLITE_OK, let opened else {
            let error = SQLiteError(code: rc, connection: opened)
            sqlite3_close_v2(opened)
            throw error
        }
        handle = opened
        self.path = path
        self.isReadOnly = readOnly
        // Waits instead of failing at once when another process holds the write lock.
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        busyWait = BusyWait(timeoutMilliseconds: Int(busyTimeoutMilliseconds), onLongWait: onLockWait)
        // SQLite's own busy timeout, with a hook: after a second of waiting `onLockWait` is called
        // once (the command says "waiting for …" on a terminal instead of a silent wait).
        sqlite3_busy_handler(handle, { context, count in
            guard let context else { return 0 }
            return Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue().shouldRetry(count: Int(count))
        }, Unmanaged.passUnretained(busyWait).toOpaque())
    }

    /// The state of the busy handler: when this wait began, and whether it was announced.
    private let busyWait: BusyWait

    final class BusyWait {
        let timeoutMilliseconds: Int
        let onLongWait: (@Sendable () -> Void)?
        private var started = 0
        private var announced = false
        /// SQLite's own sleeps (sqliteDefaultBusyCallback), then 100 ms at a time.
        private static let delays = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]

        init(timeoutMilliseconds: Int, onLongWait: (@Sendable () -> Void)?) {
            self.timeoutMilliseconds = timeoutMilliseconds
            self.onLongWait = onLongWait
        }

        static func nowMilliseconds() -> Int {
            var time = timespec()
            clock_gettime(CLOCK_MONOTONIC, &time)
            return time.tv_sec * 1000 + time.tv_nsec / 1_000_000
        }

        /// 1 to wait and try again, 0 to give up (SQLITE_BUSY) once the timeout has passed.
        func shouldRetry(count: Int) -> Int32 {
            let now = Self.nowMilliseconds()
            if count == 0 { started = now }
            let waited = now - started
            if waited >= timeoutMilliseconds { return 0 }
            if waited >= 1000, !announced, let onLongWait {
                announced = true
                onLongWait()
            }
            let delay = min(count < Self.delays.count ? Self.delays[count] : 100, timeoutMilliseconds - waited)
            usleep(UInt32(max(delay, 1)) * 1000)
            return 1
        }
    }

    /// The owner (uid) of the file this connection has open, from `fstat` of SQLite's own
    /// descriptor: the file actually opened, not whatever the path names by now. Nil when the
    /// descriptor cannot be had or is not a regular file (then nobody is taken for the owner).
    public var openedFileOwner: UInt32? {
        let fd = socialtime_sqlite_main_fd(handle)
        guard fd >= 0, fcntl(fd, F_GETFD) >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info.st_uid
    }

    /// A `file:` URI for a path: `%`, `?` and `#` escaped; an absolute path gets an empty authority.
    static func uri(_ path: String) -> String {
        var escaped = ""
        for character in path {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3F"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return path.hasPrefix("/") ? "file://" + escaped : "file:" + escaped
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that take no parameters.
    public func execute(_ sql: String) throws(SQLiteError) {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else {
            throw SQLiteError(code: sqlite3_extended_errcode(handle), connection: handle)
        }
    }

    /// A prepared statement for `sql`, reused across calls: hot paths (import, export) prepare once.
    /// A cached statement that is still stepping (a query of the same SQL inside its own row loop)
    /// is not handed out again — rebinding it would reset the outer loop — so a fresh one is
    /// prepared for the nested use, and dropped after it.
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = statementCache[sql] {
            if !cached.isBusy { return cached }
            return try Statement(database: handle, sql: sql)
        }
        let statement = try Statement(database: handle, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs a statement that returns no rows.
    public func run(_ sql: String, _ values: [SQLBindable] = []) throws(SQLiteError) {
        try prepare(sql).run(values)
    }

    /// The first column of the first row as an integer, or nil.
    public func scalarInt(_ sql: String, _ values: [SQLBindable] = []) throws -> Int? {
        try prepare(sql).firstRow(values) { $0.optionalInt(0) } ?? nil
    }

    public func scalarText(_ sql: String, _ values: [SQLBindable] = []) throws -> String? {
        try prepare(sql).firstRow(values) { $0.optionalText(0) } ?? nil
    }

    public var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }
    public var changes: Int { Int(sqlite3_changes(handle)) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How often a write transaction is retried after SQLite's busy timeout ran out.
    public static let writeAttempts = 6

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction, taking the write lock up front: a deferred
    /// transaction that later upgrades to a write can fail with SQLITE_BUSY no timeout can save.
    /// When the lock cannot be had, retries a bounded number of times before throwing busy.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try beginImmediate()
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            // SQLITE_FULL, IOERR or BUSY may already have rolled back: check before rolling back,
            // and keep the first error, which says what went wrong.
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    func beginImmediate() throws(SQLiteError) {
        for attempt in 1... {
            let rc = sqlite3_exec(handle, "BEGIN IMMEDIATE", nil, nil, nil)
            if rc == SQLITE_OK { return }
            let error = SQLiteError(code: sqlite3_extended_errcode(handle), connection: handle)
            guard error.isBusy, attempt < Self.writeAttempts else { throw error }
            // Jitter, so that writers that timed out together do not collide again.
            usleep(UInt32.random(in: 20_000...120_000))
        }
    }

    /// Puts the file in write-ahead-log mode unless it already is (the mode is stored in the file).
    /// The switch needs an exclusive lock, and SQLite answers SQLITE_BUSY at once instead of calling
    /// the busy handler when other connections hold theirs — as when many processes open a new file
    /// together — so it is retried with jitter, re-reading the mode, which another process may have
    /// switched meanwhile.
    public func enableWriteAheadLog() throws(SQLiteError) {
        var attempt = 0
        while true {
            attempt += 1
            do throws(SQLiteError) {
                if try journalMode() == "wal" { return }
                let mode = try Statement(database: handle, sql: "PRAGMA journal_mode = WAL").firstText()
                if mode?.lowercased() == "wal" { return }
                throw SQLiteError(code: SQLITE_ERROR, message: "the journal mode stayed \(mode ?? "unknown") instead of wal")
            } catch {
                guard error.isBusy, attempt < Self.journalModeAttempts else { throw error }
                usleep(UInt32.random(in: 5_000...50_000))
            }
        }
    }

    /// How often the switch to WAL is tried: together at most about the busy timeout.
    static let journalModeAttempts = 200

    private func journalMode() throws(SQLiteError) -> String? {
        try Statement(database: handle, sql: "PRAGMA journal_mode").firstText()?.lowercased()
    }

    /// Runs `body` in a read transaction, so that it sees one consistent snapshot. Inside a
    /// transaction already, it joins it: reads compose (an export's several queries share one).
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if isInTransaction { return try body() }
        try execute("BEGIN DEFERRED")
        defer { if isInTransaction { try? execute("COMMIT") } }
        return try body()
    }

    /// Copies the whole database into the (new, empty) file `destination` with SQLite's online
    /// backup API in ONE step: the copy is one read transaction, and in WAL mode writers go on
    /// meanwhile. Copying a few pages at a time, as before, restarts whenever another connection
    /// writes, so a large backup under steady logging might never finish. Busy is retried.
    public func backup(to destination: String) throws(SQLiteError) {
        let target = try Connection(path: destination, create: false)
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw SQLiteError(code: sqlite3_extended_errcode(target.handle), connection: target.handle)
        }
        var rc: Int32
        var waited: Int32 = 0
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED {
                sqlite3_sleep(50)
                waited += 50
            }
        } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited < busyTimeoutMilliseconds * Int32(Self.writeAttempts)
        sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            throw SQLiteError(code: rc == SQLITE_OK ? SQLITE_BUSY : rc, connection: target.handle)
        }
    }
}
