/// One row of an import file, read but not yet validated against the catalogues and the roster.
struct ImportRow {
    let line: Int
    /// socialtime files: the entry id and logged_at to keep.
    var entryID: Int?
    var loggedAt: String?
    /// The handle as written (socialtime) or as mapped from the user (foreign files).
    var staff: String
    /// The name to register an unknown person with (socialtime's staff_name).
    var staffName: String?
    var date: CalendarDate
    var minutes: Minutes
    /// socialtime files name the network and outcome; foreign ones give a project and tags.
    var network: String?
    var outcome: String?
    var project = ""
    var tags: [String] = []
    var note: String
    /// Foreign files: a stable key of the row, so that re-importing adds nothing twice.
    var importKey: String?
}

/// Turns the records of one file format into `ImportRow`s, by the format's documented column names.
struct ImportDecoder {
    let format: ImportFormat
    let options: ImportOptions
    private let columns: [String: Int]

    /// The columns each format must have (matched case-insensitively).
    static func required(_ format: ImportFormat) -> [String] {
        switch format {
        case .socialtime: return ["entry_id", "date", "staff", "staff_name", "network", "outcome", "minutes", "note", "logged_at"]
        case .toggl: return ["start date", "duration"]
        case .clockify: return ["start date"]
        case .watson: return ["id", "start", "stop", "project"]
        }
    }

