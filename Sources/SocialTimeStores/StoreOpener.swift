import SocialTimeCore
#if canImport(Glibc)
import Glibc
#endif

/// Opens the store a location names: the one place that knows the concrete stores. Commands and
/// the rules see only `DataStore`.
public enum StoreOpener {
    /// The store, and whether the login (`userID`) administers it: it owns the database file.
    public static func open(_ location: DatabaseLocation.Resolved, create: Bool,
                            userID: UInt32) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool) {
        if location.isPostgreSQL {
            throw .failure("\(location.source) names a PostgreSQL database, but this socialtime was built without the PostgreSQL store")
        }
        let store = try SQLiteStore(path: location.path, create: create, source: location.source)
        return (store, ownerID(of: location.path) == userID)
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

    private static func ownerID(of path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_uid
    }
}
