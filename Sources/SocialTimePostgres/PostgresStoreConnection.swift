import Logging
import NIOCore
import Synchronization
import NIOPosix
import PostgresNIO
import SocialTimeCore

/// One connection to the team's PostgreSQL database, over postgres-nio, with socialtime's
/// error contract: an unreachable server is `.failure` naming host, port and reason within the
/// connect timeout; a refused login is `.permissionDenied` (77) without the password; conflicts
/// with other writers are retried and end as `.busy` (75).
///
/// Every session starts with `search_path` on socialtime's schema and a `lock_timeout`, so a
/// write never waits for ever behind another: it becomes a retry, then busy.
public final class PostgresStoreConnection: Sendable {
    public let settings: ConnectionSettings
    let connection: PostgresConnection
    let logger: Logger

    /// Statements sent ahead (`sendAhead`) and not yet settled, oldest first: postgres-nio
    /// queues them on the connection and starts each the moment the one before has finished.
    private let ahead = Mutex<[EventLoopFuture<PostgresQueryResult>]>([])

    /// At most this many statements sent ahead and not yet settled: a caller that sends faster
    /// than the server works waits for the oldest. Each is an import batch of 5,000 rows held
    /// encoded, so one: the next is prepared while the server writes it (two in flight added
    /// 7 MB to a 1 M-row import's peak, and no speed that could be measured).
    static let aheadLimit = 1

    /// How long a statement may wait for a lock (a row, the per-person cap lock) before the
    /// attempt counts as busy and is retried.
    public static let defaultLockTimeoutMilliseconds = 10_000

    init(settings: ConnectionSettings, connection: PostgresConnection, logger: Logger) {
        self.settings = settings
        self.connection = connection
        self.logger = logger
    }

