extension SQLiteStore {
    /// Imports every row of `reader` (its header first) as entries, all or nothing.
    ///
    /// The file is parsed and validated first, against a snapshot of the roster and catalogues and
    /// outside any transaction (`ImportPlanner`), so people logging meanwhile are not kept waiting.
    /// Only then does one write transaction check that the snapshot still holds, load what the
    /// plan touches (stored import keys and entry ids, day totals), let `ImportPlan.apply` decide,
    /// and write. A dry run does the same in a read transaction and writes nothing.
    ///
    /// Any bad row rejects the whole file with `invalidImportData`, listing bad rows by line (the
    /// header is line 1), unless `options.skipBadRows`: then the good rows are written and the bad
    /// ones come back in `ImportSummary.rejects`. Rows already imported are counted and skipped, so
    /// importing a file twice adds nothing. `progress` hears the rows read every 10 000 rows.
    public func importEntries(_ reader: inout CSVReader, options: ImportOptions, actor: Handle,
                              sourceName: String, progress: ((Int) -> Void)? = nil) throws(SocialTimeError) -> ImportSummary {
        let catalog = try read { try importCatalog() }
        let plan = try ImportPlanner.plan(&reader, options: options, catalog: catalog, source: sourceName, progress: progress)
        if !plan.badRows.isEmpty && !options.skipBadRows {
            throw ImportBadRow.refusal(plan.badRows, rows: plan.rowsRead, source: sourceName)
        }
        let delimiter = reader.delimiter, byteOrderMark = reader.hadByteOrderMark
        let body = { () throws -> ImportSummary in
            if let conflict = plan.conflict(with: try self.importCatalog()) {
                throw SocialTimeError.busy("\(conflict); nothing was imported: run the import again")
            }
            let write = plan.apply(try self.storedState(for: plan))
            let bad = plan.badRows + write.badRows
            if !bad.isEmpty && !options.skipBadRows {
                throw ImportBadRow.refusal(bad, rows: plan.rowsRead, source: sourceName)
            }
            if !options.dryRun { try self.save(write, of: plan, actor: actor) }
            var summary = ImportSummary(rows: plan.rowsRead, imported: write.inserts.count, alreadyPresent: write.alreadyPresent,
                                        skippedShort: plan.skippedShort, registeredStaff: write.register.map(\.handle.value),
                                        rejected: bad.count, dryRun: options.dryRun)
            if !bad.isEmpty {
                summary.rejects = ImportRejects(header: plan.header.raw ?? [], delimiter: delimiter, byteOrderMark: byteOrderMark, rows: bad)
            }
            return summary
        }
        // A dry run only reads, so it works on a database this user cannot write.
        return options.dryRun ? try read(body) : try self.write(body)
    }

    /// The roster, catalogues and today, as an import checks them.
    func importCatalog() throws -> ImportCatalog {
        let staff = try db.prepare("SELECT \(Self.staffColumns) FROM staff ORDER BY handle").rows([], Self.staffMember)
        return ImportCatalog(staff: staff, networks: try allNetworks(), outcomes: try allOutcomes(), today: clock.today)
    }

    /// What the plan's rows touch in the database: one indexed probe per key, id and day.
    func storedState(for plan: ImportPlan) throws -> ImportStoredState {
        var state = ImportStoredState()
        for key in plan.importKeys where try db.scalarInt("SELECT 1 FROM entries WHERE import_key = ?", [key]) != nil {
            state.presentKeys.insert(key)
        }
        for id in plan.entryIDs where try db.scalarInt("SELECT 1 FROM entries WHERE id = ?", [id]) != nil {
            state.entries[id] = try findEntry(id)
        }
        let ids = try staffIDs()
        for day in plan.days {
            guard let id = ids[day.staff] else { continue }
            let total = try dayTotal(staffID: id, date: day.date)
            if total.value > 0 { state.dayTotals[day] = total }
        }
        return state
    }

    private func staffIDs() throws -> [Handle: Int] {
        var ids: [Handle: Int] = [:]
        try db.prepare("SELECT id, handle FROM staff").forEachRow { row in ids[Handle(trusted: row.text(1))] = row.int(0) }
        return ids
    }

    /// Registers the new people, then inserts each entry with its audit row.
    private func save(_ write: ImportWrite, of plan: ImportPlan, actor: Handle) throws {
        for person in write.register {
            try db.run("INSERT INTO staff(handle, name, created_at) VALUES (?, ?, ?)", [person.handle.value, person.name, clock.timestamp])
        }
        let staff = try staffIDs()
        let networks = Dictionary(try allNetworks().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        let outcomes = Dictionary(try allOutcomes().map { ($0.key, $0.id) }, uniquingKeysWith: { first, _ in first })
        for index in write.inserts {
            let row = plan.rows[index]
            try db.run("""
                INSERT INTO entries(id, staff_id, date, minutes, network_id, outcome_id, note, logged_at, import_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [row.entryID, staff[row.staff], row.date.description, row.minutes.value, networks[row.network],
                      outcomes[row.outcome], row.note, row.loggedAt ?? clock.timestamp, row.importKey])
            // Who imported it and when. No JSON snapshot: the row as imported is the entry itself until
            // an edit, and that edit's audit row keeps it as its `before`.
            try audit("import", entryID: db.lastInsertRowID, actor: actor, before: nil, after: nil)
        }
    }
}
