import SocialTimeCore

/// Checks on the command line as the shell passed it, before ArgumentParser reads it, for two
/// hostile inputs it cannot see or would misread.
enum RawArguments {
    /// The arguments, or an error for one that is not valid UTF-8. Swift would quietly replace the
    /// bad bytes with U+FFFD, so a note would be stored differently from what was typed.
    static func decoded() throws(SocialTimeError) -> [String] {
        var arguments: [String] = []
        for index in 1..<Int(CommandLine.argc) {
            guard let raw = CommandLine.unsafeArgv[index] else { continue }
            guard let text = String(validatingCString: raw) else {
                throw .invalidInput("argument \(index) ('\(Text.printable(String(cString: raw)))') is not valid UTF-8 text: socialtime stores text exactly as typed, so it must be UTF-8")
            }
            arguments.append(text)
        }
        return arguments
    }

    /// Nothing socialtime takes is a negative number, but ArgumentParser reads `-1h` as the short
    /// flags `-1 -h`, which prints help and exits 0, as if the entry had been logged. A value that
    /// looks negative right after a long option is joined to it (`--duration=-30m`), so the
    /// option's own parser names the problem (and a note may start with "-1"); one in a
    /// positional place is refused here. After `--` everything is left as it is.
    static func joiningNegativeValues(_ arguments: [String]) throws(SocialTimeError) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if result.contains("--") || !looksNegative(argument) {
                result.append(argument)
            } else if let option = result.last, option.hasPrefix("--"), option.count > 2, !option.contains("=") {
                result[result.count - 1] = option + "=" + argument
            } else {
                throw .invalidInput("invalid value '\(Text.printable(argument))': socialtime takes no negative numbers (durations, entry ids and a result's quantity are positive); text that starts with '-' can follow `--`")
            }
        }
        return result
    }

    /// `-1h`, `-30m`, `-.5`, `-,5`, `-1`: a minus sign before a digit or a decimal separator.
    static func looksNegative(_ argument: String) -> Bool {
        let bytes = Array(argument.utf8.prefix(2))
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "-") else { return false }
        return (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[1])
            || bytes[1] == UInt8(ascii: ".") || bytes[1] == UInt8(ascii: ",")
    }

    /// Options whose value is free text, which may well begin with '-' ("- replied to 3 DMs").
    static let textOptions: Set<String> = ["--note", "--comment", "--description", "--name"]

    /// ArgumentParser reads a value that begins with '-' as another option, so `-m "- replied to
    /// 3 DMs"` failed with a confusing message. A text option's value is joined to it
    /// (`--note=- replied to 3 DMs`; `-m` is --note's short name), unless it is itself a long
    /// option (`--note --as bo` is a missing note, and says so). After `--` nothing is touched.
    static func joiningTextValues(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for argument in arguments {
            if !result.contains("--"), argument.hasPrefix("-"), !isLongOption(argument), let option = result.last,
               textOptions.contains(option) || option == "-m" {
                result[result.count - 1] = (option == "-m" ? "--note" : option) + "=" + argument
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// `--as`, `--note=x`: two dashes and a letter.
    static func isLongOption(_ argument: String) -> Bool {
        let bytes = Array(argument.utf8.prefix(3))
        return bytes.count == 3 && bytes[0] == UInt8(ascii: "-") && bytes[1] == UInt8(ascii: "-")
            && ((97...122).contains(bytes[2]) || (65...90).contains(bytes[2]))
    }
}

