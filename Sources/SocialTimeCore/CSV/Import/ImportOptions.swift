/// The files `import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// The entries CSV that `export` writes, in either dialect.
    case socialtime
    /// Toggl Track's detailed report, "Download as CSV".
    case toggl
    /// Clockify's detailed report, exported as CSV.
    case clockify
    /// `watson log --csv`, or Watson's own `frames` JSON file (detected).
    case watson
    /// `timew export` JSON, or Timewarrior's `data/YYYY-MM.data` files (detected).
    case timewarrior
}

/// Where a foreign row's network or outcome comes from (`--network-from`, `--outcome-from`).
public enum FieldSource: Sendable, Equatable {
    /// A column of the file, by its header name (case-insensitive). The tags column is read as a
    /// list: the one tag that names a known network (or outcome) is taken.
    case column(String)
    /// The same key for every row.
    case value(String)

    /// `tag` and `tags` name the tags column; anything else is decided against the file's header
    /// (a column when the header has one of that name, else a fixed key).
    public init(argument: String) {
        switch argument.trimmingWhitespace().lowercased() {
        case "tag", "tags": self = .column("tags")
        default: self = .column(argument.trimmingWhitespace())
        }
    }
}

/// The order of day and month in dates such as `03/04/2026` (`--date-order`).
public enum DateOrder: String, Sendable, CaseIterable {
    case dmy, mdy, ymd
}

/// How to read a file and map its rows onto socialtime's entries.
public struct ImportOptions: Sendable {
    public var format: ImportFormat
    public var networkFrom: FieldSource
    public var outcomeFrom: FieldSource
    /// Every row belongs to this person (one-person files, and Watson, which names no user).
    public var staff: Handle?
    /// A user's name or email (lowercased) → handle.
    public var users: [String: Handle]
    /// A file value (lowercased, trimmed) → network key (`--map-network "Mobile app=linkedin"`).
    public var networkMap: [String: String]
    /// A file value (lowercased, trimmed) → outcome key.
    public var outcomeMap: [String: String]
    /// The day/month order of the file's dates; nil decides it from the file.
    public var dateOrder: DateOrder?
    /// Import the good rows and hand the bad ones back, instead of refusing the file.
    public var skipBadRows: Bool
    /// Validate and report, write nothing.
    public var dryRun: Bool
    /// Apply the changes of rows imported before whose end, duration, network, outcome or note
    /// changed since (audited as edits); without it they are only counted.
    public var update: Bool
    /// A manager's reason for rows dated in a closed week (shown with the week's late changes).
    public var reason: String?

    public init(format: ImportFormat = .socialtime, networkFrom: FieldSource = .column("project"),
                outcomeFrom: FieldSource = .column("tags"), staff: Handle? = nil, users: [String: Handle] = [:],
                networkMap: [String: String] = [:], outcomeMap: [String: String] = [:], dateOrder: DateOrder? = nil,
                skipBadRows: Bool = false, dryRun: Bool = false, reason: String? = nil, update: Bool = false) {
        self.format = format
        self.networkFrom = networkFrom
        self.outcomeFrom = outcomeFrom
        self.staff = staff
        self.users = Dictionary(users.map { (ImportOptions.folded($0.key), $0.value) }, uniquingKeysWith: { _, last in last })
        self.networkMap = Dictionary(networkMap.map { (ImportOptions.folded($0.key), $0.value.trimmingWhitespace().lowercased()) },
                                     uniquingKeysWith: { _, last in last })
        self.outcomeMap = Dictionary(outcomeMap.map { (ImportOptions.folded($0.key), $0.value.trimmingWhitespace().lowercased()) },
                                     uniquingKeysWith: { _, last in last })
        self.dateOrder = dateOrder
        self.skipBadRows = skipBadRows
        self.dryRun = dryRun
        self.update = update
        self.reason = reason
    }

    /// How values of a file are compared: trimmed and case-insensitive.
    static func folded(_ text: String) -> String { text.trimmingWhitespace().lowercased() }

    /// Parses `NAME=HANDLE` or `EMAIL=HANDLE` (from `--user`).
    public static func userMapping(_ text: String) throws(SocialTimeError) -> (String, Handle) {
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
            throw .invalidInput("--user '\(Text.printable(text))' is not NAME=HANDLE: e.g. --user 'Anna Jensen=anna' or --user anna@example.com=anna")
        }
        return (String(text[..<equals]), try Handle(validating: String(text[text.index(after: equals)...])))
    }

    /// The largest `--max-stream-size`: 64 GiB.
    public static let largestStreamSize = 64 << 30

    /// Parses a size for `--max-stream-size`: a whole number of bytes, or of KiB, MiB or GiB with
    /// `K`, `M` or `G` (`512M`, `64K`, `2G`; case-insensitive), from 1 byte to 64 GiB.
    public static func streamSize(_ text: String) throws(SocialTimeError) -> Int {
        let accepted = "give a size such as 512M, 64K or 2G (a whole number of bytes, or of KiB, MiB or GiB with K, M or G), from 1 byte to 64G"
        var digits = Substring(text.trimmingWhitespace())
        var unit = 1
        switch digits.last.map({ Character($0.lowercased()) }) {
        case "k": unit = 1 << 10
        case "m": unit = 1 << 20
        case "g": unit = 1 << 30
        default: break
        }
        if unit > 1 { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.count <= 12, digits.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(digits),
              number > 0, number <= largestStreamSize / unit else {
            throw .invalidInput("--max-stream-size '\(Text.printable(text))': \(accepted)")
        }
        return number * unit
    }

    /// Parses `VALUE=KEY` (from `--map-network` and `--map-outcome`); the value may hold `=`.
    public static func valueMapping(_ text: String, option: String) throws(SocialTimeError) -> (String, String) {
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex,
              !String(text[text.index(after: equals)...]).trimmingWhitespace().isEmpty else {
            throw .invalidInput("\(option) '\(Text.printable(text))' is not VALUE=KEY: e.g. \(option) 'Mobile app=linkedin'")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }
}

/// What an import did (or, in a dry run, would do). Every data row is counted once:
/// `rows == imported - splitRows' extra entries + alreadyPresent + changed + updated + skippedShort + rejected`.
public struct ImportSummary: Sendable, Equatable {
    /// Data rows read (the header not counted).
    public var rows = 0
    public var imported = 0
    /// Rows whose entry is already in the database (same entry id, or same row identity).
    public var alreadyPresent = 0
    /// Rows that round to 0 minutes (accidental timers): skipped, not errors.
    public var skippedShort = 0
    /// People registered because the file named them first.
    public var registeredStaff: [String] = []
    /// With `--skip-bad-rows`: bad rows left out.
    public var rejected = 0
    /// With `--skip-bad-rows` and bad rows: what to write to the rejects file.
    public var rejects: ImportRejects?
    public var dryRun = false
    /// Rows imported before that changed since, not updated (no `--update`).
    public var changed = 0
    /// Rows imported before that changed since, updated (`--update`).
    public var updated = 0
    /// Rows that crossed midnight and became one entry per date.
    public var splitRows = 0

    public init(rows: Int = 0, imported: Int = 0, alreadyPresent: Int = 0, skippedShort: Int = 0,
                registeredStaff: [String] = [], rejected: Int = 0, dryRun: Bool = false) {
        self.rows = rows
        self.imported = imported
        self.alreadyPresent = alreadyPresent
        self.skippedShort = skippedShort
        self.registeredStaff = registeredStaff
        self.rejected = rejected
        self.dryRun = dryRun
    }
}
