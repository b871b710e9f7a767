import PostgresNIO
import SocialTimeCore

/// Brings a PostgreSQL database to `PostgresSchema.currentVersion`, forward only, each
/// migration in one transaction with its `schema_version` row, so a failure leaves the
/// database at the previous version. Concurrent `db init`s take turns on an advisory lock.
public enum PostgresMigrator {
    /// What a database holds, as far as socialtime is concerned.
    public enum State: Sendable, Equatable {
        /// No `socialtime` schema: `db init` may create it.
        case empty
        /// socialtime's schema at this version.
        case version(Int)
        /// A `socialtime` schema without socialtime's version table: another program's, left alone.
        case foreign
    }

    /// Reads the state without changing anything.
    public static func state(_ connection: PostgresStoreConnection) async throws(SocialTimeError) -> State {
        let row: (Bool, Bool)
        do {
            let result = try await connection.query("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = \(PostgresSchema.schemaName)),
                       to_regclass('socialtime.schema_version') IS NOT NULL
                """)
            guard let first = result.rows.first else { return .empty }
            row = try first.decode((Bool, Bool).self)
        } catch let failure as PostgresFailure {
            throw failure.error
        } catch {
            throw .failure("cannot read the schema of PostgreSQL at \(connection.settings.location): \(error)")
        }
        switch row {
        case (false, _): return .empty
        case (true, false): return .foreign
        case (true, true):
            do {
                let result = try await connection.query("SELECT coalesce(max(version), 0) FROM socialtime.schema_version")
                return .version(try result.rows.first?.decode(Int.self) ?? 0)
            } catch let failure as PostgresFailure {
                throw failure.error
            } catch {
                throw .failure("cannot read socialtime's schema version at \(connection.settings.location): \(error)")
            }
        }
    }

    /// Runs every migration the database lacks; returns the versions before and after.
    /// `db init` needs a role that may create roles (the group roles, the logins later).
    @discardableResult
    public static func migrate(_ connection: PostgresStoreConnection) async throws(SocialTimeError) -> (from: Int, to: Int) {
        var from: Int?
        for migration in PostgresSchema.migrations {
            let before: Int = try await connection.transaction(.write, attempts: 1) { db in
                // Two `db init`s at once: the second waits here, then finds the work done. A
                // migration may take longer than a write's lock timeout on a busy server, and an
                // init is rare and attended: it waits minutes, not seconds, before giving up.
                try await db.execute("SET LOCAL lock_timeout = '5min'")
                try await db.execute("SELECT pg_catalog.pg_advisory_xact_lock(\(PostgresSchema.advisoryLockClass), 0)")
                let version: Int
                switch try await state(db) {
                case .empty: version = 0
                case .version(let found): version = found
                case .foreign:
                    throw SocialTimeError.failure("the database \(db.settings.database) at \(db.settings.location) has a schema named socialtime that is not socialtime's (no schema_version table): left untouched; use another database")
                }
                if version > PostgresSchema.currentVersion {
                    throw SocialTimeError.failure("the database \(db.settings.database) at \(db.settings.location) has socialtime schema version \(version), newer than this socialtime knows (\(PostgresSchema.currentVersion)): upgrade socialtime; the database was left untouched")
                }
                guard version < migration.version else { return version }
                if version == 0 { try await requireRoleCreation(db) }
                for statement in migration.statements {
                    try await db.execute(PostgresQuery(unsafeSQL: statement))
                }
                // What a migration created as the administrator goes to the owner role, which
                // no login can be: the functions never run with a login's rights.
                if migration.version >= PostgresSchema.ownerRoleVersion {
                    try await db.execute(PostgresQuery(unsafeSQL: PostgresSchema.takeOwnership))
                }
                try await db.execute("INSERT INTO socialtime.schema_version(version) VALUES (\(migration.version))")
                return version
            }
            if from == nil { from = before }
        }
        return (from ?? PostgresSchema.currentVersion, PostgresSchema.currentVersion)
    }

    /// `db init` creates group roles and, later, logins: a role without CREATEROLE would fail
    /// half-way through, so it is told up front.
    static func requireRoleCreation(_ db: PostgresStoreConnection) async throws {
        let result = try await db.query("SELECT rolsuper OR rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = current_user")
        let mayCreateRoles = try result.rows.first?.decode(Bool.self) ?? false
        guard mayCreateRoles else {
            throw SocialTimeError.permissionDenied("db init needs a PostgreSQL role that may create roles, and \(db.settings.user) may not: run it as the database's owner with CREATEROLE (ALTER ROLE \(db.settings.user) CREATEROLE, as a superuser)")
        }
    }
}
