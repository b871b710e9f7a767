/// The command lines typed many times a day, read without ArgumentParser. Its `parseAsRoot`
/// reflects over the command tree on every run — the `--generate-completion-script` check, a
/// `Mirror` and a protocol-conformance scan of the whole binary per property type — which was
/// about 60 % of a one-entry `log` (13.8 M of 22.8 M instructions). A line is read here only
/// when it is plainly well formed; anything else (help, completion, `--`, an unknown, repeated or
/// short-joined option, a separate value that begins with '-', an empty word, a bad number or format)
/// answers nil and goes to ArgumentParser as before, so every message, help screen and
/// completion stays its own. `QuickLineTests` hold each command's reading to ArgumentParser's.
struct QuickLine {
    /// The command's positional words, in order.
    var positionals: [String] = []
    /// Option values by their long name without dashes (`db`, `as`, `network` …).
    var options: [String: String] = [:]

    /// The global options, which may stand before the command's name or after it.
    static let globalOptions: [String: String] = ["--db": "db", "--as": "as"]

    /// Reads `arguments` (after `RawArguments`) as `command` followed by its words and options;
    /// `names` maps each option spelling the command takes (`-n`, `--network`) to its long name.
    /// Nil unless the line is plainly that command, each option given once with a value.
    static func read(_ arguments: [String], command: String, names: [String: String]) -> QuickLine? {
        var line = QuickLine()
        var named = false
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            // "" and "-" mean something to ArgumentParser's splitting; "help" may be its help command.
            guard !word.isEmpty, word != "help" else { return nil }
            guard word.hasPrefix("-") else {
                if named {
                    line.positionals.append(word)
                } else {
                    guard word == command else { return nil }
                    named = true
                }
                continue
            }
            var spelling = word
            var value: String?
            if word.hasPrefix("--"), let equals = word.firstIndex(of: "=") {
                spelling = String(word[..<equals])
                value = String(word[word.index(after: equals)...])
            }
            guard let name = globalOptions[spelling] ?? (named ? names[spelling] : nil) else { return nil }
            if value == nil {
                // A separate value must not look like an option ("-" and "--" included).
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                value = arguments[index]
                index += 1
            }
            // Joined (`--note=- replied`, as `RawArguments` joins a note that begins with '-'), any value is the value.
            guard let value, !value.isEmpty, line.options.updateValue(value, forKey: name) == nil else { return nil }
        }
        return named ? line : nil
    }

    /// `--db` and `--as`.
    var settings: GlobalSettings { GlobalSettings(db: options["db"], actingAs: options["as"]) }

    /// The positional word at `index`, if the line has one.
    func positional(_ index: Int) -> String? {
        index < positionals.count ? positionals[index] : nil
    }
}

extension Runner {
    /// The command the quick reading makes of `arguments`, or nil for ArgumentParser to parse.
    static func quickCommand(_ arguments: [String]) -> (any SessionCommand)? {
        // Only the first word that is not an option can name the command (`--db x log …`).
        var index = 0
        while index < arguments.count, arguments[index].hasPrefix("-") {
            index += QuickLine.globalOptions[arguments[index]] != nil ? 2 : 1
        }
        guard index < arguments.count else { return nil }
        switch arguments[index] {
        case "log": return LogRequest.quick(arguments)
        case "report": return ReportRequest.quick(arguments)
        default: return nil
        }
    }
}
