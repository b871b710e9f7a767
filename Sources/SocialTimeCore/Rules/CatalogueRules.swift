/// Networks, outcomes and their keys: matching is case-insensitive, a network answers to its
/// aliases, and a retired outcome keeps its history but takes no new work.
extension Rulebook {
    /// The network a person means by `text`: its key or an alias, in any case.
    static func resolveNetwork(_ text: String, in networks: [Network]) throws(SocialTimeError) -> Network {
        let wanted = text.trimmingWhitespace().lowercased()
        if let match = networks.first(where: { $0.key == wanted || $0.aliases.contains(wanted) }) { return match }
        let keys = networks.map(\.key)
        let suggestion = Suggestion.closest(to: wanted, in: keys + networks.flatMap(\.aliases))
        throw .invalidInput("unknown network '\(Text.printable(text))'"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known networks: \(keys.joined(separator: ", ")) (a manager adds one with `socialtime networks add KEY NAME`)")
    }

    /// The outcome a person means by `text`. Retired outcomes are found for history and renames,
    /// but refused for new work (`forNewWork`).
    static func resolveOutcome(_ text: String, in outcomes: [Outcome], forNewWork: Bool) throws(SocialTimeError) -> Outcome {
        let wanted = text.trimmingWhitespace().lowercased()
        if let match = outcomes.first(where: { $0.key == wanted }) {
            if forNewWork && match.retired {
                throw .invalidInput("outcome '\(match.key)' is retired: it keeps its history but takes no new work. Active outcomes: \(outcomes.filter { !$0.retired }.map(\.key).joined(separator: ", "))")
            }
            return match
        }
        let active = outcomes.filter { !$0.retired }.map(\.key)
        let suggestion = Suggestion.closest(to: wanted, in: active)
        throw .invalidInput("unknown outcome '\(Text.printable(text))'"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known outcomes: \(active.joined(separator: ", ")) (a manager adds one with `socialtime outcomes add KEY --description TEXT`)")
    }

    func resolveNetwork(_ text: String, in tx: any ReadTransaction) async throws -> Network {
        try Self.resolveNetwork(text, in: try await tx.networks())
    }

    func resolveOutcome(_ text: String, forNewWork: Bool, in tx: any ReadTransaction) async throws -> Outcome {
        try Self.resolveOutcome(text, in: try await tx.outcomes(), forNewWork: forNewWork)
    }

    // MARK: - Commands

    public func networks() async throws(SocialTimeError) -> [Network] {
        try await read { tx in
            _ = try await actor(in: tx)
            return try await tx.networks()
        }
    }

    public func outcomes() async throws(SocialTimeError) -> [Outcome] {
        try await read { tx in
            _ = try await actor(in: tx)
            return try await tx.outcomes()
        }
    }

    @discardableResult
    public func addNetwork(key: String, name: String, aliases: [String]) async throws(SocialTimeError) -> Network {
        let key = try CatalogueKey.validate(key, what: "network")
        let name = try Text.validate(name, field: "network name", maxLength: 100, allowEmpty: false)
        let aliases = try aliases.map { alias throws(SocialTimeError) in try CatalogueKey.validate(alias, what: "alias") }
        return try await write { tx in
            try await actor(in: tx).requireManager(to: "add networks")
            let taken = Set(try await tx.networks().flatMap { [$0.key] + $0.aliases })
            for candidate in [key] + aliases where taken.contains(candidate) {
                throw SocialTimeError.invalidInput("'\(candidate)' already names a network: see `socialtime networks list`")
            }
            var unique: [String] = []
            for alias in aliases where alias != key && !unique.contains(alias) { unique.append(alias) }
            try await tx.insertNetwork(key: key, name: name, aliases: unique)
            return try await resolveNetwork(key, in: tx)
        }
    }

    @discardableResult
    public func addOutcome(key: String, description: String, unit: String?) async throws(SocialTimeError) -> Outcome {
        let key = try CatalogueKey.validate(key, what: "outcome")
        let description = try Text.validate(description, field: "description", maxLength: 500, allowEmpty: false)
        let unit = try unit.map { unit throws(SocialTimeError) in try Text.validate(unit, field: "unit", maxLength: 32, allowEmpty: false) }
        return try await write { tx in
            try await actor(in: tx).requireManager(to: "add outcomes")
            if try await tx.outcomes().contains(where: { $0.key == key }) {
                throw SocialTimeError.invalidInput("outcome '\(key)' already exists: see `socialtime outcomes list`")
            }
            try await tx.insertOutcome(key: key, description: description, unit: unit)
            return try await resolveOutcome(key, forNewWork: false, in: tx)
        }
    }

    /// Renames an outcome; its history moves with it, since entries point at its id.
    @discardableResult
    public func renameOutcome(_ key: String, to newKey: String) async throws(SocialTimeError) -> Outcome {
        let newKey = try CatalogueKey.validate(newKey, what: "outcome")
        return try await write { tx in
            try await actor(in: tx).requireManager(to: "rename outcomes")
            let outcome = try await resolveOutcome(key, forNewWork: false, in: tx)
            if try await tx.outcomes().contains(where: { $0.key == newKey && $0.id != outcome.id }) {
                throw SocialTimeError.invalidInput("outcome '\(newKey)' already exists: pick another name")
            }
            try await tx.updateOutcome(id: outcome.id, key: newKey, retired: nil)
            return try await resolveOutcome(newKey, forNewWork: false, in: tx)
        }
    }

    @discardableResult
    public func retireOutcome(_ key: String) async throws(SocialTimeError) -> Outcome {
        try await write { tx in
            try await actor(in: tx).requireManager(to: "retire outcomes")
            let outcome = try await resolveOutcome(key, forNewWork: false, in: tx)
            try await tx.updateOutcome(id: outcome.id, key: nil, retired: true)
            return try await resolveOutcome(outcome.key, forNewWork: false, in: tx)
        }
    }
}
