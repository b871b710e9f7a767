#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteStore {
    /// The settings key that marks a database as built by `demo`, so `demo` may rebuild it
    /// but never overwrites someone's real data.
    static let demoMarker = "demo_database"

    /// Whether the file at `path` is a demo database. Opened read-only: a real database, or a
    /// file that is not a database at all, is left exactly as it was.
    public static func isDemoDatabase(_ path: String) -> Bool {
        guard let connection = try? Connection(path: path, readOnly: true) else { return false }
        return (try? connection.scalarText("SELECT value FROM settings WHERE key = ?", [demoMarker])) != nil
    }

    /// Fills an empty database with the demo dataset in one transaction.
    public func loadDemo(_ demo: DemoDataset) throws(SocialTimeError) {
        // Logged in the evening of each day, with this run's UTC offset, so the rows look real.
        let offset = String(clock.timestamp.suffix(6))
        try write {
            guard try db.scalarInt("SELECT count(*) FROM staff") == 0 else {
                throw SocialTimeError.invalidInput("\(path) already has data: the demo only fills an empty database")
            }
            for person in demo.people {
                try db.run("INSERT INTO staff(handle, name, role, created_at) VALUES (?, ?, ?, ?)",
                           [person.handle, person.name, person.manager ? "manager" : "staff", "\(demo.weeks[0].monday)T08:00:00\(offset)"])
            }
            var ids: [String: Int] = [:]
            for member in try db.prepare("SELECT \(Self.staffColumns) FROM staff").rows([], Self.staffMember) { ids[member.handle.value] = member.id }
            for work in demo.entries {
                let network = try resolveNetwork(work.network), outcome = try resolveOutcome(work.outcome, forNewWork: true)
                try db.run("""
                    INSERT INTO entries(staff_id, date, minutes, network_id, outcome_id, note, logged_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [ids[work.staff], work.date.description, work.minutes, network.id, outcome.id, work.note, "\(work.date)T16:30:00\(offset)"])
                let stored = try requireEntry(db.lastInsertRowID)
                try audit("create", entryID: stored.id, actor: stored.staff, before: nil, after: stored)
            }
            for result in demo.results {
                let outcome = try resolveOutcome(result.outcome, forNewWork: true)
                try db.run("INSERT INTO results(staff_id, date, outcome_id, quantity, note, logged_at) VALUES (?, ?, ?, ?, ?, ?)",
                           [ids[result.staff], result.date.description, outcome.id, result.quantity, result.note, "\(result.date)T16:45:00\(offset)"])
            }
            for explanation in demo.justifications {
                let submitted = "\(explanation.week.sunday)T12:00:00\(offset)"
                let reviewed = "\(explanation.week.next.monday)T09:30:00\(offset)"
                let isReviewed = explanation.status != .submitted
                try db.run("""
                    INSERT INTO justifications(staff_id, week, text, status, submitted_at, reviewed_by, reviewed_at, review_comment)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [ids[explanation.staff], explanation.week.description, explanation.text, explanation.status.rawValue, submitted,
                          isReviewed ? ids[demo.manager] : nil, isReviewed ? reviewed : nil, explanation.comment])
                let id = db.lastInsertRowID
                try db.run("INSERT INTO justification_history(justification_id, text, status, comment, changed_by, changed_at) VALUES (?, ?, 'submitted', NULL, ?, ?)",
                           [id, explanation.text, ids[explanation.staff], submitted])
                if isReviewed {
                    try db.run("INSERT INTO justification_history(justification_id, text, status, comment, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [id, explanation.text, explanation.status.rawValue, explanation.comment, ids[demo.manager], reviewed])
                }
            }
            try db.run("INSERT INTO settings(key, value) VALUES (?, ?)", [Self.demoMarker, "built by socialtime demo"])
        }
    }
}

extension SQLiteStore {
    /// The file `demo` uses when no `--db` is given: in the current folder, named so nobody
    /// mistakes it for real data.
    public static let defaultDemoPath = "socialtime-demo.db"

    /// Builds the demo database at `path` from scratch. An existing demo database there is
    /// replaced; any other file is refused and left untouched.
    public static func buildDemo(at path: String, clock: Clock) throws(SocialTimeError) -> SQLiteStore {
        if FileSystem.exists(path) {
            guard !FileSystem.isDirectory(path), isDemoDatabase(path) else {
                throw .invalidInput("\(path) exists and is not a socialtime demo database: the demo will not overwrite it. Pass --db with a new file name")
            }
            for suffix in ["", "-wal", "-shm", "-journal"] where FileSystem.exists(path + suffix) {
                guard unlink(path + suffix) == 0 else {
                    throw .failure("cannot replace the old demo database \(path)\(suffix): \(FileSystem.errorText())")
                }
            }
        }
        let store = try SQLiteStore(path: path, clock: clock)
        try store.loadDemo(DemoDataset(today: clock.today))
        return store
    }
}
