/// Stage 1 of an import: reads the whole file and checks every row against an `ImportCatalog`,
/// with no database access, into an `ImportPlan`. Rows get exactly `log`'s validation (person,
/// catalogues, dates, text, 1 minute to 24 hours, the 24-hour day within the file) plus the checks
/// of their format.
///
/// Throws for a file that cannot be read at all (empty, a bad header, dates whose order cannot be
/// decided, `--staff` on a file naming several people); bad rows are returned in the plan, so the
/// caller decides between refusing the file and `--skip-bad-rows`.
public enum ImportPlanner {
    /// How often `progress` hears the number of rows read.
    static let progressInterval = 10_000

    /// The whole file in memory: every row of the plan at once (tests, and the checks of small
    /// files). A real import streams instead (`Rulebook.importEntries`: `ImportScanner` twice).
    public static func plan(_ reader: inout CSVReader, options: ImportOptions, catalog: ImportCatalog,
                            source: String, zone: LocalZone = .system, progress: ((Int) -> Void)? = nil) throws(SocialTimeError) -> ImportPlan {
        var scanner = try ImportScanner(reader, options: options, catalog: catalog, source: source, zone: zone,
                                        order: nil, tracking: .all, progress: progress)
        var rows: [ImportPlan.Row] = []
        while let batch = try scanner.next(batch: Int.max) { rows += batch }
        try scanner.requireOnePerson()
        var plan = scanner.plan
        plan.rows = rows
        plan.badRows.sort { $0.line < $1.line }
        plan.refuseOverfullDays()
        plan.advice = scanner.advice
        let used = Set(plan.rows.map(\.staff))
        plan.newPeople = scanner.people.registered.filter { used.contains($0.handle) }
        reader = scanner.reader
        return plan
    }
}

/// Reads a file's rows one batch at a time and checks each as `ImportPlanner` does, holding
/// nothing of the rows it has handed out: what an import keeps between its two passes over the
/// file is decided by the caller.
///
/// With `order` nil (and no `--date-order`), a foreign file's day/month order is decided as it is
/// read: rows whose dates read the same in every order are finished at once, until the first
/// order-dependent date (`03/04/2026`); from there rows wait, in file order, for the first date
/// that proves an order (a day above 12), and are then finished in it. The whole file still
/// decides (`decidedOrder`, at the end): dates that disagree refuse the file, so the order the
/// rows were finished in is the file's. With `pendingLimit`, a file that makes more rows than
/// that wait stops finishing rows (`gaveUp`) and only reads on for the order: the caller reads
/// it again in the order decided (`ImportCheck.make`), so the rows waiting never outgrow the limit.
struct ImportScanner {
    private(set) var reader: CSVReader
    private var tracker: TrackerRecords?
    let decoder: ImportDecoder
    private(set) var people: PeopleMatcher
    private(set) var finisher: RowFinisher

    /// The finisher's `.collect` arrays, handed over (`RowFinisher.takeCollected`).
    mutating func takeCollected() -> (identityHashes: [Int], entryIDs: [Int]) { finisher.takeCollected() }
    private var dates = DateOrderDecision()
    /// Rows (and bad rows, so that they keep their place) waiting for the file's order.
    private var pending: [Waiting] = []
    private enum Waiting { case row(PendingRow), bad(ImportBadRow) }
    /// The order the first proving date gave, while the rest of the file is still read.
    private var provisional: DateOrder?
    private let pendingLimit: Int?
    /// More rows than `pendingLimit` waited for the file's order: the rows were not all handed out.
    private(set) var gaveUp = false
    /// A foreign file's day/month order, once the whole file is read (`--date-order` or its dates).
    private(set) var decidedOrder: DateOrder?
    private var unknown = UnknownValues()
    /// Who the file names, for refusing --staff on a team's file.
    private var named: [String: String] = [:]
    private let options: ImportOptions
    private let catalog: ImportCatalog
    private let source: String
    private let order: DateOrder?
    private let foreign: Bool
    private let progress: ((Int) -> Void)?
    private var ended = false
    /// Counts and bad rows so far (`rows` stays empty: rows are handed out by `next`). Without
    /// `--skip-bad-rows` only the first bad rows are kept (`keptBadRows`), the rest counted in
    /// `moreBadRows`: an endless stream of bad rows must not fill the memory.
    private(set) var plan: ImportPlan
    private let keepAllBadRows: Bool

