import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

/// The timer's arithmetic (timestamps, rounding, midnight) and its rules through `Rulebook`:
/// own timer, stop logs like `log`, one transaction, refusals change nothing.
@Suite struct TimerRulesTests {
    /// A clock at a local time in the test process's zone, as SOCIALTIME_NOW makes one.
    static func clock(_ now: String) throws -> Clock {
        try Clock.at(epochSeconds: 0, todayOverride: nil, nowOverride: now)
    }

    static func anna(_ store: any RuleTestStore, at now: String) throws -> Rulebook {
        Rulebook(store: store.data(as: "anna"), clock: try clock(now), identity: Identity(login: "anna", requested: nil, administersStore: false))
    }

    /// The rules as the store's administrator or the person each call is about, on 2026-11-27.
    static func driver(_ store: any RuleTestStore) -> RulesDriver {
        RulesDriver(data: store.data, clock: Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00"), owner: store)
    }

    static func minutes(_ entries: [Entry]) -> [Int] { entries.map(\.minutes.value) }

    // MARK: - Arithmetic

    @Test func timestampsWithOffsetsAreMomentsAndMinutesRoundHalfUp() throws {
        let nine = try #require(Instant.epochSeconds(iso: "2026-11-25T09:00:00+01:00"))
        #expect(Instant.epochSeconds(iso: "2026-11-25T08:00:00Z") == nine)
        #expect(Instant.epochSeconds(iso: "2026-11-25T03:00-05:00") == nine)
        #expect(Instant.epochSeconds(iso: "2026-11-25T10:29:40+01:00").map { $0 - nine } == 5380)
        #expect(Instant.epochSeconds(iso: "1970-01-01T00:00:00Z") == 0)
        for bad in ["2026-11-25", "2026-11-25T09:00:00", "2026-11-25T25:00:00+01:00", "2026-11-25T09:00:00+1:00", "x"] {
            #expect(Instant.epochSeconds(iso: bad) == nil, "\(bad)")
        }
        #expect([0, 29, 30, 89, 90, 5380].map(Instant.roundedMinutes) == [0, 0, 1, 1, 2, 90])
    }

    @Test func aTimerIsCutAtEachLocalMidnightAndAddsUpToTheWholeTimeRoundedOnce() throws {
        let zone = LocalZone.fixed(offset: 3600)
        let at = { (text: String) in Instant.epochSeconds(iso: text + "+01:00")! }
        let crossing = TimerSplit.split(from: at("2026-11-25T23:30:00"), to: at("2026-11-26T00:45:00"), in: zone)
        #expect(crossing.map(\.date.description) == ["2026-11-25", "2026-11-26"])
        #expect(crossing.map(\.minutes.value) == [30, 45])
        #expect(crossing[0].end == at("2026-11-26T00:00:00"))
        // 29 m 40 s and 45 m 40 s would round to 30 + 46; the whole 75 m 20 s is 75.
        let seconds = TimerSplit.split(from: at("2026-11-25T23:30:20"), to: at("2026-11-26T00:45:40"), in: zone)
        #expect(seconds.map(\.minutes.value) == [30, 45])
        // Ten seconds before midnight round to nothing: no entry for that date.
        let late = TimerSplit.split(from: at("2026-11-25T23:59:50"), to: at("2026-11-26T00:30:00"), in: zone)
        #expect(late.map(\.date.description) == ["2026-11-26"] && late.map(\.minutes.value) == [30])
        #expect(TimerSplit.split(from: at("2026-11-25T09:00:00"), to: at("2026-11-25T09:00:29"), in: zone).isEmpty)
        let twoNights = TimerSplit.split(from: at("2026-11-24T22:00:00"), to: at("2026-11-26T01:00:00"), in: zone)
        #expect(twoNights.map(\.minutes.value) == [120, 1440, 60])
    }

    // MARK: - Rules

    @Test(arguments: StoreFactory.all) func stopLogsTheRoundedMinutesWithTheClockTimesAndAnAuditRow(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let started = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "LinkedIn", outcome: "recruiting", note: "spring roles")
        // Registered by her first timer on a file; on a server a manager added her before (see `PostgresRuleStore`).
        #expect(started.registeredStaff == store.data.peopleRegisterThemselves)
        #expect(started.stopped == nil && started.timer.network == "linkedin")
        let stopped = try await Self.anna(store, at: "2026-11-25T10:29:40").stop()
        #expect(Self.minutes(stopped.entries) == [90])
        #expect(stopped.entries.first?.note == "spring roles" && stopped.entries.first?.date.description == "2026-11-25")
        #expect(stopped.standings.map(\.total.value) == [90])
        let rows = try store.dump()
        // A value starts a field: after SQLite's quote(), or after a comma in PostgreSQL's row text.
        let opening = factory.name == StoreFactory.sqlite.name ? "'" : ","
        #expect(rows.contains(opening + "2026-11-25T09:00:00") && rows.contains(opening + "2026-11-25T10:29:40"), "started_at/ended_at stored: \(rows)")
        #expect(try await Self.driver(store).history(of: stopped.entries[0].id).map(\.action) == ["create"])
        #expect(await socialTimeError { _ = try await Self.anna(store, at: "2026-11-25T10:30").stop() }?.message.contains("no timer is running for anna") == true)
    }

