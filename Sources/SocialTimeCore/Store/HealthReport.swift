/// What `db check` found.
public struct HealthReport: Sendable, CustomStringConvertible {
    public let path: String
    public let schemaVersion: Int
    public let journalMode: String
    public let integrity: [String]
    public let foreignKeyProblems: Int
    public let staff: Int
    public let entries: Int

    public init(path: String, schemaVersion: Int, journalMode: String, integrity: [String],
                foreignKeyProblems: Int, staff: Int, entries: Int) {
        self.path = path
        self.schemaVersion = schemaVersion
        self.journalMode = journalMode
        self.integrity = integrity
        self.foreignKeyProblems = foreignKeyProblems
        self.staff = staff
        self.entries = entries
    }

    public var isHealthy: Bool { integrity == ["ok"] && foreignKeyProblems == 0 }

    public var description: String {
        """
        database:       \(path)
        schema version: \(schemaVersion)
        journal mode:   \(journalMode)
        integrity:      \(integrity.joined(separator: "; "))
        foreign keys:   \(foreignKeyProblems == 0 ? "ok" : "\(foreignKeyProblems) broken references")
        staff:          \(staff)
        entries:        \(entries)
        """
    }
}
