import Foundation
import Testing
import PostgresScratch
@testable import SocialTimeCore

/// The rules of the spec's Concepts and "Who may do what" that are not a yes/no per operation:
/// who the acting person is, registration, dated thresholds, reviews that cover what they saw,
/// and the last manager. Each runs against every store `StoreFactory` makes.
@Suite struct RuleTests {
    static let clock = Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00")
    static let w46 = ISOWeek(iso: "2026-W46")!, w47 = ISOWeek(iso: "2026-W47")!, w48 = ISOWeek(iso: "2026-W48")!

    /// A store with the driver over it (which acts as the person each call is about).
    static func make(_ factory: StoreFactory) async throws -> (store: any RuleTestStore, driver: RulesDriver) {
        let store = try await factory.make()
        return (store, RulesDriver(data: store.data, clock: clock, owner: store))
    }

    static func rules(_ store: any RuleTestStore, login: String, as requested: String? = nil, administers: Bool = false) -> Rulebook {
        Rulebook(store: store.data(as: login), clock: clock, identity: Identity(login: login, requested: requested, administersStore: administers))
    }

    // MARK: - Identity

    @Test(arguments: StoreFactory.all)
    func actingAsSomeoneElseNeedsAnAdministeringOrActiveManagerLogin(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        try await driver.addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        try await driver.addStaff(Handle(trusted: "anna"), name: "Anna", manager: false)
        try await driver.addStaff(Handle(trusted: "bo"), name: "Bo", manager: false)

        // The administering login, on the roster or not, acts as anna with anna's own rights.
        let byOwner = try await Self.rules(store, login: "admin", as: "anna", administers: true).currentActor()
        #expect(byOwner.handle.value == "anna" && byOwner.rights == .staff)
        // An active manager may too; the rights are still anna's.
        let byManager = try await Self.rules(store, login: "boss", as: "anna").currentActor()
        #expect(byManager.handle.value == "anna" && byManager.rights == .staff)
        // What is done so is done as anna: her entry, audited under her name.
        let logged = try await Self.rules(store, login: "boss", as: "anna").log(.make("anna", "2026-11-20", 30))
        #expect(logged.entry.staff.value == "anna" && !logged.registeredStaff)

        // Staff may not act as someone else.
        let before = try store.dump()
        let refused = await socialTimeError { _ = try await Self.rules(store, login: "anna", as: "bo").log(.make("bo", "2026-11-20", 30)) }
        #expect(refused?.exitCode == 77)
        #expect(refused?.message.contains("only a manager can act as someone else") == true)
        // Nor may a login that is not on the roster, once a manager exists. (Not eve: on PostgreSQL
        // she is a login role of the end-to-end permission table, and role names are the cluster's.)
        let stranger = await socialTimeError { _ = try await Self.rules(store, login: "ines", as: "anna").currentActor() }
        #expect(stranger?.exitCode == 77)
        // Nor a deactivated manager.
        try await driver.addStaff(Handle(trusted: "cleo"), name: "Cleo", manager: true)
        try await driver.setActive(Handle(trusted: "cleo"), false)
        let inactive = await socialTimeError { _ = try await Self.rules(store, login: "cleo", as: "anna").currentActor() }
        #expect(inactive?.exitCode == 77)
        let afterCleo = try store.dump()
        _ = await socialTimeError { _ = try await Self.rules(store, login: "cleo", as: "anna").log(.make("anna", "2026-11-20", 30)) }
        #expect(firstDifference(afterCleo, try store.dump()) == nil)
        #expect(before != afterCleo)
    }

