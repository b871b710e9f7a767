extension SQLiteStore {
    /// Bad rows listed in the error message before the rest are only counted.
    static let reportedBadRows = 25

    /// Imports every row of `reader` (its header first) as entries, all or nothing, in one write
    /// transaction. Each row gets exactly `log`'s validation — the same store functions resolve
    /// the network and outcome, register or refuse the person and check the 24-hour day — plus
    /// the checks of its file format. Any bad row rejects the whole file with
    /// `invalidImportData`, listing bad rows by line (the header is line 1).
    ///
    /// Rows already imported (same entry id with the same content for socialtime files, same row
    /// key for foreign files) are counted and skipped, so importing a file twice adds nothing.
    /// `progress` is called with the number of rows read every 10 000 rows.
    public func importEntries(_ reader: inout CSVReader, options: ImportOptions, actor: Handle,
                                                  sourceName: String, progress: ((Int) -> Void)? = nil) throws(SocialTimeError) -> ImportSummary {
        if options.format == .watson && options.staff == nil {
            throw .invalidInput("Watson files name no user: pass --staff HANDLE (the person whose frames these are)")
        }
        guard let header = try reader.next() else {
            throw .invalidImportData("\(sourceName) is empty: expected a header line and rows")
        }
        let decoder = try ImportDecoder(format: options.format, options: options, header: header)
        let dates = DateParser(today: clock.today)
        return try write {
            if options.dryRun { try db.execute("SAVEPOINT import_dry_run") }
            var importer = RowImporter(store: self, options: options, actor: actor, dates: dates)
            var problems: [(line: Int, reason: String)] = []
            var badRows = 0
            while let record = try reader.next() {
                importer.summary.rows += 1
                if let progress, importer.summary.rows % 10_000 == 0 { progress(importer.summary.rows) }
                do {
                    if let problem = record.problem { throw SocialTimeError.invalidInput(problem) }
                    try importer.add(try decoder.decode(record))
                } catch SocialTimeError.invalidInput(let reason) {
                    badRows += 1
                    if problems.count < Self.reportedBadRows { problems.append((record.line, reason)) }
                }
            }
            guard badRows == 0 else {
                var message = "\(sourceName) has \(badRows) bad row\(badRows == 1 ? "" : "s") of \(importer.summary.rows); nothing was imported:"
                for problem in problems { message += "\n  line \(problem.line): \(problem.reason)" }
                if badRows > problems.count { message += "\n  … and \(badRows - problems.count) more bad rows" }
                throw SocialTimeError.invalidImportData(message)
            }
            if options.dryRun {
                try db.execute("ROLLBACK TO import_dry_run")
                try db.execute("RELEASE import_dry_run")
            }
            importer.summary.dryRun = options.dryRun
            return importer.summary
        }
    }
}

/// The per-row work of one import, with the catalogue look-ups cached: a file names a handful of
/// networks, outcomes and people a million times, and each answer cannot change mid-transaction.
private struct RowImporter {
    let store: SQLiteStore
    let options: ImportOptions
    let actor: Handle
    let dates: DateParser
    var summary = ImportSummary()
    private var networks: [String: Result<Network, SocialTimeError>] = [:]
    private var outcomes: [String: Result<Outcome, SocialTimeError>] = [:]
    private var staff: [String: StaffMember] = [:]
    /// Each person's running total per day: the 24-hour cap is checked against the database once
    /// per day and then kept up to date here, as every row is inserted in this one transaction.
    private var dayTotals: [DayKey: Minutes] = [:]

    private struct DayKey: Hashable {
        let staffID: Int
        let dayNumber: Int
    }

    init(store: SQLiteStore, options: ImportOptions, actor: Handle, dates: DateParser) {
        self.store = store
        self.options = options
        self.actor = actor
        self.dates = dates
    }

