import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct EntryStoreTests {
    let week48 = ISOWeek(iso: "2026-W48")!

    @Test func logRegistersAnUnknownPersonOnceAndReportsTheWeek() async throws {
        let box = try TemporaryStore()
        let first = try await box.store.log(.make("anna", "2026-11-23", 120))
        #expect(first.registeredStaff)
        #expect(first.weekTotal == Minutes(120))
        let second = try await box.store.log(.make("anna", "2026-11-27", 180, network: "Twitter", outcome: "Sales-Leads"))
        #expect(!second.registeredStaff)
        #expect(second.entry.network == "x")
        #expect(second.entry.outcome == "sales-leads")
        #expect(second.weekTotal == Minutes(300))
        #expect(second.needsJustification)  // 5 h 00 m reaches the threshold
        #expect(try await box.store.staff(Handle(validating: "anna"))?.name == "anna")
    }

    @Test func weekTotalsFollowISOWeeksNotCalendarWeeks() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make("anna", "2026-11-22", 600))  // Sunday of W47
        let monday = try await box.store.log(.make("anna", "2026-11-23", 30))
        #expect(monday.weekTotal == Minutes(30))
    }

    @Test func theDayCapIsTwentyFourHoursPerPersonAndDate() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make("anna", "2026-11-27", 1000))
        _ = try await box.store.log(.make("anna", "2026-11-27", 440))
        let error = await socialTimeError { _ = try await box.store.log(.make("anna", "2026-11-27", 1)) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("24 hours") == true)
        // Another person, or another day, is not affected.
        _ = try await box.store.log(.make("bo", "2026-11-27", 60))
        _ = try await box.store.log(.make("anna", "2026-11-26", 60))
        #expect(try await box.store.entries(EntryQuery(week: week48)).count == 4)
    }

    @Test func refusedEntriesChangeNothing() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make("anna"))
        let attempts: [NewEntry] = [
            .make("anna", "2026-11-27", 60, network: "myspace"),
            .make("anna", "2026-11-27", 60, outcome: "world-domination"),
            .make("anna", "2026-11-28", 60),
            .make("anna", "2026-11-27", 60, note: "two\nlines"),
            .make("newbie", "2026-11-27", 60, network: "myspace"),
        ]
        for attempt in attempts {
            #expect(await socialTimeError { _ = try await box.store.log(attempt) }?.exitCode == 64)
        }
        #expect(try await box.store.entries(EntryQuery(week: week48)).count == 1)
        #expect(try await box.store.staff(Handle(validating: "newbie")) == nil)  // not registered by a refused log
    }

    @Test func unknownNamesSuggestTheClosestOne() async throws {
        let box = try TemporaryStore()
        let network = await socialTimeError { _ = try await box.store.log(.make(network: "linkdin")) }
        #expect(network?.message.contains("did you mean 'linkedin'") == true)
        #expect(network?.message.contains("facebook") == true)
        let outcome = await socialTimeError { _ = try await box.store.log(.make(outcome: "recruting")) }
        #expect(outcome?.message.contains("did you mean 'recruiting'") == true)
    }

    @Test func editKeepsTheCapAndTheAuditTrail() async throws {
        let box = try TemporaryStore()
        let anna = try Handle(validating: "anna")
        let entry = try await box.store.log(.make("anna", "2026-11-27", 1400)).entry
        // Raising the entry to the full day is fine: its own minutes do not count twice.
        let edited = try await box.store.edit(entry.id, EntryChange(minutes: Minutes(1440), note: "whole day"), actor: anna)
        #expect(edited.minutes == Minutes(1440))
        #expect(edited.note == "whole day")
        #expect(edited.network == "linkedin")
        _ = try await box.store.log(.make("anna", "2026-11-26", 60))
        let moved = await socialTimeError { _ = try await box.store.edit(entry.id, EntryChange(date: CalendarDate(iso: "2026-11-26")), actor: anna) }
        #expect(moved?.message.contains("24 hours") == true)
        let history = try await box.store.history(of: entry.id)
        #expect(history.map(\.action) == ["create", "edit"])
        #expect(history[1].before?.contains("\"minutes\":1400") == true)
        #expect(history[1].after?.contains("\"minutes\":1440") == true)
    }

    @Test func deleteIsReversibleAndRestoreRechecksTheCap() async throws {
        let box = try TemporaryStore()
        let anna = try Handle(validating: "anna")
        let entry = try await box.store.log(.make("anna", "2026-11-27", 600)).entry
        #expect(try await box.store.delete(entry.id, actor: anna).deleted)
        #expect(try await box.store.entries(EntryQuery(week: week48)).isEmpty)
        #expect(try await box.store.entries(EntryQuery(week: week48, includeDeleted: true)).count == 1)
        #expect(await socialTimeError { _ = try await box.store.delete(entry.id, actor: anna) }?.message.contains("already deleted") == true)
        #expect(await socialTimeError { _ = try await box.store.edit(entry.id, EntryChange(note: "x"), actor: anna) }?.exitCode == 64)

        _ = try await box.store.log(.make("anna", "2026-11-27", 900))
        let refused = await socialTimeError { _ = try await box.store.restore(entry.id, actor: anna) }
        #expect(refused?.message.contains("24 hours") == true)
        _ = try await box.store.log(.make("anna", "2026-11-27", 1))
        let history = try await box.store.history(of: entry.id).map(\.action)
        #expect(history == ["create", "delete"])
    }

    @Test func restoreBringsTheEntryBack() async throws {
        let box = try TemporaryStore()
        let anna = try Handle(validating: "anna")
        let entry = try await box.store.log(.make()).entry
        _ = try await box.store.delete(entry.id, actor: anna)
        let restored = try await box.store.restore(entry.id, actor: anna)
        #expect(!restored.deleted)
        #expect(try await box.store.entries(EntryQuery(week: week48)) == [restored])
        #expect(await socialTimeError { _ = try await box.store.restore(entry.id, actor: anna) }?.message.contains("not deleted") == true)
        #expect(await socialTimeError { _ = try await box.store.restore(999, actor: anna) }?.message.contains("no entry #999") == true)
    }

    @Test func entriesAreOrderedByDateStaffAndID() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make("carl", "2026-11-24", 10))
        _ = try await box.store.log(.make("anna", "2026-11-24", 10))
        _ = try await box.store.log(.make("anna", "2026-11-23", 10))
        _ = try await box.store.log(.make("anna", "2026-11-24", 20))
        let listed = try await box.store.entries(EntryQuery(week: week48)).map { "\($0.date) \($0.staff) \($0.minutes.value)" }
        #expect(listed == ["2026-11-23 anna 10", "2026-11-24 anna 10", "2026-11-24 anna 20", "2026-11-24 carl 10"])
        let anna = try await box.store.entries(EntryQuery(week: week48, staff: Handle(validating: "anna")))
        #expect(anna.count == 3)
    }

    @Test func aSecondConnectionSeesCommittedWork() async throws {
        let box = try TemporaryStore()
        _ = try await box.store.log(.make())
        #expect(try await box.reopen().entries(EntryQuery(week: week48)).count == 1)
    }
}

