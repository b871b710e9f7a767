import SocialTimeCore
import SocialTimePostgres
import SocialTimeSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Opens the store a location names: the one place that knows the concrete stores. Commands and
/// the rules see only `DataStore`.
public enum StoreOpener {
    /// What the process knows about its surroundings, for a server's connection settings.
    public struct Surroundings: Sendable {
        public var userID: UInt32
        /// The operating-system login (from the password database).
        public var login: String?
        public var environment: [String: String]
        /// Called once when a command has waited a second for a lock: SQLite's write lock held by
        /// another program, or on PostgreSQL the same person's lock held by another command (the
        /// executable says "waiting for …" on a terminal).
        public var onLockWait: (@Sendable () -> Void)?

        public init(userID: UInt32, login: String?, environment: [String: String], onLockWait: (@Sendable () -> Void)? = nil) {
            self.userID = userID
            self.login = login
            self.environment = environment
            self.onLockWait = onLockWait
        }
    }

    /// The store, whether the login administers it (owns the database file; on PostgreSQL: ran
    /// `db init`), and any warnings to show (a `.pgpass` others can read).
    public static func open(_ location: DatabaseLocation.Resolved, create: Bool,
                            surroundings: Surroundings) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool, warnings: [String]) {
        if location.isPostgreSQL {
            let settings = try postgresSettings(location, surroundings)
            let store: PostgresStore
            do {
                store = try await PostgresStore.open(settings, create: create)
            } catch {
                // Where the URL came from, as a missing file's message says.
                if case .noDatabase(let message) = error { throw .noDatabase("\(message) (the URL is from \(location.source))") }
                throw error
            }
            store.onLockWait = surroundings.onLockWait
            let role: StoreRole?
            do { role = try await store.connectedRole() } catch { throw Rulebook.mapped(error) }
            return (store, role?.isAdministrator ?? false, settings.warnings)
        }
        let store = try SQLiteStore(path: location.path, create: create, source: location.source,
                                    onLockWait: surroundings.onLockWait)
        // Decided on the file SQLite opened: a second `stat` of the path let a colleague who
        // flips a link between the shared file and her own be taken for its administrator.
        return (store, store.fileOwnerID == surroundings.userID, [])
    }

    /// How long a write waits on PostgreSQL for another command's lock on the same person before
    /// it is busy (75): each attempt's `lock_timeout`, times the attempts.
    public static let serverLockWaitSeconds = PostgresStoreConnection.defaultLockTimeoutMilliseconds
        * PostgresStoreConnection.defaultAttempts / 1000

    /// `db init`: sets a PostgreSQL database up (schema, roles, grants, policies, catalogues), or
    /// creates and migrates a SQLite file. Says what it did.
    public static func initialize(_ location: DatabaseLocation.Resolved, surroundings: Surroundings) async throws(SocialTimeError) -> String {
        if location.isPostgreSQL {
            let settings = try postgresSettings(location, surroundings)
            let (from, to) = try await PostgresStore.initialize(settings)
            return from == to
                ? "\(settings.location) is already set up (schema version \(to)); nothing to do."
                : "Set up \(settings.location): schema version \(to), the socialtime_staff and socialtime_manager roles, grants and row-level security. Add people with `socialtime staff add HANDLE --login`."
        }
        _ = try SQLiteStore(path: location.path, create: true, source: location.source)
        return "\(location.path) is ready (a SQLite file; for a team on many machines use a postgresql:// URL)."
    }

    static func postgresSettings(_ location: DatabaseLocation.Resolved, _ surroundings: Surroundings) throws(SocialTimeError) -> ConnectionSettings {
        let environment = ConnectionEnvironment(variables: surroundings.environment, home: surroundings.environment["HOME"],
                                                login: surroundings.login ?? "")
        return try ConnectionSettings.resolve(url: location.path, environment: environment)
    }

    /// The login: the database server's login role when it says, else the operating-system account.
    public static func login(of store: any DataStore, operatingSystemLogin: String?) async throws(SocialTimeError) -> String? {
        do {
            if let role = try await store.connectedRole() { return role.name }
        } catch {
            throw Rulebook.mapped(error)
        }
        return operatingSystemLogin
    }

    /// `demo`'s database: a file, built from scratch (an earlier demo there is replaced).
    public static func openDemo(at path: String) throws(SocialTimeError) -> any DataStore {
        try SQLiteStore.openForDemo(at: path)
    }

    public static let defaultDemoPath = SQLiteStore.defaultDemoPath

    /// How long a SQLite command waits for another program's write lock before giving up.
    public static let longestLockWaitSeconds = Int(Connection.defaultBusyTimeoutMilliseconds) * Connection.writeAttempts / 1000

}
