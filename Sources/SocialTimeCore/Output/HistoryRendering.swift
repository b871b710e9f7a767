/// The audit trail of an entry or a result, for people and programs.
public enum HistoryRendering {
    public static func json(id: Int, kind: String, _ changes: [AuditRecord]) -> JSON {
        .object([("\(kind)_id", .int(id)), ("history", .array(changes.map { change in
            .object([("at", .string(change.at)), ("by", .string(change.actor)), ("action", .string(change.action)),
                     ("before", change.before.map(JSON.string) ?? .null), ("after", change.after.map(JSON.string) ?? .null),
                     ("late_week", .optional(change.lateWeek?.description)), ("reason", .optional(change.reason))])
        }))])
    }

    /// One line per change: when, who, what; then the fields that changed, before → after.
    public static func text(title: String, _ changes: [AuditRecord]) -> String {
        var lines = [title, ""]
        for change in changes {
            lines.append("\(change.at)  \(change.actor)  \(change.action)"
                         + (change.lateWeek.map { "  (late change of \($0))" } ?? "") + (change.reason.map { "  reason: \($0)" } ?? ""))
            let before = fields(change.before), after = fields(change.after)
            for key in (before.keys.sorted() + after.keys.sorted()).uniqued() where before[key] != after[key] {
                lines.append("    \(key): \(before[key] ?? "—") → \(after[key] ?? "—")")
            }
        }
        if changes.isEmpty { lines.append("no changes recorded") }
        return lines.joined(separator: "\n")
    }

    /// The flat `"key":value` pairs of an audit snapshot (our own JSON: one object, scalar values).
    static func fields(_ json: String?) -> [String: String] {
        guard let json, json.hasPrefix("{"), json.hasSuffix("}") else { return [:] }
        var result: [String: String] = [:]
        var key: String?
        var token = ""
        var inString = false
        var escaped = false
        for character in json.dropFirst().dropLast() {
            if inString {
                if escaped { token.append(character); escaped = false; continue }
                if character == "\\" { escaped = true; continue }
                if character == "\"" { inString = false; continue }
                token.append(character)
                continue
            }
            switch character {
            case "\"": inString = true
            case ":": key = token; token = ""
            case ",":
                if let key { result[key] = token }
                key = nil; token = ""
            case " ": continue
            default: token.append(character)
            }
        }
        if let key { result[key] = token }
        return result
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
