extension Rulebook {
    /// Imports every row of `input` (its header first) as entries, all or nothing.
    ///
    /// The file is parsed and validated first, against a snapshot of the roster and catalogues
    /// and outside any write transaction (`ImportPlanner`), so people logging meanwhile are not
    /// kept waiting while a large file is read. Then one write transaction checks that the
    /// snapshot still holds (`ImportPlan.conflict`), loads what the plan touches (stored import
    /// keys and entry ids, day totals, with each person locked), lets `ImportPlan.apply` decide,
    /// and writes. A dry run does the same in a read transaction and writes nothing.
    ///
    /// Any bad row rejects the whole file with `invalidImportData`, listing bad rows by line (the
    /// header is line 1), unless `options.skipBadRows`: then the good rows are written and the bad
    /// ones come back in `ImportSummary.rejects`. Staff import rows of their own only.
    public func importEntries(_ input: CSVReader, options: ImportOptions,
                              sourceName: String, progress: ((Int) -> Void)? = nil) async throws(SocialTimeError) -> ImportSummary {
        var reader = input
        let catalog = try await read { tx in try await self.importCatalog(tx) }
        let plan = try ImportPlanner.plan(&reader, options: options, catalog: catalog, source: sourceName, zone: zone, progress: progress)
        if !plan.badRows.isEmpty && !options.skipBadRows {
            throw ImportBadRow.refusal(plan.badRows, rows: plan.rowsRead, source: sourceName, advice: plan.advice)
        }
        let delimiter = reader.delimiter, byteOrderMark = reader.hadByteOrderMark
        let body = { (tx: any ReadTransaction, writer: (any WriteTransaction)?) async throws -> ImportSummary in
            let actor = try await self.actor(in: tx)
            // Staff import rows of their own only; a manager imports anyone's.
            for handle in Set(plan.rows.map(\.staff)).sorted() {
                try actor.requireOwnOrManager(handle, to: "import entries into")
            }
            let now = try await self.importCatalog(tx)
            if let conflict = plan.conflict(with: now) {
                throw SocialTimeError.busy("\(conflict); nothing was imported: run the import again")
            }
            let staffIDs = Dictionary(try await tx.allStaff().map { ($0.handle, $0.id) }, uniquingKeysWith: { first, _ in first })
            let write = plan.apply(try await Self.storedState(for: plan, staffIDs: staffIDs, tx: tx, writer: writer),
                                   update: options.update)
            // Ids are the store's to give: a new row keeps the entry_id it was exported with only
            // in a manager's import (moving a history); a staff member never picks an id.
            if !actor.isManager, let kept = write.inserts.lazy.map({ plan.rows[$0] }).first(where: { $0.entryID != nil }) {
                throw SocialTimeError.permissionDenied("line \(kept.line): only a manager can import new entries with the entry_id they were exported with; \(actor.handle) is staff")
            }
            // New rows, and changes, in a closed week: staff never, a manager with --reason.
            let touched = write.inserts.map { plan.rows[$0].date } + write.updates.flatMap { [$0.entry.date, plan.rows[$0.row].date] }
            let reason = try await self.checkClosedWeeks(touched, actor: actor, entryID: nil, reason: options.reason, in: tx)
            try await self.checkImportOverlaps(write.inserts.map { plan.rows[$0] }, staffIDs: staffIDs, in: tx)
            let bad = plan.badRows + write.badRows
            if !bad.isEmpty && !options.skipBadRows {
                throw ImportBadRow.refusal(bad, rows: plan.rowsRead, source: sourceName, advice: plan.advice)
            }
            if options.skipBadRows && !bad.isEmpty && write.inserts.isEmpty && write.updates.isEmpty
                && write.alreadyPresent == 0 && write.changedRows == 0 && plan.skippedShort == 0 {
                throw ImportBadRow.nothingGood(bad, rows: plan.rowsRead, source: sourceName)
            }
            if let writer {
                try await self.save(write, of: plan, staffIDs: staffIDs, actor: actor, reason: reason, writer: writer, source: sourceName)
            }
            var summary = ImportSummary(rows: plan.rowsRead, imported: write.inserts.count, alreadyPresent: write.alreadyPresent,
                                        skippedShort: plan.skippedShort, registeredStaff: write.register.map(\.handle.value),
                                        rejected: bad.count, dryRun: options.dryRun)
            summary.changed = write.changedRows
            summary.updated = write.updatedRows
            summary.splitRows = plan.splitRows
            if !bad.isEmpty {
                summary.rejects = ImportRejects(header: plan.header.raw ?? [], delimiter: delimiter, byteOrderMark: byteOrderMark, rows: bad)
            }
            return summary
        }
        // A dry run reads only, so it works on a database this user cannot write.
        if options.dryRun {
            return try await read { tx in try await body(tx, nil) }
        }
        return try await write { tx in try await body(tx, tx) }
    }

