/// Minutes per person and date, in a compact table: a million rows touch a few hundred thousand
/// person-days, and a dictionary keyed by handle and date would cost several times more.
struct DayTotals {
    private var index: [Handle: Int32] = [:]
    private(set) var handles: [Handle] = []
    /// Person number × 2³² + day number → minutes.
    private(set) var minutes: [Int: Int32] = [:]

    func key(_ staff: Handle, _ date: CalendarDate) -> Int? {
        index[staff].map { Int($0) << 32 | date.dayNumber }
    }

    mutating func key(adding staff: Handle, _ date: CalendarDate) -> Int {
        if let number = index[staff] { return Int(number) << 32 | date.dayNumber }
        let number = Int32(handles.count)
        index[staff] = number
        handles.append(staff)
        return Int(number) << 32 | date.dayNumber
    }

    func day(_ key: Int) -> ImportPlan.Day {
        ImportPlan.Day(staff: handles[key >> 32], date: CalendarDate(dayNumber: key & 0xFFFF_FFFF))
    }

    mutating func add(_ staff: Handle, _ date: CalendarDate, _ value: Int) {
        minutes[key(adding: staff, date), default: 0] += Int32(value)
    }

    subscript(staff: Handle, date: CalendarDate) -> Int {
        key(staff, date).flatMap { minutes[$0] }.map(Int.init) ?? 0
    }

    /// The dates of each of `people`, for loading what the store holds on them (the caller names
    /// only the people the store has: a history of new people, a whole team's, would list
    /// hundreds of thousands of days for nothing).
    func datesByPerson(of people: Set<Handle>) -> [Handle: [CalendarDate]] {
        let numbers = Set(people.compactMap { index[$0] })
        guard !numbers.isEmpty else { return [:] }
        var dates: [Handle: [CalendarDate]] = [:]
        for key in minutes.keys where numbers.contains(Int32(key >> 32)) {
            dates[handles[key >> 32], default: []].append(CalendarDate(dayNumber: key & 0xFFFF_FFFF))
        }
        return dates
    }
}

/// The first pass of a streaming import: every row read and checked as `ImportPlanner` checks
/// it, keeping only what the write needs to know beforehand — the bad rows, the people, networks
/// and outcomes the good rows name, each person-day's minutes (the 24-hour day judged on the
/// whole file), and how the second pass must number repeated identities. The rows themselves
/// are read again by the second pass (`Rulebook.importEntries`).
struct ImportCheck {
    var header: CSVRecord
    var order: DateOrder
    /// What the second pass's finisher must count.
    var tracking: RowFinisher.Tracking
    var rowsRead = 0
    var skippedShort = 0
    var splitRows = 0
    /// In line order; without `--skip-bad-rows` only the first few, the rest in `moreBadRows`.
    var badRows: [ImportBadRow] = []
    var moreBadRows = 0
    var advice: String?
    var newPeople: [ImportPlan.NewPerson] = []
    /// Lines refused because their person and date hold more than a day in this file.
    var refusedLines: Set<Int> = []
    /// Of the good rows (entries): people, catalogue keys, minutes per person-day, and totals
    /// the second pass compares to see that the file is still the one checked.
    var staff: Set<Handle> = []
    var networks: Set<String> = []
    var outcomes: Set<String> = []
    var days = DayTotals()
    var entries = 0
    var minutes = 0

    /// Rows per batch while reading.
    static let batch = 4096

    /// Rows a foreign file may make wait for its day/month order before it is read once more
    /// in the order it decides (`ImportScanner.pendingLimit`).
    static let pendingLimit = 20_000

