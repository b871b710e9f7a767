/// One batch of an import's second pass, decided and ready to write: made while the server
/// writes the batch before it (`Rulebook.prepare`), written once the next batch's stored rows
/// are read (`Rulebook.save`).
struct ImportBatch: Sendable {
    /// The new entries in file order, and for each the week it is a late change to (nil: none).
    var records: [EntryRecord] = []
    var lateWeeks: [ISOWeek?] = []
    /// The changed rows `--update` applies, each with the stored entry it changes.
    var updates: [(entry: Entry, row: ImportPlan.Row)] = []
}

/// What every batch of one import is written with: the store's ids of the people, networks and
/// outcomes the file names, and who imports, when and why.
struct ImportTargets: Sendable {
    let staffIDs: [Handle: Int]
    let networks: [String: Int]
    let outcomes: [String: Int]
    /// The audit row of every new entry: the importing person, the moment, the reason.
    let audit: AuditRecord
    let actor: Actor
    let reason: String?
    /// The file's name, which an `--update` without a reason gives as its reason.
    let source: String
}

extension Rulebook {
    /// The new entries of `write` as the store's records, and its changed rows with their rows.
    func prepare(_ write: ImportWrite, of plan: ImportPlan, for targets: ImportTargets) throws -> ImportBatch {
        var batch = ImportBatch()
        var days = LocalDays(zone: zone)
        batch.records.reserveCapacity(write.inserts.count)
        batch.lateWeeks.reserveCapacity(write.inserts.count)
        for index in write.inserts {
            let row = plan.rows[index]
            guard let staffID = targets.staffIDs[row.staff], let networkID = targets.networks[row.network],
                  let outcomeID = targets.outcomes[row.outcome] else { throw Self.vanished(row) }
            batch.records.append(EntryRecord(id: row.entryID, staffID: staffID, date: row.date, minutes: row.minutes,
                                             networkID: networkID, outcomeID: outcomeID, note: row.note,
                                             loggedAt: row.loggedAt ?? now,
                                             startedAt: row.start.map { days.timestamp($0) },
                                             endedAt: row.end.map { days.timestamp($0) },
                                             importKey: row.importKey))
            batch.lateWeeks.append(lateWeek(of: row.date))
        }
        batch.updates = write.updates.map { ($0.entry, plan.rows[$0.row]) }
        return batch
    }

    /// Inserts each new entry with its audit row (`targets.audit`: no JSON snapshot — the row as
    /// imported is the entry itself until an edit, whose audit row keeps it as its `before`), then
    /// applies the changed rows as edits, audited with the manager's reason or else the file.
    func save(_ batch: ImportBatch, with targets: ImportTargets, writer: any WriteTransaction) async throws {
        if !batch.records.isEmpty {
            try await writer.insertImportedEntries(batch.records, audit: targets.audit, lateWeeks: batch.lateWeeks)
        }
        var days = LocalDays(zone: zone)
        for (entry, row) in batch.updates {
            guard let networkID = targets.networks[row.network], let outcomeID = targets.outcomes[row.outcome] else {
                throw Self.vanished(row)
            }
            try await writer.updateEntry(id: entry.id, date: row.date, minutes: row.minutes, networkID: networkID,
                                         outcomeID: outcomeID, note: row.note,
                                         clockTimes: row.start.flatMap { start in row.end.map { end in
                                             (days.timestamp(start), days.timestamp(end)) } },
                                         updatedAt: now)
            let after = try await requireEntry(entry.id, in: writer)
            try await self.audit("edit", entry.id, actor: targets.actor.handle, before: entry, after: after,
                                 reason: targets.reason ?? Text.printable("import --update \(targets.source), line \(row.line)"),
                                 in: writer)
        }
    }

    private static func vanished(_ row: ImportPlan.Row) -> SocialTimeError {
        .failure("import: line \(row.line) names what the store no longer has; nothing was imported")
    }
}
