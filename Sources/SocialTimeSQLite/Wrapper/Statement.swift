import CSQLite
import SocialTimeCore

/// SQLite copies bound text at once; Swift does not import the C macro, so it is spelled here.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Finalized when released, so an early `throw` cannot leak it.
public final class Statement {
    private let handle: OpaquePointer
    /// The connection's raw handle, for error messages. Not the `Connection` itself: it caches its
    /// statements, and a strong reference back would keep both alive and the file never closed.
    private let database: OpaquePointer

    init(database: OpaquePointer, sql: String) throws(SQLiteError) {
        self.database = database
        var prepared: OpaquePointer?
        let rc = sqlite3_prepare_v2(database, sql, -1, &prepared, nil)
        guard rc == SQLITE_OK, let prepared else {
            throw SQLiteError(code: rc, connection: database)
        }
        handle = prepared
    }

    deinit { sqlite3_finalize(handle) }

    /// Ends a run early (or after it), so the statement is free for its next use.
    func reset() { sqlite3_reset(handle) }

    /// The row the last `step()` stopped at.
    var currentRow: Row { Row(handle: handle) }

    /// Whether the statement has stepped and not yet been reset or finished: in use by a row loop.
    public var isBusy: Bool { sqlite3_stmt_busy(handle) != 0 }

    /// Clears earlier bindings and binds `values` to the parameters `?1 … ?n` in order.
    @discardableResult
    public func bind(_ values: [SQLBindable]) throws(SQLiteError) -> Statement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value.sqlValue {
            case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v): rc = sqlite3_bind_double(handle, index, v)
            case .text(let v): rc = sqlite3_bind_text(handle, index, v, -1, SQLITE_TRANSIENT)
            case .null: rc = sqlite3_bind_null(handle, index)
            }
            guard rc == SQLITE_OK else { throw SQLiteError(code: rc, connection: database) }
        }
        return self
    }

    /// Advances to the next row; false when the statement is done.
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = SQLiteError(code: sqlite3_extended_errcode(database), connection: database)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows.
    public func run(_ values: [SQLBindable] = []) throws(SQLiteError) {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    /// Calls `body` for every row.
    public func forEachRow(_ values: [SQLBindable] = [], _ body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { try body(Row(handle: handle)) }
    }

    /// Collects every row through `transform`.
    public func rows<T>(_ values: [SQLBindable] = [], _ transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try transform($0)) }
        return result
    }

    /// The first column of the first row as text, or nil (for PRAGMAs that answer with one value).
    func firstText() throws(SQLiteError) -> String? {
        try bind([])
        defer { sqlite3_reset(handle) }
        guard try step() else { return nil }
        return Row(handle: handle).optionalText(0)
    }

    /// The first row through `transform`, or nil when there is none.
    public func firstRow<T>(_ values: [SQLBindable] = [], _ transform: (Row) throws -> T) throws -> T? {
        try bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? transform(Row(handle: handle)) : nil
    }
}

/// The current row of a statement; valid only inside the closure it is handed to.
public struct Row {
    fileprivate let handle: OpaquePointer

    public func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    public func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    public func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : int(column)
    }

    /// Text of a column; "" for NULL (`sqlite3_column_text` returns nil for NULL).
    public func text(_ column: Int32) -> String {
        optionalText(column) ?? ""
    }

    public func optionalText(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The raw UTF-8 bytes of a text column, for writers that stream without building Strings.
    public func withUTF8<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_text(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }
}
