import Foundation
import Testing
@testable import SocialTimeCore

/// Issue 18's rules through `Rulebook`, on every store: late changes listed with their week,
/// closed weeks, no overlapping timed entries, forgotten timers, reviews in one's own name, and
/// one roster visibility rule.
@Suite struct LateChangeRuleTests {
    static let w48 = ISOWeek(iso: "2026-W48")!

    /// The rules as `login` at a local time (`2026-12-03T10:00`), in the test process's zone.
    static func rules(_ store: any RuleTestStore, _ login: String, at now: String, as requested: String? = nil,
                      administers: Bool = false) throws -> Rulebook {
        Rulebook(store: store.data(as: login), clock: try Clock.at(epochSeconds: 0, todayOverride: nil, nowOverride: now),
                 identity: Identity(login: login, requested: requested, administersStore: administers))
    }

    static func admin(_ store: any RuleTestStore, at now: String) throws -> Rulebook {
        try rules(store, "admin", at: now, administers: true)
    }

    /// anna (staff) with 4 h on Thursday and 1 h on Tuesday of W48, and boss, a manager; logged in W48.
    static func annasWeek(_ factory: StoreFactory) async throws -> (store: any RuleTestStore, thursday: Int, tuesday: Int) {
        let store = try await factory.make()
        try await admin(store, at: "2026-11-27T17:00").addStaff(Handle(trusted: "boss"), name: "Boss", email: "boss@example.com", manager: true)
        let anna = try rules(store, "anna", at: "2026-11-27T17:00")
        let thursday = try await anna.log(.make("anna", "2026-11-26", 240)).entry.id
        let tuesday = try await anna.log(.make("anna", "2026-11-24", 60)).entry.id
        return (store, thursday, tuesday)
    }

    // MARK: - Late changes