    init(_ reader: CSVReader, options: ImportOptions, catalog: ImportCatalog, source: String, zone: LocalZone,
         order: DateOrder?, tracking: RowFinisher.Tracking, progress: ((Int) -> Void)? = nil, keepAllBadRows: Bool = true,
         pendingLimit: Int? = nil) throws(SocialTimeError) {
        if options.format == .watson && options.staff == nil {
            throw .invalidInput("Watson files name no user: pass --staff HANDLE (the person whose frames these are)")
        }
        if options.format == .timewarrior && options.staff == nil {
            throw .invalidInput("Timewarrior files name no user: pass --staff HANDLE (the person whose intervals these are)")
        }
        var reader = reader
        reader.keepsRawText = options.skipBadRows
        tracker = try TrackerRecords.detect(reader, format: options.format, zone: zone, source: source)
        var first: CSVRecord? = tracker?.header
        if tracker == nil { first = try reader.next() }
        guard let header = first else {
            throw .invalidImportData("\(source) is empty: expected a header line and rows")
        }
        decoder = try ImportDecoder(format: options.format, options: options, catalog: catalog, header: header, source: source)
        self.reader = reader
        plan = ImportPlan(format: options.format, header: header)
        people = PeopleMatcher(catalog: catalog, users: options.users)
        finisher = RowFinisher(format: options.format, today: catalog.today, keepRaw: options.skipBadRows, tracking: tracking)
        self.options = options
        self.catalog = catalog
        self.source = source
        foreign = options.format != .socialtime
        // `--date-order` decides before any row is read.
        self.order = order ?? (foreign ? options.dateOrder : nil)
        self.pendingLimit = pendingLimit
        self.progress = progress
        self.keepAllBadRows = keepAllBadRows || options.skipBadRows
    }

    /// Bad rows kept without `--skip-bad-rows` before the rest are only counted.
    static let keptBadRows = 2 * ImportBadRow.listed

    private mutating func bad(_ row: ImportBadRow) {
        if keepAllBadRows || plan.badRows.count < Self.keptBadRows {
            plan.badRows.append(row)
        } else {
            plan.moreBadRows += 1
        }
    }

    /// The next rows, at least `batch` of them unless the file ends (a row cut at midnight gives
    /// all its entries in one batch), or nil at the end.
    mutating func next(batch: Int) throws(SocialTimeError) -> [ImportPlan.Row]? {
        guard !ended else { return nil }
        while plan.rows.count < batch {
            var next: CSVRecord?
            if tracker != nil { next = try tracker!.next(&reader) } else { next = try reader.next() }
            guard let record = next else {
                ended = true
                if foreign && order == nil {
                    let decided = try dates.decide(flag: options.dateOrder, source: source)
                    decidedOrder = decided
                    flush(decided)
                }
                break
            }
            plan.rowsRead += 1
            if let progress, plan.rowsRead % ImportPlanner.progressInterval == 0 { progress(plan.rowsRead) }
            if options.staff != nil && foreign {
                let person = decoder.person(record)
                if !person.isEmpty && named.count < 1000 { named[person.identity] = named[person.identity] ?? person.display }
            }
            do throws(SocialTimeError) {
                if let problem = record.problem { throw .invalidInput(problem) }
                let row = try decoder.decode(record, people: &people, unknown: &unknown)
                if !foreign {
                    finish(row, order: .ymd)
                } else if let order {
                    finish(row, order: order)
                } else {
                    dates.note(row.startDate, line: row.line)
                    if let end = row.endDate { dates.note(end, line: row.line) }
                    if gaveUp { continue }
                    if let settled = provisional ?? dates.proven {
                        provisional = settled
                        flush(settled)
                        finish(row, order: settled)
                    } else if pending.isEmpty && !row.startDate.dependsOnOrder && !(row.endDate?.dependsOnOrder ?? false) {
                        // The same date in every order: nothing to wait for.
                        finish(row, order: .ymd)
                    } else {
                        wait(.row(row))
                    }
                }
            } catch {
                let row = ImportBadRow(line: record.line, reason: error.message, raw: record.raw)
                if pending.isEmpty { bad(row) } else { wait(.bad(row)) }
            }
        }
        let rows = plan.rows
        plan.rows = []
        return rows.isEmpty && ended ? nil : rows
    }

