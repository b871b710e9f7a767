import PostgresNIO
import SocialTimeCore

/// The team store: socialtime's data in a PostgreSQL database, reached with postgres-nio. It
/// implements the same `DataStore` as the SQLite file, below the same rulebook; the database
/// holds the rules again itself (grants, row-level security, the 24 h trigger), so they hold
/// for anyone who connects with psql too.
///
/// One connection per command run. Reads are REPEATABLE READ snapshots; writes are READ
/// COMMITTED with the per-person lock (the cap trigger refuses REPEATABLE READ writes) and are
/// retried on serialization failures, deadlocks and lock timeouts before they end as busy (75).
public final class PostgresStore: DataStore, @unchecked Sendable {
    let connection: PostgresStoreConnection

    init(connection: PostgresStoreConnection) { self.connection = connection }

    /// Called once when a write has waited a second for another command holding the same
    /// person's lock (the executable says "waiting for …" on a terminal). Set before writing.
    public var onLockWait: (@Sendable () -> Void)? {
        didSet { lockWait = onLockWait.map(LockWaitNotice.init) }
    }
    private var lockWait: LockWaitNotice?

    public var location: String { connection.settings.location }
    public var isReadOnly: Bool { false }
    /// Backups and integrity checks of a server are its operators' tools (pg_dump, replicas).
    public var maintenance: (any StoreMaintenance)? { nil }
    /// On a server a manager adds people (`staff add HANDLE --login`); only the administrator's
    /// own login joins by its first `log`.
    public var peopleRegisterThemselves: Bool { false }
    public var serverChecks: (any ServerChecks)? { PostgresCheck(connection: connection) }

    /// Connects to the database `settings` name. Its schema must be set up (`db init`): a
    /// database without it is `.noDatabase` (66) for a command that only reads and a failure
    /// naming `db init` otherwise; one from a newer socialtime is refused untouched.
    public static func open(_ settings: ConnectionSettings, create: Bool) async throws(SocialTimeError) -> PostgresStore {
        let connection = try await connectForWriting(create, settings)
        do {
            switch try await PostgresMigrator.state(connection) {
            case .empty:
                let message = "\(settings.location) has no socialtime schema yet: a database administrator sets it up with `socialtime --db URL db init`"
                throw create ? SocialTimeError.failure(message) : SocialTimeError.noDatabase(message)
            case .foreign:
                throw SocialTimeError.failure("\(settings.location) holds a schema named socialtime that socialtime did not make; it was left untouched")
            case .version(let version) where version > PostgresSchema.currentVersion:
                throw SocialTimeError.failure("\(settings.location) was set up by a newer socialtime (schema version \(version); this one knows up to \(PostgresSchema.currentVersion)): upgrade socialtime; nothing was changed")
            case .version(let version) where version < PostgresSchema.currentVersion:
                throw SocialTimeError.failure("\(settings.location) needs its schema upgraded to version \(PostgresSchema.currentVersion): the administrator runs `socialtime --db URL db init`")
            case .version:
                return PostgresStore(connection: connection)
            }
        } catch {
            await connection.close()
            throw Rulebook.mapped(error)
        }
    }

    /// `db init`: the schema through its migrations, the group roles, grants and policies, and
    /// the seeded catalogues on a fresh database. Needs a role that may create roles.
    public static func initialize(_ settings: ConnectionSettings) async throws(SocialTimeError) -> (from: Int, to: Int) {
        let connection = try await connectForWriting(true, settings)
        do {
            let result = try await PostgresMigrator.migrate(connection)
            let store = PostgresStore(connection: connection)
            if result.from == 0 {
                try await store.write { tx in try await Self.seed(tx) }
            } else {
                try await store.write { tx in try await Self.addMissingAliases(tx) }
            }
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw Rulebook.mapped(error)
        }
    }

    /// A missing database is `.noDatabase` (66) for a command that only reads; one that would
    /// write cannot create it (that is `createdb`'s job), so there it is a plain failure.
    private static func connectForWriting(_ writes: Bool, _ settings: ConnectionSettings) async throws(SocialTimeError) -> PostgresStoreConnection {
        do {
            return try await PostgresStoreConnection.connect(settings)
        } catch {
            if writes, case .noDatabase(let message) = error { throw .failure(message) }
            throw error
        }
    }

    /// The networks and outcomes every new database starts with (the same as a new SQLite file).
    static func seed(_ tx: any WriteTransaction) async throws {
        for network in StoreSeed.networks {
            try await tx.insertNetwork(key: network.key, name: network.name, aliases: network.aliases)
        }
        for outcome in StoreSeed.outcomes {
            try await tx.insertOutcome(key: outcome.key, description: outcome.description, unit: outcome.unit)
        }
    }

    /// A database set up before `li`, `in`, `tt` … were seeded gets them at the next `db init`
    /// (data, not a schema change; an alias or key the company already uses stays theirs).
    static func addMissingAliases(_ tx: any WriteTransaction) async throws {
        let networks = try await tx.networks()
        let missing = StoreSeed.missingAliases(networkKeys: Set(networks.map(\.key)),
                                               taken: Set(networks.flatMap { [$0.key] + $0.aliases }))
        guard !missing.isEmpty, let tx = tx as? PostgresTransaction else { return }
        for (alias, network) in missing {
            try await tx.db.execute("""
                INSERT INTO socialtime.network_aliases(alias, network_id)
                SELECT \(alias), id FROM socialtime.networks WHERE key = \(network)
                """)
        }
    }

    public func read<T>(_ body: (any ReadTransaction) async throws -> T) async throws -> T {
        try await connection.transaction(.read) { db in
            Unchecked(try await body(PostgresTransaction(db: db)))
        }.value
    }

    public func write<T>(_ body: (any WriteTransaction) async throws -> T) async throws -> T {
        try await connection.transaction(.write) { [lockWait] db in
            Unchecked(try await body(PostgresTransaction(db: db, lockWait: lockWait)))
        }.value
    }

    public func connectedRole() async throws -> StoreRole? {
        let row = try await connection.query(PostgresLogins.connectedRole).rows.first
        guard let row else { return nil }
        let (name, administrator) = try row.decode((String, Bool?).self)
        return StoreRole(name: name, isAdministrator: administrator ?? false)
    }

    public func close() async { await connection.close() }
}

/// A value carried out of a transaction closure, which postgres-nio asks to be `Sendable`: the
/// closure runs to its end before the value is used, on the same task.
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