    /// The roster (with e-mail addresses), catalogues and today, as an import checks them.
    func importCatalog(_ tx: any ReadTransaction) async throws -> ImportCatalog {
        let staff = try await tx.allStaff()
        var emails: [Handle: String] = [:]
        for member in staff { if let email = member.email { emails[member.handle] = email } }
        return ImportCatalog(staff: staff, networks: try await tx.networks(), outcomes: try await tx.outcomes(),
                             today: clock.today, emails: emails)
    }

    /// What the plan's rows touch in the store, asked in batches (a server store answers each
    /// in one query). In a write, the people are locked in id order — the order the 24 h cap
    /// trigger locks them in, so two imports cannot deadlock — before their day totals are read,
    /// as `log` does.
    static func storedState(for plan: ImportPlan, staffIDs: [Handle: Int], tx: any ReadTransaction,
                            writer: (any WriteTransaction)?) async throws -> ImportStoredState {
        var state = ImportStoredState()
        let keys = plan.importKeys
        let ids = try await tx.importedEntryIDs(keys)
        let entries = try await tx.entries(ids: Array(Set(ids.values)))
        for (key, id) in ids { if let entry = entries[id] { state.imported[key] = entry } }
        // Rows an earlier socialtime imported under the identity it gave them then.
        state.presentKeys = try await tx.presentImportKeys(plan.legacyKeys)
        state.entries = try await tx.entries(ids: plan.entryIDs)
        var datesByPerson: [Int: (handle: Handle, dates: [CalendarDate])] = [:]
        for day in plan.days {
            guard let id = staffIDs[day.staff] else { continue }
            datesByPerson[id, default: (day.staff, [])].dates.append(day.date)
        }
        for id in datesByPerson.keys.sorted() {
            guard let person = datesByPerson[id] else { continue }
            if let writer { try await writer.lockStaff(id) }
            for (date, total) in try await tx.dayTotals(staffID: id, dates: person.dates.sorted()) {
                state.dayTotals[ImportPlan.Day(staff: person.handle, date: date)] = total
            }
        }
        return state
    }