    /// A row (or a bad row after one that waits) that must wait for the file's order; past
    /// `pendingLimit`, none waits any more (`gaveUp`).
    private mutating func wait(_ item: Waiting) {
        pending.append(item)
        if let pendingLimit, pending.count > pendingLimit {
            gaveUp = true
            pending = []
        }
    }

    /// The rows that waited, finished in `order`, in file order.
    private mutating func flush(_ order: DateOrder) {
        guard !pending.isEmpty else { return }
        let waiting = pending
        pending = []
        for item in waiting {
            switch item {
            case .row(let row): finish(row, order: order)
            case .bad(let row): bad(row)
            }
        }
    }

    private mutating func finish(_ row: PendingRow, order: DateOrder) {
        var badRows: [ImportBadRow] = []
        swap(&badRows, &plan.badRows)
        finisher.finish(row, order: order, into: &plan)
        swap(&badRows, &plan.badRows)
        for row in badRows { bad(row) }
    }

    /// `--staff` on a file that names several people is refused (after the whole file is read).
    func requireOnePerson() throws(SocialTimeError) {
        if let staff = options.staff, named.count > 1 {
            let shown = named.values.sorted().prefix(3).map { Text.printable($0) }.joined(separator: "; ")
            throw .invalidInput("--staff \(staff) puts every row on one person, but \(source) names \(named.count) people (\(shown)\(named.count > 3 ? " …" : "")): leave out --staff, so that each row goes to its own person (matched by e-mail, then name; --user maps the rest)")
        }
    }

    /// For every project or tag that named nothing: the options that fix them.
    var advice: String? {
        unknown.advice(networks: catalog.networks.map(\.key), outcomes: catalog.outcomes.filter { !$0.retired }.map(\.key))
    }
}

/// The checks that need a row's final date: the calendar, the date range, the duration from
/// start and end, 1 minute to 24 hours, the cut at midnight, and the row's identity. The 24-hour
/// day is judged afterwards on the whole file (`ImportPlan.refuseOverfullDays`).
struct RowFinisher {
    let format: ImportFormat
    let today: CalendarDate
    let keepRaw: Bool
    /// How often each identity has occurred so far, so identical rows stay distinct entries.
    private var occurrences: [String: Int] = [:]
    private var legacyOccurrences: [String: Int] = [:]
    private var entryLines: [Int: Int] = [:]

    /// What a finisher remembers of the rows it has finished, to number repeated identities and
    /// find repeated entry ids.
    enum Tracking {
        /// Everything, in dictionaries (a plan held in memory).
        case all
        /// A streaming import's first pass: every identity's hash and every entry id, in plain
        /// arrays (sorted afterwards to find the few repeated ones), and each row's identity
        /// numbered 1.
        case collect
        /// A later pass: counts kept only for the identities whose hash repeats and the entry ids
        /// that repeat, found by the first pass; every other identity occurs once.
        case repeated(identities: Set<Int>, entryIDs: Set<Int>)
    }
    let tracking: Tracking
    /// With `.collect`: the hash of every row's identity, and every kept entry id.
    private(set) var identityHashes: [Int] = []
    private(set) var entryIDs: [Int] = []

    /// What `.collect` gathered, handed over and no longer held here: the caller sorts the
    /// arrays in place rather than beside a copy (8 MB each for a million rows).
    mutating func takeCollected() -> (identityHashes: [Int], entryIDs: [Int]) {
        defer { identityHashes = []; entryIDs = [] }
        return (identityHashes, entryIDs)
    }

    init(format: ImportFormat, today: CalendarDate, keepRaw: Bool, tracking: Tracking = .all) {
        self.format = format
        self.today = today
        self.keepRaw = keepRaw
        self.tracking = tracking
    }

