import Testing
@testable import SocialTimeCore

/// Stage 2 of an import decided as a pure function of the plan and what the store holds, and the
/// pieces around it: the rejects file, the bounded CSV reader.
@Suite struct ImportWriteTests {
    static let anna = try! Handle(validating: "anna")
    static let header = "entry_id,week,date,staff,staff_name,network,outcome,minutes,hours,note,logged_at\n"

    func plan(_ rows: String, catalog: ImportCatalog = ImportPlannerTests.catalog([ImportPlannerTests.person("anna", "Anna")]),
              skipBadRows: Bool = false) throws -> ImportPlan {
        var reader = try CSVReader(source: MemoryByteSource(Self.header + rows))
        return try ImportPlanner.plan(&reader, options: ImportOptions(skipBadRows: skipBadRows), catalog: catalog, source: "file.csv")
    }

    static func row(_ id: Int, _ date: String = "2026-11-17", minutes: Int = 60, staff: String = "anna", note: String = "") -> String {
        "\(id),,\(date),\(staff),\(staff.capitalized),linkedin,recruiting,\(minutes),,\(note),2026-11-17T09:00:00+01:00\n"
    }

    @Test func theDayCapCountsWhatIsStoredAndEveryRowOfTheDay() throws {
        let plan = try plan(Self.row(1, minutes: 60) + Self.row(2, minutes: 30) + Self.row(3, minutes: 31) + Self.row(4, "2026-11-18", minutes: 600))
        let day = ImportPlan.Day(staff: Self.anna, date: CalendarDate(iso: "2026-11-17")!)
        let write = plan.apply(ImportStoredState(dayTotals: [day: 1400]))
        #expect(write.inserts.map { plan.rows[$0].line } == [5], "23h 20m stored: no row of the 17th is kept, whatever its order")
        #expect(write.badRows.map(\.line) == [2, 3, 4])
        let reason = "anna would have 25h 21m on 2026-11-17, more than the 24 hours of a day: 23h 20m already stored and 2h 1m from this file (line 2 (1h), line 3 (30m), line 4 (31m))"
        #expect(write.badRows.allSatisfy { $0.reason == reason })
    }

    @Test func keptEntryIdsArePresentWhenTheSameAndRefusedWhenDifferent() throws {
        let plan = try plan(Self.row(1) + Self.row(2, note: "changed"))
        func stored(_ id: Int, note: String) -> Entry {
            Entry(id: id, staff: Self.anna, staffName: "Anna", date: CalendarDate(iso: "2026-11-17")!, minutes: 60,
                  network: "linkedin", outcome: "recruiting", note: note, loggedAt: "2026-11-17T09:00:00+01:00", deleted: false)
        }
        let write = plan.apply(ImportStoredState(entries: [1: stored(1, note: ""), 2: stored(2, note: "original")]))
        #expect(write.alreadyPresent == 1 && write.inserts.isEmpty)
        #expect(write.badRows.map(\.line) == [3])
        #expect(write.badRows.first?.reason.hasPrefix("entry_id 2 is already used by a different entry (") == true)
    }

    @Test func onlyPeopleWithARowToWriteAreRegistered() throws {
        let plan = try plan(Self.row(1, staff: "bo") + Self.row(2, staff: "carla"))
        #expect(plan.newPeople.map(\.handle.value) == ["bo", "carla"])
        let write = plan.apply(ImportStoredState(entries: [1: Entry(id: 1, staff: try Handle(validating: "bo"), staffName: "Bo",
            date: CalendarDate(iso: "2026-11-17")!, minutes: 60, network: "linkedin", outcome: "recruiting", note: "",
            loggedAt: "x", deleted: false)]))
        #expect(write.register.map(\.handle.value) == ["carla"])
        #expect(write.register.first?.name == "Carla")
    }

    @Test func aPlanNoticesACatalogueThatChangedUnderIt() throws {
        let plan = try plan(Self.row(1) + Self.row(2, staff: "bo"))
        var now = ImportPlannerTests.catalog([ImportPlannerTests.person("anna", "Anna")])
        #expect(plan.conflict(with: now) == nil)
        now.people.append(ImportPlannerTests.person("zed", "Someone who logged meanwhile"))
        #expect(plan.conflict(with: now) == nil, "colleagues registering meanwhile do not matter")
        var taken = now
        taken.people.append(ImportPlannerTests.person("bo", "Another Bo"))
        #expect(plan.conflict(with: taken) == "bo was registered by someone else while the file was read")
        var gone = now
        gone.people[0].active = false
        #expect(plan.conflict(with: gone) == "anna was deactivated or removed while the file was read")
        var retired = now
        retired.outcomes = retired.outcomes.map { .init(key: $0.key, retired: $0.key == "recruiting") }
        #expect(plan.conflict(with: retired) == "the outcome recruiting was retired while the file was read")
    }

