import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

@Suite struct ImportTests {
    static let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\r\n"
    static let togglHeader = "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration,Tags,Amount ()\r\n"

    /// Imports `text` as the store's administrator ("importer"), who may import anyone's rows.
    func run(_ store: RulesDriver, _ text: String, _ options: ImportOptions = ImportOptions()) async throws -> ImportSummary {
        let reader = try CSVReader(source: MemoryByteSource(text))
        return try await store.importEntries(reader, options: options, actor: try! Handle(validating: "importer"), sourceName: "file.csv")
    }

    func count(_ box: TemporaryStore) throws -> Int { try box.data.db.scalarInt("SELECT count(*) FROM entries") ?? -1 }

    @Test func keepsIdsAndLoggedAtRegistersStaffByNameAndAuditsEachEntry() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let summary = try await run(store, Self.header + "41,,2026-11-17,anna,Anna Jensen,LinkedIn,recruiting,90,,'=1+1,2026-11-17T09:00:00+01:00\r\n")
        #expect(summary == ImportSummary(rows: 1, imported: 1, alreadyPresent: 0, registeredStaff: ["anna"], dryRun: false))
        let entry = try #require(try await store.entry(41))
        #expect(entry.note == "=1+1", "the neutralising apostrophe is taken off again")
        #expect(entry.loggedAt == "2026-11-17T09:00:00+01:00")
        #expect(entry.network == "linkedin")
        #expect(try await store.staff(Handle(validating: "anna"))?.name == "Anna Jensen")
        #expect(try await store.history(of: 41).map(\.action) == ["import"])
        #expect(try await store.history(of: 41).first?.actor == "importer")
    }

    @Test func anEntryIdUsedByADifferentEntryIsAnError() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        _ = try await store.log(.make("anna", "2026-11-17", 60))
        let same = try await run(store, Self.header + "1,,2026-11-17,anna,anna,linkedin,recruiting,60,,,2026-11-17T09:00:00+01:00\r\n")
        #expect(same.alreadyPresent == 1 && same.imported == 0)
        let error = await socialTimeError { _ = try await run(store, Self.header + "1,,2026-11-18,anna,anna,linkedin,recruiting,60,,,2026-11-17T09:00:00+01:00\r\n") }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("line 2: entry_id 1 is already used by a different entry") == true)
    }

    @Test func retiredOutcomesAndDeactivatedStaffAreRefusedAsByLog() async throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        try await store.retireOutcome("advertising")
        // boss is the first person, so the manager; gone can then be deactivated.
        try await store.addStaff(Handle(validating: "boss"), name: "Bo Boss", manager: true)
        try await store.addStaff(Handle(validating: "gone"), name: "Gone", manager: false)
        try await store.setActive(Handle(validating: "gone"), false)
        let error = await socialTimeError {
            _ = try await run(store, Self.header
                + "1,,2026-11-17,anna,anna,facebook,advertising,60,,,2026-11-17T09:00:00+01:00\r\n"
                + "2,,2026-11-17,gone,Gone,facebook,listening,60,,,2026-11-17T09:00:00+01:00\r\n")
        }
        #expect(error?.message.contains("line 2: outcome 'advertising' is retired") == true, "\(String(describing: error))")
        #expect(error?.message.contains("line 3: gone is deactivated") == true, "\(String(describing: error))")
        #expect(try count(temporary) == 0)
    }

    @Test func onlyTheFirstBadRowsAreListedThenCounted() async throws {
        let temporary = try TemporaryStore()
        let rows = (1...30).map { "\($0),,2026-11-17,anna,anna,myspace,recruiting,1,,,2026-11-17T09:00:00+01:00\r\n" }.joined()
        let error = await socialTimeError { _ = try await run(temporary.store, Self.header + rows) }
        let message = try #require(error?.message)
        #expect(message.split(separator: "\n").filter { $0.hasPrefix("  line ") }.count == 25)
        #expect(message.contains("file.csv has 30 bad rows of 30"))
        #expect(message.contains("\n  … and 5 more bad rows\n"))
    }

    @Test func aTagMustNameExactlyOneKnownOutcome() async throws {
        let temporary = try TemporaryStore()
        let options = ImportOptions(format: .toggl, staff: try Handle(validating: "anna"))
        let row = { (tags: String) in "Anna,,,LinkedIn,,,No,2026-11-17,09:00:00,2026-11-17,10:00:00,01:00:00,\"\(tags)\",\r\n" }
        let error = await socialTimeError { _ = try await run(temporary.store, Self.togglHeader + row("recruiting, listening") + row("misc") + row(""), options) }
        let message = try #require(error?.message)
        #expect(message.contains("line 2: the row's tags name more than one outcome (recruiting, listening)"))
        #expect(message.contains("line 3: the row has tags 'misc', none of which names a known outcome"))
        #expect(message.contains("line 4: the row has no tags"))
        let fine = try await run(temporary.store, Self.togglHeader + row("billable, Recruiting"), options)
        #expect(fine.imported == 1)
    }

    @Test func dryRunLeavesTheDatabaseAsItWas() async throws {
        let temporary = try TemporaryStore()
        let summary = try await run(temporary.store, Self.header + "5,,2026-11-17,bo,Bo,x,listening,30,,,2026-11-17T09:00:00+01:00\r\n",
                              ImportOptions(dryRun: true))
        #expect(summary.imported == 1 && summary.dryRun && summary.registeredStaff == ["bo"])
        #expect(try count(temporary) == 0)
        #expect(try await temporary.store.listStaff().isEmpty)
    }

    @Test func headersAreCheckedBeforeAnyRow() async throws {
        let temporary = try TemporaryStore()
        let missing = await socialTimeError { _ = try await run(temporary.store, "entry_id,date\r\n1,2026-11-17\r\n") }
        #expect(missing?.exitCode == 65)
        #expect(missing?.message.contains("line 1: this is not a socialtime file") == true)
        let empty = await socialTimeError { _ = try await run(temporary.store, "") }
        #expect(empty?.message.contains("is empty") == true)
    }
}
