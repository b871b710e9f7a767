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
    /// The stored entries of `ImportPlan.importKeys`, by key (deleted ones included).
    public var imported: [String: Entry]

    public init(presentKeys: Set<String> = [], entries: [Int: Entry] = [:], dayTotals: [ImportPlan.Day: Minutes] = [:],
                imported: [String: Entry] = [:]) {
        self.presentKeys = presentKeys
        self.entries = entries
        self.dayTotals = dayTotals
        self.imported = imported
    }
}

/// Stage 2 of an import, decided without touching the store: which rows to insert, which are
/// already there, which changed since, which would break the 24-hour day, and whom to register first.
public struct ImportWrite: Sendable {
    /// Indices into `ImportPlan.rows` of the rows to insert, in file order (indices, not copies:
    /// a plan of a million rows is large enough once).
    public var inserts: [Int] = []
    /// A row already imported whose minutes, date, network, outcome or note changed since.
    public struct Update: Sendable, Equatable {
        /// Index into `ImportPlan.rows`.
        public var row: Int
        public var entry: Entry
    }
    /// With `update`: the changes to apply; without, the changes only counted.
    public var updates: [Update] = []
    /// Rows (lines of the file) whose stored entries changed since they were imported, not updated.
    public var changedRows = 0
    /// Rows (lines of the file) whose stored entries are updated (`update`).
    public var updatedRows = 0
    /// The new people that at least one inserted row belongs to.
    public var register: [ImportPlan.NewPerson] = []
    /// Rows (lines of the file) already in the store, unchanged.
    public var alreadyPresent = 0
    /// Rows the stored data refuses (the 24-hour day, an entry id used by another entry).
    public var badRows: [ImportBadRow] = []
}

extension ImportPlan {
    /// Decides the write: each row is new, already stored, or stored and changed since (applied
    /// with `update`). The 24-hour day is then judged on the stored totals plus everything the
    /// file adds, whatever the order of its rows: a person and date over a day refuses every row
    /// of the file on it, each named.
    public func apply(_ stored: ImportStoredState, update: Bool = false) -> ImportWrite {
        var write = ImportWrite()
        var totals = stored.dayTotals
        var present = Set<Int>(), changed = Set<Int>()
        var written: [(line: Int, day: Day, minutes: Minutes)] = []
        var updates: [ImportWrite.Update] = []
        var inserts: [Int] = []
        var refused: [Int: ImportBadRow] = [:]
        for (index, row) in rows.enumerated() {
            if let id = row.entryID, let existing = stored.entries[id] {
                if existing.staff == row.staff && existing.date == row.date && existing.minutes == row.minutes
                    && existing.network == row.network && existing.outcome == row.outcome && existing.note == row.note {
                    present.insert(row.line)
                } else {
                    // The stored entry is shown only when it is the same person's: a file of
                    // made-up ids must not read colleagues' entries out of error messages.
                    let shown = existing.staff == row.staff ? " (\(EntryRendering.summary(existing)))" : " (another person's)"
                    refused[row.line] = ImportBadRow(line: row.line, reason: "entry_id \(id) is already used by a different entry\(shown): this file comes from another database", raw: row.raw)
                }
                continue
            }
            if let key = row.importKey, let existing = stored.imported[key] {
                let same = existing.date == row.date && existing.minutes == row.minutes && existing.network == row.network
                    && existing.outcome == row.outcome && existing.note == row.note
                // A deleted entry stays deleted: importing it again would undo the delete.
                if same || existing.deleted {
                    present.insert(row.line)
                } else {
                    changed.insert(row.line)
                    if update {
                        updates.append(ImportWrite.Update(row: index, entry: existing))
                        let before = Day(staff: existing.staff, date: existing.date)
                        totals[before] = (totals[before] ?? .zero) - existing.minutes
                        written.append((row.line, Day(staff: row.staff, date: row.date), row.minutes))
                    }
                }
                continue
            }
            if let key = row.importKey, stored.presentKeys.contains(key) {
                present.insert(row.line)
                continue
            }
            if let key = row.legacyKey, stored.presentKeys.contains(key) {
                present.insert(row.line)
                continue
            }
            inserts.append(index)
            written.append((row.line, Day(staff: row.staff, date: row.date), row.minutes))
        }
        for item in written { totals[item.day] = (totals[item.day] ?? .zero) + item.minutes }
        var over = Set<Day>()
        for item in written where (totals[item.day] ?? .zero) > .day { over.insert(item.day) }
        if !over.isEmpty {
            var shares: [Day: [(line: Int, minutes: Int)]] = [:]
            for item in written where over.contains(item.day) { shares[item.day, default: []].append((item.line, item.minutes.value)) }
            for day in over.sorted(by: { ($0.date, $0.staff.value) < ($1.date, $1.staff.value) }) {
                let total = totals[day] ?? .zero
                let fromFile = (shares[day] ?? []).reduce(0) { $0 + $1.minutes }
                let storedMinutes = total.value - fromFile
                let reason = "\(day.staff) would have \(total) on \(day.date), more than the 24 hours of a day: \(Minutes(storedMinutes)) already stored and \(Minutes(fromFile)) from this file (\(Self.listing(shares[day] ?? [])))"
                for share in shares[day] ?? [] where refused[share.line] == nil {
                    refused[share.line] = ImportBadRow(line: share.line, reason: reason, raw: rows.first(where: { $0.line == share.line })?.raw)
                }
            }
        }
        write.inserts = inserts.filter { refused[rows[$0].line] == nil }
        write.updates = updates.filter { refused[rows[$0.row].line] == nil }
        write.badRows = refused.values.sorted { $0.line < $1.line }
        // Counted per line: a row cut at midnight is one row of the file.
        present.subtract(refused.keys)
        changed.subtract(refused.keys)
        let updatedLines = Set(write.updates.map { rows[$0.row].line })
        let insertedLines = Set(write.inserts.map { rows[$0].line })
        write.updatedRows = updatedLines.count
        write.changedRows = changed.subtracting(updatedLines).subtracting(insertedLines).count
        write.alreadyPresent = present.subtracting(changed).subtracting(updatedLines).subtracting(insertedLines).count
        let writing = Set(write.inserts.map { rows[$0].staff })
        write.register = newPeople.filter { writing.contains($0.handle) }
        return write
    }

