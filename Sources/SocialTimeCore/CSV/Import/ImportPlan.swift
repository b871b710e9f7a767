/// A whole import file, parsed and validated against an `ImportCatalog`: the entries it would
/// write, the people it would register, what it skips and which rows are bad. Made without any
/// database access (`ImportPlanner`); the store then only has to apply it (`ImportPlan.apply`).
public struct ImportPlan: Sendable {
    /// One entry, ready to write.
    public struct Row: Sendable, Equatable {
        /// Where it starts in the file (the header is line 1).
        public var line: Int
        public var staff: Handle
        public var date: CalendarDate
        public var minutes: Minutes
        /// Catalogue keys, already resolved (aliases and value maps applied).
        public var network: String
        public var outcome: String
        public var note: String
        /// socialtime files keep their entry ids and logged_at.
        public var entryID: Int?
        public var loggedAt: String?
        /// Foreign rows: the identity stored in `entries.import_key`, so a re-import adds nothing.
        /// socialtime rows are known by their entry id instead.
        public var importKey: String?
        /// The identity an earlier socialtime gave the same row (person, start and end or
        /// minutes): recognised as already imported, never written.
        public var legacyKey: String?
        /// The row as it was, kept only with `--skip-bad-rows` (a later rule may still reject it).
        public var raw: [UInt8]?
        /// When the row ran, for a row with start and end times: local date and seconds since
        /// its midnight, so the rulebook can keep the clock times and refuse overlaps.
        public var start: LocalMoment? = nil
        public var end: LocalMoment? = nil
    }

    /// Someone the file names who is not on the roster, to register before their entries.
    public struct NewPerson: Sendable, Equatable {
        public var handle: Handle
        public var name: String
        public var email: String?
    }

    /// A person and a date, for the 24-hour rule.
    public struct Day: Hashable, Sendable {
        public var staff: Handle
        public var date: CalendarDate
    }

    public var format: ImportFormat
    /// The header, as read.
    public var header: CSVRecord
    public var rows: [Row] = []
    public var newPeople: [NewPerson] = []
    /// Data rows read (the header not counted).
    public var rowsRead = 0
    /// Rows that rounded to 0 minutes (accidental timers).
    public var skippedShort = 0
    /// Bad rows, in line order.
    public var badRows: [ImportBadRow] = []
    /// Bad rows counted but not kept (a streaming import without `--skip-bad-rows` keeps the
    /// first few to list, enough for the message).
    public var moreBadRows = 0
    /// Rows that cross midnight and became one entry per date.
    public var splitRows = 0
    /// For a file with rows whose project or tags name no network or outcome: every such value
    /// once, with its row count, and the options that fix them all in one round.
    public var advice: String?

    /// Every person and date the rows touch: the day totals the store must load.
    public var days: Set<Day> { Set(rows.map { Day(staff: $0.staff, date: $0.date) }) }
    /// Every import key the rows carry: those the store must look up.
    public var importKeys: [String] { rows.compactMap(\.importKey) }
    /// Every earlier identity the rows carry: those the store must look up.
    public var legacyKeys: [String] { rows.compactMap(\.legacyKey) }
    /// Every kept entry id: those the store must look up.
    public var entryIDs: [Int] { rows.compactMap(\.entryID) }
}

