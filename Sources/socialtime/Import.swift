import ArgumentParser
import SocialTimeCore

struct Import: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Bring entries in from a CSV file, all or nothing.",
        discussion: """
        --from socialtime (the default) reads the entries CSV that `export` writes, in either \
        dialect, and keeps entry ids and logged_at. Toggl Track's and Clockify's \
        detailed-report CSVs and `watson log --csv` are read by their own column names; their \
        rows are mapped to a network and an outcome with --network-from and --outcome-from \
        (project, tag, or a fixed value), and to a person with --user or --staff.

        Every row gets the validation of `log`; one bad row rejects the file, with every bad \
        row listed by line (the header is line 1). Importing the same file again adds nothing.

        Examples:
          socialtime import reports/socialtime-entries-2026-W47.csv
          socialtime import toggl.csv --from toggl --user anna@example.com=anna
          socialtime import log.csv --from watson --staff anna --outcome-from listening
        """
    )

    @Argument(help: "The CSV file to import.")
    var file: String

    @Option(help: ArgumentHelp("The file's format: socialtime, toggl, clockify or watson.", valueName: "format"))
    var from: FormatChoice = .socialtime

    @Option(help: ArgumentHelp("Foreign files: where the network comes from: project, tag (the one tag naming a network), or a network for every row.", valueName: "project|tag|network"))
    var networkFrom: String = "project"

    @Option(help: ArgumentHelp("Foreign files: where the outcome comes from: project, tag (the one tag naming an outcome), or an outcome for every row.", valueName: "project|tag|outcome"))
    var outcomeFrom: String = "tag"

    @Option(help: ArgumentHelp("Foreign files: every row is this person's (one-person files; required for Watson).", valueName: "handle"))
    var staff: String?

    @Option(help: ArgumentHelp("Foreign files: map a user's name or email to a handle, e.g. 'Anna Jensen=anna' (repeatable).", valueName: "name=handle"))
    var user: [String] = []

    @Flag(help: "Validate and report what would be imported; write nothing.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    enum FormatChoice: String, ExpressibleByArgument, CaseIterable {
        case socialtime, toggl, clockify, watson
    }

    func validate() throws {
        if from == .socialtime && (staff != nil || !user.isEmpty) {
            throw ValidationError("--staff and --user map foreign files' users; socialtime files name their staff")
        }
        if staff != nil && !user.isEmpty { throw ValidationError("--staff puts every row on one person; --user maps several: pick one") }
        if from == .watson && staff == nil { throw ValidationError("Watson files name no user: pass --staff HANDLE") }
    }

    func run(_ session: Session) async throws {
        var users: [String: Handle] = [:]
        for mapping in user {
            let (key, handle) = try ImportOptions.userMapping(mapping)
            users[key] = handle
        }
        let options = ImportOptions(
            format: ImportFormat(rawValue: from.rawValue)!,
            networkFrom: FieldSource(argument: networkFrom), outcomeFrom: FieldSource(argument: outcomeFrom),
            staff: try staff.map { text throws(SocialTimeError) in try Handle(validating: text) },
            users: users, dryRun: dryRun)
        let reader = try CSVReader(source: try FileByteSource(path: session.path(file)))
        let showProgress = session.context.stderrIsTerminal
        let rulebook = try await session.rulebook(create: !dryRun)
        let summary = try await rulebook.importEntries(reader, options: options, sourceName: file,
                                                       progress: showProgress ? { rows in session.progress("import: \(rows) rows read …") } : nil)
        if showProgress { session.progress("") }
        try session.print(Self.describe(summary, file: file))
    }

    static func describe(_ summary: ImportSummary, file: String) -> String {
        let present = summary.alreadyPresent
        var text: String
        if summary.imported == 0 && summary.rows > 0 && present == summary.rows {
            text = "Nothing new to import: all \(present) entries of \(file) are already in the database."
        } else if summary.dryRun {
            text = "Dry run: \(file) is valid; it would import \(summary.imported) entries"
                + (present > 0 ? " (\(present) already in the database)" : "") + ". Nothing was written."
        } else {
            text = "Imported \(summary.imported) entries from \(file)" + (present > 0 ? " (\(present) were already in the database)" : "") + "."
        }
        let registered = summary.registeredStaff
        if !registered.isEmpty {
            // A company-wide file can name thousands of people: list a few, count the rest.
            let shown = registered.prefix(12).joined(separator: ", ")
            text += "\n" + (summary.dryRun ? "Would register: " : "Registered: ") + shown
                + (registered.count > 12 ? " and \(registered.count - 12) more (\(registered.count) in all)" : "")
        }
        return text
    }
}
