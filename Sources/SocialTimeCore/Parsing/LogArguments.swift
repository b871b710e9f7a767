/// What `log` was told, sorted out from its two spellings: positionals
/// (`log 45m linkedin recruiting`) and options (`log 45m -n linkedin -o recruiting`), or clock
/// times instead of a duration (`log --from 09:00 --to 10:30 linkedin recruiting`).
public struct LogArguments: Sendable, Equatable {
    /// The duration as typed; nil when `--from/--to` give the times instead.
    public let duration: String?
    public let network: String
    public let outcome: String
    public let from: String?
    public let to: String?

    /// Sorts the words out. `positionals` are the words in the order typed (ArgumentParser puts the
    /// first in the duration's place even when `--from/--to` make it the network).
    public static func resolve(positionals: [String], network: String?, outcome: String?,
                               from: String?, to: String?) throws(SocialTimeError) -> LogArguments {
        var words = positionals
        var duration: String?
        switch (from, to) {
        case (nil, nil):
            guard !words.isEmpty else {
                throw .invalidInput("missing duration: e.g. `socialtime log 45m linkedin recruiting` (\(DurationParser.accepted)), or --from HH:MM --to HH:MM")
            }
            duration = words.removeFirst()
            // `log 45 min linkedin recruiting`: a unit word after a number is part of the duration.
            if let second = words.first, DurationParser.unitWords[second.lowercased()] != nil,
               duration!.unicodeScalars.allSatisfy({ "0123456789.,".unicodeScalars.contains($0) }) {
                duration! += " " + words.removeFirst()
            }
            if let second = words.first, let message = DurationParser.splitDurationMessage(first: duration!, second: second) {
                throw .invalidInput(message)
            }
        case (.some, .some):
            // With clock times a duration too would say the same thing twice, perhaps differently.
            if words.count == 3 || (words.first.map { DurationParser.minutes(in: $0) != nil } ?? false) {
                throw .invalidInput("--from/--to give the duration: leave out '\(Text.printable(words[0]))'")
            }
        default:
            throw .invalidInput("--from and --to go together: give both times (HH:MM), or a duration instead")
        }
        var network = network, outcome = outcome
        for (what, slot) in [("network", 0), ("outcome", 1)] {
            let given = slot == 0 ? network : outcome
            guard given == nil else { continue }
            guard !words.isEmpty else {
                throw .invalidInput("missing \(what): name it after the duration (`socialtime log 45m linkedin recruiting`) or with -\(what.prefix(1))/--\(what)")
            }
            if slot == 0 { network = words.removeFirst() } else { outcome = words.removeFirst() }
        }
        if let extra = words.first {
            throw .invalidInput("unexpected '\(Text.printable(extra))': log takes DURATION [NETWORK OUTCOME], each once; a note goes after -m/--note, in quotes")
        }
        return LogArguments(duration: duration, network: network!, outcome: outcome!, from: from, to: to)
    }
}
