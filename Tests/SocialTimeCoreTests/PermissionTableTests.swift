import Foundation
import Testing
@testable import SocialTimeCore

/// The spec's "Who may do what" as a table: every `Rulebook` operation, run by each kind of
/// acting person against a fresh store from every `StoreFactory`. A refusal is exit 77, names
/// the rule without suggesting a way around it, and leaves every table exactly as it was.
@Suite struct PermissionTableTests {
    /// Who runs the operation.
    enum Acting: Int, CaseIterable {
        /// The login that owns the store, acting as itself (it is not on the roster).
        case administrator
        /// boss, an active manager, acting as himself.
        case manager
        /// anna, staff, acting as herself.
        case staff
        /// anna's login asking to act as bo (`--as bo`).
        case staffAsOther

        var identity: Identity {
            switch self {
            case .administrator: Identity(login: "admin", requested: nil, administersStore: true)
            case .manager: Identity(login: "boss", requested: nil, administersStore: false)
            case .staff: Identity(login: "anna", requested: nil, administersStore: false)
            case .staffAsOther: Identity(login: "anna", requested: "bo", administersStore: false)
            }
        }

        /// The handle the rules act as.
        var handle: String {
            switch self {
            case .administrator: "admin"
            case .manager: "boss"
            case .staff: "anna"
            case .staffAsOther: "bo"
            }
        }
    }

    enum Expected: Equatable {
        case allowed
        /// Exit 77.
        case denied
        /// Exit 64: allowed to try, but the request itself cannot be met (said why in the row).
        case invalid
        /// Denied on a file; on a server row-level security hides another person's entries from
        /// a staff login altogether, so the rulebook finds no such entry among theirs (64, as
        /// `EntryRules.requireEntry` says it) — no more than a refusal would tell.
        case hiddenOnAServer
    }

    /// What the fixture holds, by id.
    struct Fixture: Sendable {
        let annaEntry = 1, annaDeleted = 2, boEntry = 3, boDeleted = 4
        static let week = ISOWeek(iso: "2026-W47")!
        static let clock = Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00")
    }

    /// One row of the table: an operation and what each acting person gets, in `Acting` order.
    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let expected: [Expected]
        let run: @Sendable (Rulebook, Acting) async throws -> Void

        init(_ name: String, _ administrator: Expected, _ manager: Expected, _ staff: Expected, _ staffAsOther: Expected,
             _ run: @escaping @Sendable (Rulebook, Acting) async throws -> Void) {
            self.name = name
            expected = [administrator, manager, staff, staffAsOther]
            self.run = run
        }

