import ArgumentParser
import SocialTimeCore

extension ReportLanguage: ExpressibleByArgument {}

extension Config {
    struct Language: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "language",
            abstract: "Show or set the language of the report and the reminders (en or da).",
            discussion: """
            The weekly report (text, Markdown, HTML, e-mail) and the reminders are written in it. \
            JSON keys, CSV headers, commands and messages do not change. Managers only; the default is en.

            Examples:
              socialtime config language
              socialtime config language da
            """)
        @Argument(help: ArgumentHelp("en (English) or da (Danish).", valueName: "language")) var language: ReportLanguage?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            if let language {
                try await session.rulebook().setLanguage(language)
                try session.print("The report and the reminders are now written in \(language == .da ? "Danish (da)" : "English (en)").")
            } else {
                let current = try await session.rulebook(create: false).language()
                try session.print("Language of the report and the reminders: \(current.rawValue) (socialtime config language en|da changes it).")
            }
        }
    }
}
