import Testing
@testable import SocialTimeCore

/// Import writes in batches (a server store sends a thousand rows per statement): every row,
/// its audit row and its kept id arrive whatever the batch boundaries, and ids drawn later
/// follow the kept ones.
@Suite struct ImportBatchTests {
    /// 2,500 rows of a socialtime export for two people (ten half hours a day each), ids
    /// 1001…3500: more than two batches.
    static func export() throws -> CSVReader {
        var text = ImportTests.header
        var day = CalendarDate(iso: "2026-01-05")!
        for index in 0..<2_500 {
            if index > 0 && index % 20 == 0 { day = day.adding(days: 1) }
            let person = index % 2 == 0 ? "anna" : "bo"
            text += "\(1001 + index),,\(day),\(person),\(person.capitalized),linkedin,recruiting,30,,row \(index),\(day)T09:00:00+01:00\r\n"
        }
        return try CSVReader(source: MemoryByteSource(text))
    }

    @Test(arguments: StoreFactory.all)
    func everyRowItsAuditAndItsIdArriveAndNewIdsFollow(factory: StoreFactory) async throws {
        let store = try await factory.make()
        let driver = RulesDriver(data: store.data, clock: Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T17:00:00+01:00"),
                                 owner: store)
        let admin = Handle(trusted: RulesDriver.administrator)
        let summary = try await driver.importEntries(try Self.export(), options: ImportOptions(), actor: admin, sourceName: "export.csv")
        #expect(summary.imported == 2_500 && summary.alreadyPresent == 0)

        let all = try await driver.entries(EntryQuery(from: CalendarDate(iso: "2026-01-01")!, to: CalendarDate(iso: "2026-11-27")!))
        #expect(all.count == 2_500)
        #expect(Set(all.map(\.id)) == Set(1001...3500))
        #expect(all.first { $0.id == 2001 }?.note == "row 1000")  // the first row of the second batch
        for id in [1001, 2000, 2001, 3500] {
            #expect(try await driver.history(of: id).map(\.action) == ["import"], "entry \(id)")
        }
        // The next id drawn follows the largest kept one.
        let logged = try await driver.log(.make("anna", "2026-11-27", 15))
        #expect(logged.entry.id == 3501)

        // Importing the same file again adds nothing.
        let again = try await driver.importEntries(try Self.export(), options: ImportOptions(), actor: admin, sourceName: "export.csv")
        #expect(again.imported == 0 && again.alreadyPresent == 2_500)
    }
}
