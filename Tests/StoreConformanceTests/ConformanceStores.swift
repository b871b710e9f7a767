import Foundation
import Testing
import SocialTimeCore
import SocialTimeSQLite
import SocialTimePostgres
import PostgresScratch

/// A fresh, migrated store of one kind, for the conformance and parity suites. Each keeps what
/// it needs alive (the temporary folder, the scratch database) until it is released.
final class ConformanceStore: @unchecked Sendable {
    enum Kind: String, CaseIterable, Sendable { case sqlite = "SQLite", postgres = "PostgreSQL" }

    let kind: Kind
    let store: any DataStore
    /// SQLite: the file. PostgreSQL: the scratch database (dropped WITH (FORCE) on release).
    let sqlitePath: String?
    let scratch: ScratchDatabase?
    private let folder: String?

    private init(kind: Kind, store: any DataStore, sqlitePath: String?, scratch: ScratchDatabase?, folder: String?) {
        self.kind = kind
        self.store = store
        self.sqlitePath = sqlitePath
        self.scratch = scratch
        self.folder = folder
    }

    deinit { if let folder { try? FileManager.default.removeItem(atPath: folder) } }

    static func make(_ kind: Kind) async throws -> ConformanceStore {
        switch kind {
        case .sqlite:
            let folder = NSTemporaryDirectory() + "socialtime-conformance-\(UUID().uuidString)"
            let path = folder + "/socialtime.db"
            return ConformanceStore(kind: kind, store: try SQLiteStore(path: path), sqlitePath: path, scratch: nil, folder: folder)
        case .postgres:
            let scratch = try ScratchDatabase(template: try await initialized.value)
            let store = try await PostgresStore.open(try settings(scratch), create: true)
            return ConformanceStore(kind: kind, store: store, sqlitePath: nil, scratch: scratch, folder: nil)
        }
    }

    /// The kinds this run can make: PostgreSQL only with the test cluster (required in CI).
    static var kinds: [Kind] { PostgresTestCluster.bothStores ? [.sqlite, .postgres] : [.sqlite] }

    static func settings(_ scratch: ScratchDatabase) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(url: scratch.url, environment: ConnectionEnvironment(variables: [:], home: nil, login: "root"))
    }

    /// One database set up as `db init` does, made once per run and copied for every test.
    static let initialized = Task<ScratchDatabase, any Error> {
        let scratch = try ScratchDatabase.template()
        _ = try await PostgresStore.initialize(try settings(scratch))
        return scratch
    }
}