    init(format: ImportFormat, options: ImportOptions, header: CSVRecord) throws(SocialTimeError) {
        self.format = format
        self.options = options
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingWhitespace().lowercased()
            if columns[key] == nil { columns[key] = index }
        }
        self.columns = columns
        if let problem = header.problem { throw .invalidImportData("line 1 (the header): \(problem)") }
        var missing = Self.required(format).filter { columns[$0] == nil }
        if format == .clockify && columns["duration (h)"] == nil && columns["duration (decimal)"] == nil {
            missing.append("duration (h)")
        }
        guard missing.isEmpty else {
            throw .invalidImportData("line 1: this is not a \(format.rawValue) file: the header lacks \(missing.map { "'\($0)'" }.joined(separator: ", "))"
                + (format == .socialtime ? " (use --from toggl, clockify or watson for other trackers' files)" : ""))
        }
    }

    private func field(_ record: CSVRecord, _ name: String) -> String {
        guard let index = columns[name], index < record.fields.count else { return "" }
        return record.fields[index]
    }

    func decode(_ record: CSVRecord) throws(SocialTimeError) -> ImportRow {
        switch format {
        case .socialtime: return try socialtime(record)
        case .toggl, .clockify: return try detailedReport(record)
        case .watson: return try watson(record)
        }
    }

    /// Our own entries CSV: text cells were neutralised against formula injection on the way
    /// out, so the exact inverse is applied on the way in (export → import → export is identical).
    private func socialtime(_ record: CSVRecord) throws(SocialTimeError) -> ImportRow {
        func text(_ name: String) -> String { CSVWriter.unneutralised(field(record, name)) }
        guard let id = Int(field(record, "entry_id")), id > 0 else {
            throw .invalidInput("entry_id '\(Text.printable(field(record, "entry_id")))' is not a positive whole number")
        }
        guard let minutes = Int(field(record, "minutes")) else {
            throw .invalidInput("minutes '\(Text.printable(field(record, "minutes")))' is not a whole number of minutes")
        }
        return ImportRow(line: record.line, entryID: id, loggedAt: text("logged_at"), staff: text("staff"),
                         staffName: text("staff_name"), date: try isoDate(field(record, "date")), minutes: Minutes(minutes),
                         network: text("network"), outcome: text("outcome"), note: text("note"))
    }

    /// Toggl Track and Clockify detailed reports: one row per time entry, with user, email,
    /// project, description, tags (comma separated), start date and a duration.
    private func detailedReport(_ record: CSVRecord) throws(SocialTimeError) -> ImportRow {
        let name = format == .toggl ? (columns["user"] != nil ? field(record, "user") : field(record, "member")) : field(record, "user")
        let email = field(record, "email")
        let date = try foreignDate(field(record, "start date"))
        let minutes: Minutes
        if format == .toggl {
            minutes = try clockDuration(field(record, "duration"))
        } else if columns["duration (h)"] != nil {
            minutes = try clockDuration(field(record, "duration (h)"))
        } else {
            let text = field(record, "duration (decimal)")
            guard let decimal = DurationParser.minutes(in: text) else {
                throw .invalidInput("Duration (decimal) '\(Text.printable(text))' is not a number of hours")
            }
            minutes = decimal
        }
        return ImportRow(line: record.line, staff: try handle(name: name, email: email), date: date, minutes: minutes,
                         project: field(record, "project"), tags: Self.tags(field(record, "tags")),
                         note: field(record, "description"), importKey: key(record))
    }

    /// `watson log --csv`: id, start, stop (`YYYY-MM-DD HH:mm:ss`), project, tags.
    private func watson(_ record: CSVRecord) throws(SocialTimeError) -> ImportRow {
        let start = try timestamp(field(record, "start"), "start")
        let stop = try timestamp(field(record, "stop"), "stop")
        guard stop.seconds >= start.seconds else {
            throw .invalidInput("stop \(field(record, "stop")) is before start \(field(record, "start"))")
        }
        guard let staff = options.staff else {
            throw .invalidInput("Watson files name no user: pass --staff HANDLE")
        }
        let id = field(record, "id").trimmingWhitespace()
        guard !id.isEmpty else { throw .invalidInput("the frame has no id") }
        return ImportRow(line: record.line, staff: staff.value, date: start.date,
                         minutes: Self.minutes(seconds: stop.seconds - start.seconds),
                         project: field(record, "project"), tags: Self.tags(field(record, "tags")), note: "",
                         importKey: "watson:\(id)")
    }

    // MARK: Pieces

    /// The person a foreign row belongs to: `--staff`, else the `--user` mapping of the row's
    /// email or name. A row that cannot be mapped is an error, never a guess.
    private func handle(name: String, email: String) throws(SocialTimeError) -> String {
        if let staff = options.staff { return staff.value }
        for candidate in [email, name] {
            let key = candidate.trimmingWhitespace().lowercased()
            if !key.isEmpty, let handle = options.users[key] { return handle.value }
        }
        let who = [name, email.isEmpty ? "" : "<\(email)>"].filter { !$0.isEmpty }.joined(separator: " ")
        throw .invalidInput("cannot map user '\(Text.printable(who.isEmpty ? "(none)" : who))' to a handle: pass --user '\(Text.printable(email.isEmpty ? name : email))=HANDLE', or --staff HANDLE for a one-person file")
    }

    static func tags(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Seconds rounded to whole minutes, half up.
    static func minutes(seconds: Int) -> Minutes { Minutes((seconds + 30) / 60) }

    /// `H:MM:SS` (hours may pass 24), as Toggl's Duration and Clockify's Duration (h) write it.
    private func clockDuration(_ text: String) throws(SocialTimeError) -> Minutes {
        let parts = text.trimmingWhitespace().split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let h = parts[0], let m = parts[1], let s = parts[2], h >= 0, (0..<60).contains(m), (0..<60).contains(s) else {
            throw .invalidInput("duration '\(Text.printable(text))' is not H:MM:SS")
        }
        return Self.minutes(seconds: h * 3600 + m * 60 + s)
    }

    private func isoDate(_ text: String) throws(SocialTimeError) -> CalendarDate {
        guard let date = CalendarDate(iso: text.trimmingWhitespace()) else {
            throw .invalidInput("date '\(Text.printable(text))' is not a date (YYYY-MM-DD)")
        }
        return date
    }

    /// YYYY-MM-DD (Toggl), or Clockify's default MM/DD/YYYY, or DD.MM.YYYY (European exports).
    private func foreignDate(_ text: String) throws(SocialTimeError) -> CalendarDate {
        let trimmed = text.trimmingWhitespace()
        if let date = CalendarDate(iso: trimmed) { return date }
        for (separator, order) in [("/", [2, 0, 1]), (".", [2, 1, 0])] {
            let parts = trimmed.split(separator: Character(separator)).map { Int($0) }
            if parts.count == 3, parts.allSatisfy({ $0 != nil }),
               let date = CalendarDate(year: parts[order[0]]!, month: parts[order[1]]!, day: parts[order[2]]!) {
                return date
            }
        }
        throw .invalidInput("start date '\(Text.printable(text))' is not a date: use YYYY-MM-DD, MM/DD/YYYY or DD.MM.YYYY")
    }

    /// `YYYY-MM-DD HH:mm:ss` (or with a `T`, or without seconds) as a date and seconds since 1970.
    private func timestamp(_ text: String, _ what: String) throws(SocialTimeError) -> (date: CalendarDate, seconds: Int) {
        let trimmed = text.trimmingWhitespace()
        let datePart = String(trimmed.prefix(10))
        let timePart = trimmed.dropFirst(11).split(separator: ":").map { Int($0) }
        guard let date = CalendarDate(iso: datePart), trimmed.count >= 16, (2...3).contains(timePart.count),
              timePart.allSatisfy({ $0 != nil }), (0..<24).contains(timePart[0]!), (0..<60).contains(timePart[1]!) else {
            throw .invalidInput("\(what) '\(Text.printable(text))' is not YYYY-MM-DD HH:mm:ss")
        }
        let seconds = timePart.count == 3 ? timePart[2]! : 0
        return (date, date.dayNumber * 86_400 + timePart[0]! * 3600 + timePart[1]! * 60 + seconds)
    }

    /// A stable key of a foreign row with no id of its own: the format and a 64-bit FNV-1a hash
    /// of every field, so the same row in a later export of the same report is recognised.
    private func key(_ record: CSVRecord) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, field) in record.fields.enumerated() {
            if index > 0 { hash = (hash ^ 0x1F) &* 0x100_0000_01b3 }
            for byte in field.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return "\(format.rawValue):" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