    /// A logger that writes nothing: the library never prints.
    static let silentLogger = Logger(label: "socialtime.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Opens a connection. The whole attempt — socket, TLS, authentication — is bounded by
    /// `settings.connectTimeoutSeconds`.
    public static func connect(
        _ settings: ConnectionSettings,
        lockTimeoutMilliseconds: Int = defaultLockTimeoutMilliseconds,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(SocialTimeError) -> PostgresStoreConnection {
        let configuration = try makeConfiguration(settings, lockTimeoutMilliseconds: lockTimeoutMilliseconds)
        let logger = silentLogger
        do {
            let connection = try await PostgresConnection.connect(
                on: eventLoopGroup.next(), configuration: configuration,
                id: Int.random(in: 1...Int(Int32.max)), logger: logger)
            return PostgresStoreConnection(settings: settings, connection: connection, logger: logger)
        } catch {
            throw PostgresErrorMapping.connectFailure(error, settings: settings).error
        }
    }

    /// Opens a connection, runs `body` with it and closes it, whatever `body` does.
    @discardableResult
    public static func with<T: Sendable>(
        _ settings: ConnectionSettings,
        lockTimeoutMilliseconds: Int = defaultLockTimeoutMilliseconds,
        _ body: (PostgresStoreConnection) async throws -> T
    ) async throws -> T {
        let connection = try await connect(settings, lockTimeoutMilliseconds: lockTimeoutMilliseconds)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// postgres-nio's configuration for `settings`: the endpoint, TLS by `sslmode`, the
    /// timeout, and the start-up parameters (application name, search path, lock timeout).
    static func makeConfiguration(_ settings: ConnectionSettings, lockTimeoutMilliseconds: Int) throws(SocialTimeError) -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let path = settings.unixSocketPath {
            configuration = .init(unixSocketPath: path, username: settings.user, password: settings.password, database: settings.database)
        } else {
            configuration = .init(host: settings.host, port: settings.port, username: settings.user,
                                  password: settings.password, database: settings.database,
                                  tls: try PostgresTLS.configuration(for: settings))
        }
        // libpq's connect_timeout=0 waits for ever; a day is as good as for ever for a command.
        configuration.options.connectTimeout = .seconds(Int64(settings.connectTimeoutSeconds ?? 86_400))
        var parameters: [(String, String)] = [
            ("application_name", settings.applicationName),
            ("search_path", PostgresSchema.schemaName),
            ("lock_timeout", String(lockTimeoutMilliseconds)),
        ]
        if let options = settings.options { parameters.append(("options", options)) }
        configuration.options.additionalStartupParameters = parameters
        return configuration
    }

    /// Closes the connection; an error while closing changes nothing for the caller.
    public func close() async {
        _ = try? await settleAhead()
        try? await connection.close()
    }

    /// A connection dropped without `close()` (an error path, a test's store) still closes its
    /// socket. postgres-nio requires a connection to be closed before it goes (its debug builds
    /// trap otherwise), so the callback keeps it alive until the close has finished.
    deinit {
        let connection = self.connection
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    // MARK: Statements

    /// postgres-nio (1.33) never answers a query written to a connection that is already
    /// closed — the write fails with nobody listening — so a connection the server ended while
    /// idle (a restart, pg_terminate_backend) would wait for ever. Asking first turns that into
    /// a failure; a close that lands between this check and the write is the one case left.
    private func requireOpen() throws(PostgresFailure) {
        guard connection.isClosed else { return }
        throw PostgresFailure(sqlState: nil, error: .failure(
            "the connection to PostgreSQL at \(settings.location) was lost: the server closed it; nothing of the unfinished transaction was kept"))
    }

    /// Sends `query` (a write whose result nobody reads) without waiting for its answer, so the
    /// caller prepares its next batch while the server writes this one: an import's client and
    /// server work side by side. Statements run in the order sent, each queued on the connection
    /// itself (postgres-nio's queue, not a task per statement awaiting its predecessor); one over
    /// `aheadLimit` first waits for the oldest. The next statement of any kind, COMMIT and
    /// ROLLBACK included, waits for everything sent ahead (`settleAhead`) and fails with the
    /// first error among them: nothing is committed past a failed write, and a transaction ends
    /// only once its writes have.
    func sendAhead(_ query: PostgresQuery) async throws(PostgresFailure) {
        if let oldest = ahead.withLock({ $0.count >= Self.aheadLimit ? $0.removeFirst() : nil }) {
            do {
                _ = try await oldest.get()
            } catch {
                // The statements after it fail only because it did; they are settled unread.
                _ = try? await settleAhead()
                throw PostgresErrorMapping.queryFailure(error, settings: settings)
            }
        }
        try requireOpen()
        let sent: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        ahead.withLock { $0.append(sent) }
    }

    /// Waits for the statements sent ahead, in order; the first failure among them is thrown
    /// here, once all of them have settled.
    func settleAhead() async throws(PostgresFailure) {
        let pending = ahead.withLock { state in
            defer { state.removeAll() }
            return state
        }
        var first: (any Error)?
        for statement in pending {
            do {
                _ = try await statement.get()
            } catch {
                if first == nil { first = error }
            }
        }
        if let first { throw PostgresErrorMapping.queryFailure(first, settings: settings) }
    }

    /// Runs one statement and collects its rows; every value is bound, never spliced in. It is
    /// sent at once, behind any statements sent ahead, so that the server starts on it the
    /// moment they are done, not a round trip later (an import's lookups of its next batch come
    /// back while the client still has the write of the batch before to send). Their first
    /// failure is the one thrown: it aborted the transaction, and this statement with it.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresFailure) -> PostgresQueryResult {
        try requireOpen()
        let sent: EventLoopFuture<PostgresQueryResult> = connection.query(query, logger: logger)
        try await settleAhead()
        do {
            return try await sent.get()
        } catch {
            throw PostgresErrorMapping.queryFailure(error, settings: settings)
        }
    }

    /// Runs one statement and returns how many rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ query: PostgresQuery) async throws(PostgresFailure) -> Int {
        try await self.query(query).metadata.rows ?? 0
    }

    /// Runs one statement and hands its rows to `body` one at a time as the server sends
    /// them, with back-pressure: an export never holds the whole result in memory.
    public func forEachRow(_ query: PostgresQuery, _ body: (PostgresRow) async throws -> Void) async throws(PostgresFailure) {
        try await settleAhead()
        try requireOpen()
        do {
            let rows = try await connection.query(query, logger: logger)
            for try await row in rows {
                try await body(row)
            }
        } catch {
            throw PostgresErrorMapping.queryFailure(error, settings: settings)
        }
    }

    // MARK: Transactions

    public enum TransactionMode: Sendable {
        /// A consistent snapshot that writes nothing (REPEATABLE READ, READ ONLY): a report or
        /// export sees one moment of the database.
        case read
        /// READ COMMITTED, READ WRITE: each statement sees what others committed before it,
        /// and the database's own locks (the per-person cap lock) order concurrent writers.
        case write
        /// SERIALIZABLE: for multi-statement checks that no lock covers.
        case serializable

        var begin: String {
            switch self {
            case .read: return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            case .write: return "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE"
            case .serializable: return "BEGIN ISOLATION LEVEL SERIALIZABLE READ WRITE"
            }
        }
    }

    /// The attempts a transaction gets when it collides with other writers, before busy.
    public static let defaultAttempts = 8

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    /// A serialization failure, deadlock or lock timeout — in `body` or at COMMIT — rolls
    /// back and runs `body` again, up to `attempts` times, then is `.busy` (exit 75). Any other
    /// error rolls back and is thrown as a `SocialTimeError`. `body` must therefore be safe to
    /// run again: it reads what it needs inside the transaction.
    public func transaction<T: Sendable>(
        _ mode: TransactionMode = .write,
        attempts: Int = defaultAttempts,
        _ body: (PostgresStoreConnection) async throws -> T
    ) async throws(SocialTimeError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await once(mode, body)
            } catch {
                guard error.isRetryable, attempt < attempts, !connection.isClosed else {
                    if error.isRetryable {
                        let last = error.serverMessage.map { " (last: \($0))" } ?? ""
                        throw .busy("PostgreSQL at \(settings.location) stayed busy with other writers through \(attempt) attempts\(last); nothing was changed, safe to retry")
                    }
                    throw error.error
                }
                // Back off a little, randomly, so colliding writers do not collide again in step.
                try? await Task.sleep(nanoseconds: UInt64(Int.random(in: 5...25) * attempt) * 1_000_000)
            }
        }
    }

    private func once<T: Sendable>(_ mode: TransactionMode, _ body: (PostgresStoreConnection) async throws -> T) async throws(PostgresFailure) -> T {
        try await execute(PostgresQuery(unsafeSQL: mode.begin))
        let value: T
        do {
            value = try await body(self)
        } catch {
            let failure = PostgresErrorMapping.queryFailure(error, settings: settings)
            // A write sent ahead finishes (or fails) before the ROLLBACK, inside the transaction.
            _ = try? await settleAhead()
            // The first error is the one to report; a failed ROLLBACK (a lost connection) adds nothing.
            if !connection.isClosed { _ = try? await execute("ROLLBACK") }
            throw failure
        }
        let commit: PostgresQueryResult
        do {
            commit = try await query("COMMIT")
        } catch {
            if !connection.isClosed { _ = try? await execute("ROLLBACK") }
            throw error
        }
        // COMMIT of a transaction that an earlier error aborted (one `body` caught and went on
        // from) answers ROLLBACK without an error: nothing was kept, and the caller must know.
        guard commit.metadata.command == "COMMIT" else {
            throw PostgresFailure(sqlState: nil, error: .failure("PostgreSQL at \(settings.location) rolled the transaction back after an error inside it; nothing was changed"))
        }
        return value
    }
}
