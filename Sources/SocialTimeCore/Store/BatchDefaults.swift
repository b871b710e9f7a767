/// The batch operations of the store protocol done one row at a time: right for SQLite, where
/// a probe or an insert is a function call, not a round trip. A server store overrides them.
extension ReadTransaction {
    public func presentImportKeys(_ keys: [String]) async throws -> Set<String> {
        var present = Set<String>()
        for key in keys where try await importKeyExists(key) { present.insert(key) }
        return present
    }

    public func entries(ids: [Int]) async throws -> [Int: Entry] {
        var found: [Int: Entry] = [:]
        for id in ids { if let entry = try await entry(id) { found[id] = entry } }
        return found
    }

    public func dayTotals(staffID: Int, dates: [CalendarDate]) async throws -> [CalendarDate: Minutes] {
        var totals: [CalendarDate: Minutes] = [:]
        for date in dates {
            let total = try await dayTotal(staffID: staffID, date: date, excluding: nil)
            if total.value > 0 { totals[date] = total }
        }
        return totals
    }
}

extension WriteTransaction {
    public func insertNewStaff(_ people: [NewStaffRecord]) async throws -> [Int] {
        var ids: [Int] = []
        for person in people { ids.append(try await insertStaff(person).id) }
        return ids
    }

    public func insertImportedEntries(_ records: [EntryRecord], audit: AuditRecord, lateWeeks: [ISOWeek?]) async throws {
        for (index, record) in records.enumerated() {
            let id = try await insertEntry(record)
            let late = index < lateWeeks.count ? lateWeeks[index] : nil
            try await insertAudit(AuditRecord(at: audit.at, actor: audit.actor, action: audit.action, before: audit.before,
                                              after: audit.after, reason: audit.reason, lateWeek: late),
                                  subject: .entry(id))
        }
    }
}