    /// Until the roster has a manager, only the administrator has manager rights: nobody else may
    /// act as anyone, and nobody is a manager by being early.
    @Test(arguments: StoreFactory.all)
    func withoutAManagerOnlyTheAdministratorHasManagerRights(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        try await driver.addStaff(Handle(trusted: "anna"), name: "Anna", manager: false)
        try await driver.addStaff(Handle(trusted: "bo"), name: "Bo", manager: false)
        #expect(try await store.data.read { tx in try await tx.activeManagerCount() } == 0)
        let before = try store.dump()
        let refused = await socialTimeError { _ = try await Self.rules(store, login: "anna", as: "bo").currentActor() }
        #expect(refused?.exitCode == 77, "\(String(describing: refused))")
        #expect(try await Self.rules(store, login: "anna").currentActor().rights == .staff)
        #expect(await socialTimeError { try await Self.rules(store, login: "anna").setThreshold(Minutes(240), from: Self.w48) }?.exitCode == 77)
        #expect(await socialTimeError { _ = try await Self.rules(store, login: "anna").analyze(Self.w47) }?.exitCode == 77)
        #expect(firstDifference(before, try store.dump()) == nil)
        let admin = try await driver.admin.currentActor()
        #expect(admin.rights == .administrator)
    }

    @Test(arguments: StoreFactory.all)
    func aRequestedHandleNotOnTheRosterIsBadUsageWithASuggestion(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        try await driver.addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        try await driver.addStaff(Handle(trusted: "anna"), name: "Anna", manager: false)
        let before = try store.dump()
        for login in ["boss", "admin"] {
            let error = await socialTimeError { _ = try await Self.rules(store, login: login, as: "ana", administers: login == "admin").log(.make("ana", "2026-11-20", 30)) }
            #expect(error?.exitCode == 64, "\(login)")
            #expect(error?.message.contains("no staff member 'ana'") == true, "\(login)")
            #expect(error?.message.contains("did you mean 'anna'") == true, "\(login)")
        }
        // A requested handle that is not a handle at all is bad usage too, naming where it came from.
        let malformed = await socialTimeError {
            _ = try await Rulebook(store: store.data(as: "boss"), clock: Self.clock,
                                   identity: Identity(login: "boss", requested: "Anna", requestSource: "SOCIALTIME_USER", administersStore: false)).currentActor()
        }
        #expect(malformed?.exitCode == 64)
        #expect(malformed?.message.contains("SOCIALTIME_USER") == true)
        #expect(firstDifference(before, try store.dump()) == nil)
    }

    /// `log` and `result` put the login on the roster on first use; `justify` would too, but a
    /// person not yet on the roster has nothing logged to justify, so it is refused and rolled back.
    /// A file only: on a server nobody registers themselves (`onAServerNobodyRegistersThemselves`).
    @Test(arguments: [StoreFactory.sqlite])
    func theLoginRegistersOnFirstUse(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        let logged = try await Self.rules(store, login: "anna").log(.make("anna", "2026-11-17", 60))
        #expect(logged.registeredStaff)
        #expect(try await driver.staff(Handle(trusted: "anna"))?.name == "anna")
        let second = try await Self.rules(store, login: "anna").log(.make("anna", "2026-11-18", 60))
        #expect(!second.registeredStaff)

        let result = try await Self.rules(store, login: "bo").recordResult(NewResult(staff: Handle(trusted: "bo"), date: CalendarDate(iso: "2026-11-18")!, quantity: 2, outcome: "sales-leads"))
        #expect(result.registered && result.result.staff.value == "bo")
        #expect(try await driver.staff(Handle(trusted: "bo")) != nil)

        let before = try store.dump()
        let justified = await socialTimeError { _ = try await Self.rules(store, login: "cleo").justify(week: Self.w47, text: "An explanation long enough to count") }
        #expect(justified?.exitCode == 64)
        #expect(try await driver.staff(Handle(trusted: "cleo")) == nil)
        #expect(firstDifference(before, try store.dump()) == nil)
        // anna, registered, justifies her logged week.
        let annas = try await Self.rules(store, login: "anna").justify(week: Self.w47, text: "An explanation long enough to count")
        #expect(!annas.registered && annas.justification.status == .submitted && annas.justification.weekTotal == Minutes(120))
    }