        var testDescription: String { name }
    }

    /// boss and cleo are managers, anna and bo staff. anna, bo and boss each have 6 h in W47 with
    /// a submitted justification, one live entry and one deleted entry (boss only the live one).
    static func makeFixture(_ factory: StoreFactory) async throws -> any RuleTestStore {
        let store = try await factory.make()
        var driver = RulesDriver(data: store.data, clock: Fixture.clock, owner: store)
        // Setting up is the administrator's: on a server the fixture's people are played by the
        // administrator's own login (`--as`), and only the operation under test runs over the
        // acting person's login role (which keeps the tests that take turns with roles short).
        driver.throughAdministrator = store is PostgresRuleStore
        for (handle, manager) in [("boss", true), ("cleo", true), ("anna", false), ("bo", false)] {
            try await driver.addStaff(Handle(trusted: handle), name: handle.capitalized, manager: manager)
        }
        for handle in ["anna", "bo"] {
            let person = Handle(trusted: handle)
            _ = try await driver.log(.make(handle, "2026-11-17", 360))
            let deleted = try await driver.log(.make(handle, "2026-11-18", 30)).entry
            _ = try await driver.delete(deleted.id, actor: person)
            _ = try await driver.justify(staff: person, week: Fixture.week, text: "The LinkedIn recruiting campaign for the new shop")
        }
        _ = try await driver.log(.make("boss", "2026-11-17", 360))
        _ = try await driver.justify(staff: Handle(trusted: "boss"), week: Fixture.week, text: "Briefing the team on the new social media policy")
        // Running timers, so that stopping and cancelling one's own has something to act on.
        for handle in ["anna", "bo", "boss"] {
            _ = try await driver.rules(handle).start(network: "x", outcome: "listening")
        }
        return store
    }

    static func importFile(_ handle: String, id: Int) throws -> CSVReader {
        try CSVReader(source: MemoryByteSource(ImportTests.header
            + "\(id),,2026-11-19,\(handle),\(handle.capitalized),linkedin,recruiting,30,,,2026-11-19T09:00:00+01:00\r\n"))
    }

    static let f = Fixture()
    static let w = Fixture.week

    static let rows: [Row] = [
        Row("log", .allowed, .allowed, .allowed, .denied) { rules, _ in
            _ = try await rules.log(.make(try rules.actingHandle().value, "2026-11-20", 30))
        },
        Row("start a timer", .allowed, .allowed, .allowed, .denied) { rules, _ in
            _ = try await rules.start(network: "linkedin", outcome: "recruiting")
        },
        // The administrator has no timer running (64, not 77).
        Row("stop own timer", .invalid, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.stop() },
        Row("cancel own timer", .invalid, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.cancel() },
        Row("status of self", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.status() },
        Row("entries of self", .allowed, .allowed, .allowed, .denied) { rules, acting in
            _ = try await rules.entries(EntryQuery(week: w, staff: Handle(trusted: acting.handle)))
        },
        Row("entries of another", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.entries(EntryQuery(week: w, staff: Handle(trusted: "cleo"))) },
        Row("entries of everyone", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.entries(EntryQuery(week: w)) },
        Row("read own entry", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.entry(f.annaEntry) },
        Row("read another's entry", .allowed, .allowed, .hiddenOnAServer, .denied) { rules, _ in _ = try await rules.entry(f.boEntry) },
        Row("justifications of self", .allowed, .allowed, .allowed, .denied) { rules, acting in
            _ = try await rules.justifications(week: nil, staff: Handle(trusted: acting.handle))
        },
        Row("justifications of another", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.justifications(week: w, staff: Handle(trusted: "bo")) },
        Row("justifications of everyone", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.justifications(week: w, staff: nil) },
        Row("edit own entry", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.edit(f.annaEntry, EntryChange(note: "changed")) },
        Row("edit another's entry", .allowed, .allowed, .hiddenOnAServer, .denied) { rules, _ in _ = try await rules.edit(f.boEntry, EntryChange(note: "changed")) },
        Row("delete own entry", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.delete(f.annaEntry) },
        Row("delete another's entry", .allowed, .allowed, .hiddenOnAServer, .denied) { rules, _ in _ = try await rules.delete(f.boEntry) },
        Row("restore own entry", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.restore(f.annaDeleted) },
        Row("restore another's entry", .allowed, .allowed, .hiddenOnAServer, .denied) { rules, _ in _ = try await rules.restore(f.boDeleted) },
        Row("history of own entry", .allowed, .allowed, .allowed, .denied) { rules, _ in _ = try await rules.history(ofEntry: f.annaEntry) },
        Row("history of another's entry", .allowed, .allowed, .hiddenOnAServer, .denied) { rules, _ in _ = try await rules.history(ofEntry: f.boEntry) },
        // The administrator has logged nothing, so has nothing to justify (64, not 77).
        Row("justify own week", .invalid, .allowed, .allowed, .denied) { rules, _ in
            _ = try await rules.justify(week: w, text: "Explaining the hours of this week again")
        },
        // A review names its reviewer on the roster: the administrator, not on it, cannot review.
        Row("review another's justification", .allowed, .allowed, .denied, .denied) { rules, _ in
            _ = try await rules.review(staff: Handle(trusted: "anna"), week: w, accept: true, comment: nil)
        },
        Row("review own justification", .denied, .denied, .denied, .denied) { rules, acting in
            _ = try await rules.review(staff: Handle(trusted: acting.handle), week: w, accept: true, comment: nil)
        },
        Row("record a result", .allowed, .allowed, .allowed, .denied) { rules, _ in
            _ = try await rules.recordResult(NewResult(staff: Handle(trusted: "ignored"), date: CalendarDate(iso: "2026-11-20")!, quantity: 1, outcome: "recruiting"))
        },
        Row("add staff", .allowed, .allowed, .denied, .denied) { rules, _ in
            try await rules.addStaff(Handle(trusted: "dan"), name: "Dan", email: nil, manager: false)
        },
        // The administrator is not on the roster, so there is no name of its own to change.
        Row("rename self", .invalid, .allowed, .allowed, .denied) { rules, acting in
            try await rules.renameStaff(Handle(trusted: acting.handle), to: "New Name")
        },
        Row("rename another", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.renameStaff(Handle(trusted: "cleo"), to: "New Name") },
        Row("set own e-mail", .invalid, .allowed, .allowed, .denied) { rules, acting in
            try await rules.setEmail(Handle(trusted: acting.handle), to: "me@example.com")
        },
        Row("set another's e-mail", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.setEmail(Handle(trusted: "cleo"), to: "cleo@example.com") },
        Row("set role", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.setRole(Handle(trusted: "bo"), .manager) },
        Row("set active", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.setActive(Handle(trusted: "bo"), false) },
        Row("add network", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.addNetwork(key: "discord", name: "Discord", aliases: ["dc"]) },
        Row("add outcome", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.addOutcome(key: "partnerships", description: "Finding partners", unit: nil) },
        Row("rename outcome", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.renameOutcome("listening", to: "monitoring") },
        Row("retire outcome", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.retireOutcome("listening") },
        Row("set threshold", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.setThreshold(Minutes(240), from: w.next) },
        Row("analyze", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.analyze(w) },
        Row("weekly report", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.weeklyReport(w) },
        Row("export", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.export { reader in try await reader.weeksWithData() } },
        Row("check", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.check() },
        Row("backup", .allowed, .allowed, .denied, .denied) { rules, _ in
            let target = NSTemporaryDirectory() + "socialtime-backup-\(UUID().uuidString).db"
            defer { try? FileManager.default.removeItem(atPath: target) }
            try await rules.backup(to: target)
        },
        // An export's rows keep their entry ids: a manager's (moving a history); staff never pick ids.
        Row("import rows of one's own with their ids", .allowed, .allowed, .denied, .denied) { rules, acting in
            _ = try await rules.importEntries(try importFile(acting.handle, id: 900), options: ImportOptions(), sourceName: "own.csv")
        },
        Row("import rows of another", .allowed, .allowed, .denied, .denied) { rules, _ in
            _ = try await rules.importEntries(try importFile("cleo", id: 901), options: ImportOptions(), sourceName: "other.csv")
        },
        // The administrator is not on the roster: it has no data of its own to export.
        Row("export own personal data", .invalid, .allowed, .allowed, .denied) { rules, acting in
            _ = try await rules.exportPersonalData(of: Handle(trusted: acting.handle))
        },
        Row("export another's personal data", .allowed, .allowed, .denied, .denied) { rules, _ in
            _ = try await rules.exportPersonalData(of: Handle(trusted: "bo"))
        },
        Row("erase a person", .allowed, .allowed, .denied, .denied) { rules, _ in
            _ = try await rules.erase(Handle(trusted: "bo"), confirm: "bo", keepTotals: false)
        },
        Row("erase a person, keeping totals", .allowed, .allowed, .denied, .denied) { rules, _ in
            _ = try await rules.erase(Handle(trusted: "bo"), confirm: "bo", keepTotals: true)
        },
        Row("erase with a wrong confirmation", .invalid, .invalid, .invalid, .invalid) { rules, _ in
            _ = try await rules.erase(Handle(trusted: "bo"), confirm: "b0", keepTotals: false)
        },
        Row("set retention", .allowed, .allowed, .denied, .denied) { rules, _ in try await rules.setRetention(12) },
        Row("prune", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.prune(dryRun: false) },
        Row("prune, dry run", .allowed, .allowed, .denied, .denied) { rules, _ in _ = try await rules.prune(dryRun: true) },
    ]

    @Test(arguments: StoreFactory.all, rows)
    func whoMayDoWhat(factory: StoreFactory, row: Row) async throws {
        for acting in Acting.allCases {
            let store = try await Self.makeFixture(factory)
            let before = try store.dump()
            let rules = Rulebook(store: store.data(as: acting.identity.login!), clock: Fixture.clock, identity: acting.identity)
            let error = await socialTimeError { try await row.run(rules, acting) }
            // The acting is over: on a server the login roles go back to the cluster before the
            // checks (other tests wait for those names).
            store.endLogins()
            var expected = row.expected[acting.rawValue]
            if expected == .hiddenOnAServer && !(store is PostgresRuleStore) { expected = .denied }
            switch expected {
            case .allowed where ["check", "backup"].contains(row.name) && store.data.maintenance == nil:
                // A server's integrity checks and backups are its operators' tools: allowed, and
                // answered with that (exit 1), never a permission refusal.
                #expect(error?.exitCode == 1 && error?.message.contains("the database server's own tools do that") == true,
                        "\(row.name) as \(acting): \(String(describing: error))")
            case .allowed:
                #expect(error == nil, "\(row.name) as \(acting): \(String(describing: error))")
            case .denied:
                #expect(error?.exitCode == 77, "\(row.name) as \(acting): \(String(describing: error))")
                #expect(error?.message.contains("only a manager") == true || error?.message.contains("cannot review their own") == true,
                        "\(row.name) as \(acting): the message names the rule: \(String(describing: error))")
                #expect(error?.message.contains("--as") == false, "\(row.name) as \(acting): no way around the rule is suggested")
            case .invalid:
                #expect(error?.exitCode == 64, "\(row.name) as \(acting): \(String(describing: error))")
            case .hiddenOnAServer:
                #expect(error?.exitCode == 64 && error?.message.contains("among \(acting.handle)'s entries") == true,
                        "\(row.name) as \(acting): \(String(describing: error))")
            }
            if expected != .allowed {
                #expect(firstDifference(before, try store.dump()) == nil, "\(row.name) as \(acting) was refused but changed the database")
            }
        }
    }

    /// The dump sees a change anywhere: without this the "unchanged" checks above prove nothing.
    @Test(arguments: StoreFactory.all)
    func theDumpSeesEveryKindOfChange(factory: StoreFactory) async throws {
        let store = try await Self.makeFixture(factory)
        let admin = Rulebook(store: store.data, clock: Fixture.clock, identity: Acting.administrator.identity)
        var seen: Set<String> = [try store.dump()]
        let changes: [@Sendable () async throws -> Void] = [
            { _ = try await admin.edit(Self.f.annaEntry, EntryChange(note: "x")) },
            { try await admin.setEmail(Handle(trusted: "cleo"), to: "c@example.com") },
            { try await admin.setThreshold(Minutes(200), from: Self.w.next) },
            { _ = try await admin.restore(Self.f.boDeleted) },
        ]
        for change in changes {
            try await change()
            seen.insert(try store.dump())
        }
        #expect(seen.count == changes.count + 1)
    }
}
