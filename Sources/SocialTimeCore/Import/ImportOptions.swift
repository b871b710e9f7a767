/// The files `import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    /// The entries CSV that `export` writes, in either dialect.
    case socialtime
    /// Toggl Track's detailed report, "Download as CSV".
    case toggl
    /// Clockify's detailed report, exported as CSV.
    case clockify
    /// `watson log --csv`.
    case watson
}

/// Where a foreign row's network or outcome comes from.
public enum FieldSource: Sendable, Equatable {
    /// The row's project name (Toggl/Clockify "Project", Watson "project").
    case project
    /// The one tag among the row's tags that names a known network (or outcome).
    case tag
    /// The same value for every row.
    case value(String)

    /// `project`, `tag`, or anything else as a fixed value.
    public init(argument: String) {
        switch argument.lowercased() {
        case "project": self = .project
        case "tag", "tags": self = .tag
        default: self = .value(argument)
        }
    }
}

/// How to read a file and map its rows onto socialtime's entries.
public struct ImportOptions: Sendable {
    public var format: ImportFormat
    public var networkFrom: FieldSource
    public var outcomeFrom: FieldSource
    /// Every row belongs to this person (single-user files, and Watson, which names no user).
    public var staff: Handle?
    /// A user's name or email (lowercased) → handle.
    public var users: [String: Handle]
    /// Validate and report, write nothing.
    public var dryRun: Bool

    public init(format: ImportFormat = .socialtime, networkFrom: FieldSource = .project, outcomeFrom: FieldSource = .tag,
                staff: Handle? = nil, users: [String: Handle] = [:], dryRun: Bool = false) {
        self.format = format
        self.networkFrom = networkFrom
        self.outcomeFrom = outcomeFrom
        self.staff = staff
        self.users = Dictionary(users.map { ($0.key.trimmingWhitespace().lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.dryRun = dryRun
    }

    /// Parses `NAME=HANDLE` or `EMAIL=HANDLE` (from `--user`).
    public static func userMapping(_ text: String) throws(SocialTimeError) -> (String, Handle) {
        guard let equals = text.lastIndex(of: "="), equals != text.startIndex else {
            throw .invalidInput("--user '\(Text.printable(text))' is not NAME=HANDLE: e.g. --user 'Anna Jensen=anna' or --user anna@example.com=anna")
        }
        return (String(text[..<equals]), try Handle(validating: String(text[text.index(after: equals)...])))
    }
}

/// What an import did (or, in a dry run, would do).
public struct ImportSummary: Sendable, Equatable {
    /// Data rows read (the header not counted).
    public var rows = 0
    public var imported = 0
    /// Rows whose entry is already in the database (same entry id, or same foreign row key).
    public var alreadyPresent = 0
    /// People registered because the file named them first.
    public var registeredStaff: [String] = []
    public var dryRun = false
}