    /// Reads `reader` (a copy: the caller's stays at the start) to the end, once more when a
    /// repeated entry id or an over-full day must name its lines, and once more when that
    /// refusal changes which rows are good. A foreign file's day/month order is decided by the
    /// first reading (and checked against its every date), read once more only when too many
    /// rows came before the first date that proves it.
    static func make(_ reader: CSVReader, options: ImportOptions, catalog: ImportCatalog, source: String,
                     zone: LocalZone, progress: ((Int) -> Void)?, pendingLimit: Int = pendingLimit) throws(SocialTimeError) -> ImportCheck {
        var order: DateOrder? = options.format == .socialtime ? .ymd : options.dateOrder
        var tracking = RowFinisher.Tracking.collect
        var overHint: Set<Int> = []
        var refusedHint: Set<Int> = []
        while true {
            var scanner = try ImportScanner(reader, options: options, catalog: catalog, source: source, zone: zone, order: order,
                                            tracking: tracking, progress: progress, keepAllBadRows: false, pendingLimit: pendingLimit)
            var check = ImportCheck(header: scanner.plan.header, order: order ?? .ymd, tracking: tracking)
            var all = DayTotals()
            var shares: [Int: [(line: Int, minutes: Int, raw: [UInt8]?)]] = [:]
            while let batch = try scanner.next(batch: batch) {
                for row in batch {
                    let key = all.key(adding: row.staff, row.date)
                    all.add(row.staff, row.date, row.minutes.value)
                    if overHint.contains(key) {
                        if let last = shares[key]?.last, last.line == row.line {
                            shares[key]![shares[key]!.count - 1].minutes += row.minutes.value
                        } else {
                            shares[key, default: []].append((row.line, row.minutes.value, row.raw))
                        }
                    }
                    guard !refusedHint.contains(row.line) else { continue }
                    check.days.add(row.staff, row.date, row.minutes.value)
                    check.staff.insert(row.staff)
                    check.networks.insert(row.network)
                    check.outcomes.insert(row.outcome)
                    check.entries += 1
                    check.minutes += row.minutes.value
                }
            }
            if order == nil {
                order = scanner.decidedOrder
                check.order = scanner.decidedOrder ?? .ymd
                // Too many rows waited for the order: read again in it.
                if scanner.gaveUp { continue }
            }
            try scanner.requireOnePerson()
            if case .collect = tracking {
                var (hashes, entryIDs) = scanner.takeCollected()
                let ids = Self.repeated(&entryIDs)
                entryIDs = []
                tracking = .repeated(identities: Self.repeated(&hashes), entryIDs: ids)
                // Repeated entry ids are bad rows, named with their first line: read again.
                if !ids.isEmpty { continue }
            }
            let over = Set(all.minutes.filter { $0.value > Int32(Minutes.day.value) }.keys)
            guard over.isSubset(of: overHint) else {
                overHint = over
                continue
            }
            // The reasons, as `ImportPlan.refuseOverfullDays` gives them.
            var reasons: [Int: (reason: String, raw: [UInt8]?)] = [:]
            for key in over.sorted(by: { (all.day($0).date, all.day($0).staff.value) < (all.day($1).date, all.day($1).staff.value) }) {
                let day = all.day(key)
                let listed = ImportPlan.listing((shares[key] ?? []).map { ($0.line, $0.minutes) })
                let reason = "\(day.staff) has \(Minutes(Int(all.minutes[key] ?? 0))) on \(day.date) in this file, more than the 24 hours of a day: \(listed)"
                for share in shares[key] ?? [] where reasons[share.line] == nil { reasons[share.line] = (reason, share.raw) }
            }
            guard Set(reasons.keys) == refusedHint else {
                refusedHint = Set(reasons.keys)
                continue
            }
            check.refusedLines = refusedHint
            check.tracking = tracking
            check.rowsRead = scanner.plan.rowsRead
            check.skippedShort = scanner.plan.skippedShort
            check.splitRows = scanner.plan.splitRows
            check.badRows = scanner.plan.badRows
            check.moreBadRows = scanner.plan.moreBadRows
            for (line, reason) in reasons { check.badRows.append(ImportBadRow(line: line, reason: reason.reason, raw: reason.raw)) }
            check.badRows.sort { $0.line < $1.line }
            check.advice = scanner.advice
            check.newPeople = scanner.people.registered.filter { check.staff.contains($0.handle) }
            return check
        }
    }

    /// The values that occur more than once (`values` sorted in place: no dictionary of a
    /// million keys, and no copy of the array beside it).
    static func repeated(_ values: inout [Int]) -> Set<Int> {
        values.sort()
        var found: Set<Int> = []
        var index = 1
        while index < values.count {
            if values[index] == values[index - 1] { found.insert(values[index]) }
            index += 1
        }
        return found
    }
}
