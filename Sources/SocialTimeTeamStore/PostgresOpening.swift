import SocialTimeCore
import SocialTimePostgres
import SocialTimeStores

/// The PostgreSQL store, as `socialtime-team` registers it.
public struct PostgresOpening: ServerStoreOpening {
    public init() {}

    public func open(_ location: DatabaseLocation.Resolved, create: Bool,
                     surroundings: StoreOpener.Surroundings) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool, warnings: [String]) {
        let settings = try Self.settings(location, surroundings)
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

    /// Each attempt's `lock_timeout`, times the attempts.
    public var lockWaitSeconds: Int {
        PostgresStoreConnection.defaultLockTimeoutMilliseconds * PostgresStoreConnection.defaultAttempts / 1000
    }

    public func initialize(_ location: DatabaseLocation.Resolved, surroundings: StoreOpener.Surroundings) async throws(SocialTimeError) -> String {
        let settings = try Self.settings(location, surroundings)
        let (from, to) = try await PostgresStore.initialize(settings)
        return from == to
            ? "\(settings.location) is already set up (schema version \(to)); nothing to do."
            : "Set up \(settings.location): schema version \(to), the socialtime_staff and socialtime_manager roles, grants and row-level security. Add people with `socialtime staff add HANDLE --login`."
    }

    static func settings(_ location: DatabaseLocation.Resolved, _ surroundings: StoreOpener.Surroundings) throws(SocialTimeError) -> ConnectionSettings {
        let environment = ConnectionEnvironment(variables: surroundings.environment, home: surroundings.environment["HOME"],
                                                login: surroundings.login ?? "")
        return try ConnectionSettings.resolve(url: location.path, environment: environment)
    }
}

extension StoreOpener {
    /// Both stores: a SQLite file or a PostgreSQL server.
    public static let team = StoreOpener(server: PostgresOpening())
}
