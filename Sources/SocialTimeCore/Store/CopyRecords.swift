/// `db copy`: a whole history moved between stores row by row, ids kept. The tables and their
/// columns are named here once, so SQLite and PostgreSQL read and write exactly the same shape;
/// a store only maps each column's kind to its own types (a boolean is 0/1 in SQLite).
public enum CopyTable: String, CaseIterable, Sendable {
    // In an order that satisfies every foreign key: a row's references are copied before it.
    case staff, networks
    case networkAliases = "network_aliases"
    case outcomes, entries, results, justifications
    case justificationHistory = "justification_history"
    case auditLog = "audit_log"
    case thresholds, settings, timers

    /// What a column holds, whichever store it lives in.
    public enum Kind: Sendable { case integer, text, boolean }

    public struct Column: Sendable {
        public let name: String
        public let kind: Kind
    }

    /// The table's name in SQL (PostgreSQL qualifies it with its schema).
    public var name: String { rawValue }

    /// Every column of the table, in the schema's order.
    public var columns: [Column] {
        func c(_ name: String, _ kind: Kind = .text) -> Column { Column(name: name, kind: kind) }
        switch self {
        case .staff:
            return [c("id", .integer), c("handle"), c("name"), c("role"), c("active", .boolean), c("created_at"), c("email")]
        case .networks:
            return [c("id", .integer), c("key"), c("name")]
        case .networkAliases:
            return [c("alias"), c("network_id", .integer)]
        case .outcomes:
            return [c("id", .integer), c("key"), c("description"), c("unit"), c("retired", .boolean)]
        case .entries:
            return [c("id", .integer), c("staff_id", .integer), c("date"), c("minutes", .integer), c("network_id", .integer),
                    c("outcome_id", .integer), c("note"), c("logged_at"), c("updated_at"), c("deleted", .boolean),
                    c("import_key"), c("started_at"), c("ended_at")]
        case .results:
            return [c("id", .integer), c("staff_id", .integer), c("date"), c("outcome_id", .integer), c("quantity", .integer),
                    c("note"), c("logged_at"), c("deleted", .boolean), c("updated_at")]
        case .justifications:
            return [c("id", .integer), c("staff_id", .integer), c("week"), c("text"), c("status"), c("submitted_at"),
                    c("reviewed_by", .integer), c("reviewed_at"), c("review_comment"), c("reviewed_minutes", .integer)]
        case .justificationHistory:
            return [c("id", .integer), c("justification_id", .integer), c("text"), c("status"), c("comment"),
                    c("changed_by", .integer), c("changed_at")]
        case .auditLog:
            return [c("id", .integer), c("at"), c("actor"), c("action"), c("entry_id", .integer), c("result_id", .integer),
                    c("before"), c("after"), c("reason"), c("late_week")]
        case .thresholds:
            return [c("from_week"), c("minutes", .integer), c("set_at"), c("set_by")]
        case .settings:
            return [c("key"), c("value")]
        case .timers:
            return [c("staff_id", .integer), c("network_id", .integer), c("outcome_id", .integer), c("note"), c("started_at")]
        }
    }

    /// The column rows are read in order of, so a copy is the same whichever store reads it.
    public var key: String { columns[0].name }

    /// Whether the table's ids come from a sequence (PostgreSQL's identity), which a copy must
    /// move past the copied ids so the next row gets a fresh one.
    public var hasGeneratedID: Bool { key == "id" }
}

/// One column's value in a copied row.
public enum CopyValue: Sendable, Equatable {
    case null
    case integer(Int)
    case text(String)
    case boolean(Bool)
}

/// One row of one table, its values in `table.columns`' order.
public struct CopyRow: Sendable, Equatable {
    public let table: CopyTable
    public let values: [CopyValue]

    public init(table: CopyTable, values: [CopyValue]) {
        self.table = table
        self.values = values
    }
}

/// What `db copy` moved, per table.
public struct CopySummary: Sendable, Equatable {
    public var rows: [CopyTable: Int] = [:]

    public init() {}

    public var description: String {
        let counted: [(String, CopyTable)] = [("people", .staff), ("entries", .entries), ("results", .results),
                                              ("justifications", .justifications), ("audit rows", .auditLog)]
        return counted.map { "\(rows[$0.1] ?? 0) \($0.0)" }.joined(separator: ", ")
    }
}