    /// On a server nobody registers by logging: an unknown login — connected as itself — is
    /// refused (77, naming the way in), and nothing changes, also when it calls the database's
    /// function itself; the administrator's own login still joins, as a manager.
    @Test(.enabled(if: PostgresTestCluster.bothStores))
    func onAServerNobodyRegistersThemselves() async throws {
        let store = try await PostgresRuleStore.make()
        let before = try store.dump()
        let anna = store.unregistered("anna")
        #expect(try await anna.connectedRole()?.name == "anna")
        let rules = Rulebook(store: anna, clock: Self.clock, identity: Identity(login: "anna", requested: nil, administersStore: false))
        let refused = await socialTimeError { _ = try await rules.log(.make("anna", "2026-11-17", 60)) }
        #expect(refused?.exitCode == 77)
        #expect(refused?.message.contains("ask a manager: `socialtime staff add anna --login`") == true)
        // Past the rulebook, the database refuses her too.
        let direct = await socialTimeError {
            _ = try await anna.write { tx in
                try await tx.insertStaff(NewStaffRecord(handle: Handle(trusted: "anna"), name: "anna", email: nil, role: .staff,
                                                        createdAt: "2026-11-27T17:00:00+01:00"))
            }
        }
        #expect(direct?.exitCode == 77, "\(String(describing: direct))")
        #expect(firstDifference(before, try store.dump()) == nil)
        let admin = Rulebook(store: store.data, clock: Self.clock, identity: Identity(login: "admin", requested: nil, administersStore: true))
        #expect(try await admin.log(.make("admin", "2026-11-17", 60)).registeredStaff)
        #expect(try await admin.staff(Handle(trusted: "admin"))?.role == .manager)
    }

    /// On a server each person's calls run over their own login role (`PostgresRuleStore`): the
    /// database itself knows who is connected — its audit rows name the login — and the
    /// administrator is the role that ran `db init`, not a superuser.
    @Test(.enabled(if: PostgresTestCluster.bothStores))
    func onAServerEachPersonActsThroughTheirOwnLogin() async throws {
        let store = try await PostgresRuleStore.make()
        let driver = RulesDriver(data: store.data, clock: Self.clock, owner: store)
        try await driver.addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        let id = try await driver.log(.make("anna", "2026-11-24", 30)).entry.id
        _ = try await driver.edit(id, EntryChange(note: "checked"), actor: Handle(trusted: "boss"))
        for login in ["admin", "boss", "anna"] {
            #expect(try await store.data(as: login).connectedRole() == StoreRole(name: login, isAdministrator: login == "admin"))
        }
        #expect(try store.scratch.sqlOnCluster("SELECT rolsuper::text FROM pg_roles WHERE rolname = 'admin'") == "false")
        #expect(try store.scratch.sql("SELECT actor || ' ' || action FROM audit_log WHERE entry_id = \(id) ORDER BY id") == "anna create\nboss edit")
    }

    /// The first person registered is a manager, however they arrive; everyone after is staff.
    /// Nobody becomes a manager by registering, being added without --manager, or being
    /// imported, however early they arrive; the administrator's own login joins as a manager.
    @Test(arguments: StoreFactory.all)
    func nobodyBecomesAManagerByRegisteringOrImport(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        _ = try await driver.log(.make("anna", "2026-11-17", 60))
        _ = try await driver.log(.make("bo", "2026-11-17", 60))
        #expect(try await driver.staff(Handle(trusted: "anna"))?.role == .staff)
        #expect(try await driver.staff(Handle(trusted: "bo"))?.role == .staff)
        #expect(try await Self.rules(store, login: "anna").currentActor().rights == .staff)
        #expect(try await Self.rules(store, login: "bo").currentActor().rights == .staff)
        // The administrator's own login joins as a manager on its first log.
        _ = try await driver.admin.log(.make("admin", "2026-11-17", 30))
        #expect(try await driver.staff(Handle(trusted: "admin"))?.role == .manager)

        let (_, added) = try await Self.make(factory)
        try await added.addStaff(Handle(trusted: "cleo"), name: "Cleo", manager: false)
        try await added.addStaff(Handle(trusted: "dan"), name: "Dan", manager: false)
        #expect(try await added.staff(Handle(trusted: "cleo"))?.role == .staff)
        #expect(try await added.staff(Handle(trusted: "dan"))?.role == .staff)

        let (_, imported) = try await Self.make(factory)
        _ = try await imported.importEntries(try PermissionTableTests.importFile("eve", id: 1), options: ImportOptions(),
                                             actor: Handle(trusted: "admin"), sourceName: "first.csv")
        #expect(try await imported.staff(Handle(trusted: "eve"))?.role == .staff)
    }

