import Foundation

/// The PostgreSQL server the tests of every target run against: `SOCIALTIME_TEST_POSTGRES_URL`
/// (a superuser's URL, as `scripts/pg-test-cluster.sh start` prints it).
///
/// Without it, a local `swift test` skips the PostgreSQL half with one loud line (this is the
/// one place that prints it, for every test target). In CI (`CI` set) the server is required:
/// a missing URL or an unreachable server fails instead.
public enum PostgresTestCluster {
    static let environment = ProcessInfo.processInfo.environment
    public static let url = environment["SOCIALTIME_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    public static let inCI = environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false

    /// Whether the PostgreSQL tests run: with a URL, or in CI (where they then fail without one).
    public static let enabled: Bool = {
        if url != nil || inCI { return true }
        FileHandle.standardError.write(Data("""
            ⚠️  SKIPPING THE POSTGRESQL TESTS: SOCIALTIME_TEST_POSTGRES_URL is not set. Start a throw-away cluster with \
            eval "$(scripts/pg-test-cluster.sh start)" and run swift test again (in CI they are required).

            """.utf8))
        return false
    }()

    /// Whether the rule and end-to-end suites also run on PostgreSQL: whenever the PostgreSQL
    /// tests run at all, so CI runs both halves in one `swift test`.
    public static var bothStores: Bool { enabled }

    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "CI is set but SOCIALTIME_TEST_POSTGRES_URL is not: CI must start a PostgreSQL cluster (scripts/pg-test-cluster.sh start) for these tests"
        }
    }

    /// The superuser's URL, or `Missing` (which fails the test that needs it).
    public static func superuserURL() throws -> String {
        guard let url else { throw Missing() }
        return url
    }
}

/// A failure of `psql` or `pg_dump`, with what it said.
public struct PostgresToolFailure: Error, CustomStringConvertible {
    public let description: String
}

/// A fresh, empty database on the test server, made and dropped through `psql` as the
/// superuser (synchronously, so a test's setup and `deinit` can use it). Tests run it through
/// `socialtime --db URL db init` or `PostgresStore.initialize`, exactly as a team would.
public final class ScratchDatabase: @unchecked Sendable {
    public let name: String
    /// The superuser's URL with this database's name in place of the cluster's.
    public let url: String
    private let superuserURL: String
    private var dropped = false

    /// A new empty database, or a copy of `template` (which nobody may be connected to).
    public convenience init(template: ScratchDatabase? = nil) throws {
        try self.init(prefix: "socialtime_scratch_", template: template)
    }

    private init(prefix: String, template: ScratchDatabase?) throws {
        superuserURL = try PostgresTestCluster.superuserURL()
        name = prefix + String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(12))
        url = try Self.url(superuserURL, database: name)
        _ = try Self.psql(superuserURL, ["-c", "CREATE DATABASE \(name)" + (template.map { " TEMPLATE \($0.name)" } ?? "")])
    }

    /// A new empty database that stays on the server after this run, for the run's tests to
    /// copy (a template cannot be dropped while others copy it). Its name carries its creation
    /// time, so each new one first drops those left by runs more than six hours ago: a local
    /// cluster that lives for days does not fill up with them.
    public static func template() throws -> ScratchDatabase {
        let superuserURL = try PostgresTestCluster.superuserURL()
        let now = Int(Date().timeIntervalSince1970)
        let stale = try psql(superuserURL, ["-c", "SELECT datname FROM pg_database WHERE datname LIKE 'socialtime_template_%'"])
            .split(separator: "\n").map(String.init).filter { name in
                let parts = name.split(separator: "_")
                return parts.count >= 4 && (Int(parts[2]).map { now - $0 > 6 * 3600 } ?? false)
            }
        for name in stale {
            _ = try? psql(superuserURL, ["-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
            _ = try? psql(superuserURL, ["-c", "DROP ROLE IF EXISTS \"socialtime_owner_\(name)\""])
        }
        let database = try ScratchDatabase(prefix: "socialtime_template_\(now)_", template: nil)
        database.keep()
        return database
    }

    deinit { drop() }

    /// Leaves the database on the server when this object goes (a template other tests copy).
    public func keep() { dropped = true }

    /// Drops the database (and any connection still open to it).
    public func drop() {
        guard !dropped else { return }
        dropped = true
        // With the owner role `db init` made for it (PostgreSQL migration 5); a copy of a
        // template shares the template's, which stays while the template does.
        _ = try? Self.psql(superuserURL, ["-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)",
                                          "-c", "DROP ROLE IF EXISTS \"socialtime_owner_\(name)\""])
    }

    /// `url` with the user and password replaced (for a login role's own connection).
    public func url(user: String, password: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw PostgresToolFailure(description: "cannot parse \(url)") }
        components.user = user
        components.password = password
        guard let text = components.string else { throw PostgresToolFailure(description: "cannot build a URL for \(user)") }
        return text
    }

    /// Runs SQL in this database as the superuser, with the `socialtime` schema first on the
    /// search path; psql's unaligned, tuples-only output (`a|b` lines, as the sqlite3 CLI prints).
    @discardableResult
    public func sql(_ statement: String) throws -> String {
        try Self.psql(url, ["-c", "SET search_path = socialtime, public", "-c", statement]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs SQL on the cluster's maintenance database as the superuser (roles are cluster-wide).
    @discardableResult
    public func sqlOnCluster(_ statement: String) throws -> String {
        try Self.psql(superuserURL, ["-c", statement]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Every row of every table of the `socialtime` schema as text, table by table in name order
    /// and row by row in the order of their text, NULL shown as `∅`: equal dumps mean equal
    /// contents. Sequences are left out on purpose: PostgreSQL does not roll back a sequence, so a
    /// refused insert advances one though no row changed (SQLite's rowids do not).
    public func dump() throws -> String {
        let tables = try Self.psql(url, ["-c", "SELECT tablename FROM pg_tables WHERE schemaname = 'socialtime' ORDER BY tablename"])
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var arguments = ["-P", "null=∅"]
        for table in tables {
            arguments += ["-c", "SELECT 'table \(table)'", "-c", "SELECT t::text FROM socialtime.\"\(table)\" t ORDER BY t::text COLLATE \"C\""]
        }
        return try Self.psql(url, arguments)
    }

    static func url(_ url: String, database: String) throws -> String {
        guard var components = URLComponents(string: url) else { throw PostgresToolFailure(description: "cannot parse \(url)") }
        components.path = "/" + database
        guard let text = components.string else { throw PostgresToolFailure(description: "cannot build a URL for \(database)") }
        return text
    }

    /// Runs `psql -X -A -t -q -v ON_ERROR_STOP=1 URL ARGS…` and returns its output.
    static func psql(_ url: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", url] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGCONNECT_TIMEOUT"] = "10"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PostgresToolFailure(description: "psql \(arguments.joined(separator: " ")): \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