@Suite struct CatalogueStoreTests {
    @Test func staffRoster() async throws {
        let box = try TemporaryStore()
        let bo = try Handle(validating: "bo")
        try await box.store.addStaff(bo, name: "Bo Ærø", manager: true)
        #expect(try await box.store.staff(bo)?.role == .manager)
        #expect(await socialTimeError { try await box.store.addStaff(bo, name: nil, manager: false) }?.message.contains("already") == true)
        try await box.store.renameStaff(bo, to: "Bo Ærøskøbing")
        // bo is the only manager: nobody could review, so he stays one until someone else is.
        #expect(await socialTimeError { try await box.store.setRole(bo, .staff) }?.message.contains("only active manager") == true)
        try await box.store.addStaff(Handle(validating: "cleo"), name: "Cleo", manager: true)
        try await box.store.setRole(bo, .staff)
        try await box.store.setActive(bo, false)
        let member = try #require(try await box.store.staff(bo))
        #expect(member.name == "Bo Ærøskøbing" && member.role == .staff && !member.active)
        let refused = await socialTimeError { _ = try await box.store.log(.make("bo")) }
        #expect(refused?.message.contains("deactivated") == true)
        #expect(await socialTimeError { try await box.store.renameStaff(Handle(validating: "nobody"), to: "X") }?.message.contains("no staff member") == true)
        #expect(await socialTimeError { try await box.store.renameStaff(bo, to: "  ") }?.exitCode == 64)
    }

    @Test func networksWithAliases() async throws {
        let box = try TemporaryStore()
        try await box.store.addNetwork(key: "Discord", name: "Discord", aliases: ["dc"])
        #expect(try await box.store.log(.make(network: "DC")).entry.network == "discord")
        #expect(await socialTimeError { try await box.store.addNetwork(key: "twitter", name: "Old X", aliases: []) }?.message.contains("already names") == true)
        #expect(await socialTimeError { try await box.store.addNetwork(key: "my space", name: "MySpace", aliases: []) }?.exitCode == 64)
    }

    @Test func outcomesAddRenameRetire() async throws {
        let box = try TemporaryStore()
        try await box.store.addOutcome(key: "partnerships", description: "Finding partners", unit: "partners")
        _ = try await box.store.log(.make(outcome: "partnerships"))
        try await box.store.renameOutcome("partnerships", to: "alliances")
        let week = ISOWeek(iso: "2026-W48")!
        #expect(try await box.store.entries(EntryQuery(week: week)).first?.outcome == "alliances")
        try await box.store.retireOutcome("alliances")
        let refused = await socialTimeError { _ = try await box.store.log(.make(outcome: "alliances")) }
        #expect(refused?.message.contains("retired") == true)
        #expect(try await box.store.entries(EntryQuery(week: week)).count == 1)  // history kept
        #expect(await socialTimeError { try await box.store.addOutcome(key: "recruiting", description: "again", unit: nil) }?.exitCode == 64)
        #expect(await socialTimeError { try await box.store.renameOutcome("recruiting", to: "sales-leads") }?.exitCode == 64)
    }

    @Test func thresholdDefaultsToFiveHoursAndCanBeChanged() async throws {
        let box = try TemporaryStore()
        #expect(try await box.store.threshold() == Minutes(300))
        try await box.store.setThreshold(Minutes(240))
        #expect(try await box.reopen().threshold() == Minutes(240))
        #expect(try await box.store.log(.make("anna", "2026-11-27", 240)).needsJustification)
    }
}
