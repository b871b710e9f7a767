import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite
import SocialTimePostgres
import PostgresScratch

/// A fresh database file in its own temporary folder, removed when released.
final class TemporaryStore {
    let folder: String
    let path: String
    let data: SQLiteStore
    /// The rules over `data`, each call acting as the person it is about (see `RulesDriver`).
    let store: RulesDriver

    init(today: String = "2026-11-27") throws {
        folder = NSTemporaryDirectory() + "socialtime-unit-\(UUID().uuidString)"
        path = folder + "/data/socialtime.db"
        data = try SQLiteStore(path: path)
        store = RulesDriver(data: data, clock: Clock(today: CalendarDate(iso: today)!, timestamp: today + "T17:00:00+01:00"))
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// Another connection to the same file, as another process would have.
    func reopen(today: String = "2026-11-27") throws -> RulesDriver {
        RulesDriver(data: try SQLiteStore(path: path), clock: Clock(today: CalendarDate(iso: today)!, timestamp: today + "T18:00:00+01:00"))
    }
}

extension TemporaryStore {
    /// Every row of every table (and the schema version), read through a connection of its
    /// own so that it sees only committed data.
    func dump() throws -> String {
        try SQLiteDump.dump(path)
    }
}

/// A store the rule tests run against: any `DataStore`, plus a way to see everything it holds,
/// so a test can prove that a refused action changed nothing.
protocol RuleTestStore: AnyObject {
    /// The store as its administrator reaches it (on a file, as anyone does).
    var data: any DataStore { get }
    /// The store as `login` reaches it: on PostgreSQL over `login`'s own connection, so the
    /// database judges each call as the person's (see `PostgresRuleStore`); on a file, `data`.
    func data(as login: String) -> any DataStore
    /// Ends what the logins of `data(as:)` hold, for a test whose acting is over while it still
    /// checks the data (on PostgreSQL: the login roles go, and with them the turn at them).
    func endLogins()
    /// Every row of every table in a stable order; equal dumps mean equal contents.
    func dump() throws -> String
}

extension RuleTestStore {
    func endLogins() {}
}

/// Makes fresh stores for the rule tests: a SQLite file, and a fresh PostgreSQL database when
/// the test server is there (see `PostgresTestCluster`: skipped locally without it, required in CI).
struct StoreFactory: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> any RuleTestStore

    var testDescription: String { name }

    static let sqlite = StoreFactory(name: "SQLite") { try SQLiteRuleStore() }
    static let postgres = StoreFactory(name: "PostgreSQL") { try await PostgresRuleStore.make() }

    /// Every store the rule tests run against.
    static let all: [StoreFactory] = PostgresTestCluster.bothStores ? [.sqlite, .postgres] : [.sqlite]
}

/// `TemporaryStore` as a `RuleTestStore` (its `data` is typed as the concrete SQLite store).
final class SQLiteRuleStore: RuleTestStore {
    let box: TemporaryStore
    init() throws { box = try TemporaryStore() }
    var data: any DataStore { box.data }
    func data(as login: String) -> any DataStore { box.data }
    func dump() throws -> String { try box.dump() }
}

/// Reads every row of every table of a SQLite file as text, table by table in name order and
/// row by row in rowid order, each value `quote()`d so NULL, '' and 0 stay distinct.
enum SQLiteDump {
    static func dump(_ path: String) throws -> String {
        let db = try Connection(path: path, readOnly: true)
        var lines = ["user_version \(try db.scalarInt("PRAGMA user_version") ?? -1)"]
        let tables = try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .rows { $0.text(0) }
        for table in tables {
            let columns = try db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid").rows([table]) { $0.text(0) }
            let row = columns.map { "quote(\"\($0)\")" }.joined(separator: " || '|' || ")
            lines.append("table \(table)")
            lines += try db.prepare("SELECT \(row) FROM \"\(table)\" ORDER BY rowid").rows { $0.text(0) }
        }
        return lines.joined(separator: "\n")
    }
}

/// Drives the `Rulebook` the way the commands do, acting as the person each call is about: a
/// person logs, justifies and records results as themselves (their login, registered on first
/// use — on a server added by a manager instead, see `PostgresRuleStore`), a reviewer reviews
/// as themselves, and roster, catalogue and report calls run as the store's administrator. The
/// store is any `DataStore`, so a second store reuses these tests; with an `owner`, each login
/// reaches it through `owner.data(as:)` (on PostgreSQL its own login role).
struct RulesDriver {
    let data: any DataStore
    let clock: Clock
    /// What owns `data`'s database (a PostgreSQL scratch database drops itself when released),
    /// kept alive for as long as the driver is: a test may discard the store and keep the driver.
    var owner: (any RuleTestStore)? = nil

    static let administrator = "admin"

    /// Plays every person through the administrator's own login acting as them (`--as`): for a
    /// fixture that only sets up, where the person's own login is not what is tested.
    var throughAdministrator = false

    /// The rules as `login` acting as itself; `owner` makes it the store's administrator.
    func rules(_ login: String, owner: Bool = false, actingAs: String? = nil) -> Rulebook {
        if throughAdministrator && login != Self.administrator {
            return Rulebook(store: data, clock: clock,
                            identity: Identity(login: Self.administrator, requested: actingAs ?? login, administersStore: true))
        }
        return Rulebook(store: self.owner?.data(as: login) ?? data, clock: clock,
                 identity: Identity(login: login, requested: actingAs, administersStore: owner))
    }

    var admin: Rulebook { rules(Self.administrator, owner: true) }

