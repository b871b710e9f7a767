import Foundation
import PostgresNIO
import SocialTimeCore
import PostgresScratch
@testable import SocialTimePostgres

/// The PostgreSQL server the tests run against: `SOCIALTIME_TEST_POSTGRES_URL` (a superuser's
/// URL, as `scripts/pg-test-cluster.sh start` prints it).
///
/// Without it, a local `swift test` skips every test that needs a server, with one loud line.
/// In CI (`CI` set) the server is required: a missing URL or an unreachable server fails.
enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["SOCIALTIME_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let inCI = environment["CI"].map { !$0.isEmpty && $0 != "false" && $0 != "0" } ?? false

    /// Whether the server tests run: with a URL, or in CI (where they then fail without one).
    /// PostgresScratch decides and prints the one loud skip line for every test target.
    static var enabled: Bool { PostgresTestCluster.enabled }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "CI is set but SOCIALTIME_TEST_POSTGRES_URL is not: CI must start a PostgreSQL cluster (scripts/pg-test-cluster.sh start) for these tests"
        }
    }

    /// The superuser's settings, resolved like any other URL.
    static func superuser() throws -> ConnectionSettings {
        guard let url else { throw Missing() }
        return try ConnectionSettings.resolve(url: url, environment: ConnectionEnvironment(variables: [:], home: nil, login: "root"))
    }

    /// The server's own certificate, when the cluster runs TLS.
    static var rootCertificate: String? { environment["SOCIALTIME_TEST_POSTGRES_ROOTCERT"] }
    static var socketDirectory: String? { environment["SOCIALTIME_TEST_POSTGRES_SOCKET_DIR"] }
}

/// A fresh database on the test server with its own administrator and login roles, all
/// named with a random prefix so tests can run side by side; dropped at the end.
final class TeamDatabase: Sendable {
    let prefix: String
    let name: String
    let superuser: ConnectionSettings
    let admin: String
    /// One password for every role of this database: the tests are about rules, not passwords.
    let password: String

    private init(superuser: ConnectionSettings) {
        let id = String(UUID().uuidString.lowercased().filter(\.isHexDigit).prefix(8))
        prefix = "t" + id
        name = "socialtime_test_" + id
        self.superuser = superuser
        admin = prefix + "-admin"
        password = "pw-" + String(UUID().uuidString.filter(\.isHexDigit).prefix(16))
    }

    /// Settings for `role` on this database, over TCP with the password.
    func settings(_ role: String, password: String? = nil) -> ConnectionSettings {
        var settings = superuser
        settings.user = role
        settings.password = password ?? self.password
        settings.database = name
        return settings
    }

    func handle(_ short: String) -> String { prefix + "-" + short }

    /// Runs `body` with a new database whose administrator (LOGIN CREATEROLE, not a superuser)
    /// owns it; with `migrated`, `db init`'s migrations have run and one network and one
    /// outcome exist. The database and every role are dropped afterwards, whatever happens.
    static func with<T: Sendable>(migrated: Bool = true, _ body: (TeamDatabase) async throws -> T) async throws -> T {
        let db = TeamDatabase(superuser: try PostgresTestServer.superuser())
        try await db.asSuperuser { su async throws in
            try await su.execute(PostgresQuery(unsafeSQL: "CREATE ROLE \"\(db.admin)\" LOGIN CREATEROLE PASSWORD '\(db.password)'"))
            try await su.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(db.name) OWNER \"\(db.admin)\""))
        }
        do {
            if migrated {
                try await PostgresStoreConnection.with(db.settings(db.admin)) { admin async throws in
                    try await PostgresMigrator.migrate(admin)
                    try await admin.execute("INSERT INTO socialtime.networks(key, name) VALUES ('linkedin', 'LinkedIn')")
                    try await admin.execute("INSERT INTO socialtime.outcomes(key, description) VALUES ('recruiting', 'Finding candidates')")
                }
            }
            let result = try await body(db)
            await db.drop()
            return result
        } catch {
            await db.drop()
            throw error
        }
    }

    /// Runs `body` on the superuser's connection to the `postgres` database.
    @discardableResult
    func asSuperuser<T: Sendable>(_ body: (PostgresStoreConnection) async throws -> T) async throws -> T {
        try await PostgresStoreConnection.with(superuser, body)
    }

    /// Runs `body` on the superuser's connection to this database.
    @discardableResult
    func asSuperuserHere<T: Sendable>(_ body: (PostgresStoreConnection) async throws -> T) async throws -> T {
        var settings = superuser
        settings.database = name
        return try await PostgresStoreConnection.with(settings, body)
    }

    /// Puts `short` on the roster (as the administrator) and gives them a login with this
    /// database's password; returns the handle.
    @discardableResult
    func addPerson(_ short: String, manager: Bool = false) async throws -> String {
        let handle = handle(short)
        try await PostgresStoreConnection.with(settings(admin)) { admin async throws in
            try await admin.execute("""
                INSERT INTO socialtime.staff(handle, name, role, created_at)
                VALUES (\(handle), \(short.capitalized), \(manager ? "manager" : "staff"), '2026-11-27T09:00:00+01:00')
                """)
            try await admin.execute(PostgresLogins.createLogin(try Handle(validating: handle)))
        }
        // Only the password is the superuser's business (the administrator could, too).
        try await asSuperuser { su async throws in
            try await su.execute(PostgresQuery(unsafeSQL: "ALTER ROLE \"\(handle)\" PASSWORD '\(password)'"))
        }
        return handle
    }

    func drop() async {
        _ = try? await asSuperuser { su async throws in
            try await su.execute(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
            // The database's owner role (migration 5), once nothing of it is left.
            _ = try? await su.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \"socialtime_owner_\(name)\""))
            let roles = try await su.query("SELECT rolname FROM pg_roles WHERE starts_with(rolname, \(prefix + "-"))")
            for row in roles.rows {
                let role = try row.decode(String.self)
                _ = try? await su.execute(PostgresQuery(unsafeSQL: "DROP ROLE IF EXISTS \"\(role)\""))
            }
        }
    }
}

extension PostgresStoreConnection {
    /// The first column of the first row, decoded.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as: T.Type = T.self) async throws -> T? {
        try await self.query(query).rows.first?.decode(T.self)
    }
}

/// The `SocialTimeError` an operation threw, or nil when it succeeded.
func refusal(_ operation: () async throws -> Void) async -> SocialTimeError? {
    do {
        try await operation()
        return nil
    } catch let error as SocialTimeError {
        return error
    } catch let error as PostgresFailure {
        return error.error
    } catch {
        return .failure("unexpected \(type(of: error)): \(error)")
    }
}

/// The error connecting with `settings` gives, or nil when it connects (and is closed again).
func connectRefusal(_ settings: @autoclosure () throws -> ConnectionSettings) async -> SocialTimeError? {
    do {
        let connection = try await PostgresStoreConnection.connect(try settings())
        await connection.close()
        return nil
    } catch let error as SocialTimeError {
        return error
    } catch {
        return .failure("unexpected \(type(of: error)): \(error)")
    }
}
