import Foundation
@testable import SocialTimeCore
import SocialTimePostgres
import PostgresScratch

/// A fresh PostgreSQL database set up by `db init` (`PostgresStore.initialize`) as a role that
/// may create roles and is not a superuser — `admin`, the tests' administrator — where every
/// acting person works over a connection authenticated as their own login role, as on a team's
/// server. Row-level security, the grants and the database's functions (rights from the roster
/// through `session_user`, reviews in the connected manager's name, `create_login`) therefore
/// judge every call together with the rulebook, as they judge `psql`.
///
/// - `data` is the administrator's own connection (the role that ran `db init`): what an
///   administrator does — setting up, the roster, catalogues, reports — runs there.
/// - `data(as: login)` is `login`'s own connection, opened at first use and kept for the
///   store's life. A person on this database's roster gets their login as `staff add HANDLE
///   --login` gives it (`create_login`, run as the administrator; the password is the
///   superuser's business); a login not on the roster is a plain login role of the server in
///   `socialtime_staff` (as another database's person would be), which the database treats as
///   nobody.
/// - On a server nobody registers themselves (77, "ask a manager"), so before a person's first
///   write the harness plays the manager who adds them (`staff add HANDLE --login`, as the
///   administrator) — where on a file the rulebook registers them itself. `registered` flags
///   are therefore false here; `RuleTests.onAServerNobodyRegistersThemselves` holds the refusal.
///
/// Role names are the cluster's and the suites reuse handles in every database, so a store takes
/// `PersonLoginLock` at its first person login and gives it back once its database and the
/// roles made for it are dropped (when the store goes).
final class PostgresRuleStore: RuleTestStore {
    let scratch: ScratchDatabase
    let logins: LoginRoles
    var data: any DataStore { logins.administrator }

    private init(scratch: ScratchDatabase, logins: LoginRoles) {
        self.scratch = scratch
        self.logins = logins
    }

    static func make() async throws -> PostgresRuleStore {
        let key = PersonLoginLock.currentKey
        let scratch = try ScratchDatabase(template: try await initialized.value)
        let administrator = try await PostgresStore.open(try settings(scratch, user: RulesDriver.administrator), create: true)
        return PostgresRuleStore(scratch: scratch, logins: LoginRoles(scratch: scratch, administrator: administrator, key: key))
    }

    func data(as login: String) -> any DataStore { LoginStore(logins: logins, login: login, addsBeforeFirstWrite: true) }

    /// `login`'s own connection, never put on the roster by the harness (a login the team did
    /// not add, trying anyway).
    func unregistered(_ login: String) -> any DataStore { LoginStore(logins: logins, login: login, addsBeforeFirstWrite: false) }

    /// One password for every role the rule suites log in as: the tests are about rules.
    static let password = "rules-" + UUID().uuidString.lowercased()

    static func settings(_ scratch: ScratchDatabase, user: String) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(url: try scratch.url(user: user, password: password),
                                       environment: ConnectionEnvironment(variables: [:], home: nil, login: "root"))
    }

    /// One database `db init` set up, made once per run and copied for every test (initializing
    /// takes seconds, a copy a fraction of one); it stays on the throw-away test cluster. `db
    /// init` runs as `admin` (LOGIN CREATEROLE, no superuser), who owns the template, so `admin`
    /// is every copy's administrator and its owner role's member.
    static let initialized = Task<ScratchDatabase, any Error> {
        let scratch = try ScratchDatabase.template()
        try scratch.sqlOnCluster("""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '\(RulesDriver.administrator)') THEN
                    CREATE ROLE "\(RulesDriver.administrator)" LOGIN CREATEROLE;
                END IF;
            END $$;
            ALTER ROLE "\(RulesDriver.administrator)" LOGIN CREATEROLE NOSUPERUSER PASSWORD '\(password)';
            ALTER DATABASE \(scratch.name) OWNER TO "\(RulesDriver.administrator)";
            \(LoginRoles.dropRoles(where: "(shobj_description(oid, 'pg_authid') LIKE 'socialtime login of database socialtime\\_scratch\\_%' OR shobj_description(oid, 'pg_authid') LIKE '\(LoginRoles.strangerNote)%') AND NOT EXISTS (SELECT 1 FROM pg_database d WHERE d.datname = regexp_replace(shobj_description(oid, 'pg_authid'), '^.* ', ''))"))
            """)
        _ = try await PostgresStore.initialize(try settings(scratch, user: RulesDriver.administrator))
        return scratch
    }

    func dump() throws -> String { try scratch.dump() }

    func endLogins() { logins.endLogins() }

    /// The login roles made for the database, the lock, then the database.
    deinit { logins.finish() }
}

/// The login roles of one scratch database and a connection for each, opened at first use.
final class LoginRoles: @unchecked Sendable {
    let scratch: ScratchDatabase
    let administrator: PostgresStore
    private let key: Int
    private let mutex = NSLock()
    private var connections: [String: PostgresStore] = [:]
    /// Logins whose role `create_login` made (or adopted) for this database.
    private var withLogin: Set<String> = []
    /// Roles the harness made as logins of the server that are not on this roster.
    private var strangers: Set<String> = []
    private var holding = 0

    /// When the harness adds people (their `created_at`): before every test's own dates.
    static let addedBy = Clock(today: CalendarDate(iso: "2026-11-01")!, timestamp: "2026-11-01T08:00:00+01:00")

