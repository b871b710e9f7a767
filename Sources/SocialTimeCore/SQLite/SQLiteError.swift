import CSQLite

/// An error reported by the SQLite C library, with SQLite's own specific message
/// (`sqlite3_errmsg`, e.g. "no such table: x") rather than the generic one for the code.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The extended result code (e.g. SQLITE_BUSY_SNAPSHOT, SQLITE_CONSTRAINT_CHECK).
    public let extendedCode: Int32
    public let message: String

    /// The primary result code: the low byte of the extended one.
    public var code: Int32 { extendedCode & 0xFF }

    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    public var isReadOnly: Bool { code == SQLITE_READONLY || code == SQLITE_CANTOPEN && message.contains("readonly") }
    public var isNotADatabase: Bool { code == SQLITE_NOTADB }
    public var isCorrupt: Bool { code == SQLITE_CORRUPT }
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }

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
