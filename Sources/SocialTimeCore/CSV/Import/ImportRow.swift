/// One data row, read and checked, whose dates may still wait for the file's day/month order.
struct PendingRow {
    var line: Int
    var raw: [UInt8]?
    var staff: Handle
    var startDate: WrittenDate
    var endDate: WrittenDate?
    /// Times of day in seconds, when the file gives them.
    var startTime: Int?
    var endTime: Int?
    /// From a readable duration column; nil falls back to start and end.
    var minutes: Int?
    /// The duration as written, for messages.
    var durationText: String
    var network: String
    var outcome: String
    var note: String
    var entryID: Int?
    var loggedAt: String?
    /// What, besides person and start, makes the row itself: empty for detailed reports (end or
    /// duration are added later), the frame id for Watson, nil for socialtime (kept entry ids).
    var identity: String?
}

/// The columns of one file, looked up by name (case-insensitive, trimmed).
struct ImportHeader {
    let columns: [String: Int]
    let names: [String]

    /// Refuses a header that names a column twice: which of the two would count?
    init(_ record: CSVRecord) throws(SocialTimeError) {
        if let problem = record.problem { throw .invalidImportData("line 1 (the header): \(problem)") }
        var columns: [String: Int] = [:]
        for (index, name) in record.fields.enumerated() {
            let key = ImportOptions.folded(name)
            guard !key.isEmpty else { continue }
            if let earlier = columns[key] {
                throw .invalidImportData("line 1 (the header) names the column '\(Text.printable(name))' twice (columns \(earlier + 1) and \(index + 1)): nothing was imported")
            }
            columns[key] = index
        }
        self.columns = columns
        names = record.fields
    }

    /// The first of `names` the header has.
    func index(_ names: [String]) -> Int? { names.lazy.compactMap { columns[$0] }.first }

    func has(_ name: String) -> Bool { columns[name] != nil }
}

/// Turns the records of one file format into `PendingRow`s, against the catalogue it was given.
struct ImportDecoder {
    let format: ImportFormat
    let options: ImportOptions
    let catalog: ImportCatalog
    let header: ImportHeader
    private let fields: Fields
    private let network: Source
    private let outcome: Source
    private let networkKeys: [String: String]
    private let outcomeKeys: [String: ImportCatalog.OutcomeName]

    /// Where a foreign row's network or outcome is read.
    private enum Source {
        case column(Int, name: String, isTags: Bool)
        case fixed(String)
    }

    /// The column of each thing a row may say (nil: the file does not say it).
    private struct Fields {
        var name, email, project, description, tags, client, task: Int?
        var startDate, startTime, endDate, endTime: Int?
        var durations: [Int] = []
        var watsonID, watsonStart, watsonStop: Int?
    }

    static let socialtimeColumns = ["entry_id", "date", "staff", "staff_name", "network", "outcome", "minutes", "note", "logged_at"]

    init(format: ImportFormat, options: ImportOptions, catalog: ImportCatalog, header record: CSVRecord,
         source: String) throws(SocialTimeError) {
        self.format = format
        self.options = options
        self.catalog = catalog
        let header = try ImportHeader(record)
        self.header = header
        var networkKeys: [String: String] = [:]
        for network in catalog.networks {
            networkKeys[network.key] = network.key
            for alias in network.aliases { networkKeys[alias] = network.key }
        }
        self.networkKeys = networkKeys
        outcomeKeys = Dictionary(catalog.outcomes.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })

        var fields = Fields()
        switch format {
        case .socialtime:
            let missing = Self.socialtimeColumns.filter { !header.has($0) }
            guard missing.isEmpty else {
                throw .invalidImportData("line 1: this is not a socialtime file: the header lacks \(missing.map { "'\($0)'" }.joined(separator: ", ")) (use --from toggl, clockify or watson for other trackers' files)")
            }
        case .watson, .timewarrior:
            fields.watsonID = header.index(["id"])
            fields.watsonStart = header.index(["start"])
            fields.watsonStop = header.index(["stop"])
            fields.project = header.index(["project"])
            fields.tags = header.index(["tags"])
            fields.description = header.index(["annotation"])
            let missing = ["id", "start", "stop", "project"].filter { !header.has($0) }
            guard missing.isEmpty else {
                throw .invalidImportData("line 1: this is neither a `watson log --csv` file nor Watson's frames file (its JSON starts with '['): the header lacks \(missing.map { "'\($0)'" }.joined(separator: ", "))"
                    + " (for Timewarrior, use --from timewarrior)")
            }
        case .toggl, .clockify:
            fields.name = header.index(ReportHeaders.user)
            fields.email = header.index(ReportHeaders.email)
            fields.project = header.index(ReportHeaders.project)
            fields.client = header.index(ReportHeaders.client)
            fields.task = header.index(ReportHeaders.task)
            fields.description = header.index(ReportHeaders.description)
            fields.tags = header.index(ReportHeaders.tags)
            fields.startDate = header.index(ReportHeaders.startDate)
            fields.startTime = header.index(ReportHeaders.startTime)
            fields.endDate = header.index(ReportHeaders.endDate)
            fields.endTime = header.index(ReportHeaders.endTime)
            fields.durations = ReportHeaders.durations(header)
            let tracker = format == .toggl ? "Toggl Track" : "Clockify"
            let detailed = format == .toggl ? "Reports → Detailed → Export → Download as CSV" : "Reports → Detailed → Export → Save as CSV"
            if ReportHeaders.isOneCellPerLine(header) {
                throw .invalidImportData("line 1: each line of \(source) is one quoted cell (\"\(Text.printable(String(header.names.joined().prefix(40))))…\"): a spreadsheet saved it that way. Import the file \(tracker) exported, or save it again as CSV with one value per cell")
            }
            guard fields.startDate != nil else {
                let summary = ["time (h)", "time (decimal)", "duration (h)", "duration", "amount"].contains { header.has($0) }
                throw .invalidImportData("line 1: \(source) is not a \(tracker) Detailed report: the header has no 'Start Date' column"
                    + (summary ? " (it looks like a Summary report, which holds totals rather than time entries)" : "")
                    + ". Export the Detailed report instead (\(detailed)). Its columns are read in English, German, Spanish, French and Portuguese; this header has "
                    + header.names.map { "'\(Text.printable($0.trimmingWhitespace()))'" }.prefix(20).joined(separator: ", ")
                    + ", and socialtime needs \(ReportHeaders.expected)")
            }
            guard !fields.durations.isEmpty || (fields.startTime != nil && fields.endTime != nil) else {
                throw .invalidImportData("line 1: \(source) has neither a duration column ('Duration', 'Duration (h)' or 'Duration (decimal)') nor start and end times: export the \(tracker) Detailed report (\(detailed))")
            }
        }
        self.fields = fields