    init(scratch: ScratchDatabase, administrator: PostgresStore, key: Int) {
        self.scratch = scratch
        self.administrator = administrator
        self.key = key
    }

    private func locked<T>(_ body: () -> T) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        return body()
    }

    /// `login`'s connection; `add`: put the person on the roster first (as a manager would)
    /// when they are not on it yet.
    func connection(_ login: String, add: Bool) async throws -> PostgresStore {
        if login == RulesDriver.administrator { return administrator }
        let handle = try Handle(validating: login)
        if locked({ holding }) == 0 {
            await PersonLoginLock.shared.acquire(key)
            locked { holding += 1 }
        }
        let ready = locked { withLogin.contains(login) }
        if !ready {
            let member = try await administrator.read { tx in try await tx.staffMember(handle) }
            if member == nil && add {
                let stranger = locked { strangers.contains(login) }
                try await Rulebook(store: administrator, clock: Self.addedBy,
                                   identity: Identity(login: RulesDriver.administrator, requested: nil, administersStore: true))
                    .addStaff(handle, name: nil, email: nil, manager: false, login: true, existingLogin: stranger)
                try givePassword(login)
            } else if member != nil {
                let stranger = locked { strangers.contains(login) }
                try await administrator.write { tx in try await tx.createLogin(handle, existing: stranger) }
                try givePassword(login)
            } else if locked({ connections[login] }) == nil {
                try makeStranger(login)
            }
        }
        if let open = locked({ connections[login] }) { return open }
        let store = try await PostgresStore.open(try PostgresRuleStore.settings(scratch, user: login), create: true)
        return locked {
            if let other = connections[login] { return other }
            connections[login] = store
            return store
        }
    }

    private func givePassword(_ login: String) throws {
        try scratch.sqlOnCluster("ALTER ROLE \"\(login)\" PASSWORD '\(PostgresRuleStore.password)'")
        _ = locked { withLogin.insert(login) }
    }

    /// A plain login role of the server in `socialtime_staff` — a person of another database,
    /// or one a DBA made by hand — that is not on this database's roster.
    private func makeStranger(_ login: String) throws {
        let exists = try scratch.sqlOnCluster("SELECT count(*) FROM pg_roles WHERE rolname = '\(login)'") != "0"
        if !exists {
            try scratch.sqlOnCluster("""
                CREATE ROLE "\(login)" LOGIN IN ROLE socialtime_staff PASSWORD '\(PostgresRuleStore.password)';
                COMMENT ON ROLE "\(login)" IS '\(Self.strangerNote)\(scratch.name)'
                """)
            _ = locked { strangers.insert(login) }
        }
    }

    /// The comment on a role `makeStranger` made, followed by the database's name.
    static let strangerNote = "socialtime rule tests: a login not on the roster of "

    /// SQL that drops every role `condition` (on `pg_roles`) holds for.
    static func dropRoles(where condition: String) -> String {
        """
        DO $$
        DECLARE r record;
        BEGIN
            FOR r IN SELECT rolname FROM pg_roles WHERE \(condition) LOOP
                EXECUTE format('DROP ROLE %I', r.rolname);
            END LOOP;
        END $$
        """
    }

    /// Drops the roles made for the database (the logins `create_login` made or adopted for it,
    /// the strangers) and gives the lock back; the logins' connections are forgotten (their
    /// roles are gone), so a later call starts anew.
    func endLogins() {
        let holds = locked {
            let holds = holding
            holding = 0
            connections = [:]
            withLogin = []
            strangers = []
            return holds
        }
        dropRoles(holds)
    }

    /// `endLogins`, then drops the database (WITH (FORCE), which ends every connection to it).
    func finish() {
        endLogins()
        scratch.drop()
    }

    /// Should a role still hang on the database, the database goes first.
    private func dropRoles(_ holds: Int) {
        if holds > 0 {
            let drop = Self.dropRoles(where: """
                shobj_description(oid, 'pg_authid') IN ('socialtime login of database \(scratch.name)', '\(Self.strangerNote)\(scratch.name)')
                """)
            if (try? scratch.sqlOnCluster(drop)) == nil {
                scratch.drop()
                _ = try? scratch.sqlOnCluster(drop)
            }
            for _ in 0..<holds { PersonLoginLock.shared.release(key) }
        }
    }
}

/// One login's view of a `LoginRoles` database as a `DataStore`: every transaction runs on
/// that login's own connection.
final class LoginStore: DataStore, @unchecked Sendable {
    let logins: LoginRoles
    let login: String
    let addsBeforeFirstWrite: Bool

    init(logins: LoginRoles, login: String, addsBeforeFirstWrite: Bool) {
        self.logins = logins
        self.login = login
        self.addsBeforeFirstWrite = addsBeforeFirstWrite
    }

    var location: String { logins.administrator.location }
    var isReadOnly: Bool { false }
    var maintenance: (any StoreMaintenance)? { nil }
    var peopleRegisterThemselves: Bool { false }

    func read<T>(_ body: (any ReadTransaction) async throws -> T) async throws -> T {
        try await logins.connection(login, add: false).read(body)
    }

    func write<T>(_ body: (any WriteTransaction) async throws -> T) async throws -> T {
        try await logins.connection(login, add: addsBeforeFirstWrite).write(body)
    }

    func connectedRole() async throws -> StoreRole? { try await logins.connection(login, add: false).connectedRole() }
}
