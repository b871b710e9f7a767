import ArgumentParser

/// What the work served, as `log` and `start` take it: the network and outcome as words after
/// the duration (`log 1h linkedin recruiting`, `start linkedin recruiting`) or as -n/-o.
struct WorkOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The network (or -n/--network).", valueName: "network"), completion: StoreCompletion.networks)
    var networkArgument: String?

    @Argument(help: ArgumentHelp("The outcome (or -o/--outcome).", valueName: "outcome"), completion: StoreCompletion.outcomes)
    var outcomeArgument: String?

    /// Words past the outcome, kept so that `log 1h 30m linkedin recruiting` can be told to write
    /// `1h30m` instead of ArgumentParser's bare "unexpected argument".
    @Argument(help: .hidden)
    var extraWords: [String] = []

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("The network: a key or alias from `socialtime networks list`.", valueName: "network"),
            completion: StoreCompletion.networks)
    var network: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("The business outcome the work serves, from `socialtime outcomes list`.", valueName: "outcome"),
            completion: StoreCompletion.outcomes)
    var outcome: String?

    /// The positional words after any that come before them (log's duration), in order.
    func words(after leading: [String?] = []) -> [String] {
        (leading + [networkArgument, outcomeArgument]).compactMap { $0 } + extraWords
    }
}
