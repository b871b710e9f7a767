/// What the store holds that a plan's rows touch, loaded inside the write transaction: the
/// import keys already stored, the entries already using a kept entry id, and each person's
/// minutes on each date the plan adds to.
public struct ImportStoredState: Sendable {
    /// Those of `ImportPlan.importKeys` that are stored (deleted entries included: a deleted
    /// entry was imported once, and importing it again would undo the delete).
    public var presentKeys: Set<String>
    /// The stored entries whose ids are among `ImportPlan.entryIDs`.
    public var entries: [Int: Entry]
    /// The minutes stored per person and date in `ImportPlan.days` (missing: none).
    public var dayTotals: [ImportPlan.Day: Minutes]

    public init(presentKeys: Set<String> = [], entries: [Int: Entry] = [:], dayTotals: [ImportPlan.Day: Minutes] = [:]) {
        self.presentKeys = presentKeys
        self.entries = entries
        self.dayTotals = dayTotals
    }
}

/// Stage 2 of an import, decided without touching the store: which rows to insert, which are
/// already there, which would break the 24-hour day, and whom to register first.
public struct ImportWrite: Sendable {
    /// Indices into `ImportPlan.rows` of the rows to insert, in file order (indices, not copies:
    /// a plan of a million rows is large enough once).
    public var inserts: [Int] = []
    /// The new people that at least one inserted row belongs to.
    public var register: [ImportPlan.NewPerson] = []
    public var alreadyPresent = 0
    /// Rows the stored data refuses (the 24-hour day, an entry id used by another entry).
    public var badRows: [ImportBadRow] = []
}

extension ImportPlan {
    /// Decides the write in file order, with a running total per person and date, so the rows
    /// of one import are checked against each other as well as against what is stored.
    public func apply(_ stored: ImportStoredState) -> ImportWrite {
        var write = ImportWrite()
        var totals = stored.dayTotals
        for (index, row) in rows.enumerated() {
            if let id = row.entryID, let existing = stored.entries[id] {
                if existing.staff == row.staff && existing.date == row.date && existing.minutes == row.minutes
                    && existing.network == row.network && existing.outcome == row.outcome && existing.note == row.note {
                    write.alreadyPresent += 1
                } else {
                    // The stored entry is shown only when it is the same person's: a file of
                    // made-up ids must not read colleagues' entries out of error messages.
                    let shown = existing.staff == row.staff ? " (\(EntryRendering.summary(existing)))" : " (another person's)"
                    write.badRows.append(ImportBadRow(line: row.line, reason: "entry_id \(id) is already used by a different entry\(shown): this file comes from another database", raw: row.raw))
                }
                continue
            }
            if let key = row.importKey, stored.presentKeys.contains(key) {
                write.alreadyPresent += 1
                continue
            }
            let day = Day(staff: row.staff, date: row.date)
            let logged = totals[day] ?? .zero
            guard logged + row.minutes <= .day else {
                let room = Minutes.day - logged
                write.badRows.append(ImportBadRow(line: row.line, reason: "\(row.staff) already has \(logged) on \(row.date); \(row.minutes) more would pass 24 hours in one day" + (room.value > 0 ? " (at most \(room) fits)" : ""), raw: row.raw))
                continue
            }
            totals[day] = logged + row.minutes
            write.inserts.append(index)
        }
        let writing = Set(write.inserts.map { rows[$0].staff })
        write.register = newPeople.filter { writing.contains($0.handle) }
        return write
    }

    /// Why the plan, made from `planned`, no longer fits the catalogue as it is now (someone
    /// registered a person under a handle the plan would give away, deactivated someone, retired
    /// an outcome), or nil when it still fits. Changes that do not touch the plan do not matter:
    /// colleagues keep logging, and registering, while a large file is read.
    public func conflict(with now: ImportCatalog) -> String? {
        let people = Dictionary(now.people.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
        let newHandles = Set(newPeople.map(\.handle))
        for person in newPeople where people[person.handle] != nil {
            return "\(person.handle) was registered by someone else while the file was read"
        }
        var checked = Set<Handle>()
        var networks = Set<String>(), outcomes = Set<String>()
        for row in rows {
            if !newHandles.contains(row.staff), checked.insert(row.staff).inserted {
                guard let person = people[row.staff], person.active else { return "\(row.staff) was deactivated or removed while the file was read" }
            }
            networks.insert(row.network)
            outcomes.insert(row.outcome)
        }
        let knownNetworks = Set(now.networks.map(\.key))
        if let gone = networks.first(where: { !knownNetworks.contains($0) }) { return "the network \(gone) was removed while the file was read" }
        let active = Set(now.outcomes.filter { !$0.retired }.map(\.key))
        if let gone = outcomes.first(where: { !active.contains($0) }) { return "the outcome \(gone) was retired while the file was read" }
        return nil
    }
}