    /// Why the plan, made from `planned`, no longer fits the catalogue as it is now (someone
    /// registered a person under a handle the plan would give away, deactivated someone, retired
    /// an outcome), or nil when it still fits. Changes that do not touch the plan do not matter:
    /// colleagues keep logging, and registering, while a large file is read.
    public func conflict(with now: ImportCatalog) -> String? {
        Self.conflict(newPeople: newPeople, staff: Set(rows.map(\.staff)), networks: Set(rows.map(\.network)),
                      outcomes: Set(rows.map(\.outcome)), with: now)
    }

    /// `conflict(with:)` for what a streaming import's first pass keeps of the rows: the people,
    /// networks and outcomes they name.
    static func conflict(newPeople: [NewPerson], staff: Set<Handle>, networks: Set<String>, outcomes: Set<String>,
                         with now: ImportCatalog) -> String? {
        let people = Dictionary(now.people.map { ($0.handle, $0) }, uniquingKeysWith: { first, _ in first })
        let newHandles = Set(newPeople.map(\.handle))
        for person in newPeople where people[person.handle] != nil {
            return "\(person.handle) was registered by someone else while the file was read"
        }
        for handle in staff.sorted() where !newHandles.contains(handle) {
            guard let person = people[handle], person.active else { return "\(handle) was deactivated or removed while the file was read" }
        }
        let knownNetworks = Set(now.networks.map(\.key))
        if let gone = networks.first(where: { !knownNetworks.contains($0) }) { return "the network \(gone) was removed while the file was read" }
        let active = Set(now.outcomes.filter { !$0.retired }.map(\.key))
        if let gone = outcomes.first(where: { !active.contains($0) }) { return "the outcome \(gone) was retired while the file was read" }
        return nil
    }
}