    /// Whether occurrences of `identity` (or an entry id) must be counted.
    private func counts(identity hash: Int) -> Bool {
        switch tracking {
        case .all: return true
        case .collect: return false
        case .repeated(let identities, _): return identities.contains(hash)
        }
    }

    private func counts(entryID id: Int) -> Bool {
        switch tracking {
        case .all: return true
        case .collect: return false
        case .repeated(_, let ids): return ids.contains(id)
        }
    }

    static let latest = CalendarDate(year: 2999, month: 12, day: 31)!

    mutating func finish(_ row: PendingRow, order: DateOrder, into plan: inout ImportPlan) {
        do {
            let parts = try finished(row, order: order)
            if parts.count > 1 { plan.splitRows += 1 }
            plan.rows.append(contentsOf: parts)
        } catch ImportSkip.short {
            plan.skippedShort += 1
        } catch let error as SocialTimeError {
            plan.badRows.append(ImportBadRow(line: row.line, reason: error.message, raw: row.raw))
        } catch {}
    }

    private enum ImportSkip: Error { case short }

    /// The entries of one row: one, or one per date for a row that crosses midnight.
    private mutating func finished(_ row: PendingRow, order: DateOrder) throws -> [ImportPlan.Row] {
        guard let date = row.startDate.date(order) else {
            throw SocialTimeError.invalidInput("start date '\(Text.printable(row.startDate.text))' is not a date\(Self.orderNote(row.startDate, order))")
        }
        guard date >= DateParser.earliest, date <= Self.latest else {
            throw SocialTimeError.invalidInput("date \(date) is out of range: socialtime keeps dates from \(DateParser.earliest) to \(Self.latest)")
        }
        try DateParser.requirePast(date, today: today)
        let minutes: Int
        var end = ""
        var parts: [(date: CalendarDate, minutes: Int, start: Int?, end: Int?)] = []
        if let start = row.startTime, let stop = row.endTime {
            var stopDate = date
            if let written = row.endDate {
                guard let resolved = written.date(order) else {
                    throw SocialTimeError.invalidInput("end date '\(Text.printable(written.text))' is not a date\(Self.orderNote(written, order))")
                }
                stopDate = resolved
            }
            var span = (stopDate.dayNumber - date.dayNumber) * 86_400 + stop - start
            // Only the times, and the end before the start: the timer ran past midnight.
            if row.endDate == nil && span < 0 { span += 86_400 }
            guard span >= 0 else {
                throw SocialTimeError.invalidInput("the row ends (\(stopDate) \(ClockTime.text(stop))) before it starts (\(date) \(ClockTime.text(start)))")
            }
            minutes = row.minutes ?? Instant.roundedMinutes(span)
            end = "\(stopDate)T\(ClockTime.text(stop))"
            // Cut at each midnight of the wall clock, as a timer is: the dates' minutes add up
            // to the row's; a duration column that disagrees with the clock moves the last cut.
            // Each entry keeps the clock times it ran (seconds on the wall clock's own timeline).
            let wall = date.dayNumber * 86_400 + start
            parts = Self.split(from: wall, to: wall + span)
            let counted = parts.reduce(0) { $0 + $1.minutes }
            if parts.isEmpty || counted != minutes {
                if parts.count > 1 { parts[parts.count - 1].minutes += minutes - counted }
                if parts.count <= 1 || parts[parts.count - 1].minutes <= 0 { parts = [(date, minutes, wall, wall + span)] }
            }
        } else if let given = row.minutes {
            minutes = given
            parts = [(date, minutes, nil, nil)]
        } else {
            throw SocialTimeError.invalidInput("duration '\(Text.printable(row.durationText))' is not \(ExportedDuration.accepted), and the row has no start and end time to count it from")
        }
        if minutes == 0 { throw ImportSkip.short }
        guard minutes <= Minutes.day.value else {
            let shown = row.durationText.isEmpty ? Minutes(minutes).description : "\(row.durationText) (\(Minutes(minutes)))"
            throw SocialTimeError.invalidInput("the row lasts \(shown): an entry is at most 24 hours, so this looks like a timer left running; correct it in the tracker and export again, or import the rest with --skip-bad-rows")
        }
        for part in parts.dropFirst() { try DateParser.requirePast(part.date, today: today) }
        if let id = row.entryID, case .collect = tracking { entryIDs.append(id) }
        if let id = row.entryID, counts(entryID: id) {
            if let earlier = entryLines[id] {
                throw SocialTimeError.invalidInput("entry_id \(id) is also on line \(earlier): each entry appears once")
            }
            entryLines[id] = row.line
        }

        // The row's identity is its person and start (Watson: the frame id; Timewarrior: the
        // start), not its text: a corrected end or note is the same row, changed.
        var importKey: String?
        var legacyKey: String?
        if let identity = row.identity {
            let start = row.startTime.map { "T" + ClockTime.text($0) } ?? ""
            let base: String
            let legacy: String
            switch format {
            case .watson:
                base = "watson|\(row.staff)|\(identity)"
                legacy = "watson|\(row.staff)|\(identity)|\(date)\(start)"
            case .timewarrior:
                base = "timewarrior|\(row.staff)|\(identity)"
                legacy = base
            default:
                base = "\(format.rawValue)|\(row.staff)|\(date)\(start)"
                legacy = "\(base)|" + (end.isEmpty ? "\(minutes)m" : end)
            }
            // The legacy identity extends the base one: it repeats only where the base does.
            let hash = base.hashValue
            if case .collect = tracking { identityHashes.append(hash) }
            let counted = counts(identity: hash)
            var occurrence = 1
            if counted {
                occurrence = (occurrences[base] ?? 0) + 1
                occurrences[base] = occurrence
            }
            importKey = "\(base)#\(occurrence)"
            if format != .timewarrior {
                var earlier = 1
                if counted {
                    earlier = (legacyOccurrences[legacy] ?? 0) + 1
                    legacyOccurrences[legacy] = earlier
                }
                legacyKey = "\(legacy)#\(earlier)"
            }
        }
        return parts.enumerated().map { index, part in
            ImportPlan.Row(line: row.line, staff: row.staff, date: part.date, minutes: Minutes(part.minutes), network: row.network,
                           outcome: row.outcome, note: row.note, entryID: row.entryID, loggedAt: row.loggedAt,
                           importKey: importKey.map { index == 0 ? $0 : "\($0)+\(part.date)" },
                           legacyKey: index == 0 ? legacyKey : nil, raw: keepRaw ? row.raw : nil,
                           start: part.start.map(Self.moment), end: part.end.map(Self.moment))
        }
    }

