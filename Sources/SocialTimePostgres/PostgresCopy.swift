import PostgresNIO
import SocialTimeCore

/// `db copy` on PostgreSQL: every table read and written column by column as stored, the
/// yes/no columns as `boolean`; ids inserted as given (the identity columns are `BY DEFAULT`)
/// and the sequences moved past them at the end.
extension PostgresTransaction {
    /// Rows come as the server sends them, with back-pressure: a million entries never sit in memory.
    func forEachRow(of table: CopyTable, _ body: (CopyRow) async throws -> Void) async throws {
        let columns = table.columns
        let names = columns.map(\.name).joined(separator: ", ")
        let query = PostgresQuery(unsafeSQL: "SELECT \(names) FROM \(PostgresSchema.schemaName).\(table.name) ORDER BY \(table.key)")
        try await db.forEachRow(query) { row in
            var values: [CopyValue] = []
            values.reserveCapacity(columns.count)
            for (cell, column) in zip(row, columns) {
                switch column.kind {
                case .integer: values.append(try cell.decode(Int?.self).map(CopyValue.integer) ?? .null)
                case .text: values.append(try cell.decode(String?.self).map(CopyValue.text) ?? .null)
                case .boolean: values.append(try cell.decode(Bool?.self).map(CopyValue.boolean) ?? .null)
                }
            }
            try await body(CopyRow(table: table, values: values))
        }
    }

    func deleteAllRows(of table: CopyTable) async throws {
        try await db.execute(PostgresQuery(unsafeSQL: "DELETE FROM \(PostgresSchema.schemaName).\(table.name)"))
    }

    /// One multi-row INSERT per batch: a round trip (and one run of the 24 h cap trigger) per
    /// batch rather than per row.
    func insertCopied(_ rows: [CopyRow]) async throws {
        guard let table = rows.first?.table else { return }
        let columns = table.columns
        var sql = "INSERT INTO \(PostgresSchema.schemaName).\(table.name)(\(columns.map(\.name).joined(separator: ", "))) VALUES "
        var bindings = PostgresBindings(capacity: rows.count * columns.count)
        for (rowIndex, row) in rows.enumerated() {
            precondition(row.table == table && row.values.count == columns.count, "a copied row has its table's columns")
            let first = rowIndex * columns.count
            sql += (rowIndex == 0 ? "(" : ", (") + (1...columns.count).map { "$\(first + $0)" }.joined(separator: ", ") + ")"
            for value in row.values {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let v): bindings.append(v)
                case .text(let v): bindings.append(v)
                case .boolean(let v): bindings.append(v)
                }
            }
        }
        try await db.execute(PostgresQuery(unsafeSQL: sql, binds: bindings))
    }

    /// Each identity sequence hands out the id after the largest copied one next.
    func finishCopy() async throws {
        for table in CopyTable.allCases where table.hasGeneratedID {
            let qualified = "\(PostgresSchema.schemaName).\(table.name)"
            try await db.execute(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('\(qualified)', 'id'), coalesce((SELECT max(id) FROM \(qualified)), 0) + 1, false)
                """))
        }
    }
}
