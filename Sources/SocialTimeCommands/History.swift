import ArgumentParser
import SocialTimeCore

/// `history ID`: every change to an entry (or, with --result, a result), from the audit log.
struct History: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "history",
        abstract: "Show every change to an entry: who, when, what it was before and after.",
        discussion: """
        Examples:
          socialtime history 12
          socialtime history 7 --result
        """)
    @Argument(help: "The entry's id (from `socialtime entries`), or a result's with --result.") var id: Int
    @Flag(help: "The id is a result's (from `socialtime results list`).") var result = false
    @Option(help: ArgumentHelp("Output format.", valueName: "format")) var format: HistoryFormat = .text
    @OptionGroup var global: GlobalOptions

    enum HistoryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run(_ session: Session) async throws {
        let rulebook = try await session.rulebook(create: false)
        let changes: [AuditRecord]
        let title: String
        if result {
            changes = try await rulebook.history(ofResult: id)
            title = "Result #\(id)"
        } else {
            let (entry, trail) = try await rulebook.history(ofEntry: id)
            changes = trail
            title = "Entry #\(id): " + EntryRendering.summary(entry) + (entry.clockTimes.map { " (ran \($0))" } ?? "")
        }
        switch format {
        case .json: try session.print(HistoryRendering.json(id: id, kind: result ? "result" : "entry", changes).serialized(pretty: true))
        case .text: try session.print(HistoryRendering.text(title: title, changes))
        }
    }
}