    /// `TimerSplit.split` on the wall clock's own timeline (a zone without offset, whose dates
    /// end every 86,400 seconds), in plain arithmetic: the general split finds each midnight by
    /// asking the zone for dates and timestamps, which cost more than the rest of a row's checks.
    /// Minutes are rounded on the running total, and a stretch that rounds to nothing is left
    /// out, as there.
    static func split(from start: Int, to end: Int) -> [(date: CalendarDate, minutes: Int, start: Int?, end: Int?)] {
        var parts: [(date: CalendarDate, minutes: Int, start: Int?, end: Int?)] = []
        var from = start
        while from < end {
            let day = from >= 0 ? from / 86_400 : -((-from + 86_399) / 86_400)
            let to = min(end, (day + 1) * 86_400)
            let minutes = Instant.roundedMinutes(to - start) - Instant.roundedMinutes(from - start)
            if minutes > 0 { parts.append((CalendarDate(dayNumber: day), minutes, from, to)) }
            from = to
        }
        return parts
    }

    /// A second on the wall clock's own timeline (day number × 86,400 + seconds) as a local moment.
    private static func moment(_ wall: Int) -> LocalMoment {
        LocalMoment(date: CalendarDate(dayNumber: wall / 86_400), seconds: wall % 86_400)
    }

    private static func orderNote(_ date: WrittenDate, _ order: DateOrder) -> String {
        guard case .numeric = date else { return "" }
        switch order {
        case .dmy: return " in day/month/year order (the file's order)"
        case .mdy: return " in month/day/year order (the file's order)"
        case .ymd: return " in year/month/day order (--date-order ymd)"
        }
    }
}