extension ImportPlan {
    /// The 24-hour day judged on the whole file, whatever the order of its rows: every person and
    /// date whose rows add up to more than a day refuses all of those rows (and every entry made
    /// from them), each named with its minutes.
    mutating func refuseOverfullDays() {
        var totals: [Day: Int] = [:]
        for row in rows { totals[Day(staff: row.staff, date: row.date), default: 0] += row.minutes.value }
        let over = totals.filter { $0.value > Minutes.day.value }
        guard !over.isEmpty else { return }
        var shares: [Day: [(line: Int, minutes: Int)]] = [:]
        for row in rows {
            let day = Day(staff: row.staff, date: row.date)
            guard over[day] != nil else { continue }
            if let last = shares[day]?.last, last.line == row.line {
                shares[day]![shares[day]!.count - 1].minutes += row.minutes.value
            } else {
                shares[day, default: []].append((row.line, row.minutes.value))
            }
        }
        var reasons: [Int: String] = [:]
        for (day, total) in over.sorted(by: { ($0.key.date, $0.key.staff.value) < ($1.key.date, $1.key.staff.value) }) {
            let listed = Self.listing(shares[day] ?? [])
            let reason = "\(day.staff) has \(Minutes(total)) on \(day.date) in this file, more than the 24 hours of a day: \(listed)"
            for share in shares[day] ?? [] where reasons[share.line] == nil { reasons[share.line] = reason }
        }
        var raws: [Int: [UInt8]] = [:]
        for row in rows where reasons[row.line] != nil && raws[row.line] == nil { raws[row.line] = row.raw }
        rows.removeAll { reasons[$0.line] != nil }
        for (line, reason) in reasons { badRows.append(ImportBadRow(line: line, reason: reason, raw: raws[line])) }
        badRows.sort { $0.line < $1.line }
    }

    /// "line 3 (9h 30m), line 7 (15h 40m)": the rows of one day, in line order.
    static func listing(_ shares: [(line: Int, minutes: Int)]) -> String {
        shares.sorted { $0.line < $1.line }.map { "line \($0.line) (\(Minutes($0.minutes)))" }.joined(separator: ", ")
    }
}

/// A row that cannot be imported, with why.
public struct ImportBadRow: Sendable, Equatable {
    public var line: Int
    public var reason: String
    /// The row as it was in the file (with `--skip-bad-rows`), for the rejects file.
    public var raw: [UInt8]?

    public init(line: Int, reason: String, raw: [UInt8]? = nil) {
        self.line = line
        self.reason = reason
        self.raw = raw
    }
}

extension ImportBadRow {
    /// Bad rows listed in an error message before the rest are only counted.
    static let listed = 25

    /// The message that refuses a file: every bad line numbered (the first 25), the rest counted.
    static func refusal(_ bad: [ImportBadRow], rows: Int, source: String, advice: String? = nil, more: Int = 0) -> SocialTimeError {
        .invalidImportData("\(source) has \(Count.of(bad.count + more, "bad row")) of \(rows); nothing was imported:" + listing(bad, more: more)
            + (advice.map { "\n" + $0 } ?? "")
            + "\n(--skip-bad-rows imports the good rows and writes the bad ones, with their reasons, beside the file)")
    }

    /// `--skip-bad-rows` with no good row: there is nothing to import, and saying so is not success.
    static func nothingGood(_ bad: [ImportBadRow], rows: Int, source: String) -> SocialTimeError {
        .invalidImportData("no row of \(source) can be imported (\(rows == 1 ? "its 1 row is bad" : "all \(rows) rows are bad")); nothing was imported:" + listing(bad))
    }

    private static func listing(_ bad: [ImportBadRow], more: Int = 0) -> String {
        let sorted = bad.sorted { $0.line < $1.line }
        var message = ""
        for row in sorted.prefix(listed) { message += "\n  line \(row.line): \(row.reason)" }
        if sorted.count + more > listed { message += "\n  … and \(Count.of(sorted.count + more - listed, "more bad row"))" }
        return message
    }
}

/// "1 entry", "2 entries": counts in good English.
public enum Count {
    public static func of(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        if n == 1 { return "1 \(singular)" }
        if let plural { return "\(n) \(plural)" }
        if singular.hasSuffix("y") && !singular.hasSuffix("ey") { return "\(n) \(singular.dropLast())ies" }
        return "\(n) \(singular)s"
    }
}

/// A local date and the seconds since its midnight: when an imported row started or ended.
public struct LocalMoment: Sendable, Equatable {
    public let date: CalendarDate
    public let seconds: Int

    /// The moment in `zone` (seconds past the minute kept).
    func epoch(in zone: LocalZone) -> Int {
        zone.moment(date, TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60)!) + seconds % 60
    }
}