        func resolve(_ choice: FieldSource, what: String, keys: [String: String]) throws(SocialTimeError) -> Source {
            switch choice {
            case .value(let value):
                guard let key = keys[ImportOptions.folded(value)] else {
                    throw .invalidInput("--\(what)-from '\(Text.printable(value))': no \(what) is called that")
                }
                return .fixed(key)
            case .column(let name):
                let folded = ImportOptions.folded(name)
                let isTags = folded == "tags" || folded == "tag"
                // The default names (Project, Tags) find a translated header's column too.
                let named = folded == "project" ? fields.project : folded == "client" ? fields.client : folded == "task" ? fields.task : nil
                if let index = isTags ? fields.tags : header.columns[folded] ?? named {
                    return .column(index, name: header.names[index].trimmingWhitespace(), isTags: isTags || index == fields.tags)
                }
                if let key = keys[folded] { return .fixed(key) }
                let columns = header.names.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
                throw .invalidInput("--\(what)-from '\(Text.printable(name))' names neither a column of \(source) (its columns: \(columns.map { Text.printable($0) }.joined(separator: ", "))) nor a known \(what)")
            }
        }
        if format == .socialtime {
            network = .fixed("")
            outcome = .fixed("")
        } else {
            let outcomeKeys = Dictionary(catalog.outcomes.map { ($0.key, $0.key) }, uniquingKeysWith: { first, _ in first })
            for (value, key) in options.networkMap where networkKeys[key] == nil {
                throw .invalidInput("--map-network '\(Text.printable(value))=\(Text.printable(key))': no network is called '\(Text.printable(key))'; known networks: \(catalog.networks.map(\.key).joined(separator: ", "))")
            }
            for (value, key) in options.outcomeMap where outcomeKeys[key] == nil {
                throw .invalidInput("--map-outcome '\(Text.printable(value))=\(Text.printable(key))': no outcome is called '\(Text.printable(key))'; known outcomes: \(catalog.outcomes.filter { !$0.retired }.map(\.key).joined(separator: ", "))")
            }
            network = try resolve(options.networkFrom, what: "network", keys: networkKeys)
            outcome = try resolve(options.outcomeFrom, what: "outcome", keys: outcomeKeys)
        }
    }

    private func field(_ record: CSVRecord, _ index: Int?) -> String {
        guard let index, index < record.fields.count else { return "" }
        return record.fields[index]
    }

    /// The person a foreign row names, as the file writes them.
    func person(_ record: CSVRecord) -> PeopleMatcher.PersonKey {
        PeopleMatcher.PersonKey(name: field(record, fields.name), email: field(record, fields.email))
    }

    func decode(_ record: CSVRecord, people: inout PeopleMatcher, unknown: inout UnknownValues) throws(SocialTimeError) -> PendingRow {
        switch format {
        case .socialtime: return try socialtime(record, people: &people)
        case .toggl, .clockify: return try detailedReport(record, people: &people, unknown: &unknown)
        case .watson, .timewarrior: return try watson(record, people: &people, unknown: &unknown)
        }
    }

    // MARK: socialtime

    /// The largest id JSON readers hold exactly (2^53): ids beyond it would be rounded.
    static let largestEntryID = 9_007_199_254_740_992

    /// Our own entries CSV: text cells were neutralised against formula injection on the way
    /// out, so the exact inverse is applied on the way in (export → import → export is identical).
    private func socialtime(_ record: CSVRecord, people: inout PeopleMatcher) throws(SocialTimeError) -> PendingRow {
        func text(_ name: String) -> String { CSVWriter.unneutralised(field(record, header.columns[name])) }
        let idText = field(record, header.columns["entry_id"])
        guard idText.utf8.count <= 16, idText.utf8.allSatisfy({ (48...57).contains($0) }), let id = Int(idText),
              (1...Self.largestEntryID).contains(id) else {
            throw .invalidInput("entry_id '\(Text.printable(idText))' is not a whole number from 1 to \(Self.largestEntryID) (2^53)")
        }
        let dateText = field(record, header.columns["date"])
        guard let date = CalendarDate(iso: dateText.trimmingWhitespace()) else {
            throw .invalidInput("date '\(Text.printable(dateText))' is not a date (YYYY-MM-DD)")
        }
        let minutesText = field(record, header.columns["minutes"])
        guard minutesText.utf8.count <= 8, let minutes = Int(minutesText) else {
            throw .invalidInput("minutes '\(Text.printable(minutesText))' is not a whole number of minutes")
        }
        try DurationParser.check(Minutes(minutes), spelled: "\(minutes)m")
        let loggedAt = text("logged_at")
        guard Timestamp.isValid(loggedAt) else {
            throw .invalidInput("logged_at '\(Text.printable(loggedAt))' is not an ISO 8601 time with an offset, such as 2026-11-17T09:00:00+01:00")
        }
        let handle = try Handle(validating: text("staff"))
        let network = try networkKey(text("network"), what: "network")
        let outcome = try outcomeKey(text("outcome"))
        let note = try Text.validate(text("note"), field: "note", maxLength: 2000)
        let staff = try people.handle(written: handle, name: text("staff_name"))
        return PendingRow(line: record.line, raw: record.raw, staff: staff, startDate: .known(date), minutes: minutes,
                          durationText: minutesText, network: network, outcome: outcome, note: note,
                          entryID: id, loggedAt: loggedAt, identity: nil)
    }

    // MARK: Toggl and Clockify

    /// Toggl Track and Clockify detailed reports: one row per time entry, with user, email,
    /// project, description, tags (comma separated), start and end, and a duration.
    private func detailedReport(_ record: CSVRecord, people: inout PeopleMatcher, unknown: inout UnknownValues) throws(SocialTimeError) -> PendingRow {
        let startText = field(record, fields.startDate)
        guard let startDate = WrittenDate(startText) else {
            throw .invalidInput("start date '\(Text.printable(startText))' is not a date: use YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or DD.MM.YYYY")
        }
        let endText = field(record, fields.endDate)
        let endDate = endText.trimmingWhitespace().isEmpty ? nil : WrittenDate(endText)
        if !endText.trimmingWhitespace().isEmpty && endDate == nil {
            throw .invalidInput("end date '\(Text.printable(endText))' is not a date")
        }
        let startTime = try time(record, fields.startTime, "start time")
        let endTime = try time(record, fields.endTime, "end time")
        var minutes: Int?
        var durationText = ""
        for index in fields.durations {
            let text = field(record, index)
            if durationText.isEmpty { durationText = text }
            if let readable = ExportedDuration.minutes(text) {
                minutes = readable
                durationText = text
                break
            }
        }
        let staff: Handle
        if let fixed = options.staff {
            staff = try people.handle(staff: fixed, named: person(record))
        } else {
            staff = try people.handle(for: person(record))
        }
        let (network, outcome, note) = try catalogue(record, unknown: &unknown)
        return PendingRow(line: record.line, raw: record.raw, staff: staff, startDate: startDate, endDate: endDate,
                          startTime: startTime, endTime: endTime, minutes: minutes, durationText: durationText,
                          network: network, outcome: outcome, note: note, identity: "")
    }

    private func time(_ record: CSVRecord, _ index: Int?, _ what: String) throws(SocialTimeError) -> Int? {
        let text = field(record, index)
        guard !text.trimmingWhitespace().isEmpty else { return nil }
        guard let seconds = ClockTime.seconds(text) else {
            throw .invalidInput("\(what) '\(Text.printable(text))' is not a time: use HH:MM, HH:MM:SS or h:mm AM/PM")
        }
        return seconds
    }

    // MARK: Watson

    /// `watson log --csv`: id, start, stop (`YYYY-MM-DD HH:mm:ss`), project, tags; Watson's frames
    /// and Timewarrior's intervals arrive in the same columns (`TrackerRecords`), Timewarrior's
    /// with its UTC start as the id and its annotation as the description.
    private func watson(_ record: CSVRecord, people: inout PeopleMatcher, unknown: inout UnknownValues) throws(SocialTimeError) -> PendingRow {
        func stamp(_ index: Int?, _ what: String) throws(SocialTimeError) -> (WrittenDate, Int) {
            let text = field(record, index).trimmingWhitespace()
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
            guard parts.count == 2, let date = WrittenDate(String(parts[0])), case .known = date,
                  let seconds = ClockTime.seconds(String(parts[1].prefix(8))) else {
                throw .invalidInput("\(what) '\(Text.printable(text))' is not YYYY-MM-DD HH:mm:ss")
            }
            return (date, seconds)
        }
        let (startDate, startTime) = try stamp(fields.watsonStart, "start")
        let (endDate, endTime) = try stamp(fields.watsonStop, "stop")
        let id = field(record, fields.watsonID).trimmingWhitespace()
        guard !id.isEmpty else { throw .invalidInput("the frame has no id") }
        guard let fixed = options.staff else {
            throw .invalidInput("\(format == .watson ? "Watson" : "Timewarrior") files name no user: pass --staff HANDLE")
        }
        let staff = try people.handle(staff: fixed, named: nil)
        let (network, outcome, note) = try catalogue(record, unknown: &unknown)
        return PendingRow(line: record.line, raw: record.raw, staff: staff, startDate: startDate, endDate: endDate,
                          startTime: startTime, endTime: endTime, minutes: nil, durationText: "",
                          network: network, outcome: outcome, note: note, identity: try Text.validate(id, field: "id", maxLength: 64))
    }

    // MARK: Networks, outcomes and the note

    private func networkKey(_ text: String, what: String) throws(SocialTimeError) -> String {
        let wanted = ImportOptions.folded(text)
        if let key = networkKeys[wanted] { return key }
        let keys = catalog.networks.map(\.key)
        let suggestion = Suggestion.closest(to: wanted, in: keys + catalog.networks.flatMap(\.aliases))
        throw .invalidInput("unknown network '\(Text.printable(text))'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known networks: \(keys.joined(separator: ", ")) (add one with `socialtime networks add KEY NAME`)")
    }

    private func outcomeKey(_ text: String) throws(SocialTimeError) -> String {
        let wanted = ImportOptions.folded(text)
        let active = catalog.outcomes.filter { !$0.retired }.map(\.key)
        if let match = outcomeKeys[wanted] {
            guard !match.retired else {
                throw .invalidInput("outcome '\(match.key)' is retired: it keeps its history but takes no new work. Active outcomes: \(active.joined(separator: ", "))")
            }
            return match.key
        }
        let suggestion = Suggestion.closest(to: wanted, in: active)
        throw .invalidInput("unknown outcome '\(Text.printable(text))'" + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known outcomes: \(active.joined(separator: ", ")) (add one with `socialtime outcomes add KEY --description TEXT`)")
    }

    /// A value of the file as a network or outcome key: through the value map, else by name.
    private func lookUp(_ value: String, isNetwork: Bool) -> String? {
        let folded = ImportOptions.folded(value)
        if let mapped = (isNetwork ? options.networkMap : options.outcomeMap)[folded] { return mapped }
        return isNetwork ? networkKeys[folded] : outcomeKeys[folded]?.key
    }

    /// The row's network, outcome and note. The note keeps the description, and the project and
    /// tags that gave neither the network nor the outcome.
    private func catalogue(_ record: CSVRecord, unknown: inout UnknownValues) throws(SocialTimeError) -> (String, String, String) {
        let tags = Self.tags(field(record, fields.tags))
        var usedTags = Set<Int>()
        var usedColumns = Set<Int>()
        func pick(_ source: Source, isNetwork: Bool, tally: inout UnknownValues.Tally) throws(SocialTimeError) -> String {
            let what = isNetwork ? "network" : "outcome"
            let option = isNetwork ? "--map-network" : "--map-outcome"
            switch source {
            case .fixed(let key): return key
            case .column(let index, let name, let isTags):
                tally.source = name
                if isTags {
                    var found: [(key: String, tag: Int)] = []
                    for (position, tag) in tags.enumerated() {
                        if let key = lookUp(tag, isNetwork: isNetwork) {
                            if !found.contains(where: { $0.key == key }) { found.append((key, position)) }
                            usedTags.insert(position)
                        }
                    }
                    if found.count == 1 { tally.known += 1 }
                    if found.isEmpty {
                        if tags.isEmpty { tally.rowsWithout += 1 }
                        for tag in tags { tally.note(tag) }
                    }
                    guard found.count == 1 else {
                        let listed = tags.isEmpty ? "no tags" : "tags \(tags.map { "'\(Text.printable($0))'" }.joined(separator: ", "))"
                        throw .invalidInput(found.isEmpty
                            ? "the row has \(listed), none of which names a known \(what) (map a tag with \(option) TAG=KEY, or give every row one with --\(what)-from KEY)"
                            : "the row's tags name more than one \(what) (\(found.map(\.key).joined(separator: ", "))): keep one")
                    }
                    return found[0].key
                }
                let value = field(record, index)
                guard !value.trimmingWhitespace().isEmpty else {
                    tally.rowsWithout += 1
                    throw .invalidInput("the row has no \(name) to take the \(what) from (give every row one with --\(what)-from KEY)")
                }
                guard let key = lookUp(value, isNetwork: isNetwork) else {
                    tally.note(value.trimmingWhitespace())
                    throw .invalidInput("\(name) '\(Text.printable(value))' names no \(what): map it with \(option) \(Shell.quoted("\(value.trimmingWhitespace())=KEY"))"
                        + ", or give every row one with --\(what)-from KEY")
                }
                tally.known += 1
                usedColumns.insert(index)
                return key
            }
        }
        // Both, so that one round of fixes covers the network and the outcome.
        var problems: [String] = []
        var network = "", outcome = ""
        do { network = try pick(self.network, isNetwork: true, tally: &unknown.network) } catch { problems.append(error.message) }
        do { outcome = try pick(self.outcome, isNetwork: false, tally: &unknown.outcome) } catch { problems.append(error.message) }
        if !problems.isEmpty { throw .invalidInput(problems.joined(separator: "; and ")) }
        if !isActive(outcome: outcome) {
            throw .invalidInput("outcome '\(outcome)' is retired: it keeps its history but takes no new work. Active outcomes: \(catalog.outcomes.filter { !$0.retired }.map(\.key).joined(separator: ", "))")
        }
        var extras: [String] = []
        for (label, index) in [("project", fields.project), ("client", fields.client), ("task", fields.task)] {
            guard let index, !usedColumns.contains(index) else { continue }
            let value = field(record, index).trimmingWhitespace()
            if !value.isEmpty { extras.append("\(label): \(value)") }
        }
        let leftTags = tags.enumerated().filter { !usedTags.contains($0.offset) }.map(\.element)
        if !leftTags.isEmpty { extras.append("tags: \(leftTags.joined(separator: ", "))") }
        let description = field(record, fields.description).trimmingWhitespace()
        var note = description
        if !extras.isEmpty {
            note = description.isEmpty ? extras.joined(separator: "; ") : "\(description) (\(extras.joined(separator: "; ")))"
        }
        return (network, outcome, try Text.validate(note, field: "note", maxLength: 2000))
    }

    private func isActive(outcome key: String) -> Bool { !(outcomeKeys[key]?.retired ?? false) }

    static func tags(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
