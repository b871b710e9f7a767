import SocialTimeCore

/// `db copy` on a SQLite file: every table read and written column by column as stored, the
/// yes/no columns as SQLite's 0/1 integers.
extension SQLiteTransaction {
    /// Streams from a statement of its own, so a query inside `body` cannot reset this loop.
    func forEachRow(of table: CopyTable, _ body: (CopyRow) async throws -> Void) async throws {
        let columns = table.columns
        let names = columns.map(\.name).joined(separator: ", ")
        let statement = try Statement(database: db.handle, sql: "SELECT \(names) FROM \(table.name) ORDER BY \(table.key)")
        while try statement.step() {
            let row = statement.currentRow
            var values: [CopyValue] = []
            values.reserveCapacity(columns.count)
            for (index, column) in columns.enumerated() {
                let i = Int32(index)
                if row.isNull(i) {
                    values.append(.null)
                    continue
                }
                switch column.kind {
                case .integer: values.append(.integer(row.int(i)))
                case .text: values.append(.text(row.text(i)))
                case .boolean: values.append(.boolean(row.int(i) != 0))
                }
            }
            try await body(CopyRow(table: table, values: values))
        }
    }

    func deleteAllRows(of table: CopyTable) throws {
        try db.run("DELETE FROM \(table.name)")
    }

    func insertCopied(_ rows: [CopyRow]) throws {
        guard let table = rows.first?.table else { return }
        let columns = table.columns
        let sql = "INSERT INTO \(table.name)(\(columns.map(\.name).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        for row in rows {
            precondition(row.table == table && row.values.count == columns.count, "a copied row has its table's columns")
            try db.run(sql, row.values.map(\.sqlValue))
        }
    }

    /// Rowids continue from the largest one stored by themselves.
    func finishCopy() {}
}

extension CopyValue {
    var sqlValue: SQLValue {
        switch self {
        case .null: return .null
        case .integer(let value): return .integer(Int64(value))
        case .text(let value): return .text(value)
        case .boolean(let value): return .integer(value ? 1 : 0)
        }
    }
}
