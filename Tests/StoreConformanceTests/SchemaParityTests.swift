import Foundation
import Testing
import SocialTimeCore
import SocialTimeSQLite
import PostgresScratch

/// Every table, column (its kind and nullability) and constraint (primary key, unique, foreign
/// key, check) of one store has its counterpart in the other, or is on the short list of
/// deliberate differences below, each with its reason. Facts are compared as lines such as
/// `column entries.note text not null` and `check justifications(reviewed_by,staff_id)`.
@Suite(.enabled(if: PostgresTestCluster.bothStores))
struct SchemaParityTests {
    /// What only one store has, and why. An entry that no longer differs fails too: the list
    /// stays exactly the differences there are.
    static let onlyOnSQLite: [String: String] = [
        // Deliberate: a row's key locks the entry it names, a WAL record per audit row — on an
        // import, half of the audit log's cost.
        "foreign key audit_log(entry_id) → entries": "on PostgreSQL the statement triggers audit_log_names_entries* and entries_stay_audited* of schema version 8 hold the same rule per statement",
    ]

    static let onlyOnPostgreSQL: [String: String] = [
        "table administrator": "the role that ran `db init`; a file's administrator is its owner",
        "column administrator.only_row boolean not null": "as above",
        "column administrator.role_name text not null": "as above",
        "column administrator.initialized_at text not null": "as above",
        "primary key administrator(only_row)": "as above",
        "check administrator(only_row)": "as above",
        "table schema_version": "SQLite keeps the version in PRAGMA user_version",
        "column schema_version.version integer not null": "as above",
        "column schema_version.applied_at text not null": "as above",
        "column schema_version.applied_by text not null": "as above",
        "primary key schema_version(version)": "as above",
        // Deliberate: SQLite adds a CHECK only by rebuilding the table; its triggers hold the same rule.
        "check justifications(reviewed_by,staff_id)": "on SQLite the triggers justifications_reviewer_is_not_the_person_* of schema version 5 (a CHECK needs a table rebuild)",
    ]

    @Test func bothSchemasHaveTheSameShape() async throws {
        let sqlite = try await Self.sqliteFacts(), postgres = try await Self.postgresFacts()
        #expect(sqlite.contains("table entries") && postgres.contains("table entries"), "read no schema")
        let onlySQLite = sqlite.subtracting(postgres), onlyPostgres = postgres.subtracting(sqlite)
        let unexplainedSQLite = onlySQLite.subtracting(Self.onlyOnSQLite.keys).sorted()
        let unexplainedPostgres = onlyPostgres.subtracting(Self.onlyOnPostgreSQL.keys).sorted()
        #expect(unexplainedSQLite.isEmpty, "only on SQLite, and not on the list of deliberate differences: \(unexplainedSQLite)")
        #expect(unexplainedPostgres.isEmpty, "only on PostgreSQL, and not on the list of deliberate differences: \(unexplainedPostgres)")
        let staleSQLite = Set(Self.onlyOnSQLite.keys).subtracting(onlySQLite).sorted()
        let stalePostgres = Set(Self.onlyOnPostgreSQL.keys).subtracting(onlyPostgres).sorted()
        #expect(staleSQLite.isEmpty && stalePostgres.isEmpty, "listed as different but no longer are: \(staleSQLite + stalePostgres)")
    }

    // MARK: SQLite

