import ArgumentParser
import SocialTimeCore

struct Entries: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "entries",
        abstract: "List entries with their ids (default: this week, the acting person).")

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "this"

    @Option(help: ArgumentHelp("Whose entries (default: the acting person).", valueName: "handle"), completion: StoreCompletion.staff)
    var staff: String?

    @Flag(help: "Everyone's entries.")
    var allStaff = false

    @Flag(help: "Show deleted entries too (they can be restored).")
    var includeDeleted = false

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format: ListFormat = .text

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if allStaff && staff != nil { throw ValidationError("--staff and --all-staff cannot be combined: pick one") }
    }

    func run(_ session: Session) async throws {
        let week = try session.dates.week(self.week)
        let rulebook = try await session.rulebook(create: false)
        let who: Handle? = allStaff ? nil : try staff.map { text throws(SocialTimeError) in try Handle(validating: text) } ?? rulebook.actingHandle()
        let query = EntryQuery(week: week, staff: who, includeDeleted: includeDeleted)
        switch format {
        case .json, .csv:
            // For programs: streamed in chunks, so a company's week never sits in memory whole.
            var output = StreamedOutput(session: session)
            if format == .csv {
                output.append(CSVWriter.row(EntryRendering.csvHeader.map(CSVField.text), dialect: .rfc4180))
            } else {
                output.append("{\n  \"entries\": [")
            }
            var count = 0
            try await rulebook.forEachEntry(query) { entry in
                if format == .csv {
                    output.append(CSVWriter.row(EntryRendering.csvFields(entry), dialect: .rfc4180))
                } else {
                    output.append((count == 0 ? "\n    " : ",\n    ") + EntryRendering.jsonItem(entry).serialized(pretty: true, indent: 2))
                }
                count += 1
                try output.flushIfFull()
            }
            if format == .json { output.append(count == 0 ? "]\n}\n" : "\n  ]\n}\n") }
            try output.flush()
        case .text:
            let view = try await rulebook.entriesView(query)
            let whose = who.map { "\($0)" } ?? "everyone"
            try session.print(EntryRendering.text(EntryListing(
                entries: view.entries, title: "\(week) (\(week.monday) – \(week.sunday)), \(whose)", showStaff: who == nil, week: week,
                threshold: view.threshold, justifications: view.justifications,
                columns: session.context.stdoutIsTerminal ? session.context.terminalColumns ?? 80 : nil)))
        }
    }
}

/// Output for programs gathered into chunks of about 64 KiB, written as each fills.
struct StreamedOutput {
    let session: Session
    private var chunk = ""

    init(session: Session) { self.session = session }

    mutating func append(_ text: String) { chunk += text }

    mutating func flushIfFull() throws(SocialTimeError) {
        if chunk.utf8.count >= 1 << 16 { try flush() }
    }

    mutating func flush() throws(SocialTimeError) {
        guard !chunk.isEmpty else { return }
        try session.write(chunk)
        chunk = ""
    }
}
