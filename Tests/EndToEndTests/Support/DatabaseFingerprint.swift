import Foundation
import Testing

/// The logical content of a database, read by the `sqlite3` CLI or `psql`: the entry count and the whole
/// `.dump`. Comparing two fingerprints proves a refused command wrote nothing, not even to
/// another table (staff registered, audit rows, settings).
struct DatabaseFingerprint: Equatable, CustomStringConvertible {
    let entries: Int
    let dump: String

    init(_ box: Sandbox) throws {
        entries = try box.entryCount()
        // A file's `.dump`; a PostgreSQL database's every row of every table (without sequences,
        // which PostgreSQL does not roll back: see `ScratchDatabase.dump`).
        dump = try box.scratch?.dump() ?? box.sqlite(".dump")
    }

    var description: String { "\(entries) entries, .dump of \(dump.utf8.count) bytes" }
}

/// The bytes of the database file and its WAL/shared-memory companions, for tests that must show a
/// file was not touched at all (read-only, not a database, newer schema, damaged).
struct FileBytes: Equatable {
    let main: Data?
    let wal: Data?

    init(_ path: String) {
        main = FileManager.default.contents(atPath: path)
        wal = FileManager.default.contents(atPath: path + "-wal")
    }
}

extension Sandbox {
    /// The entry count of another database file than the sandbox's own.
    func entryCount(database: String) throws -> Int {
        Int(try sqlite("SELECT count(*) FROM entries", database: database)) ?? -1
    }
}

extension RunResult {
    /// Whether any output mentions a lock or a busy database, which no user should ever see.
    var mentionsLocking: Bool {
        let text = output.lowercased()
        return text.contains("locked") || text.contains("busy")
    }
}
