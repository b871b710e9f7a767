/// `db check` and `db backup`: managers only, and only where the store offers them.
extension Rulebook {
    private func maintenance(_ action: String) async throws(SocialTimeError) -> any StoreMaintenance {
        try await read { tx in try await actor(in: tx).requireManager(to: action) }
        guard let maintenance = store.maintenance else {
            throw .failure("socialtime does not \(action) on a server (\(store.location)): the database server's own tools do that (pg_dump, pg_amcheck, replicas)")
        }
        return maintenance
    }

    /// `db check` on a server: nil for a file (use `check()`); managers only.
    public func checkServer() async throws(SocialTimeError) -> ServerCheckReport? {
        guard let checks = store.serverChecks else { return nil }
        try await read { tx in try await actor(in: tx).requireManager(to: "check the database") }
        do { return try await checks.check() } catch { throw Self.mapped(error) }
    }

    public func check() async throws(SocialTimeError) -> HealthReport {
        let maintenance = try await maintenance("check the database")
        do { return try await maintenance.check() } catch { throw Self.mapped(error) }
    }

    public func backup(to destination: String) async throws(SocialTimeError) {
        let maintenance = try await maintenance("back up the database")
        do { try await maintenance.backup(to: destination) } catch { throw Self.mapped(error) }
    }
}
