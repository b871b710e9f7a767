import ArgumentParser
import SocialTimeCore

/// "Did you mean" for a mistyped command name (`socialtime entires`, `socialtime staff lsit`),
/// checked before ArgumentParser reads the line: it would only say "unexpected argument".
enum CommandSuggestion {
    /// Options that may stand before a command name and take a value.
    static let valuedOptions: Set<String> = ["--db", "--as"]

    /// An error naming the closest command when a word in a command's place is not one but is
    /// close to one; nil when the line names its commands, or the word is nothing like any (then
    /// ArgumentParser's own message stands).
    static func check(_ arguments: [String], root: ParsableCommand.Type) -> SocialTimeError? {
        var command = root
        var path = root.configuration.commandName ?? ""
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" { return nil }
            if word.hasPrefix("-") {
                if valuedOptions.contains(word) { index += 2; continue }
                if word.hasPrefix("--db=") || word.hasPrefix("--as=") { index += 1; continue }
                // Another option: from here on the words may be its values, not commands.
                return nil
            }
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0.configuration.commandName == word }) {
                command = next
                path += " " + word
                index += 1
                continue
            }
            if command == root && word == "help" { return nil }
            let names = subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
            guard let near = Suggestion.closest(to: word, in: names) else { return nil }
            return .invalidInput("'\(Text.printable(word))' is not a \(path) command: did you mean '\(near)'? (`\(path) --help` lists them all)")
        }
        return nil
    }
}