    func log(_ entry: NewEntry) async throws -> LogReceipt { try await rules(entry.staff.value).log(entry) }
    func entries(_ query: EntryQuery) async throws -> [Entry] { try await admin.entries(query) }
    func entry(_ id: Int) async throws -> Entry? { try? await admin.entry(id) }
    func edit(_ id: Int, _ change: EntryChange, actor: Handle) async throws -> Entry { try await rules(actor.value).edit(id, change).entry }
    func delete(_ id: Int, actor: Handle) async throws -> Entry { try await rules(actor.value).delete(id) }
    func restore(_ id: Int, actor: Handle) async throws -> Entry { try await rules(actor.value).restore(id).entry }
    func history(of id: Int) async throws -> [AuditRecord] { try await admin.history(ofEntry: id).changes }

    func staff(_ handle: Handle) async throws -> StaffMember? { try await admin.staff(handle) }
    func listStaff() async throws -> [StaffMember] { try await admin.listStaff() }
    @discardableResult
    func addStaff(_ handle: Handle, name: String?, manager: Bool, email: String? = nil) async throws -> StaffMember {
        try await admin.addStaff(handle, name: name, email: email, manager: manager)
    }
    @discardableResult
    func renameStaff(_ handle: Handle, to name: String) async throws -> StaffMember { try await admin.renameStaff(handle, to: name) }
    @discardableResult
    func setRole(_ handle: Handle, _ role: StaffMember.Role) async throws -> StaffMember { try await admin.setRole(handle, role) }
    @discardableResult
    func setActive(_ handle: Handle, _ active: Bool) async throws -> StaffMember { try await admin.setActive(handle, active) }

    func networks() async throws -> [Network] { try await admin.networks() }
    func outcomes() async throws -> [Outcome] { try await admin.outcomes() }
    @discardableResult
    func addNetwork(key: String, name: String, aliases: [String]) async throws -> Network {
        try await admin.addNetwork(key: key, name: name, aliases: aliases)
    }
    @discardableResult
    func addOutcome(key: String, description: String, unit: String?) async throws -> Outcome {
        try await admin.addOutcome(key: key, description: description, unit: unit)
    }
    @discardableResult
    func renameOutcome(_ key: String, to newKey: String) async throws -> Outcome { try await admin.renameOutcome(key, to: newKey) }
    @discardableResult
    func retireOutcome(_ key: String) async throws -> Outcome { try await admin.retireOutcome(key) }

    /// The threshold in force this week.
    func threshold() async throws -> Minutes { try await admin.threshold(for: ISOWeek(containing: clock.today)) }
    /// A threshold for every week, from the first on: a history fixture written to the store
    /// directly, since the rules refuse a threshold for a past week.
    func setThreshold(_ minutes: Minutes) async throws {
        try await data.write { tx in
            try await tx.saveThreshold(DatedThreshold(fromWeek: ISOWeek.first, minutes: minutes), setAt: clock.timestamp, setBy: Handle(trusted: "admin"))
        }
    }

    func justify(staff: Handle, week: ISOWeek, text: String) async throws -> (justification: Justification, registered: Bool) {
        try await rules(staff.value).justify(week: week, text: text)
    }
    func review(staff: Handle, week: ISOWeek, reviewer: Handle, accept: Bool, comment: String?) async throws -> Justification {
        try await rules(reviewer.value).review(staff: staff, week: week, accept: accept, comment: comment)
    }
    func recordResult(_ result: NewResult) async throws -> (result: RecordedResult, registered: Bool) {
        try await rules(result.staff.value).recordResult(result)
    }

    func analyze(_ week: ISOWeek, threshold: Minutes? = nil) async throws -> WeekAnalysis { try await admin.analyze(week, threshold: threshold) }
    func weeklyReport(_ week: ISOWeek, trendWeeks: Int = 4) async throws -> WeeklyReport {
        try await admin.weeklyReport(week, trendWeeks: trendWeeks)
    }
    func importEntries(_ reader: CSVReader, options: ImportOptions, actor: Handle, sourceName: String) async throws -> ImportSummary {
        try await rules(actor.value, owner: true).importEntries(reader, options: options, sourceName: sourceName)
    }
}

extension NewEntry {
    static func make(_ staff: String = "anna", _ date: String = "2026-11-27", _ minutes: Int = 60,
                     network: String = "linkedin", outcome: String = "recruiting", note: String = "") -> NewEntry {
        NewEntry(staff: try! Handle(validating: staff), date: CalendarDate(iso: date)!, minutes: Minutes(minutes),
                 network: network, outcome: outcome, note: note)
    }
}

/// The `SocialTimeError` thrown by `body`, or nil when it did not throw one.
func socialTimeError(_ body: () async throws -> Void) async -> SocialTimeError? {
    do {
        try await body()
        return nil
    } catch let error as SocialTimeError {
        return error
    } catch {
        return .failure("unexpected \(error)")
    }
}

/// The message of a `SocialTimeError` thrown by `body`, or nil when it did not throw one.
func socialTimeError(_ body: () throws -> Void) -> SocialTimeError? {
    do {
        try body()
        return nil
    } catch let error as SocialTimeError {
        return error
    } catch {
        return .failure("unexpected \(error)")
    }
}

/// Where two dumps first differ ("before: …" / "after: …"), or nil when they are equal. Tests
/// compare dumps through this, so a failure names one row instead of handing the test library
/// two long strings to diff.
func firstDifference(_ before: String, _ after: String) -> String? {
    guard before != after else { return nil }
    let old = before.split(separator: "\n", omittingEmptySubsequences: false)
    let new = after.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(old.count, new.count) {
        let was = index < old.count ? String(old[index]) : "(nothing)"
        let now = index < new.count ? String(new[index]) : "(nothing)"
        if was != now { return "line \(index + 1) before: \(was) after: \(now)" }
    }
    return "the dumps differ"
}