    /// Registers the new people, inserts each entry with its audit row, then applies the
    /// changed rows (`--update`) as edits, audited with the manager's reason or else the file.
    private func save(_ write: ImportWrite, of plan: ImportPlan, staffIDs known: [Handle: Int], actor: Actor, reason: String?,
                      writer: any WriteTransaction, source: String) async throws {
        var staffIDs = known
        for person in write.register {
            staffIDs[person.handle] = try await register(person.handle, name: person.name, email: person.email, manager: false, in: writer).id
        }
        let networks = Dictionary(try await writer.networks().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        let outcomes = Dictionary(try await writer.outcomes().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        // Who imported each row and when. No JSON snapshot: the row as imported is the entry
        // itself until an edit, and that edit's audit row keeps it as its `before`.
        let audit = AuditRecord(at: now, actor: actor.handle.value, action: "import", before: nil, after: nil, reason: reason)
        var batch: [EntryRecord] = []
        var lateWeeks: [ISOWeek?] = []
        batch.reserveCapacity(Self.importBatchSize)
        for index in write.inserts {
            let row = plan.rows[index]
            guard let staffID = staffIDs[row.staff], let networkID = networks[row.network], let outcomeID = outcomes[row.outcome] else {
                throw SocialTimeError.failure("import: line \(row.line) names what the store no longer has; nothing was imported")
            }
            batch.append(EntryRecord(id: row.entryID, staffID: staffID, date: row.date, minutes: row.minutes,
                                     networkID: networkID, outcomeID: outcomeID, note: row.note,
                                     loggedAt: row.loggedAt ?? now,
                                     startedAt: row.start.map { zone.local($0.epoch(in: zone)).timestamp },
                                     endedAt: row.end.map { zone.local($0.epoch(in: zone)).timestamp },
                                     importKey: row.importKey))
            lateWeeks.append(lateWeek(of: row.date))
            if batch.count == Self.importBatchSize {
                try await writer.insertImportedEntries(batch, audit: audit, lateWeeks: lateWeeks)
                batch.removeAll(keepingCapacity: true)
                lateWeeks.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try await writer.insertImportedEntries(batch, audit: audit, lateWeeks: lateWeeks) }
        for update in write.updates {
            let row = plan.rows[update.row]
            guard let networkID = networks[row.network], let outcomeID = outcomes[row.outcome] else {
                throw SocialTimeError.failure("import: line \(row.line) names what the store no longer has; nothing was imported")
            }
            try await writer.updateEntry(id: update.entry.id, date: row.date, minutes: row.minutes, networkID: networkID,
                                         outcomeID: outcomeID, note: row.note,
                                         clockTimes: row.start.flatMap { start in row.end.map { end in
                                             (zone.local(start.epoch(in: zone)).timestamp, zone.local(end.epoch(in: zone)).timestamp) } },
                                         updatedAt: now)
            let after = try await requireEntry(update.entry.id, in: writer)
            try await self.audit("edit", update.entry.id, actor: actor.handle, before: update.entry, after: after,
                            reason: reason ?? Text.printable("import --update \(source), line \(row.line)"), in: writer)
        }
    }

    /// Rows per `insertImportedEntries` call: big enough that a server's round trips vanish,
    /// small enough to stay well inside PostgreSQL's 65,535 bound parameters per statement.
    static let importBatchSize = 1000

    /// No overlaps for imports either: a new row with start and end times may not overlap a
    /// stored timed entry of the same person, nor another row of the file (64, naming it). One
    /// sweep per person over the file's timed rows and the stored entries around them.
    ///
    /// Rows with exactly the same start and end are the spec's "rows that share an identity":
    /// distinct entries matched one for one on re-import (two identical 1-hour rows stay two
    /// hours), so an exact repeat is not refused as an overlap — any other overlap is.
    func checkImportOverlaps(_ rows: [ImportPlan.Row], staffIDs: [Handle: Int], in tx: any ReadTransaction) async throws {
        struct Span { let start: Int; let end: Int; let row: ImportPlan.Row?; let stored: TimedEntry? }
        var byPerson: [String: [Span]] = [:]
        for row in rows {
            guard let start = row.start, let end = row.end else { continue }
            byPerson[row.staff.value, default: []].append(Span(start: start.epoch(in: zone), end: end.epoch(in: zone), row: row, stored: nil))
        }
        for handle in byPerson.keys.sorted() {
            var spans = byPerson[handle]!
            if let id = staffIDs[Handle.stored(handle)] {
                let first = spans.compactMap { $0.row?.date }.min()!, last = spans.compactMap { $0.row?.end?.date }.max()!
                for other in try await tx.timedEntries(staffID: id, from: first.adding(days: -1), to: last.adding(days: 1)) {
                    guard let start = Instant.epochSeconds(iso: other.startedAt), let end = Instant.epochSeconds(iso: other.endedAt) else { continue }
                    spans.append(Span(start: start, end: end, row: nil, stored: other))
                }
            }
            spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            var reach: Span?
            for span in spans {
                if let earlier = reach, span.start < earlier.end, span.row != nil || earlier.row != nil,
                   span.start != earlier.start || span.end != earlier.end {
                    let row = (span.row ?? earlier.row)!
                    let other = span.row == nil ? span : earlier
                    let what = other.stored.map { "entry #\($0.id) (\($0.date) \(Self.clock($0.startedAt))–\(Self.clock($0.endedAt)))" }
                        ?? "line \(other.row!.line) of the file"
                    throw SocialTimeError.invalidInput("line \(row.line): \(handle)'s \(row.date) \(ClockTime.text(row.start!.seconds))–\(ClockTime.text(row.end!.seconds)) "
                        + "overlaps \(what): time is counted once, so nothing was imported — correct the row in the tracker and export again")
                }
                if reach == nil || span.end > reach!.end { reach = span }
            }
        }
    }
}
