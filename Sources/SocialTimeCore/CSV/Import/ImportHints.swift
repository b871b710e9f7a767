/// What a refused foreign file needs to be imported: every distinct project or tag that named
/// no network or outcome, once, with how many rows it is on, and the options that fix it,
/// quoted so that a shell takes them exactly as printed.
struct UnknownValues {
    /// Values listed before the rest are only counted.
    static let listed = 20
    /// Distinct values remembered per kind: a file of a million distinct projects must not grow this.
    static let remembered = 1000

    struct Tally {
        /// Where the values were read, as the file names it (`Project`, `Tags`).
        var source = ""
        var counts: [String: Int] = [:]
        var order: [String] = []
        var rowsWithout = 0
        var known = 0

        mutating func note(_ value: String) {
            if counts[value] == nil {
                guard order.count < UnknownValues.remembered else { return }
                order.append(value)
            }
            counts[value, default: 0] += 1
        }
    }

    var network = Tally()
    var outcome = Tally()

    /// The advice for both kinds at once (one round of fixes), or nil when nothing was unknown.
    func advice(networks: [String], outcomes: [String]) -> String? {
        let parts = [Self.advice(network, what: "network", option: "--map-network", fixed: "--network-from", keys: networks),
                     Self.advice(outcome, what: "outcome", option: "--map-outcome", fixed: "--outcome-from", keys: outcomes)]
            .compactMap { $0 }
        return parts.isEmpty ? nil : "To import it:\n" + parts.joined(separator: "\n")
    }

    private static func advice(_ tally: Tally, what: String, option: String, fixed: String, keys: [String]) -> String? {
        guard !tally.order.isEmpty || tally.rowsWithout > 0 else { return nil }
        let source = tally.source.isEmpty ? "the file" : tally.source
        var lines: [String] = []
        if !tally.order.isEmpty {
            let values = tally.order.sorted { (tally.counts[$0] ?? 0, $1) > (tally.counts[$1] ?? 0, $0) }
            let shown = values.prefix(listed).map { "'\(Text.printable($0))' (\(Count.of(tally.counts[$0] ?? 0, "row")))" }
            let more = values.count > listed ? " and \(values.count - listed) more" : ""
            lines.append("  \(Count.of(tally.order.count, "value")) of \(source) \(tally.order.count == 1 ? "names" : "name") no \(what): \(shown.joined(separator: ", "))\(more)")
        }
        if tally.rowsWithout > 0 {
            lines.append("  \(Count.of(tally.rowsWithout, "row")) \(tally.rowsWithout == 1 ? "has" : "have") no \(source) to take the \(what) from")
        }
        let one = "\(fixed) KEY"
        if tally.known == 0 {
            // Nothing in that column is a network: it holds something else (clients, projects of
            // the tracker), so one key for every row is the likely fix.
            lines.append("  no row's \(source) names a known \(what): give every row one with \(one)")
            if !tally.order.isEmpty { lines.append("    or map each value: " + maps(tally, option: option)) }
        } else {
            if !tally.order.isEmpty { lines.append("    map each value: " + maps(tally, option: option)) }
            lines.append("    or give every row one \(what) with \(one)")
        }
        lines.append("    (\(what)s: \(keys.joined(separator: ", ")); KEY is one of them)")
        return lines.joined(separator: "\n")
    }

    private static func maps(_ tally: Tally, option: String) -> String {
        let values = tally.order.sorted { (tally.counts[$0] ?? 0, $1) > (tally.counts[$1] ?? 0, $0) }
        return values.prefix(listed).map { "\(option) \(Shell.quoted("\($0)=KEY"))" }.joined(separator: " ")
            + (values.count > listed ? " …" : "")
    }
}

/// Text quoted for a POSIX shell, so that a suggested option can be pasted as printed.
enum Shell {
    /// As is when it holds only characters no shell treats specially, else in single quotes
    /// (a single quote inside written `'\''`).
    static func quoted(_ text: String) -> String {
        let safe = !text.isEmpty && text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "@%+=:,./_-".unicodeScalars.contains($0)
        }
        if safe { return text }
        return "'" + Text.printable(text).replacingAll("'", with: "'\\''") + "'"
    }
}

extension String {
    /// Every occurrence of `target` replaced (without Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
