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

    public static func plan(_ reader: inout CSVReader, options: ImportOptions, catalog: ImportCatalog,
                            source: String, zone: LocalZone = .system, progress: ((Int) -> Void)? = nil) throws(SocialTimeError) -> ImportPlan {
        if options.format == .watson && options.staff == nil {
            throw .invalidInput("Watson files name no user: pass --staff HANDLE (the person whose frames these are)")
        }
        if options.format == .timewarrior && options.staff == nil {
            throw .invalidInput("Timewarrior files name no user: pass --staff HANDLE (the person whose intervals these are)")
        }
        reader.keepsRawText = options.skipBadRows
        var tracker = try TrackerRecords.detect(reader, format: options.format, zone: zone, source: source)
        var first: CSVRecord? = tracker?.header
        if tracker == nil { first = try reader.next() }
        guard let header = first else {
            throw .invalidImportData("\(source) is empty: expected a header line and rows")
        }
        let decoder = try ImportDecoder(format: options.format, options: options, catalog: catalog, header: header, source: source)
        var plan = ImportPlan(format: options.format, header: header)
        var people = PeopleMatcher(catalog: catalog, users: options.users)
        var finisher = RowFinisher(format: options.format, today: catalog.today, keepRaw: options.skipBadRows)
        var dates = DateOrderDecision()
        var pending: [PendingRow] = []
        var unknown = UnknownValues()
        // Who the file names, for refusing --staff on a team's file.
        var named: [String: String] = [:]
        let foreign = options.format != .socialtime

        while true {
            var next: CSVRecord?
            if tracker != nil { next = try tracker!.next(&reader) } else { next = try reader.next() }
            guard let record = next else { break }
            plan.rowsRead += 1
            if let progress, plan.rowsRead % progressInterval == 0 { progress(plan.rowsRead) }
            if options.staff != nil && foreign {
                let person = decoder.person(record)
                if !person.isEmpty && named.count < 1000 { named[person.identity] = named[person.identity] ?? person.display }
            }
            do throws(SocialTimeError) {
                if let problem = record.problem { throw .invalidInput(problem) }
                let row = try decoder.decode(record, people: &people, unknown: &unknown)
                if foreign {
                    dates.note(row.startDate, line: row.line)
                    if let end = row.endDate { dates.note(end, line: row.line) }
                    pending.append(row)
                } else {
                    finisher.finish(row, order: .ymd, into: &plan)
                }
            } catch {
                plan.badRows.append(ImportBadRow(line: record.line, reason: error.message, raw: record.raw))
            }
        }
        if let staff = options.staff, named.count > 1 {
            let shown = named.values.sorted().prefix(3).map { Text.printable($0) }.joined(separator: "; ")
            throw .invalidInput("--staff \(staff) puts every row on one person, but \(source) names \(named.count) people (\(shown)\(named.count > 3 ? " …" : "")): leave out --staff, so that each row goes to its own person (matched by e-mail, then name; --user maps the rest)")
        }
        if foreign {
            let order = try dates.decide(flag: options.dateOrder, source: source)
            for row in pending { finisher.finish(row, order: order, into: &plan) }
            plan.badRows.sort { $0.line < $1.line }
        }
        plan.refuseOverfullDays()
        plan.advice = unknown.advice(networks: catalog.networks.map(\.key), outcomes: catalog.outcomes.filter { !$0.retired }.map(\.key))
        let used = Set(plan.rows.map(\.staff))
        plan.newPeople = people.registered.filter { used.contains($0.handle) }
        return plan
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

    init(format: ImportFormat, today: CalendarDate, keepRaw: Bool) {
        self.format = format
        self.today = today
        self.keepRaw = keepRaw
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
            parts = TimerSplit.split(from: wall, to: wall + span, in: .fixed(offset: 0)).map { ($0.date, $0.minutes.value, $0.start, $0.end) }
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
        if let id = row.entryID {
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
            let occurrence = (occurrences[base] ?? 0) + 1
            occurrences[base] = occurrence
            importKey = "\(base)#\(occurrence)"
            if format != .timewarrior {
                let earlier = (legacyOccurrences[legacy] ?? 0) + 1
                legacyOccurrences[legacy] = earlier
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
