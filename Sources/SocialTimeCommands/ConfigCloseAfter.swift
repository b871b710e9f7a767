import ArgumentParser
import SocialTimeCore

extension Config {
    struct CloseAfter: SocialTimeCommand {
        static let configuration = CommandConfiguration(commandName: "close-after",
            abstract: "Show or set how many days after a week ends it closes (default off).",
            discussion: """
            In a closed week staff cannot change entries at all, and a manager's change needs \
            --reason, which the week's late changes show. Justifications and results stay open. \
            7 closes a week when the following week ends. Late changes are listed either way. \
            Managers only.

            Examples:
              socialtime config close-after
              socialtime config close-after 7
              socialtime config close-after off
            """)
        @Argument(help: ArgumentHelp("Days after the week's Sunday (0 to 366), or off.", valueName: "days")) var days: String?
        @OptionGroup var global: GlobalOptions

        func run(_ session: Session) async throws {
            if let days {
                let value: Int?
                if days.lowercased() == "off" {
                    value = nil
                } else if let number = Int(days), number >= 0 {
                    value = number
                } else {
                    throw SocialTimeError.invalidInput("invalid number of days '\(days)': use a whole number of days (0 to \(Rulebook.maximumCloseAfterDays)) or off")
                }
                try await session.rulebook().setCloseAfter(days: value)
                try session.print(value.map { "Weeks close \($0) days after they end: staff can no longer change them, a manager needs --reason." }
                                  ?? "Closing weeks is off: anyone may change their own entries of any week (late changes are listed).")
            } else {
                let value = try await session.rulebook(create: false).closeAfter()
                try session.print(value.map { "Weeks close \($0) days after they end." } ?? "Closing weeks: off.")
            }
        }
    }
}
