import ArgumentParser
import SocialTimeCore
import SocialTimeStores

extension DB {
    struct Copy: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "copy",
            abstract: "Copy the whole database into another, empty one (managers only).",
            discussion: """
            Copies everything: the roster, networks and outcomes, entries (deleted ones too), \
            audit rows, justifications with their history and reviews, results, thresholds, \
            settings and timers. Every id is kept; it is one transaction on the target. Either way \
            between a SQLite file and a PostgreSQL database. The target must be empty: a new \
            SQLite file, or a PostgreSQL database just set up with `db init` (its seeded \
            catalogues are replaced by this database's). Logins are server roles, not data: give \
            each copied person one afterwards (psql: SELECT socialtime.create_login('HANDLE')).

            Examples:
              socialtime db copy --to postgresql://admin@db.example.com/socialtime
              socialtime --db postgresql://admin@db.example.com/socialtime db copy --to team.db
            """)
        @Option(name: .customLong("to"), help: "The target: a new SQLite file's path or a postgresql:// URL.") var target: String
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            guard !target.isEmpty else {
                throw SocialTimeError.invalidInput("--to is empty: pass the path of a new SQLite file or a postgresql:// URL")
            }
            let typed = DatabaseLocation.Resolved(path: try DatabaseLocation.checked(target, source: "--to"), source: "--to")
            let resolved = typed.isPostgreSQL ? typed : DatabaseLocation.Resolved(path: session.path(typed.path), source: "--to")
            let source = try session.location
            let sourcePath = source.isPostgreSQL ? source.path : session.path(source.path)
            guard sourcePath != resolved.path else {
                throw SocialTimeError.invalidInput("--to names the database being copied (\(target)): pass a new, empty database")
            }
            let rulebook = try await session.rulebook(create: false)
            let (store, _, warnings) = try await session.context.stores.open(resolved, create: true, surroundings: session.surroundings)
            for text in warnings { try session.warning(text) }
            let summary: CopySummary
            do {
                summary = try await rulebook.copy(to: store)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
            try session.print("Copied \(rulebook.store.location) to \(store.location): \(summary.description).")
        }
    }
}