    // MARK: - Dated thresholds

    /// 4 h from 2026-W48 on: W47 keeps 5 h, W48 is judged by 4 h, in `analyze`, in what `log`
    /// reports back, and in the report's trend weeks.
    @Test(arguments: StoreFactory.all)
    func aThresholdAppliesFromItsWeekOn(factory: StoreFactory) async throws {
        let (_, driver) = try await Self.make(factory)
        _ = try await driver.log(.make("anna", "2026-11-10", 250))  // W46
        _ = try await driver.log(.make("anna", "2026-11-17", 250))  // W47
        _ = try await driver.log(.make("anna", "2026-11-24", 250))  // W48
        let w47Before = try await driver.analyze(Self.w47)

        try await driver.admin.setThreshold(Minutes(240), from: Self.w48)
        #expect(try await driver.analyze(Self.w47) == w47Before)
        #expect(w47Before.threshold == Minutes(300) && w47Before.flagged.isEmpty)
        let w48 = try await driver.analyze(Self.w48)
        #expect(w48.threshold == Minutes(240))
        #expect(w48.flagged.map(\.staff.value) == ["anna"])
        #expect(try await driver.admin.threshold(for: Self.w48.next) == Minutes(240))
        #expect(try await driver.admin.thresholdHistory() == [DatedThreshold(fromWeek: Self.w48, minutes: Minutes(240))])

        #expect(try await driver.log(.make("anna", "2026-11-18", 1)).standing.threshold == Minutes(300))
        let logged = try await driver.log(.make("anna", "2026-11-25", 1))
        #expect(logged.threshold == Minutes(240) && logged.needsJustification)

        // A threshold for a past week is refused (64) and changes nothing: W46 and W47 keep the
        // threshold they were judged by, so the report of every past week stays the same.
        let report = try await driver.weeklyReport(Self.w48, trendWeeks: 3)
        let w47Now = try await driver.analyze(Self.w47)
        #expect(report.threshold == Minutes(240))
        #expect(report.trend.map(\.week) == [Self.w46.previous, Self.w46, Self.w47])
        let refused = await socialTimeError { try await driver.admin.setThreshold(Minutes(180), from: Self.w46) }
        #expect(refused?.exitCode == 64 && refused?.message.contains("2026-W46 is in the past") == true, "\(String(describing: refused))")
        #expect(await socialTimeError { try await driver.admin.setThreshold(Minutes(180), from: Self.w47) }?.exitCode == 64)
        #expect(try await driver.weeklyReport(Self.w48, trendWeeks: 3) == report)
        #expect(try await driver.analyze(Self.w47) == w47Now)
        #expect(try await driver.admin.thresholdHistory().count == 1)
        // This week and later weeks may still be set.
        try await driver.admin.setThreshold(Minutes(300), from: Self.w48.next)
        #expect(try await driver.admin.thresholdHistory().count == 2)
    }

    @Test(arguments: StoreFactory.all)
    func aThresholdMustBeAMinuteToAWeek(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        let before = try store.dump()
        for bad in [0, -5, 7 * 24 * 60 + 1] {
            #expect(await socialTimeError { try await driver.admin.setThreshold(Minutes(bad), from: Self.w48) }?.exitCode == 64, "\(bad)")
        }
        #expect(firstDifference(before, try store.dump()) == nil)
        try await driver.admin.setThreshold(Minutes(7 * 24 * 60), from: Self.w48)
    }

    // MARK: - Reviews cover what they reviewed