    static func sqliteFacts() async throws -> Set<String> {
        let box = try await ConformanceStore.make(.sqlite)
        let db = try Connection(path: box.sqlitePath!, readOnly: true)
        var facts: Set<String> = []
        let tables = try db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows { ($0.text(0), $0.text(1)) }
        for (table, sql) in tables {
            facts.insert("table \(table)")
            let columns = try db.prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?) ORDER BY cid")
                .rows([table]) { (name: $0.text(0), type: $0.text(1).lowercased(), notNull: $0.int(2) != 0, pk: $0.int(3)) }
            let checks = checkClauses(sql, columns: columns.map { $0.name })
            // A 0/1 integer with its CHECK is PostgreSQL's boolean.
            let booleans = Set(checks.filter { $0.text.replacingOccurrences(of: " ", with: "").hasSuffix("IN(0,1))") && $0.columns.count == 1 }.flatMap { $0.columns })
            for column in columns {
                let kind = booleans.contains(column.name) ? "boolean" : column.type
                // A STRICT table's primary key is NOT NULL (an INTEGER one is the rowid).
                facts.insert("column \(table).\(column.name) \(kind) \(column.notNull || column.pk > 0 ? "not null" : "null")")
            }
            let key = columns.filter { $0.pk > 0 }.sorted { $0.pk < $1.pk }.map { $0.name }
            if !key.isEmpty { facts.insert("primary key \(table)(\(key.sorted().joined(separator: ",")))") }
            let uniques = try db.prepare("SELECT name FROM pragma_index_list(?) WHERE origin = 'u'").rows([table]) { $0.text(0) }
            for index in uniques {
                let names = try db.prepare("SELECT name FROM pragma_index_info(?)").rows([index]) { $0.text(0) }
                facts.insert("unique \(table)(\(names.sorted().joined(separator: ",")))")
            }
            let keys = try db.prepare("SELECT \"table\", \"from\" FROM pragma_foreign_key_list(?)").rows([table]) { ($0.text(0), $0.text(1)) }
            for (target, from) in keys { facts.insert("foreign key \(table)(\(from)) → \(target)") }
            for check in checks where !(check.columns.count == 1 && booleans.contains(check.columns[0])) {
                facts.insert("check \(table)(\(check.columns.sorted().joined(separator: ",")))")
            }
        }
        return facts
    }

    /// The CHECK clauses of a CREATE TABLE statement, with the columns each names: a column's own
    /// CHECK belongs to it; a table's CHECK to the columns its expression mentions.
    static func checkClauses(_ sql: String, columns: [String]) -> [(columns: [String], text: String)] {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")") else { return [] }
        var parts: [String] = [], depth = 0, current = ""
        for character in sql[sql.index(after: open)..<close] {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 }
            if character == "," && depth == 0 { parts.append(current); current = "" } else { current.append(character) }
        }
        parts.append(current)
        var clauses: [(columns: [String], text: String)] = []
        for part in parts.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) {
            guard let check = part.range(of: "CHECK") else { continue }
            let text = String(part[check.lowerBound...])
            let first = String(part.prefix { !$0.isWhitespace })
            if columns.contains(first) {
                clauses.append(([first], text))
            } else {
                let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
                clauses.append((columns.filter(words.contains), text))
            }
        }
        return clauses
    }

    // MARK: PostgreSQL

    static func postgresFacts() async throws -> Set<String> {
        let box = try await ConformanceStore.make(.postgres)
        await box.store.close()
        let scratch = box.scratch!
        var facts: Set<String> = []
        for line in try scratch.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'socialtime'").split(separator: "\n") {
            facts.insert("table \(line)")
        }
        let columns = try scratch.sql("""
            SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
            WHERE table_schema = 'socialtime'
            """)
        for line in columns.split(separator: "\n") {
            let field = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let kind = ["bigint": "integer", "integer": "integer", "boolean": "boolean", "text": "text"][field[2]] ?? field[2]
            facts.insert("column \(field[0]).\(field[1]) \(kind) \(field[3] == "NO" ? "not null" : "null")")
        }
        // Checks added NOT VALID are migration 4's value checks (real dates, ISO timestamps,
        // clean text): the server guards what psql users write; SQLite is written by socialtime
        // alone, whose rulebook checks the same values. Left out of the comparison on purpose.
        let constraints = try scratch.sql("""
            SELECT c.relname, k.contype,
                   array_to_string(ARRAY(SELECT attname FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey) ORDER BY attname), ','),
                   coalesce(f.relname, '')
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_class f ON f.oid = k.confrelid
            WHERE k.connamespace = 'socialtime'::regnamespace AND k.contype IN ('p', 'u', 'f', 'c') AND k.convalidated
            """)
        for line in constraints.split(separator: "\n") {
            let field = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            switch field[1] {
            case "p": facts.insert("primary key \(field[0])(\(field[2]))")
            case "u": facts.insert("unique \(field[0])(\(field[2]))")
            case "f": facts.insert("foreign key \(field[0])(\(field[2])) → \(field[3])")
            default: facts.insert("check \(field[0])(\(field[2]))")
            }
        }
        return facts
    }
}
