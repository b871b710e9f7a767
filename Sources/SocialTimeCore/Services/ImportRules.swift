extension Rulebook {
    /// Imports every row of `input` (its header first) as entries, all or nothing.
    ///
    /// Two passes over the file, so that memory does not grow with it. The first reads and checks
    /// every row against a snapshot of the roster and catalogues, outside any transaction
    /// (`ImportCheck`): people logging meanwhile are not kept waiting while a large file is read,
    /// and a file with a bad row is refused before anything is locked. It keeps only what the
    /// write must know beforehand (people, catalogue keys, each person-day's minutes). The second
    /// pass, in one write transaction, checks that the snapshot still holds
    /// (`ImportPlan.conflict`), locks the people and loads their day totals, then reads the file
    /// again in batches: each batch's stored identities are looked up, `ImportPlan.apply` decides,
    /// and the batch is written once the next batch's are looked up. The 24-hour day is judged at
    /// the end on the stored totals plus everything the file adds; a day over it refuses every
    /// row of the file on it (the transaction is rolled back and run once more, refusing them).
    /// A dry run does the same in a read transaction and writes nothing.
    ///
    /// `input` is copied for each pass: its source must read the same bytes again when copied
    /// (`FileByteSource`, `MemoryByteSource`; a pipe is spooled to a file first).
    ///
    /// Any bad row rejects the whole file with `invalidImportData`, listing bad rows by line (the
    /// header is line 1), unless `options.skipBadRows`: then the good rows are written and the bad
    /// ones come back in `ImportSummary.rejects`. Staff import rows of their own only.
    public func importEntries(_ input: CSVReader, options: ImportOptions,
                              sourceName: String, progress: ((Int) -> Void)? = nil) async throws(SocialTimeError) -> ImportSummary {
        let catalog = try await read { tx in try await self.importCatalog(tx) }
        let check = try ImportCheck.make(input, options: options, catalog: catalog, source: sourceName, zone: zone, progress: progress)
        if !check.badRows.isEmpty && !options.skipBadRows {
            throw ImportBadRow.refusal(check.badRows, rows: check.rowsRead, source: sourceName, advice: check.advice, more: check.moreBadRows)
        }
        var overfull: Set<ImportPlan.Day> = []
        while true {
            let refusing = overfull
            let again = OverfullDays()
            let pass = { (tx: any ReadTransaction, writer: (any WriteTransaction)?) async throws -> ImportSummary in
                try await self.importPass(input, check: check, catalog: catalog, options: options, source: sourceName,
                                          refusing: refusing, again: again, tx: tx, writer: writer)
            }
            do {
                // A dry run reads only, so it works on a database this user cannot write.
                if options.dryRun { return try await read { tx in try await pass(tx, nil) } }
                return try await write { tx in try await pass(tx, tx) }
            } catch {
                guard let days = again.days, !days.isSubset(of: overfull) else { throw error }
                overfull.formUnion(days)
            }
        }
    }

    /// Days the stored entries and the file together take over 24 hours, found by a pass: the
    /// write is rolled back (by the error thrown with them) and run again, refusing every row of
    /// the file on them.
    final class OverfullDays: @unchecked Sendable {
        var days: Set<ImportPlan.Day>?
    }

    /// The second pass: the file read again and written batch by batch inside `tx`.
    private func importPass(_ input: CSVReader, check: ImportCheck, catalog: ImportCatalog, options: ImportOptions, source: String,
                            refusing overfull: Set<ImportPlan.Day>, again: OverfullDays, tx: any ReadTransaction,
                            writer: (any WriteTransaction)?) async throws -> ImportSummary {
        let actor = try await self.actor(in: tx)
        // Staff import rows of their own only; a manager imports anyone's.
        for handle in check.staff.sorted() {
            try actor.requireOwnOrManager(handle, to: "import entries into")
        }
        let now = try await self.importCatalog(tx)
        if let conflict = ImportPlan.conflict(newPeople: check.newPeople, staff: check.staff, networks: check.networks,
                                              outcomes: check.outcomes, with: now) {
            throw SocialTimeError.busy("\(conflict); nothing was imported: run the import again")
        }
        // The reason is checked (and trimmed) before anything is written; the closed weeks the
        // rows touch are judged once they are known, before the commit.
        let reason = try await self.checkClosedWeeks([], actor: actor, entryID: nil, reason: options.reason, in: tx)
        var staffIDs = Dictionary(try await tx.allStaff().map { ($0.handle, $0.id) }, uniquingKeysWith: { first, _ in first })
        // Each person locked, in id order (as the 24 h trigger locks them, so two imports cannot
        // deadlock), before their day totals are read, as `log` does.
        // Keyed as the first pass keys its person-days (`DayTotals`): a few hundred thousand of them.
        let days = check.days
        var stored: [Int: Int32] = [:]
        // Only the people the store has: a new person's days hold nothing yet.
        let known = days.handles.compactMap { handle in staffIDs[handle].map { (id: $0, handle: handle) } }.sorted { $0.id < $1.id }
        let byPerson = days.datesByPerson(of: Set(known.map(\.handle)))
        for (id, handle) in known {
            if let writer { try await writer.lockStaff(id) }
            for (date, total) in try await tx.dayTotals(staffID: id, dates: (byPerson[handle] ?? []).sorted()) where total.value != 0 {
                if let key = days.key(handle, date) { stored[key] = Int32(total.value) }
            }
        }
        var summary = ImportSummary(rows: check.rowsRead, skippedShort: check.skippedShort, dryRun: options.dryRun)
        summary.splitRows = check.splitRows
        // New people are registered before their rows; each has good rows (the first pass kept
        // only those), and nothing stored can refuse them.
        if let writer {
            let people = try check.newPeople.map { person in
                NewStaffRecord(handle: person.handle, name: try Self.registeredName(person.name, of: person.handle),
                               email: person.email, role: .staff, createdAt: self.now)
            }
            for (person, id) in zip(check.newPeople, try await writer.insertNewStaff(people)) { staffIDs[person.handle] = id }
        }
        summary.registeredStaff = check.newPeople.map(\.handle.value)
        let networks = Dictionary(try await tx.networks().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        let outcomes = Dictionary(try await tx.outcomes().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        let audit = AuditRecord(at: self.now, actor: actor.handle.value, action: "import", before: nil, after: nil, reason: reason)

        var scanner = try ImportScanner(input, options: options, catalog: catalog, source: source, zone: zone, order: check.order,
                                        tracking: check.tracking)
        // Each person-day's minutes change, from every row the file writes (refused or not):
        // what the 24-hour day is judged on, as `ImportPlan.apply` judges it.
        var change: [Int: Int32] = [:]
        // Sized once: growing rehashes into a second table while the first is still held.
        change.reserveCapacity(days.minutes.count)
        var shares: [ImportPlan.Day: [(line: Int, minutes: Int, raw: [UInt8]?)]] = [:]
        var touched: Set<CalendarDate> = []
        var bad: [ImportBadRow] = []
        var entries = 0, minutes = 0
        var overflowing = false
        let targets = ImportTargets(staffIDs: staffIDs, networks: networks, outcomes: outcomes, audit: audit, actor: actor,
                                    reason: reason, source: source)
        // The batch before this one, decided and ready (`ImportBatch`), is written once this
        // batch's stored rows are read: a server answers those reads first, then writes while
        // this batch is decided and the next one read (a connection answers in order, so a read
        // sent after a write would wait for it). The reads cannot miss the waiting rows: the
        // first pass numbered repeated identities and refused repeated entry ids, so no row of
        // the file finds another. Reads after the write (the overlap check's) see them written.
        var waiting: ImportBatch?
        // A kept entry id above every stored one cannot be stored (a fresh history's never are):
        // only the others are looked up, and a batch with nothing to look up is written at once.
        let highestStored = try await tx.highestEntryID()
        while let batch = try scanner.next(batch: Self.importReadBatch) {
            let rows = check.refusedLines.isEmpty ? batch : batch.filter { !check.refusedLines.contains($0.line) }
            entries += rows.count
            minutes += rows.reduce(0) { $0 + $1.minutes.value }
            var plan = ImportPlan(format: options.format, header: check.header)
            plan.rows = rows
            let found = try await Self.storedState(for: plan, highestStored: highestStored, tx: tx)
            if let writer, let ready = waiting.take() { try await self.save(ready, with: targets, writer: writer) }
            var write = plan.apply(found, update: options.update)
            // Ids are the store's to give: a new row keeps the entry_id it was exported with only
            // in a manager's import (moving a history); a staff member never picks an id.
            if !actor.isManager, let kept = write.inserts.lazy.map({ rows[$0] }).first(where: { $0.entryID != nil }) {
                throw SocialTimeError.permissionDenied("line \(kept.line): only a manager can import new entries with the entry_id they were exported with; \(actor.handle) is staff")
            }
            bad += write.badRows
            // Rows on a day the whole import takes over 24 hours (found by an earlier run of this
            // pass) are refused, every entry of their line with them.
            var refused: Set<Int> = []
            for index in write.inserts {
                let row = rows[index], day = ImportPlan.Day(staff: row.staff, date: row.date)
                if let key = days.key(row.staff, row.date) { change[key, default: 0] += Int32(row.minutes.value) }
                if overfull.contains(day) { refused.insert(row.line); Self.share(row, into: &shares[day, default: []]) }
            }
            for update in write.updates {
                let row = rows[update.row], day = ImportPlan.Day(staff: row.staff, date: row.date)
                if let key = days.key(update.entry.staff, update.entry.date) { change[key, default: 0] -= Int32(update.entry.minutes.value) }
                if let key = days.key(row.staff, row.date) { change[key, default: 0] += Int32(row.minutes.value) }
                if overfull.contains(day) { refused.insert(row.line); Self.share(row, into: &shares[day, default: []]) }
            }
            if !refused.isEmpty {
                write.inserts.removeAll { refused.contains(rows[$0].line) }
                write.updates.removeAll { refused.contains(rows[$0.row].line) }
                write.updatedRows = Set(write.updates.map { rows[$0.row].line }).count
            }
            for index in write.inserts { touched.insert(rows[index].date) }
            for update in write.updates { touched.insert(update.entry.date); touched.insert(rows[update.row].date) }
            // Earlier batches are written (in this transaction): the store answers for them.
            try await self.checkImportOverlaps(rows, write.inserts, staffIDs: staffIDs, in: tx)
            summary.imported += write.inserts.count
            summary.alreadyPresent += write.alreadyPresent
            summary.changed += write.changedRows
            summary.updated += write.updatedRows
            // A day newly over 24 hours: this run will be rolled back and run again refusing its
            // rows, so it writes nothing more (a server's 24 h trigger would refuse the write).
            if !overflowing {
                let rowsWritten = write.inserts + write.updates.map(\.row)
                for index in rowsWritten {
                    guard let key = days.key(rows[index].staff, rows[index].date) else { continue }
                    if Int(stored[key] ?? 0) + Int(change[key] ?? 0) > Minutes.day.value { overflowing = true }
                }
            }
            if writer != nil, !overflowing { waiting = try self.prepare(write, of: plan, for: targets) }
        }
        if let writer, let ready = waiting.take() { try await self.save(ready, with: targets, writer: writer) }
        // The file read twice must be the file checked (a file changed in between is not).
        guard scanner.plan.rowsRead == check.rowsRead, entries == check.entries, minutes == check.minutes else {
            throw SocialTimeError.busy("\(source) changed while it was imported; nothing was imported: import it again once it is complete")
        }
        var over: Set<ImportPlan.Day> = []
        for (key, delta) in change where delta > 0 && Int(stored[key] ?? 0) + Int(delta) > Minutes.day.value { over.insert(days.day(key)) }
        if !over.isSubset(of: overfull) {
            again.days = over
            throw SocialTimeError.busy("import: days over 24 hours found; run again refusing their rows")
        }
        for day in over.sorted(by: { ($0.date, $0.staff.value) < ($1.date, $1.staff.value) }) {
            let key = days.key(day.staff, day.date)!
            let total = Int(stored[key] ?? 0) + Int(change[key] ?? 0)
            let lines = shares[day] ?? []
            let fromFile = lines.reduce(0) { $0 + $1.minutes }
            let reason = "\(day.staff) would have \(Minutes(total)) on \(day.date), more than the 24 hours of a day: \(Minutes(total - fromFile)) already stored and \(Minutes(fromFile)) from this file (\(ImportPlan.listing(lines.map { ($0.line, $0.minutes) })))"
            for share in lines where !bad.contains(where: { $0.line == share.line }) {
                bad.append(ImportBadRow(line: share.line, reason: reason, raw: share.raw))
            }
        }
        // New rows, and changes, in a closed week: staff never, a manager with --reason.
        _ = try await self.checkClosedWeeks(touched.sorted(), actor: actor, entryID: nil, reason: options.reason, in: tx)
        bad = check.badRows + bad.sorted { $0.line < $1.line }
        if !bad.isEmpty && !options.skipBadRows {
            throw ImportBadRow.refusal(bad, rows: check.rowsRead, source: source, advice: check.advice, more: check.moreBadRows)
        }
        if options.skipBadRows && !bad.isEmpty && summary.imported == 0 && summary.updated == 0
            && summary.alreadyPresent == 0 && summary.changed == 0 && check.skippedShort == 0 {
            throw ImportBadRow.nothingGood(bad, rows: check.rowsRead, source: source)
        }
        summary.rejected = bad.count
        if summary.imported == 0 { summary.registeredStaff = [] }
        if !bad.isEmpty {
            summary.rejects = ImportRejects(header: check.header.raw ?? [], delimiter: input.delimiter,
                                            byteOrderMark: input.hadByteOrderMark, rows: bad.sorted { $0.line < $1.line })
        }
        return summary
    }

    /// One row's minutes on a day, merged with the row before when it is the same line.
    private static func share(_ row: ImportPlan.Row, into list: inout [(line: Int, minutes: Int, raw: [UInt8]?)]) {
        if let last = list.last, last.line == row.line {
            list[list.count - 1].minutes += row.minutes.value
        } else {
            list.append((row.line, row.minutes.value, row.raw))
        }
    }

    /// The roster (with e-mail addresses), catalogues and today, as an import checks them.
    func importCatalog(_ tx: any ReadTransaction) async throws -> ImportCatalog {
        let staff = try await tx.allStaff()
        var emails: [Handle: String] = [:]
        for member in staff { if let email = member.email { emails[member.handle] = email } }
        return ImportCatalog(staff: staff, networks: try await tx.networks(), outcomes: try await tx.outcomes(),
                             today: clock.today, emails: emails)
    }

    /// What a batch's rows touch in the store, asked in one query each (a server store answers
    /// each in one round trip): stored import keys, and the kept entry ids up to `highestStored`
    /// (`highestEntryID()`). Day totals are the caller's.
    static func storedState(for plan: ImportPlan, highestStored: Int, tx: any ReadTransaction) async throws -> ImportStoredState {
        var state = ImportStoredState()
        let keys = plan.importKeys
        if !keys.isEmpty {
            let ids = try await tx.importedEntryIDs(keys)
            let entries = try await tx.entries(ids: Array(Set(ids.values)))
            for (key, id) in ids { if let entry = entries[id] { state.imported[key] = entry } }
        }
        // Rows an earlier socialtime imported under the identity it gave them then.
        let legacy = plan.legacyKeys
        if !legacy.isEmpty { state.presentKeys = try await tx.presentImportKeys(legacy) }
        let kept = plan.entryIDs.filter { $0 <= highestStored }
        if !kept.isEmpty { state.entries = try await tx.entries(ids: kept) }
        return state
    }

    /// Rows read, looked up, checked and written together in the second pass: few enough to
    /// hold, many enough that the overlap check's queries per person do not dominate and that a
    /// server's checks per statement (the people's locks, the 24 h cap) run once per 5,000 rows.
    static let importReadBatch = 5000

    /// No overlaps for imports either: a new row with start and end times may not overlap a
    /// stored timed entry of the same person, nor another row of the file (64, naming it). One
    /// sweep per person over the file's timed rows and the stored entries around them.
    ///
    /// Rows with exactly the same start and end are the spec's "rows that share an identity":
    /// distinct entries matched one for one on re-import (two identical 1-hour rows stay two
    /// hours), so an exact repeat is not refused as an overlap — any other overlap is.
    func checkImportOverlaps(_ rows: [ImportPlan.Row], _ inserted: [Int], staffIDs: [Handle: Int], in tx: any ReadTransaction) async throws {
        // Rows by index into `rows`: a batch's rows are not copied once more.
        struct Span { let start: Int; let end: Int; let index: Int?; let stored: TimedEntry? }
        var byPerson: [String: [Span]] = [:]
        var days = LocalDays(zone: zone)
        for index in inserted {
            guard let start = rows[index].start, let end = rows[index].end else { continue }
            byPerson[rows[index].staff.value, default: []].append(Span(start: days.epoch(start), end: days.epoch(end), index: index, stored: nil))
        }
        for handle in byPerson.keys.sorted() {
            var spans = byPerson[handle]!
            if let id = staffIDs[Handle.stored(handle)] {
                let first = spans.compactMap { $0.index.map { rows[$0].date } }.min()!, last = spans.compactMap { $0.index.flatMap { rows[$0].end?.date } }.max()!
                for other in try await tx.timedEntries(staffID: id, from: first.adding(days: -1), to: last.adding(days: 1)) {
                    guard let start = Instant.epochSeconds(iso: other.startedAt), let end = Instant.epochSeconds(iso: other.endedAt) else { continue }
                    spans.append(Span(start: start, end: end, index: nil, stored: other))
                }
            }
            spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            var reach: Span?
            for span in spans {
                if let earlier = reach, span.start < earlier.end, span.index != nil || earlier.index != nil,
                   span.start != earlier.start || span.end != earlier.end {
                    let row = rows[(span.index ?? earlier.index)!]
                    let other = span.index == nil ? span : earlier
                    let what = other.stored.map { "entry #\($0.id) (\($0.date) \(Self.clock($0.startedAt))–\(Self.clock($0.endedAt)))" }
                        ?? "line \(rows[other.index!].line) of the file"
                    throw SocialTimeError.invalidInput("line \(row.line): \(handle)'s \(row.date) \(ClockTime.text(row.start!.seconds))–\(ClockTime.text(row.end!.seconds)) "
                        + "overlaps \(what): time is counted once, so nothing was imported — correct the row in the tracker and export again")
                }
                if reach == nil || span.end > reach!.end { reach = span }
            }
        }
    }
}