    /// Validates one row as `log` would and inserts it; row problems throw `invalidInput`.
    mutating func add(_ row: ImportRow) throws {
        let note = try SQLiteStore.validatedNote(row.note)
        let date = try dates.pastDate(row.date.description)
        let minutes = row.minutes
        try DurationParser.check(minutes, spelled: "\(minutes.value)m")
        let handle = try Handle(validating: row.staff)
        let network = try resolveNetwork(row)
        let outcome = try resolveOutcome(row)

        // A cheap primary-key probe first: in the usual import nothing is there to compare.
        if let id = row.entryID, try store.db.scalarInt("SELECT 1 FROM entries WHERE id = ?", [id]) != nil,
           let existing = try store.findEntry(id) {
            guard existing.staff == handle, existing.date == date, existing.minutes == minutes, existing.network == network.key,
                  existing.outcome == outcome.key, existing.note == note else {
                throw SocialTimeError.invalidInput("entry_id \(id) is already used by a different entry (\(EntryRendering.summary(existing))): this file comes from another database")
            }
            summary.alreadyPresent += 1
            return
        }
        if let key = row.importKey, try store.db.scalarInt("SELECT 1 FROM entries WHERE import_key = ?", [key]) != nil {
            summary.alreadyPresent += 1
            return
        }
        let loggedAt = try row.loggedAt.map { text throws(SocialTimeError) in
            try Text.validate(text, field: "logged_at", maxLength: 64, allowEmpty: false)
        } ?? store.clock.timestamp
        let member = try person(handle, name: row.staffName)
        let day = DayKey(staffID: member.id, dayNumber: date.dayNumber)
        dayTotals[day] = try store.checkDayCap(staff: member, date: date, adding: minutes, logged: dayTotals[day])
        try store.db.run("""
            INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, import_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [row.entryID, member.id, date.description, minutes.value, network.id, outcome.id, note, loggedAt, row.importKey])
        // Who imported it and when. No JSON snapshot: the row as imported is the entry itself until
        // an edit, and that edit's audit row keeps it as its `before`.
        try store.audit("import", entryID: store.db.lastInsertRowID, actor: actor, before: nil, after: nil)
        summary.imported += 1
    }

    /// The person, registered on first sight — with the file's `staff_name` when it has one,
    /// else as `log` registers (the handle as name); a deactivated person is refused, as in `log`.
    private mutating func person(_ handle: Handle, name: String?) throws -> StaffMember {
        if let known = staff[handle.value] { return known }
        if let name, !name.isEmpty, try store.findStaff(handle) == nil {
            let name = try Text.validate(name, field: "staff_name", maxLength: 100, allowEmpty: false)
            try store.db.run("INSERT INTO staff(handle, name, created_at) VALUES (?, ?, ?)", [handle.value, name, store.clock.timestamp])
            summary.registeredStaff.append(handle.value)
        }
        let (member, registered) = try store.actingStaff(handle)
        if registered { summary.registeredStaff.append(handle.value) }
        staff[handle.value] = member
        return member
    }

    private mutating func resolveNetwork(_ row: ImportRow) throws -> Network {
        if let named = row.network { return try cachedNetwork(named) }
        return try pick(options.networkFrom, row, what: "network") { me, text in try me.cachedNetwork(text) }
    }

    private mutating func resolveOutcome(_ row: ImportRow) throws -> Outcome {
        if let named = row.outcome { return try cachedOutcome(named) }
        return try pick(options.outcomeFrom, row, what: "outcome") { me, text in try me.cachedOutcome(text) }
    }

    private mutating func cachedNetwork(_ text: String) throws -> Network {
        if let cached = networks[text] { return try cached.get() }
        let result = Result<Network, SocialTimeError> { () throws(SocialTimeError) in
            do { return try store.resolveNetwork(text) } catch { throw SQLiteStore.mapped(error, path: store.path) }
        }
        networks[text] = result
        return try result.get()
    }

    private mutating func cachedOutcome(_ text: String) throws -> Outcome {
        if let cached = outcomes[text] { return try cached.get() }
        let result = Result<Outcome, SocialTimeError> { () throws(SocialTimeError) in
            do { return try store.resolveOutcome(text, forNewWork: true) } catch { throw SQLiteStore.mapped(error, path: store.path) }
        }
        outcomes[text] = result
        return try result.get()
    }

    /// A foreign row's network or outcome from its project, from the one tag that names a known
    /// one, or from a fixed value. Tags that name nothing known are other tags, not errors; no
    /// match, or two different matches, is an error (never a guess).
    private mutating func pick<T>(_ source: FieldSource, _ row: ImportRow, what: String,
                                  _ resolve: (inout Self, String) throws -> T) throws -> T where T: Keyed {
        switch source {
        case .value(let value): return try resolve(&self, value)
        case .project:
            guard !row.project.trimmingWhitespace().isEmpty else {
                throw SocialTimeError.invalidInput("the row has no project to take the \(what) from (see --\(what)-from)")
            }
            return try resolve(&self, row.project)
        case .tag:
            var found: [T] = []
            for tag in row.tags {
                if let match = try? resolve(&self, tag), !found.contains(where: { $0.key == match.key }) { found.append(match) }
            }
            guard found.count == 1 else {
                let tags = row.tags.isEmpty ? "no tags" : "tags \(row.tags.map { "'\(Text.printable($0))'" }.joined(separator: ", "))"
                throw SocialTimeError.invalidInput(found.isEmpty
                    ? "the row has \(tags), none of which names a known \(what) (see --\(what)-from)"
                    : "the row's tags name more than one \(what) (\(found.map(\.key).joined(separator: ", "))): keep one")
            }
            return found[0]
        }
    }
}

/// A catalogue item with a key, so a tag match can be told apart from another.
private protocol Keyed { var key: String { get } }
extension Network: Keyed {}
extension Outcome: Keyed {}
