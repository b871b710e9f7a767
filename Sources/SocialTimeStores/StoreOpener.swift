import SocialTimeCore
import SocialTimeSQLite
#if canImport(Glibc)
import Glibc
#endif

/// A store that lives on a server (PostgreSQL), registered by the executable that links its
/// client: `socialtime-team`. `socialtime` registers none, so a run on a SQLite file never loads
/// or initialises the PostgreSQL client.
public protocol ServerStoreOpening: Sendable {
    /// The store, whether the login administers it (ran `db init`), and any warnings to show.
    func open(_ location: DatabaseLocation.Resolved, create: Bool,
              surroundings: StoreOpener.Surroundings) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool, warnings: [String])
    /// How long a write waits for another command's lock on the same person before it is busy (75).
    var lockWaitSeconds: Int { get }
    /// `db init` on a server: says what it did.
    func initialize(_ location: DatabaseLocation.Resolved, surroundings: StoreOpener.Surroundings) async throws(SocialTimeError) -> String
}

/// Opens the store a location names: the one place that knows which stores this executable has.
/// Commands and the rules see only `DataStore`.
public struct StoreOpener: Sendable {
    /// The server store, when this executable links one.
    public var server: (any ServerStoreOpening)?

    /// SQLite files only, unless a server store is given.
    public init(server: (any ServerStoreOpening)? = nil) {
        self.server = server
    }

    /// The program that has the server store, installed beside `socialtime`.
    public static let teamProgram = "socialtime-team"

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
    public func open(_ location: DatabaseLocation.Resolved, create: Bool,
                     surroundings: Surroundings) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool, warnings: [String]) {
        if location.isPostgreSQL {
            return try await server(for: location).open(location, create: create, surroundings: surroundings)
        }
        let store = try SQLiteStore(path: location.path, create: create, source: location.source,
                                    onLockWait: surroundings.onLockWait)
        // Decided on the file SQLite opened: a second `stat` of the path let a colleague who
        // flips a link between the shared file and her own be taken for its administrator.
        return (store, store.fileOwnerID == surroundings.userID, [])
    }

    /// `db init`: sets a PostgreSQL database up (schema, roles, grants, policies, catalogues), or
    /// creates and migrates a SQLite file. Says what it did.
    public func initialize(_ location: DatabaseLocation.Resolved, surroundings: Surroundings) async throws(SocialTimeError) -> String {
        if location.isPostgreSQL {
            return try await server(for: location).initialize(location, surroundings: surroundings)
        }
        _ = try SQLiteStore(path: location.path, create: true, source: location.source)
        return "\(location.path) is ready (a SQLite file; for a team on many machines use a postgresql:// URL)."
    }

    /// The server store, or why this executable cannot reach one. `socialtime` hands a command
    /// line that names a URL to `socialtime-team` before it runs, so this is only met where the
    /// URL escaped that check.
    private func server(for location: DatabaseLocation.Resolved) throws(SocialTimeError) -> any ServerStoreOpening {
        guard let server else {
            throw .failure("\(location.shown) (from \(location.source)) is a PostgreSQL database, and this program has no PostgreSQL client: run \(Self.teamProgram), which has both stores")
        }
        return server
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