    @Test(arguments: StoreFactory.all)
    func changesAfterTheWeekEndedAreListedWithItsWeek(factory: StoreFactory) async throws {
        let (store, thursday, tuesday) = try await Self.annasWeek(factory)
        let admin = try Self.admin(store, at: "2026-12-03T10:00")
        #expect(try await admin.analyze(Self.w48).lateChanges.isEmpty, "changes made in the week are not late")
        let anna = try Self.rules(store, "anna", at: "2026-12-03T10:00")
        _ = try await anna.delete(thursday)
        _ = try await anna.edit(tuesday, EntryChange(minutes: Minutes(30)))
        _ = try await anna.log(.make("anna", "2026-12-02", 20))  // this week: not late

        let late = try await admin.analyze(Self.w48).lateChanges
        try #require(late.count == 2)
        #expect(late[0].entryID == thursday && late[0].action == "delete" && late[0].by == "anna"
                && late[0].minutesBefore == Minutes(240) && late[0].minutesAfter == nil && late[0].netMinutes == -240)
        #expect(late[1].entryID == tuesday && late[1].action == "edit" && late[1].minutesBefore == Minutes(60)
                && late[1].minutesAfter == Minutes(30) && late[1].netMinutes == -30)
        #expect(late.allSatisfy { $0.at.hasPrefix("2026-12-03T10:00") && $0.reason == nil && $0.staff.value == "anna" })
        #expect(LateChangeSummary.perPerson(late) == [LateChangeSummary(staff: Handle(trusted: "anna"), count: 2, netMinutes: -270)])

        let report = try await admin.weeklyReport(Self.w48)
        #expect(report.lateChanges == late)
        let text = ReportTextRenderer(colour: false).render(report)
        #expect(text.contains("anna: 2 late changes, net −4h 30m"), "\(text)")
        let json = ReportJSONRenderer().json(report).serialized()
        #expect(json.contains(#""late_changes":[{"staff":"anna","entry_id":\#(thursday),"action":"delete","by":"anna""#), "\(json)")
        #expect(json.contains(#""minutes_before":60,"minutes_after":30,"reason":null}"#), "\(json)")
        let flags = FlagsRendering.json(try await admin.analyze(Self.w48)).serialized()
        #expect(!flags.contains("late_changes\":[{"), "anna is no longer flagged: 30 m left")

        #expect(try await anna.justifications(week: Self.w48, staff: Handle(trusted: "anna")).isEmpty)
        #expect(try await admin.analyze(ISOWeek(iso: "2026-W49")!).lateChanges.isEmpty)
    }

    /// A manager's change to a flagged person's past week shows in `flags --format json` too,
    /// naming the manager; a late log is a `log` with no minutes before.
    @Test(arguments: StoreFactory.all)
    func aManagersLateChangeIsNamedInFlagsAndJustifications(factory: StoreFactory) async throws {
        let (store, _, _) = try await Self.annasWeek(factory)
        try await Self.rules(store, "anna", at: "2026-11-27T17:00").justify(week: Self.w48, text: "Recruiting three developers for spring")
        let boss = try Self.rules(store, "boss", at: "2026-12-03T10:00")
        try await boss.review(staff: Handle(trusted: "anna"), week: Self.w48, accept: false, comment: nil)
        let logged = try await Self.rules(store, "anna", at: "2026-12-03T11:00").log(.make("anna", "2026-11-25", 45)).entry.id
        let analysis = try await Self.admin(store, at: "2026-12-03T12:00").analyze(Self.w48)
        #expect(analysis.flagged.map(\.staff.value) == ["anna"])
        let json = FlagsRendering.json(analysis).serialized()
        #expect(json.contains(#""late_changes":[{"entry_id":\#(logged),"action":"log","by":"anna","at":"2026-12-03T11:00"#), "\(json)")
        #expect(json.contains(#""date":"2026-11-25","minutes_before":null,"minutes_after":45,"reason":null}]"#), "\(json)")
        let views = try await boss.justifications(week: Self.w48, staff: Handle(trusted: "anna"))
        #expect(views.first?.lateChanges.map(\.entryID) == [logged])
        #expect(JustificationRendering.json(views).serialized().contains(#""late_changes":[{"entry_id":\#(logged)"#))
    }

    /// An edit that moves an entry from one ended week into another is a late change of both:
    /// the week it left loses the minutes, the week it reached gains them.
    @Test(arguments: StoreFactory.all)
    func anEditBetweenTwoEndedWeeksIsListedWithBoth(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let anna = try Self.rules(store, "anna", at: "2026-11-20T17:00")
        let id = try await anna.log(.make("anna", "2026-11-19", 90)).entry.id  // W47, logged in W47
        _ = try await Self.rules(store, "anna", at: "2026-12-03T10:00").edit(id, EntryChange(date: CalendarDate(iso: "2026-11-26")!))

        let admin = try Self.admin(store, at: "2026-12-03T11:00")
        let left = try await admin.analyze(ISOWeek(iso: "2026-W47")!).lateChanges
        let reached = try await admin.analyze(Self.w48).lateChanges
        #expect(left.count == 1 && left[0].entryID == id && left[0].netMinutes == -90, "\(left)")
        #expect(reached.count == 1 && reached[0].entryID == id && reached[0].netMinutes == 90, "\(reached)")
        // Moving an entry into a week that has not ended yet is no late change of that week.
        _ = try await Self.rules(store, "anna", at: "2026-12-03T12:00").edit(id, EntryChange(date: CalendarDate(iso: "2026-12-01")!))
        #expect(try await Self.admin(store, at: "2026-12-03T13:00").analyze(ISOWeek(iso: "2026-W49")!).lateChanges.isEmpty)
    }

    // MARK: - Closed weeks

    @Test(arguments: StoreFactory.all)
    func inAClosedWeekStaffAreRefusedAndAManagerNeedsAReason(factory: StoreFactory) async throws {
        let (store, thursday, tuesday) = try await Self.annasWeek(factory)
        try await Self.admin(store, at: "2026-12-01T09:00").setCloseAfter(days: 7)
        // W48 ended on Sunday 2026-11-29 and closes on 2026-12-07: the day before, anna may still change it.
        _ = try await Self.rules(store, "anna", at: "2026-12-06T10:00").edit(tuesday, EntryChange(note: "still open"))

        let anna = try Self.rules(store, "anna", at: "2026-12-07T10:00")
        let before = try store.dump()
        let attempts: [(String, () async throws -> Void)] = [
            ("delete", { _ = try await anna.delete(thursday) }),
            ("edit", { _ = try await anna.edit(tuesday, EntryChange(minutes: Minutes(30))) }),
            ("log", { _ = try await anna.log(.make("anna", "2026-11-25", 30)) }),
        ]
        for (what, attempt) in attempts {
            let error = await socialTimeError(attempt)
            #expect(error?.exitCode == 77, "\(what): \(String(describing: error))")
            #expect(error?.message.contains("2026-W48 closed on 2026-12-07") == true && error?.message.contains("ask a manager") == true,
                    "\(what): \(String(describing: error))")
        }
        #expect(firstDifference(before, try store.dump()) == nil)
        // Justifications stay open.
        _ = try await anna.justify(week: Self.w48, text: "Recruiting three developers for spring")

        let boss = try Self.rules(store, "boss", at: "2026-12-07T10:00")
        let afterJustify = try store.dump()
        let noReason = await socialTimeError { _ = try await boss.delete(thursday) }
        #expect(noReason?.exitCode == 64 && noReason?.message.contains("--reason") == true, "\(String(describing: noReason))")
        #expect(firstDifference(afterJustify, try store.dump()) == nil)
        _ = try await boss.delete(thursday, reason: "Logged twice: also in the CRM export")
        let late = try await Self.admin(store, at: "2026-12-07T11:00").analyze(Self.w48).lateChanges
        #expect(late.last?.by == "boss" && late.last?.reason == "Logged twice: also in the CRM export" && late.last?.staff.value == "anna")
        #expect(try await Self.admin(store, at: "2026-12-07T11:00").closeAfter() == 7)
        try await Self.admin(store, at: "2026-12-07T11:00").setCloseAfter(days: nil)
        _ = try await anna.edit(tuesday, EntryChange(note: "open again"))
    }

    // MARK: - Overlaps

    @Test(arguments: StoreFactory.all)
    func timedEntriesNeverOverlap(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let anna = try Self.rules(store, "anna", at: "2026-11-25T12:00")
        func timed(_ from: String, _ to: String, _ minutes: Int) -> NewEntry {
            var entry = NewEntry.make("anna", "2026-11-25", minutes)
            entry.startedAt = "2026-11-25T\(from):00+01:00"
            entry.endedAt = "2026-11-25T\(to):00+01:00"
            return entry
        }
        let first = try await anna.log(timed("09:00", "09:47", 47)).entry.id
        _ = try await anna.log(timed("09:47", "10:10", 23))  // touching is not overlapping
        let before = try store.dump()
        let overlap = await socialTimeError { _ = try await anna.log(timed("09:15", "09:30", 15)) }
        #expect(overlap?.exitCode == 64 && overlap?.message.contains("entry #\(first)") == true, "\(String(describing: overlap))")
        #expect(firstDifference(before, try store.dump()) == nil)
        // Entries without clock times overlap nothing.
        _ = try await anna.log(.make("anna", "2026-11-25", 30))
        // A deleted timed entry comes back only if nothing logged meanwhile overlaps it.
        let deleted = try await anna.log(timed("11:00", "11:30", 30)).entry.id
        _ = try await anna.delete(deleted)
        let meanwhile = try await anna.log(timed("11:15", "11:45", 30)).entry.id
        let beforeRestore = try store.dump()
        let restore = await socialTimeError { _ = try await anna.restore(deleted) }
        #expect(restore?.exitCode == 64 && restore?.message.contains("entry #\(meanwhile)") == true, "\(String(describing: restore))")
        #expect(firstDifference(beforeRestore, try store.dump()) == nil)
        // Bo's time is his own.
        var bos = timed("09:15", "09:30", 15)
        bos.staff = Handle(trusted: "bo")
        _ = try await Self.rules(store, "bo", at: "2026-11-25T12:00").log(bos)
    }

    // MARK: - Reviews and roster

    @Test(arguments: StoreFactory.all)
    func aReviewIsInTheLoginsOwnNameAndNeverOfOnesOwn(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let admin = try Self.admin(store, at: "2026-11-27T17:00")
        try await admin.addStaff(Handle(trusted: "dan"), name: "Dan", email: nil, manager: true)
        try await admin.addStaff(Handle(trusted: "eva"), name: "Eva", email: nil, manager: true)
        for person in ["anna", "dan"] {
            let rules = try Self.rules(store, person, at: "2026-11-27T17:00")
            _ = try await rules.log(.make(person, "2026-11-24", 360))
            _ = try await rules.justify(week: Self.w48, text: "Recruiting three developers for spring")
        }
        let before = try store.dump()
        // dan's login acting as eva: the review would name eva, who did not give it.
        let asOther = await socialTimeError { _ = try await Self.rules(store, "dan", at: "2026-11-27T17:00", as: "eva")
            .review(staff: Handle(trusted: "anna"), week: Self.w48, accept: true, comment: nil) }
        #expect(asOther?.exitCode == 77 && asOther?.message.contains("in their own name") == true, "\(String(describing: asOther))")
        // ...nor of dan's own justification through eva.
        let own = await socialTimeError { _ = try await Self.rules(store, "dan", at: "2026-11-27T17:00", as: "eva")
            .review(staff: Handle(trusted: "dan"), week: Self.w48, accept: true, comment: nil) }
        #expect(own?.exitCode == 77)
        #expect(firstDifference(before, try store.dump()) == nil)
        // The administrator may name the reviewing manager; eva reviews dan in her own name.
        let named = try await Self.rules(store, "admin", at: "2026-11-27T17:00", as: "dan", administers: true)
            .review(staff: Handle(trusted: "anna"), week: Self.w48, accept: true, comment: nil)
        #expect(named.reviewedBy?.value == "dan")
        _ = try await Self.rules(store, "eva", at: "2026-11-27T17:00").review(staff: Handle(trusted: "dan"), week: Self.w48, accept: true, comment: nil)
    }

    @Test(arguments: StoreFactory.all)
    func staffSeeThemselvesAndTheManagers(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let admin = try Self.admin(store, at: "2026-11-27T17:00")
        try await admin.addStaff(Handle(trusted: "boss"), name: "Boss", email: "boss@example.com", manager: true)
        try await admin.addStaff(Handle(trusted: "anna"), name: "Anna", email: "anna@example.com", manager: false)
        try await admin.addStaff(Handle(trusted: "bo"), name: "Bo", email: "bo@example.com", manager: false)
        let seenByAnna = try await Self.rules(store, "anna", at: "2026-11-27T17:00").listStaff()
        #expect(seenByAnna.map(\.handle.value) == ["anna", "boss"])
        #expect(seenByAnna.first { $0.handle.value == "boss" }?.email == "boss@example.com")
        #expect(try await Self.rules(store, "boss", at: "2026-11-27T17:00").listStaff().map(\.handle.value) == ["anna", "bo", "boss"])
    }

    /// A timer left running across Sunday midnight into a week closed with `close-after 0` logs
    /// into the closed week when stopped: staff 77 (the timer kept), a manager only with a reason.
    @Test(arguments: StoreFactory.all)
    func aTimerStoppedIntoAClosedWeekIsAChangeToIt(factory: StoreFactory) async throws {
        let (store, _, _) = try await Self.annasWeek(factory)
        try await Self.admin(store, at: "2026-11-29T22:00").setCloseAfter(days: 0)
        _ = try await Self.rules(store, "anna", at: "2026-11-29T23:00").start(network: "linkedin", outcome: "recruiting")
        _ = try await Self.rules(store, "boss", at: "2026-11-29T23:00").start(network: "x", outcome: "listening")

        let before = try store.dump()
        let refused = await socialTimeError { _ = try await Self.rules(store, "anna", at: "2026-11-30T01:00").stop() }
        #expect(refused?.exitCode == 77 && refused?.message.contains("2026-W48 closed on 2026-11-30") == true, "\(String(describing: refused))")
        let boss = try Self.rules(store, "boss", at: "2026-11-30T01:00")
        let noReason = await socialTimeError { _ = try await boss.stop() }
        #expect(noReason?.exitCode == 64 && noReason?.message.contains("--reason") == true, "\(String(describing: noReason))")
        #expect(firstDifference(before, try store.dump()) == nil, "refusals keep the timers and log nothing")

        let stopped = try await boss.stop(reason: "Monitoring the launch overnight")
        #expect(stopped.entries.map(\.minutes) == [Minutes(60), Minutes(60)])
        let late = try await Self.admin(store, at: "2026-11-30T09:00").analyze(Self.w48).lateChanges
        #expect(late.count == 1 && late[0].by == "boss" && late[0].reason == "Monitoring the launch overnight"
                && late[0].minutesAfter == Minutes(60), "\(late)")
    }

    // MARK: - Forgotten timers

    @Test(arguments: StoreFactory.all)
    func aForgottenTimerIsRefusedWithTheWaysOn(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.rules(store, "anna", at: "2026-12-02T09:00").start(network: "linkedin", outcome: "recruiting")
        let morning = try Self.rules(store, "anna", at: "2026-12-03T08:30")
        let status = try await morning.status()
        #expect(status.timerOverLimit && StatusRendering.text(status).contains("longer than the timer limit of 10h"))
        let before = try store.dump()
        let refused = await socialTimeError { _ = try await morning.stop() }
        #expect(refused?.exitCode == 64, "\(String(describing: refused))")
        for words in ["23h 30m", "stop --at WHEN", "stop --keep", "socialtime cancel"] {
            #expect(refused?.message.contains(words) == true, "\(words): \(String(describing: refused))")
        }
        #expect(firstDifference(before, try store.dump()) == nil)
        let yesterday = try ClockMoment.parse("yesterday 17:30", dates: DateParser(today: CalendarDate(iso: "2026-12-03")!))
        let stopped = try await morning.stop(at: yesterday)
        #expect(stopped.entries.map(\.minutes.value) == [510] && stopped.entries.map(\.date.description) == ["2026-12-02"])

        // --keep logs it all, cut at midnight; a raised limit lets it through.
        _ = try await Self.rules(store, "bo", at: "2026-12-02T09:00").start(network: "linkedin", outcome: "recruiting")
        let kept = try await Self.rules(store, "bo", at: "2026-12-03T08:30").stop(keep: true)
        #expect(kept.entries.map(\.minutes.value) == [900, 510])
        try await Self.admin(store, at: "2026-12-03T08:30").setTimerLimit(Minutes(12 * 60))
        _ = try await Self.rules(store, "bo", at: "2026-12-03T09:00").start(network: "linkedin", outcome: "recruiting")
        #expect(try await Self.rules(store, "bo", at: "2026-12-03T20:30").stop().entries.map(\.minutes.value) == [690])
    }

    @Test func whenTakesTheFormsPeopleType() throws {
        let dates = DateParser(today: CalendarDate(iso: "2026-12-03")!)  // a Thursday
        #expect(try ClockMoment.parse("17:30", dates: dates) == ClockMoment(date: nil, time: TimeOfDay.parse("17:30")))
        #expect(try ClockMoment.parse("yesterday 17:30", dates: dates).date?.description == "2026-12-02")
        #expect(try ClockMoment.parse("tue 17:30", dates: dates).date?.description == "2026-12-01")
        #expect(try ClockMoment.parse("2026-12-01T17:30", dates: dates).date?.description == "2026-12-01")
        for bad in ["", "yesterday", "17:30 yesterday", "2026-12-01 17:30 x", "tomorrow 17:30", "2026-12-01T25:00"] {
            #expect((try? ClockMoment.parse(bad, dates: dates)) == nil, "\(bad)")
        }
    }

    @Test(arguments: StoreFactory.all)
    func startAtInsideATimedEntryIsRefused(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let anna = try Self.rules(store, "anna", at: "2026-11-25T09:47")
        _ = try await anna.start(network: "linkedin", outcome: "recruiting", at: try TimeOfDay.parse("09:00"))
        let first = try await anna.stop().entries[0].id
        let later = try Self.rules(store, "anna", at: "2026-11-25T10:20")
        let refused = await socialTimeError { _ = try await later.start(network: "ig", outcome: "brand-awareness", at: try TimeOfDay.parse("09:15")) }
        #expect(refused?.exitCode == 64 && refused?.message.contains("entry #\(first)") == true, "\(String(describing: refused))")
        _ = try await later.start(network: "ig", outcome: "brand-awareness", at: try TimeOfDay.parse("09:47"))
    }
}
