import ArgumentParser
import SocialTimeCore

struct Import: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring entries in from a CSV file, all or nothing.",
        discussion: """
        --from socialtime (the default) reads the entries CSV that `export` writes, in either \
        dialect, and keeps entry ids and logged_at. Toggl Track's and Clockify's \
        Detailed-report CSVs (headers in English, German, Spanish, French or Portuguese), \
        `watson log --csv` and Watson's frames file, and Timewarrior's `timew export` JSON and \
        data/YYYY-MM.data files are read too; their rows are mapped to a network and an outcome \
        with --network-from and --outcome-from (a column such as Project, Client or Tags, or a \
        fixed key) and the value maps --map-network and --map-outcome. A refused file lists every \
        project or tag that names nothing once, with its row count and the options to paste.

        Every row gets the validation of `log`; one bad row rejects the file, with every bad \
        row listed by line (the header is line 1); --skip-bad-rows imports the good rows and \
        writes the bad ones, with a reason column, to NAME.rejected.csv beside NAME.csv (65 when \
        no row is good). Rows that round to 0 minutes (timers under 30 seconds) are skipped and \
        counted. A row across midnight becomes one entry per date; the 24-hour day is judged on \
        the whole file and what is stored, whatever the order of the rows.

        A foreign row is known by its person and start (Watson: its id; Timewarrior: its start): \
        importing the same file again, or an overlapping later export, adds only the rows not yet \
        imported, and counts rows whose end, duration, network, outcome or note changed since; \
        --update applies those changes, audited as edits.

        People in foreign files are matched to the roster by e-mail, then by name, then \
        through --user; anyone else is registered with a handle made from their name (or an \
        e-mail address's local part). Dates such as 03/04/2026 are read in one order for the \
        whole file: a day above 12 decides it, or --date-order.

        Examples:
          socialtime import reports/socialtime-entries-2026-W47.csv
          socialtime import toggl.csv --from toggl --user anna@example.com=anna
          socialtime import team.csv --from clockify --date-order dmy --map-network 'Mobile app=linkedin'
          socialtime import log.csv --from watson --staff anna --outcome-from listening
          socialtime import ~/.config/watson/frames --from watson --staff anna
          timew export | socialtime import /dev/stdin --from timewarrior --staff anna
          socialtime import toggl-corrected.csv --from toggl --update
        """
    )

    @Argument(help: "The CSV file to import.")
    var file: String

    @Option(help: ArgumentHelp("The file's format: socialtime, toggl, clockify, watson (`watson log --csv` or Watson's frames file) or timewarrior (`timew export` JSON or a data/YYYY-MM.data file).", valueName: "format"))
    var from: FormatChoice = .socialtime

    @Option(help: ArgumentHelp("Foreign files: where the network comes from: a column (default: Project; Tags takes the one tag naming a network), or a network for every row.", valueName: "column|network"))
    var networkFrom: String?

    @Option(help: ArgumentHelp("Foreign files: where the outcome comes from: a column (default: Tags, the one tag naming an outcome), or an outcome for every row.", valueName: "column|outcome"))
    var outcomeFrom: String?

    @Option(help: ArgumentHelp("Foreign files: map a value of the file (a project, a tag) to a network, e.g. 'Mobile app=facebook' (repeatable).", valueName: "value=network"))
    var mapNetwork: [String] = []

    @Option(help: ArgumentHelp("Foreign files: map a value of the file to an outcome, e.g. 'Recruiting 2026=recruiting' (repeatable).", valueName: "value=outcome"))
    var mapOutcome: [String] = []

    @Option(help: ArgumentHelp("Foreign files: the order of dates such as 03/04/2026: dmy (day first), mdy (month first) or ymd; by default the file's dates decide it.", valueName: "dmy|mdy|ymd"))
    var dateOrder: DateOrderChoice?

    @Option(help: ArgumentHelp("Foreign files: every row is this person's (one-person files; required for Watson). Refused for a file that names several people.", valueName: "handle"))
    var staff: String?

    @Option(help: ArgumentHelp("Foreign files: map a user's name or e-mail to a handle, e.g. 'Anna Jensen=anna', for people the roster's e-mails and names do not match (repeatable).", valueName: "name=handle"))
    var user: [String] = []

    @Flag(help: "Import the good rows and write the bad ones, with a reason column, to NAME.rejected.csv beside NAME.csv.")
    var skipBadRows = false

    @Flag(help: "Validate and report what would be imported; write nothing (on a database that does not exist yet, against the catalogues a new one would have).")
    var dryRun = false

    @Flag(help: "Foreign files: apply the changes of rows imported before (same person and start) whose end, duration, network, outcome or note changed since; audited as edits.")
    var update = false

    @Option(help: ArgumentHelp("Input that is not a file (a pipe, /dev/stdin) is saved to be read twice, up to this size: e.g. 64M, 2G (default 512M); a longer stream stops the import (65).", valueName: "size"))
    var maxStreamSize: String?

    @Option(help: ArgumentHelp("Why, for rows dated in a closed week (a manager's; shown with the week's late changes).", valueName: "text"))
    var reason: String?

    @OptionGroup var global: GlobalOptions

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
        case socialtime, toggl, clockify, watson, timewarrior
    }

    enum DateOrderChoice: String, ExpressibleByArgument, CaseIterable {
        case dmy, mdy, ymd
    }

    func validate() throws {
        let foreignOnly = [("--staff", staff != nil), ("--user", !user.isEmpty), ("--network-from", networkFrom != nil),
                           ("--outcome-from", outcomeFrom != nil), ("--map-network", !mapNetwork.isEmpty),
                           ("--map-outcome", !mapOutcome.isEmpty), ("--date-order", dateOrder != nil)]
        if from == .socialtime, let used = foreignOnly.first(where: { $0.1 }) {
            throw ValidationError("\(used.0) is for other trackers' files (--from toggl, clockify, watson or timewarrior); socialtime files name their staff, networks and outcomes")
        }
        if from == .socialtime && update {
            throw ValidationError("--update is for other trackers' files: socialtime files keep their entry ids, and an id already used by a different entry is refused")
        }
        if staff != nil && !user.isEmpty { throw ValidationError("--staff puts every row on one person; --user maps several: pick one") }
        if from == .watson && staff == nil { throw ValidationError("Watson files name no user: pass --staff HANDLE") }
        if from == .timewarrior && staff == nil { throw ValidationError("Timewarrior files name no user: pass --staff HANDLE") }
    }

    /// The import options the command line asks for.
    func importOptions() throws(SocialTimeError) -> ImportOptions {
        var users: [String: Handle] = [:]
        for mapping in user {
            let (key, handle) = try ImportOptions.userMapping(mapping)
            users[key] = handle
        }
        func values(_ list: [String], _ option: String) throws(SocialTimeError) -> [String: String] {
            var map: [String: String] = [:]
            for text in list {
                let (value, key) = try ImportOptions.valueMapping(text, option: option)
                map[value] = key
            }
            return map
        }
        return ImportOptions(
            format: ImportFormat(rawValue: from.rawValue)!,
            networkFrom: FieldSource(argument: networkFrom ?? (from == .timewarrior ? "tags" : "project")), outcomeFrom: FieldSource(argument: outcomeFrom ?? "tags"),
            staff: try staff.map { text throws(SocialTimeError) in try Handle(validating: text) },
            users: users, networkMap: try values(mapNetwork, "--map-network"), outcomeMap: try values(mapOutcome, "--map-outcome"),
            dateOrder: dateOrder.flatMap { DateOrder(rawValue: $0.rawValue) }, skipBadRows: skipBadRows, dryRun: dryRun,
            reason: reason, update: update)
    }

    func run(_ session: Session) async throws {
        let options = try importOptions()
        let limit = try maxStreamSize.map { text throws(SocialTimeError) in try ImportOptions.streamSize(text) } ?? FileByteSource.defaultSpoolLimit
        // A database is not a CSV file; which bytes its first "line" holds depends on its pages.
        // (Only a regular file is looked at: a pipe's first bytes, once read, would be lost.)
        if FileSystem.isRegularFile(session.path(file)) && FileSystem.isSQLiteDatabase(session.path(file)) {
            throw SocialTimeError.invalidImportData("\(file) is a SQLite database, not a CSV file: import reads the CSV files `export` writes (or Toggl's, Clockify's and Watson's); to copy a database use `socialtime db copy`")
        }
        // Import reads its file twice (checked, then written): a stream is saved as it is read.
        let directory = session.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let source = try FileByteSource(path: session.path(file), spoolDirectory: directory, spoolLimit: limit)
        let reader = try CSVReader(source: source)
        let showProgress = session.context.stderrIsTerminal
        // The rejects file is opened before anything is imported: a folder or a planted link at
        // NAME.rejected.csv is refused while the database is still as it was, instead of after
        // the good rows are committed. Without bad rows it is dropped unwritten.
        let rejectsFile = skipBadRows && !dryRun ? try AtomicFile(path: Self.rejectsPath(file: file, session: session).path) : nil
        let rulebook = try await Self.rulebook(session, dryRun: dryRun)
        let summary = try await rulebook.importEntries(reader, options: options, sourceName: file,
                                                       progress: showProgress ? { rows in session.progress("import: \(rows) rows read …") } : nil)
        if showProgress { session.progress("") }
        try session.print(Self.describe(summary, file: file))
        try Self.writeRejects(summary, file: file, into: rejectsFile, session: session)
    }

    /// Where NAME.rejected.csv goes (`path`), and its name as the person typed the input's path (`shown`).
    static func rejectsPath(file: String, session: Session) -> (path: String, shown: String) {
        let input = session.path(file)
        let regular = FileSystem.isRegularFile(input)
        let shown = ImportRejects.path(besides: file, inputIsRegularFile: regular)
        return (regular ? ImportRejects.path(besides: input, inputIsRegularFile: true) : session.path(shown), shown)
    }

    /// The rules over the database; a dry run on a SQLite database that does not exist yet is
    /// checked against what a new one would hold (`Session.scratchRulebook`), creating nothing.
    static func rulebook(_ session: Session, dryRun: Bool) async throws(SocialTimeError) -> Rulebook {
        let missing: String
        do {
            return try await session.rulebook(create: !dryRun)
        } catch {
            guard dryRun, case .noDatabase = error, let location = try? session.location, !location.isPostgreSQL else { throw error }
            missing = location.path
        }
        let scratch = try await session.scratchRulebook()
        try session.note("no database at \(missing) yet: checked against the catalogues a new one would have; nothing was created")
        return scratch
    }

    /// With --skip-bad-rows: the bad rows, as they were and with their reasons, beside the file,
    /// named on stderr (stdout keeps the summary for scripts).
    static func writeRejects(_ summary: ImportSummary, file: String, into opened: AtomicFile?, session: Session) throws(SocialTimeError) {
        guard let rejects = summary.rejects else {
            opened?.abandon()
            return
        }
        let shown = rejectsPath(file: file, session: session).shown
        let rows = Count.of(rejects.rows.count, "bad row")
        if summary.dryRun {
            try session.note("\(rows) would be left out and written, with \(rejects.rows.count == 1 ? "its reason" : "their reasons"), to \(shown)")
            return
        }
        let output: AtomicFile
        if let opened { output = opened } else { output = try AtomicFile(path: rejectsPath(file: file, session: session).path) }
        try output.write(bytes: rejects.bytes)
        try output.commit()
        try session.note("\(rows) \(rejects.rows.count == 1 ? "was" : "were") left out and written, with \(rejects.rows.count == 1 ? "its reason" : "their reasons"), to \(shown)")
    }

    /// One sentence whose counts add up to the rows read: imported, updated, changed but not
    /// updated, already there, skipped as rounding to 0 minutes, left out as bad.
    static func describe(_ summary: ImportSummary, file: String) -> String {
        let present = summary.alreadyPresent
        var others: [String] = []
        if summary.updated > 0 {
            others.append(summary.dryRun ? "\(Count.of(summary.updated, "changed row")) would be updated"
                          : "\(Count.of(summary.updated, "changed row")) updated")
        }
        if summary.changed > 0 { others.append("\(Count.of(summary.changed, "changed row")) not updated (--update applies \(summary.changed == 1 ? "it" : "them"))") }
        if present > 0 { others.append("\(Count.of(present, "entry", plural: "entries")) already in the database") }
        if summary.splitRows > 0 { others.append("\(Count.of(summary.splitRows, "row")) across midnight split by date") }
        if summary.skippedShort > 0 { others.append("\(Count.of(summary.skippedShort, "row")) under 30 seconds (0 minutes) skipped") }
        if summary.rejected > 0 { others.append("\(Count.of(summary.rejected, "bad row")) left out") }
        let details = others.isEmpty ? "" : " (" + others.joined(separator: ", ") + ")"
        var text: String
        if summary.imported == 0 && summary.rows > 0 && present == summary.rows {
            text = present == 1 ? "Nothing new to import: the 1 entry of \(file) is already in the database."
                : "Nothing new to import: all \(present) entries of \(file) are already in the database."
        } else if summary.rows == 0 {
            text = "Nothing to import: \(file) has a header but no rows."
        } else if summary.dryRun {
            text = "Dry run: \(file) would import \(Count.of(summary.imported, "entry", plural: "entries"))\(details). Nothing was written."
        } else if summary.imported == 0 && summary.updated > 0 {
            text = "Updated \(Count.of(summary.updated, "entry", plural: "entries")) from \(file)\(details)."
        } else if summary.imported == 0 {
            text = "Nothing new to import from \(file)\(details)."
        } else {
            text = "Imported \(Count.of(summary.imported, "entry", plural: "entries")) from \(file)\(details)."
        }
        let registered = summary.registeredStaff
        if !registered.isEmpty {
            // A company-wide file can name thousands of people: list a few, count the rest.
            let shown = registered.prefix(12).joined(separator: ", ")
            text += "\n" + (summary.dryRun ? "Would register as staff: " : "Registered as staff: ") + shown
                + (registered.count > 12 ? " and \(registered.count - 12) more (\(registered.count) in all)" : "")
        }
        return text
    }
}