    // MARK: Rejects

    @Test func theRejectsFileHoldsTheBadRowsAsTheyWereWithAReason() throws {
        let bytes = Array("\u{FEFF}entry_id;week;date;staff;staff_name;network;outcome;minutes;hours;note;logged_at\r\n".utf8)
            + Array("1;;2026-11-17;anna;Anna;linkedin;recruiting;60;;\"a;b\";2026-11-17T09:00:00+01:00\r\n".utf8)
            + Array("2;;2026-11-17;anna;Anna;myspace;recruiting;60;;caf".utf8) + [0xE9] + Array(";2026-11-17T09:00:00+01:00\r\n".utf8)
            + Array("3;;2026-11-17;anna;Anna;myspace;recruiting;60;;\"two\nlines\";2026-11-17T09:00:00+01:00\r\n".utf8)
        var reader = try CSVReader(source: MemoryByteSource(bytes))
        let plan = try ImportPlanner.plan(&reader, options: ImportOptions(skipBadRows: true),
                                          catalog: ImportPlannerTests.catalog([ImportPlannerTests.person("anna", "Anna")]), source: "x.csv")
        #expect(plan.rows.map(\.line) == [2])
        let rejects = ImportRejects(header: plan.header.raw ?? [], delimiter: reader.delimiter, byteOrderMark: reader.hadByteOrderMark,
                                    rows: plan.badRows)
        let expected = Array("\u{FEFF}entry_id;week;date;staff;staff_name;network;outcome;minutes;hours;note;logged_at;reason\r\n".utf8)
            + Array("2;;2026-11-17;anna;Anna;myspace;recruiting;60;;caf".utf8) + [0xE9] + Array(";2026-11-17T09:00:00+01:00;line 3: the text is not valid UTF-8 (save the file as UTF-8)\r\n".utf8)
            + Array("3;;2026-11-17;anna;Anna;myspace;recruiting;60;;\"two\nlines\";2026-11-17T09:00:00+01:00;\"line 4: unknown network 'myspace'".utf8)
        #expect(Array(rejects.bytes.prefix(expected.count)) == expected, "\(String(decoding: rejects.bytes, as: UTF8.self))")
        #expect(rejects.bytes.suffix(3) == Array("\"\r\n".utf8))
    }

    @Test func theRejectsFileSitsBesideTheInput() {
        #expect(ImportRejects.path(besides: "team.csv", inputIsRegularFile: true) == "team.rejected.csv")
        #expect(ImportRejects.path(besides: "/data/Team.CSV", inputIsRegularFile: true) == "/data/Team.rejected.csv")
        #expect(ImportRejects.path(besides: "export.txt", inputIsRegularFile: true) == "export.txt.rejected.csv")
        #expect(ImportRejects.path(besides: "/dev/stdin", inputIsRegularFile: false) == "stdin.rejected.csv")
    }

    // MARK: The bounded reader

    @Test func aLineOverOneMebibyteIsBadDataNotMemory() throws {
        let long = "a,b\n" + String(repeating: "x", count: CSVReader.maxRecordBytes + 1) + "\n"
        var reader = try CSVReader(source: MemoryByteSource(long))
        #expect(try reader.next()?.fields == ["a", "b"])
        let error = socialTimeError { _ = try reader.next() }
        #expect(error?.exitCode == 65)
        #expect(error?.message.contains("line 2 is longer than 1 MiB") == true)
        // A quote that is never closed cannot hide a stream inside one field either.
        var quoted = try CSVReader(source: MemoryByteSource("\"" + String(repeating: "y", count: CSVReader.maxRecordBytes)))
        #expect(socialTimeError { _ = try quoted.next() }?.exitCode == 65)
        // A mebibyte, its line break included, is a record like any other.
        var fits = try CSVReader(source: MemoryByteSource(String(repeating: "z", count: CSVReader.maxRecordBytes - 2) + "\r\n"))
        #expect(try fits.next()?.fields.first?.utf8.count == CSVReader.maxRecordBytes - 2)
    }

    @Test func recordsCarryTheirRawBytesOnlyWhenAsked() throws {
        let text = "h1,h2\r\n\r\n\"a\r\nb\",c\r\nd,e"
        var plain = try CSVReader(source: MemoryByteSource(text))
        #expect(try plain.next()?.raw == nil)
        var keeping = try CSVReader(source: MemoryByteSource(text), chunkSize: 16)
        keeping.keepsRawText = true
        var raws: [String] = []
        while let record = try keeping.next() { raws.append(String(decoding: record.raw ?? [], as: UTF8.self)) }
        #expect(raws == ["h1,h2", "\"a\r\nb\",c", "d,e"])
    }
}

