extension Rulebook {
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
    public func importEntries(_ input: CSVReader, options: ImportOptions,
                              sourceName: String, progress: ((Int) -> Void)? = nil) async throws(SocialTimeError) -> ImportSummary {
        if options.format == .watson && options.staff == nil {
            throw .invalidInput("Watson files name no user: pass --staff HANDLE (the person whose frames these are)")
        }
        var reader = input
        guard let header = try reader.next() else {
            throw .invalidImportData("\(sourceName) is empty: expected a header line and rows")
        }
        let decoder = try ImportDecoder(format: options.format, options: options, header: header)
        let dates = DateParser(today: clock.today)
        // A dry run reads only, so it works on a database this user cannot write.
        let body = { [reader] (tx: any ReadTransaction, writer: (any WriteTransaction)?) async throws -> ImportSummary in
            var reader = reader
            let actor = try await self.actor(in: tx)
            var importer = RowImporter(rulebook: self, tx: tx, writer: writer, options: options, actor: actor, dates: dates)
            importer.catalogue = (try await tx.networks(), try await tx.outcomes())
            var problems: [(line: Int, reason: String)] = []
            var badRows = 0
            while let record = try reader.next() {
                importer.summary.rows += 1
                if let progress, importer.summary.rows % 10_000 == 0 { progress(importer.summary.rows) }
                do {
                    if let problem = record.problem { throw SocialTimeError.invalidInput(problem) }
                    try await importer.add(try decoder.decode(record))
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
            importer.summary.dryRun = options.dryRun
            return importer.summary
        }
        if options.dryRun {
            return try await read { tx in try await body(tx, nil) }
        }
        return try await write { tx in try await body(tx, tx) }
    }
}

/// The per-row work of one import, with the catalogue look-ups cached: a file names a handful of
/// networks, outcomes and people a million times, and each answer cannot change mid-transaction.
private struct RowImporter {
    let rulebook: Rulebook
    let tx: any ReadTransaction
    /// Nil for a dry run: every row is checked, nothing is written.
    let writer: (any WriteTransaction)?
    let options: ImportOptions
    let actor: Actor
    let dates: DateParser
    /// The catalogues, read once: they cannot change inside the transaction.
    var catalogue: (networks: [Network], outcomes: [Outcome]) = ([], [])
    var summary = ImportSummary()
    private var networks: [String: Result<Network, SocialTimeError>] = [:]
    private var outcomes: [String: Result<Outcome, SocialTimeError>] = [:]
    private var staff: [String: StaffMember] = [:]
    private var nextDryRunID = -1
    private var keysInFile: Set<String> = []
    /// Each person's running total per day: the 24-hour cap is checked against the database once
    /// per day and then kept up to date here, as every row is inserted in this one transaction.
    private var dayTotals: [DayKey: Minutes] = [:]

    private struct DayKey: Hashable {
        let staffID: Int
        let dayNumber: Int
    }

    init(rulebook: Rulebook, tx: any ReadTransaction, writer: (any WriteTransaction)?, options: ImportOptions, actor: Actor, dates: DateParser) {
        self.rulebook = rulebook
        self.tx = tx
        self.writer = writer
        self.options = options
        self.actor = actor
        self.dates = dates
    }

    /// Validates one row as `log` would and inserts it; row problems throw `invalidInput`.
    mutating func add(_ row: ImportRow) async throws {
        let note = try Rulebook.validatedNote(row.note)
        let date = try dates.pastDate(row.date.description)
        let minutes = row.minutes
        try DurationParser.check(minutes, spelled: "\(minutes.value)m")
        let handle = try Handle(validating: row.staff)
        // Staff import rows of their own only; a manager imports anyone's.
        try actor.requireOwnOrManager(handle, to: "import entries into")
        let network = try resolveNetwork(row)
        let outcome = try resolveOutcome(row)

        if let id = row.entryID, let existing = try await tx.entry(id) {
            guard existing.staff == handle, existing.date == date, existing.minutes == minutes, existing.network == network.key,
                  existing.outcome == outcome.key, existing.note == note else {
                throw SocialTimeError.invalidInput("entry_id \(id) is already used by a different entry (\(EntryRendering.summary(existing))): this file comes from another database")
            }
            summary.alreadyPresent += 1
            return
        }
        if let key = row.importKey {
            if try await tx.importKeyExists(key) || (writer == nil && keysInFile.contains(key)) {
                summary.alreadyPresent += 1
                return
            }
            keysInFile.insert(key)
        }
        let loggedAt = try row.loggedAt.map { text throws(SocialTimeError) in
            try Text.validate(text, field: "logged_at", maxLength: 64, allowEmpty: false)
        } ?? rulebook.now
        let member = try await person(handle, name: row.staffName)
        let day = DayKey(staffID: member.id, dayNumber: date.dayNumber)
        let logged: Minutes
        if let known = dayTotals[day] {
            logged = known
        } else {
            if let writer { try await writer.lockStaff(member.id) }
            logged = member.id < 0 ? .zero : try await tx.dayTotal(staffID: member.id, date: date, excluding: nil)
        }
        dayTotals[day] = try DayCap.check(member.handle, date: date, logged: logged, adding: minutes)
        summary.imported += 1
        guard let writer else { return }
        let id = try await writer.insertEntry(EntryRecord(id: row.entryID, staffID: member.id, date: date, minutes: minutes,
                                                          networkID: network.id, outcomeID: outcome.id, note: note,
                                                          loggedAt: loggedAt, importKey: row.importKey))
        // Who imported it and when. No JSON snapshot: the row as imported is the entry itself until
        // an edit, and that edit's audit row keeps it as its `before`.
        try await writer.insertAudit(AuditRecord(at: rulebook.now, actor: actor.handle.value, action: "import", before: nil, after: nil),
                                     subject: .entry(id))
    }

    /// The person, registered on first sight — with the file's `staff_name` when it has one,
    /// else as `log` registers (the handle as name); a deactivated person is refused, as in `log`.
    private mutating func person(_ handle: Handle, name: String?) async throws -> StaffMember {
        if let known = staff[handle.value] { return known }
        let member: StaffMember
        if let existing = try await tx.staffMember(handle) {
            guard existing.active else {
                throw SocialTimeError.invalidInput("\(handle) is deactivated and cannot log: a manager can run `socialtime staff activate \(handle)`")
            }
            member = existing
        } else {
            let name = try Text.validate(name.flatMap { $0.isEmpty ? nil : $0 } ?? handle.value, field: "staff_name", maxLength: 100, allowEmpty: false)
            if let writer {
                member = try await rulebook.register(handle, name: name, email: nil, manager: false, in: writer)
            } else {
                member = StaffMember(id: nextDryRunID, handle: handle, name: name, role: .staff, active: true)
                nextDryRunID -= 1
            }
            summary.registeredStaff.append(handle.value)
        }
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
            try Rulebook.resolveNetwork(text, in: catalogue.networks)
        }
        networks[text] = result
        return try result.get()
    }

    private mutating func cachedOutcome(_ text: String) throws -> Outcome {
        if let cached = outcomes[text] { return try cached.get() }
        let result = Result<Outcome, SocialTimeError> { () throws(SocialTimeError) in
            try Rulebook.resolveOutcome(text, in: catalogue.outcomes, forNewWork: true)
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
