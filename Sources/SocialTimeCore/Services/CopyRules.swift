/// `db copy --to DB`: a whole history moved to another store, ids and all, so the copy's
/// exports are byte for byte the original's.
extension Rulebook {
    /// Rows sent to the target at a time: memory stays bounded however large the history.
    static let copyBatchSize = 500

    /// Copies every table of this store into `target` in one write transaction there, from one
    /// snapshot here. Managers only (the administrator too). The target must be empty — nobody
    /// on its roster, so no entries, results, justifications or timers either, since every one
    /// names a person; its catalogues, thresholds and settings (the seeded ones of a new
    /// database) are replaced by this store's, keeping this store's ids. Anything else is
    /// refused with nothing changed.
    public func copy(to target: any DataStore) async throws(SocialTimeError) -> CopySummary {
        try await read { source in
            try await actor(in: source).requireManager(to: "copy the database")
            do {
                return try await target.write { destination in
                    let people = try await destination.allStaff().count
                    guard people == 0 else {
                        throw SocialTimeError.invalidInput("\(target.location) already holds data (\(people) \(people == 1 ? "person" : "people") on its roster): "
                            + "db copy writes only into an empty database — a new SQLite file, or a PostgreSQL database just set up with db init; nothing was changed")
                    }
                    // Children before parents, so no foreign key is left dangling on the way.
                    for table in CopyTable.allCases.reversed() {
                        try await destination.deleteAllRows(of: table)
                    }
                    var summary = CopySummary()
                    for table in CopyTable.allCases {
                        var batch: [CopyRow] = []
                        batch.reserveCapacity(Self.copyBatchSize)
                        var count = 0
                        try await source.forEachRow(of: table) { row in
                            batch.append(row)
                            count += 1
                            if batch.count == Self.copyBatchSize {
                                try await destination.insertCopied(batch)
                                batch.removeAll(keepingCapacity: true)
                            }
                        }
                        try await destination.insertCopied(batch)
                        summary.rows[table] = count
                    }
                    try await destination.finishCopy()
                    return summary
                }
            } catch {
                throw Self.mapped(error)
            }
        }
    }
}