    @Test(arguments: StoreFactory.all) func stopNoteReplacesTheStartNote(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "x", outcome: "listening", note: "first")
        let stopped = try await Self.anna(store, at: "2026-11-25T09:10").stop(note: "replied to 3 DMs")
        #expect(stopped.entries.map(\.note) == ["replied to 3 DMs"])
    }

    @Test(arguments: StoreFactory.all) func underAMinuteLogsNothingAndRemovesTheTimer(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "x", outcome: "listening")
        let stopped = try await Self.anna(store, at: "2026-11-25T09:00:29").stop()
        #expect(stopped.entries.isEmpty && stopped.elapsedSeconds == 29)
        #expect(try await Self.anna(store, at: "2026-11-25T09:01").status().timer == nil)
        #expect(try await Self.driver(store).entries(EntryQuery(week: ISOWeek(iso: "2026-W48")!)).isEmpty)
    }

    @Test(arguments: StoreFactory.all) func aTimerAcrossMidnightIsOneEntryPerDate(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T23:30").start(network: "linkedin", outcome: "recruiting")
        let stopped = try await Self.anna(store, at: "2026-11-26T00:45").stop()
        #expect(stopped.entries.map(\.date.description) == ["2026-11-25", "2026-11-26"])
        #expect(Self.minutes(stopped.entries) == [30, 45])
    }

    @Test(arguments: StoreFactory.all) func aTimerPastADayIsRefusedWithTheWayOutAndCancelDiscardsIt(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-24T09:00").start(network: "linkedin", outcome: "recruiting")
        let before = try store.dump()
        let error = await socialTimeError { _ = try await Self.anna(store, at: "2026-11-25T09:01").stop() }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("past 24 hours") == true && error?.message.contains("socialtime stop --at WHEN") == true
                && error?.message.contains("socialtime cancel") == true, "\(String(describing: error))")
        #expect(firstDifference(before, try store.dump()) == nil)
        // Exactly 24 hours fits, stopped --at today.
        let fits = try await Self.anna(store, at: "2026-11-25T09:01").stop(at: TimeOfDay(hour: 9, minute: 0))
        #expect(Self.minutes(fits.entries) == [900, 540])

        _ = try await Self.anna(store, at: "2026-11-25T10:00").start(network: "x", outcome: "listening")
        let cancelled = try await Self.anna(store, at: "2026-11-27T10:00").cancel()
        #expect(cancelled.network == "x")
        #expect(try await Self.driver(store).entries(EntryQuery(from: CalendarDate(iso: "2026-11-24")!, to: CalendarDate(iso: "2026-11-30")!)).count == 2)
        #expect(await socialTimeError { _ = try await Self.anna(store, at: "2026-11-27T10:00").cancel() }?.exitCode == 64)
    }

    @Test(arguments: StoreFactory.all) func startWhileATimerRunsStopsAndLogsThatOneFirst(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "linkedin", outcome: "recruiting")
        let second = try await Self.anna(store, at: "2026-11-25T10:00").start(network: "x", outcome: "listening")
        #expect(second.stopped.map { Self.minutes($0.entries) } == [60])
        #expect(second.stopped?.entries.first?.network == "linkedin")
        let status = try await Self.anna(store, at: "2026-11-25T10:20").status()
        #expect(status.timer?.network == "x" && status.elapsedMinutes?.value == 20 && status.todayMinutes.value == 60)
        // --at stops the first one at the second's start.
        let third = try await Self.anna(store, at: "2026-11-25T11:00").start(network: "fb", outcome: "sales-leads", at: TimeOfDay(hour: 10, minute: 45))
        #expect(third.stopped.map { Self.minutes($0.entries) } == [45])
        #expect(third.timer.startedAt.hasPrefix("2026-11-25T10:45:00"))
    }

    @Test(arguments: StoreFactory.all) func refusalsChangeNothing(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T08:00").start(network: "linkedin", outcome: "recruiting")
        try await Self.driver(store).retireOutcome("advertising")
        let before = try store.dump()
        let cases: [(String, () async throws -> Void, String)] = [
            ("retired outcome", { _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "x", outcome: "advertising") }, "is retired"),
            ("unknown network", { _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "myspace", outcome: "listening") }, "unknown network"),
            ("--at in the future", { _ = try await Self.anna(store, at: "2026-11-25T09:30").start(network: "x", outcome: "listening", at: TimeOfDay(hour: 10, minute: 0)) }, "in the future"),
            ("stop --at in the future", { _ = try await Self.anna(store, at: "2026-11-25T09:30").stop(at: TimeOfDay(hour: 9, minute: 31)) }, "in the future"),
            ("stop --at before the start", { _ = try await Self.anna(store, at: "2026-11-25T09:30").stop(at: TimeOfDay(hour: 7, minute: 0)) }, "before the timer started"),
            ("start --at before the running one", { _ = try await Self.anna(store, at: "2026-11-25T09:30").start(network: "x", outcome: "listening", at: TimeOfDay(hour: 7, minute: 0)) }, "before the timer started"),
            ("a bad note", { _ = try await Self.anna(store, at: "2026-11-25T09:30").stop(note: "a\nb") }, "control character"),
        ]
        for (name, run, says) in cases {
            let error = await socialTimeError { try await run() }
            #expect(error?.exitCode == 64 && error?.message.contains(says) == true, "\(name): \(String(describing: error))")
            #expect(firstDifference(before, try store.dump()) == nil, "\(name) changed the database")
        }
    }

    @Test(arguments: StoreFactory.all) func stopIsCheckedAgainstTheDayCapAndLogsNothingWhenRefused(factory: StoreFactory) async throws {
        let store = try await factory.make()
        _ = try await Self.anna(store, at: "2026-11-25T09:00").log(.make("anna", "2026-11-25", 23 * 60 + 30))
        _ = try await Self.anna(store, at: "2026-11-25T09:00").start(network: "x", outcome: "listening")
        let before = try store.dump()
        let error = await socialTimeError { _ = try await Self.anna(store, at: "2026-11-25T10:00").stop() }
        #expect(error?.exitCode == 64 && error?.message.contains("would pass 24 hours in one day") == true, "\(String(describing: error))")
        #expect(firstDifference(before, try store.dump()) == nil)
    }

    @Test(arguments: StoreFactory.all) func statusShowsTheDayTheWeekAndTheReview(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let week = ISOWeek(iso: "2026-W48")!
        _ = try await Self.driver(store).log(.make("anna", "2026-11-23", 200))
        _ = try await Self.driver(store).log(.make("anna", "2026-11-25", 90))
        _ = try await Self.driver(store).justify(staff: Handle(trusted: "anna"), week: week, text: "Recruiting for the spring openings")
        try await Self.driver(store).addStaff(Handle(trusted: "boss"), name: "Boss", manager: true)
        _ = try await Self.driver(store).review(staff: Handle(trusted: "anna"), week: week, reviewer: Handle(trusted: "boss"), accept: false, comment: "Which roles?")
        let status = try await Self.anna(store, at: "2026-11-25T12:00").status()
        #expect(status.staff.value == "anna" && status.date.description == "2026-11-25" && status.week == week)
        #expect(status.todayMinutes.value == 90 && status.weekMinutes.value == 290 && status.threshold.value == 300)
        #expect(status.justificationStatus == .rejected && status.reviewComment == "Which roles?" && status.timer == nil)
        let text = StatusRendering.text(status)
        #expect(text.contains("Which roles?") && text.contains("4h 50m of the 5h threshold"), "\(text)")
        // Someone not on the roster yet has nothing: status reads, it registers nobody.
        let newcomer = Rulebook(store: store.data(as: "newbie"), clock: try Self.clock("2026-11-25T12:00"), identity: Identity(login: "newbie", requested: nil, administersStore: false))
        #expect(try await newcomer.status().weekMinutes == .zero)
    }
}
