/// What `start` was told, from its two spellings: positionals (`start linkedin recruiting`) and
/// options (`start -n linkedin -o recruiting`), as `log` takes them.
public struct TimerArguments: Sendable, Equatable {
    public let network: String
    public let outcome: String

    public static func resolve(positionals: [String], network: String?, outcome: String?) throws(SocialTimeError) -> TimerArguments {
        var words = positionals
        var network = network, outcome = outcome
        if network == nil {
            guard !words.isEmpty else {
                throw .invalidInput("missing network: `socialtime start linkedin recruiting`, or -n/--network and -o/--outcome")
            }
            network = words.removeFirst()
        }
        if outcome == nil {
            guard !words.isEmpty else {
                throw .invalidInput("missing outcome: name it after the network (`socialtime start linkedin recruiting`) or with -o/--outcome")
            }
            outcome = words.removeFirst()
        }
        if let extra = words.first {
            throw .invalidInput("unexpected '\(Text.printable(extra))': start takes [NETWORK OUTCOME], each once; a note goes after -m/--note, in quotes")
        }
        return TimerArguments(network: network!, outcome: outcome!)
    }
}