    @Test(arguments: StoreFactory.all)
    func anAcceptanceStopsCoveringTheWeekWhenItGrows(factory: StoreFactory) async throws {
        let (_, driver) = try await Self.make(factory)
        let anna = Handle(trusted: "anna"), boss = Handle(trusted: "boss")
        try await driver.addStaff(boss, name: "Boss", manager: true)
        _ = try await driver.log(.make("anna", "2026-11-17", 360))
        _ = try await driver.justify(staff: anna, week: Self.w47, text: "The recruiting campaign for the new shop")
        _ = try await driver.review(staff: anna, week: Self.w47, reviewer: boss, accept: true, comment: "Fine")
        let accepted = try await driver.analyze(Self.w47)
        #expect(accepted.flagged.isEmpty && accepted.awaitingReview.isEmpty)
        #expect(accepted.people.first?.justificationStatus == .accepted && accepted.people.first?.reviewedMinutes == Minutes(360))

        let grown = try await driver.log(.make("anna", "2026-11-18", 120))
        #expect(grown.justificationStatus == .submitted)
        let analysis = try await driver.analyze(Self.w47)
        #expect(analysis.flagged.isEmpty)
        let awaiting = try #require(analysis.awaitingReview.first)
        #expect(analysis.awaitingReview.count == 1 && awaiting.staff == anna)
        #expect(awaiting.minutes == Minutes(480) && awaiting.reviewedMinutes == Minutes(360))
        #expect(awaiting.minutesSinceReview == Minutes(120))
        #expect(awaiting.justificationStatus == .submitted && awaiting.reviewedBy == boss)
        #expect(try await driver.admin.justifications(week: Self.w47, staff: anna).map(\.status) == [.submitted])

        // A new review covers the new total.
        let reviewed = try await driver.review(staff: anna, week: Self.w47, reviewer: boss, accept: true, comment: nil)
        #expect(reviewed.status == .accepted)
        let again = try await driver.analyze(Self.w47)
        #expect(again.awaitingReview.isEmpty && again.people.first?.reviewedMinutes == Minutes(480))
    }

    @Test(arguments: StoreFactory.all)
    func aRejectionStaysFlaggedWhateverIsLoggedAfter(factory: StoreFactory) async throws {
        let (_, driver) = try await Self.make(factory)
        let bo = Handle(trusted: "bo"), boss = Handle(trusted: "boss")
        try await driver.addStaff(boss, name: "Boss", manager: true)
        _ = try await driver.log(.make("bo", "2026-11-17", 360))
        _ = try await driver.justify(staff: bo, week: Self.w47, text: "Answering customers on Facebook all week")
        _ = try await driver.review(staff: bo, week: Self.w47, reviewer: boss, accept: false, comment: "Use the help desk")
        _ = try await driver.log(.make("bo", "2026-11-18", 60))
        let analysis = try await driver.analyze(Self.w47)
        #expect(analysis.flagged.map(\.staff) == [bo])
        #expect(analysis.flagged.first?.justificationStatus == .rejected && analysis.flagged.first?.minutes == Minutes(420))
        #expect(analysis.awaitingReview.isEmpty)
    }

    // MARK: - The last manager

    @Test(arguments: StoreFactory.all)
    func theLastActiveManagerCannotBeDemotedOrDeactivated(factory: StoreFactory) async throws {
        let (store, driver) = try await Self.make(factory)
        let boss = Handle(trusted: "boss"), cleo = Handle(trusted: "cleo"), anna = Handle(trusted: "anna")
        try await driver.addStaff(boss, name: "Boss", manager: true)
        try await driver.addStaff(cleo, name: "Cleo", manager: true)
        try await driver.addStaff(anna, name: "Anna", manager: false)
        try await driver.setActive(cleo, false)  // an inactive manager does not count
        let before = try store.dump()
        for refusal in [{ try await driver.setRole(boss, .staff) }, { try await driver.setActive(boss, false) },
                        { try await Self.rules(store, login: "boss").setRole(boss, .staff) }] as [() async throws -> StaffMember] {
            let error = await socialTimeError { _ = try await refusal() }
            #expect(error?.exitCode == 64)
            #expect(error?.message.contains("only active manager") == true)
        }
        #expect(firstDifference(before, try store.dump()) == nil)
        // Demoting staff, or a manager while another is active, is fine.
        try await driver.setRole(anna, .staff)
        try await driver.setRole(anna, .manager)
        try await Self.rules(store, login: "anna").setRole(boss, .staff)
        #expect(try await driver.staff(boss)?.role == .staff)
        #expect(await socialTimeError { _ = try await driver.setActive(anna, false) }?.exitCode == 64)
    }
}
