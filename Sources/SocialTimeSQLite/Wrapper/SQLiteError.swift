import CSQLite
import SocialTimeCore

/// An error reported by the SQLite C library, with SQLite's own specific message
/// (`sqlite3_errmsg`, e.g. "no such table: x") rather than the generic one for the code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (e.g. SQLITE_BUSY_SNAPSHOT, SQLITE_CONSTRAINT_CHECK).
    public let extendedCode: Int32
    public let message: String

    /// The primary result code: the low byte of the extended one.
    public var code: Int32 { extendedCode & 0xFF }

    // Result codes by their SQLite names, never bare numbers (`code == 8` is SQLITE_READONLY only
    // to someone who looks it up).

    /// SQLITE_BUSY or SQLITE_LOCKED: another connection holds a lock; worth retrying.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// SQLITE_READONLY, or SQLITE_CANTOPEN because a read-only file or folder stopped SQLite.
    public var isReadOnly: Bool { isReadOnlyDatabase || isCannotOpen && message.contains("readonly") }
    /// SQLITE_READONLY: a write to a database opened (or only permitted) read-only.
    public var isReadOnlyDatabase: Bool { code == SQLITE_READONLY }
    /// SQLITE_FULL: the disk (or a size limit) is full.
    public var isFull: Bool { code == SQLITE_FULL }
    /// SQLITE_CANTOPEN: the file or its folder could not be opened.
    public var isCannotOpen: Bool { code == SQLITE_CANTOPEN }
    /// SQLITE_IOERR: the operating system reported an I/O error.
    public var isIOError: Bool { code == SQLITE_IOERR }
    public var isNotADatabase: Bool { code == SQLITE_NOTADB }
    public var isCorrupt: Bool { code == SQLITE_CORRUPT }
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }
    /// SQLITE_CONSTRAINT_TRIGGER (`SQLITE_CONSTRAINT | 7 << 8`): a trigger's RAISE(ABORT, …)
    /// refused the write — a rule of the schema, as a CHECK is on PostgreSQL.
    public var isTriggerRefusal: Bool { extendedCode == SQLITE_CONSTRAINT | 7 << 8 }

    public var description: String { message }

    init(code: Int32, message: String) {
        self.extendedCode = code
        self.message = message
    }

    init(code: Int32, connection: OpaquePointer?) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            ?? String(cString: sqlite3_errstr(code))
        self.init(code: code, message: message)
    }
}
