import SocialTimeCore
#if canImport(Glibc)
import Glibc
#endif

/// Opens the store a location names. The one place that knows the concrete stores: commands
/// and the library see only `DataStore`.
enum StoreOpener {
    /// The store, and whether the login administers it (owns the database file).
    static func open(_ location: DatabaseLocation.Resolved, create: Bool,
                     context: Context) async throws(SocialTimeError) -> (store: any DataStore, administers: Bool) {
        if location.isPostgreSQL {
            throw .failure("\(location.source) names a PostgreSQL database, but this socialtime was built without the PostgreSQL store")
        }
        let store = try SQLiteStore(path: location.path, create: create, source: location.source)
        return (store, ownerID(of: location.path) == context.userID)
    }

    /// The login: the database server's login role when it says, else the operating-system account.
    static func login(of store: any DataStore, context: Context) async throws(SocialTimeError) -> String? {
        do {
            if let role = try await store.connectedRole() { return role.name }
        } catch {
            throw Rulebook.mapped(error)
        }
        return context.loginName
    }

    private static func ownerID(of path: String) -> UInt32? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_uid
    }
}

extension StoreOpener {
    /// `demo`'s database: a file, built from scratch (an earlier demo there is replaced).
    static func openDemo(at path: String) throws(SocialTimeError) -> any DataStore {
        try SQLiteStore.openForDemo(at: path)
    }

    static let defaultDemoPath = SQLiteStore.defaultDemoPath
}
