extension SQLiteStore {
    // MARK: Networks

    func allNetworks() throws -> [Network] {
        var aliases: [Int: [String]] = [:]
        try db.prepare("SELECT network_id, alias FROM network_aliases ORDER BY alias").forEachRow { row in
            aliases[row.int(0), default: []].append(row.text(1))
        }
        return try db.prepare("SELECT id, key, name FROM networks ORDER BY key").rows { row in
            Network(id: row.int(0), key: row.text(1), name: row.text(2), aliases: aliases[row.int(0)] ?? [])
        }
    }

    /// The network a person means by `text`: its key or an alias, in any case.
    func resolveNetwork(_ text: String) throws -> Network {
        let wanted = text.trimmingWhitespace().lowercased()
        let networks = try allNetworks()
        if let match = networks.first(where: { $0.key == wanted || $0.aliases.contains(wanted) }) { return match }
        let keys = networks.map(\.key)
        let suggestion = Suggestion.closest(to: wanted, in: keys + networks.flatMap(\.aliases))
        throw SocialTimeError.invalidInput("unknown network '\(Text.printable(text))'"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known networks: \(keys.joined(separator: ", ")) (add one with `socialtime networks add KEY NAME`)")
    }

    public func networks() throws(SocialTimeError) -> [Network] {
        try read { try allNetworks() }
    }

    @discardableResult
    public func addNetwork(key: String, name: String, aliases: [String]) throws(SocialTimeError) -> Network {
        let key = try CatalogueKey.validate(key, what: "network")
        let name = try Text.validate(name, field: "network name", maxLength: 100, allowEmpty: false)
        let aliases = try aliases.map { alias throws(SocialTimeError) in try CatalogueKey.validate(alias, what: "alias") }
        return try write {
            let taken = Set(try allNetworks().flatMap { [$0.key] + $0.aliases })
            for candidate in [key] + aliases where taken.contains(candidate) {
                throw SocialTimeError.invalidInput("'\(candidate)' already names a network: see `socialtime networks list`")
            }
            try db.run("INSERT INTO networks(key, name) VALUES (?, ?)", [key, name])
            let id = db.lastInsertRowID
            for alias in Set(aliases) where alias != key {
                try db.run("INSERT INTO network_aliases(alias, network_id) VALUES (?, ?)", [alias, id])
            }
            return try resolveNetwork(key)
        }
    }

    // MARK: Outcomes

    static func outcome(_ row: Row) -> Outcome {
        Outcome(id: row.int(0), key: row.text(1), description: row.text(2), unit: row.optionalText(3), retired: row.int(4) == 1)
    }

    func allOutcomes() throws -> [Outcome] {
        try db.prepare("SELECT id, key, description, unit, retired FROM outcomes ORDER BY key").rows([], Self.outcome)
    }

    /// The outcome a person means by `text`. Retired outcomes are found for history and renames,
    /// but refused for new work (`forNewWork`).
    func resolveOutcome(_ text: String, forNewWork: Bool) throws -> Outcome {
        let wanted = text.trimmingWhitespace().lowercased()
        let outcomes = try allOutcomes()
        if let match = outcomes.first(where: { $0.key == wanted }) {
            if forNewWork && match.retired {
                throw SocialTimeError.invalidInput("outcome '\(match.key)' is retired: it keeps its history but takes no new work. Active outcomes: \(outcomes.filter { !$0.retired }.map(\.key).joined(separator: ", "))")
            }
            return match
        }
        let active = outcomes.filter { !$0.retired }.map(\.key)
        let suggestion = Suggestion.closest(to: wanted, in: active)
        throw SocialTimeError.invalidInput("unknown outcome '\(Text.printable(text))'"
            + (suggestion.map { " (did you mean '\($0)'?)" } ?? "")
            + "; known outcomes: \(active.joined(separator: ", ")) (add one with `socialtime outcomes add KEY --description TEXT`)")
    }

    public func outcomes() throws(SocialTimeError) -> [Outcome] {
        try read { try allOutcomes() }
    }

    @discardableResult
    public func addOutcome(key: String, description: String, unit: String?) throws(SocialTimeError) -> Outcome {
        let key = try CatalogueKey.validate(key, what: "outcome")
        let description = try Text.validate(description, field: "description", maxLength: 500, allowEmpty: false)
        let unit = try unit.map { unit throws(SocialTimeError) in try Text.validate(unit, field: "unit", maxLength: 32, allowEmpty: false) }
        return try write {
            if try allOutcomes().contains(where: { $0.key == key }) {
                throw SocialTimeError.invalidInput("outcome '\(key)' already exists: see `socialtime outcomes list`")
            }
            try db.run("INSERT INTO outcomes(key, description, unit) VALUES (?, ?, ?)", [key, description, unit])
            return try resolveOutcome(key, forNewWork: false)
        }
    }

    /// Renames an outcome; its history moves with it, since entries point at its id.
    @discardableResult
    public func renameOutcome(_ key: String, to newKey: String) throws(SocialTimeError) -> Outcome {
        let newKey = try CatalogueKey.validate(newKey, what: "outcome")
        return try write {
            let outcome = try resolveOutcome(key, forNewWork: false)
            if try allOutcomes().contains(where: { $0.key == newKey && $0.id != outcome.id }) {
                throw SocialTimeError.invalidInput("outcome '\(newKey)' already exists: pick another name")
            }
            try db.run("UPDATE outcomes SET key = ? WHERE id = ?", [newKey, outcome.id])
            return try resolveOutcome(newKey, forNewWork: false)
        }
    }

    @discardableResult
    public func retireOutcome(_ key: String) throws(SocialTimeError) -> Outcome {
        try write {
            let outcome = try resolveOutcome(key, forNewWork: false)
            try db.run("UPDATE outcomes SET retired = 1 WHERE id = ?", [outcome.id])
            return try resolveOutcome(outcome.key, forNewWork: false)
        }
    }

    // MARK: Settings

    /// The company-wide weekly threshold (default 5 h).
    func storedThreshold() throws -> Minutes {
        guard let text = try db.scalarText("SELECT value FROM settings WHERE key = 'threshold_minutes'"),
              let minutes = Int(text) else { return .defaultThreshold }
        return Minutes(minutes)
    }

    public func threshold() throws(SocialTimeError) -> Minutes {
        try read { try storedThreshold() }
    }

    public func setThreshold(_ minutes: Minutes) throws(SocialTimeError) {
        try write {
            try db.run("INSERT INTO settings(key, value) VALUES ('threshold_minutes', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       [String(minutes.value)])
        }
    }
}
