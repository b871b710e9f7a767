import ArgumentParser
import SocialTimeCore

extension Config {
    struct Company: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "company",
            abstract: "Show or set the company name that the report and its mail carry.",
            discussion: """
            Managers only. An empty name clears it.

            Examples:
              socialtime config company
              socialtime config company "Nordisk Kaffe A/S"
            """)
        @Argument(help: ArgumentHelp("The company's name.", valueName: "name")) var name: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            if let name {
                try await session.rulebook().setCompany(name)
                try session.print(name.trimmingWhitespace().isEmpty ? "Company name cleared." : "Company name set to \(name).")
            } else {
                let company = try await session.rulebook(create: false).company()
                try session.print(company.map { "Company: \($0)" } ?? "No company name set (socialtime config company NAME sets one).")
            }
        }
    }
}
