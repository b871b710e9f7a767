/// Storage behind the rules: a store only loads and saves. It holds no business rule — who may
/// do what, the 24-hour day, the justification workflow and validation all live in `Rulebook` —
/// so SQLite and PostgreSQL implement the same small surface and every command works on both.
///
/// Every access is an explicit transaction, in the shape of GRDB's `read { }` / `write { }`:
/// a caller can never join someone else's transaction by accident. The methods are `async` so a
/// client such as postgres-nio implements them without blocking its event-loop threads; SQLite
/// implements them with plain synchronous calls.
///
/// Errors: a store throws `SocialTimeError` with a message a person can act on (busy → exit 75,
/// a damaged file or an unreachable server → exit 1, a database that refuses on its own rules,
/// such as PostgreSQL's row-level security → 77).
public protocol DataStore: AnyObject, Sendable {
    /// Where the data lives, for messages: a file path, or a server and database name.
    var location: String { get }
    var isReadOnly: Bool { get }

    /// Runs `body` in one read transaction: every read inside sees one consistent snapshot.
    func read<T>(_ body: (any ReadTransaction) async throws -> T) async throws -> T

    /// Runs `body` in one write transaction, committed when it returns and rolled back when it
    /// throws: a change happens whole or not at all. A store retries a busy lock a bounded number
    /// of times (SQLite: `BEGIN IMMEDIATE`; PostgreSQL: serialization failures) before `.busy`.
    func write<T>(_ body: (any WriteTransaction) async throws -> T) async throws -> T

    /// Integrity check and backup, for a store that can offer them.
    var maintenance: (any StoreMaintenance)? { get }

    /// Who the store itself says is connected, when it knows better than the operating system:
    /// PostgreSQL answers with the login role. A SQLite file answers nil.
    func connectedRole() async throws -> StoreRole?

    /// Whether a login that is not on the roster is put there by its first `log`: yes for a file
    /// (people are the machine's accounts); no on a server, where a manager adds people.
    var peopleRegisterThemselves: Bool { get }

    /// `db check` on a server: what can be verified from inside the database (its security in
    /// place). A file answers nil and offers `maintenance` instead.
    var serverChecks: (any ServerChecks)? { get }

    /// Ends the connection; the command runner calls it once the command is done.
    func close() async
}

extension DataStore {
    /// A file needs no goodbye: the connection closes with the store.
    public func close() async {}
    public var peopleRegisterThemselves: Bool { true }
    public var serverChecks: (any ServerChecks)? { nil }
}

/// What a PostgreSQL server says about the connected login role.
public struct StoreRole: Sendable, Equatable {
    public let name: String
    /// The role that ran `db init`: it has every manager right.
    public let isAdministrator: Bool

    public init(name: String, isAdministrator: Bool) {
        self.name = name
        self.isAdministrator = isAdministrator
    }
}

/// `db check` on a database server.
public protocol ServerChecks: Sendable {
    func check() async throws -> ServerCheckReport
}

/// What `db check` found on a server: the schema version and each security check, with every
/// deviation named.
public struct ServerCheckReport: Sendable, CustomStringConvertible {
    public let location: String
    public let schemaVersion: Int
    /// Each check's name and the deviations it found (none: it passed).
    public let checks: [(name: String, deviations: [String])]

    public init(location: String, schemaVersion: Int, checks: [(name: String, deviations: [String])]) {
        self.location = location
        self.schemaVersion = schemaVersion
        self.checks = checks
    }

    public var deviations: [String] { checks.flatMap(\.deviations) }
    public var isHealthy: Bool { deviations.isEmpty }

    public var description: String {
        var lines = ["database:       \(location)", "schema version: \(schemaVersion)"]
        for check in checks {
            lines.append("\(check.name): " + (check.deviations.isEmpty ? "ok" : "\(check.deviations.count) deviation\(check.deviations.count == 1 ? "" : "s")"))
            lines += check.deviations.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// `db check` and `db backup`: not every store can offer them (a managed PostgreSQL server is
/// backed up by its operators).
public protocol StoreMaintenance: Sendable {
    func check() async throws -> HealthReport
    func backup(to destination: String) async throws
    /// Personal data: while on, what a write removes is overwritten in the file rather than left
    /// in its free space (SQLite's `secure_delete`). Turned on before an erasing write.
    func setSecureDelete(_ on: Bool) async throws
    /// Makes removed text leave the files after an erasing write: the write-ahead log is copied
    /// into the database and truncated, and the database rewritten without free pages. False when
    /// another process kept it from finishing (the text may stay in the log until the next one).
    func scrub() async throws -> Bool
}

/// Reads, inside a transaction. Every value is a plain `Sendable` record; lists come in a stable
/// order so that the same data always renders the same bytes.
public protocol ReadTransaction {
    // MARK: Roster
    func staffMember(_ handle: Handle) async throws -> StaffMember?
    func staffMember(id: Int) async throws -> StaffMember?
    /// Everyone, by handle.
    func allStaff() async throws -> [StaffMember]
    /// How many people on the roster are active managers.
    func activeManagerCount() async throws -> Int

    // MARK: Catalogues and settings
    /// Networks by key, each with its aliases.
    func networks() async throws -> [Network]
    /// Outcomes by key, retired ones included.
    func outcomes() async throws -> [Outcome]
    /// Every dated threshold, oldest first.
    func thresholds() async throws -> [DatedThreshold]
    func setting(_ key: String) async throws -> String?

    // MARK: Entries
    func entry(_ id: Int) async throws -> Entry?
    /// Entries in a date range, by date, handle, id.
    func entries(_ query: EntryQuery) async throws -> [Entry]
    /// Streams entries in export order (date, handle, id), deleted ones left out, without
    /// holding them all in memory.
    func forEachEntry(in range: ExportRange, _ body: (Entry) async throws -> Void) async throws
    /// Streams the entries a query names, in its order (date, handle, id).
    func forEachEntry(matching query: EntryQuery, _ body: (Entry) async throws -> Void) async throws
    /// A person's minutes on a date, deleted entries and `excluding` left out.
    func dayTotal(staffID: Int, date: CalendarDate, excluding entryID: Int?) async throws -> Minutes
    func weekTotal(staffID: Int, week: ISOWeek) async throws -> Minutes
    /// A person's live entries with clock times dated `from` through `to`, by date and id.
    func timedEntries(staffID: Int, from: CalendarDate, to: CalendarDate) async throws -> [TimedEntry]
    /// Whether an entry imported from a foreign file with this row identity is stored.
    func importKeyExists(_ key: String) async throws -> Bool
    /// Those of `keys` that are stored: one probe per key, or one query per batch on a server.
    func presentImportKeys(_ keys: [String]) async throws -> Set<String>
    /// The ids of the stored entries (deleted ones included) imported with those of `keys` that
    /// are stored, by key: a re-import compares the row with the entry it made.
    func importedEntryIDs(_ keys: [String]) async throws -> [String: Int]
    /// The stored entries among `ids` (deleted ones included), by id.
    func entries(ids: [Int]) async throws -> [Int: Entry]
    /// The highest id of a stored entry (deleted ones included; 0 when there is none): an
    /// import looks up only the kept entry ids at or below it.
    func highestEntryID() async throws -> Int
    /// A person's minutes on each of `dates` that has any (deleted entries left out).
    func dayTotals(staffID: Int, dates: [CalendarDate]) async throws -> [CalendarDate: Minutes]
    /// The audit trail of one entry or result, oldest first.
    func audit(of subject: AuditSubject) async throws -> [AuditRecord]
    /// The late changes of `week`, oldest first: audit rows whose `lateWeek` is it, and late edits
    /// (of another week) that moved an entry into it; the rulebook decides which of those count.
    func lateChanges(_ week: ISOWeek) async throws -> [StoredLateChange]
    /// The first and last dates with entries and the first and last weeks with justifications.
    func dataSpan() async throws -> DataSpan

    // MARK: Weeks
    /// Everyone with entries in `week` or a justification for it, with the stored justification.
    func staffWeeks(_ week: ISOWeek) async throws -> [StoredStaffWeek]
    /// Each person's minutes per network and outcome in `week`.
    func slices(_ week: ISOWeek) async throws -> [ReportBuilder.Slice]
    /// The week's results, summed per outcome.
    func resultTotals(_ week: ISOWeek) async throws -> [ReportBuilder.ResultTotal]

    // MARK: Justifications
    func justification(staffID: Int, week: ISOWeek) async throws -> StoredJustification?
    /// Justifications for one week or all weeks, of one person or everyone: by week, handle.
    func justifications(week: ISOWeek?, staffID: Int?) async throws -> [StoredJustification]
    func justificationHistory(justificationID: Int) async throws -> [JustificationEvent]

    // MARK: Results
    func result(_ id: Int) async throws -> RecordedResult?
    /// Results in a date range, by date, handle, id; deleted ones left out.
    func results(from: CalendarDate, to: CalendarDate, staffID: Int?) async throws -> [RecordedResult]

    // MARK: Timers
    func timer(staffID: Int) async throws -> RunningTimer?

    // MARK: Personal data
    /// Everything stored about one person (nil when not on the roster).
    func personalData(staffID: Int) async throws -> PersonalData?
    /// What `prune(before:)` would remove: entries and results dated before `cutoff`,
    /// justifications (and their history) of weeks before `cutoff`'s, and the audit rows of
    /// those entries and results.
    func pruneCounts(before cutoff: CalendarDate) async throws -> PruneCounts

    // MARK: Copy
    /// `db copy`: streams every row of `table` as stored, in its key's order, without holding
    /// the table in memory.
    func forEachRow(of table: CopyTable, _ body: (CopyRow) async throws -> Void) async throws
}

/// Writes, inside a write transaction. Each method saves exactly what it is given.
public protocol WriteTransaction: ReadTransaction {
    /// Serialises writers of one person's data until the transaction ends, so that a check
    /// such as the 24-hour day and the write it guards cannot interleave with another writer's.
    /// SQLite's `BEGIN IMMEDIATE` already holds the whole database; PostgreSQL locks the
    /// person's roster row (inside a database function: no login can take or hold that lock).
    func lockStaff(_ staffID: Int) async throws

    // MARK: Roster
    func insertStaff(_ staff: NewStaffRecord) async throws -> StaffMember
    /// Puts several people on the roster in the order given (an import's new people), returning
    /// their ids in that order: one at a time, or one statement on a server.
    func insertNewStaff(_ people: [NewStaffRecord]) async throws -> [Int]
    /// Gives a person on the roster a login of their own to the database (a server's login
    /// role); a store without logins refuses with a message that says so. `existing`: the role
    /// already exists and is the person's own (`--existing-login`); without it, an existing
    /// role is refused.
    func createLogin(_ handle: Handle, existing: Bool) async throws
    func updateStaff(id: Int, _ change: StaffRecordChange) async throws

    // MARK: Catalogues and settings
    func insertNetwork(key: String, name: String, aliases: [String]) async throws
    func insertOutcome(key: String, description: String, unit: String?) async throws
    func updateOutcome(id: Int, key: String?, retired: Bool?) async throws
    /// Sets the threshold from `threshold.fromWeek` on, replacing one set for the same week.
    func saveThreshold(_ threshold: DatedThreshold, setAt: String, setBy: Handle) async throws
    func setSetting(_ key: String, _ value: String?) async throws

    // MARK: Entries
    /// Inserts an entry and returns its id (`record.id` when given, as an import keeps ids).
    func insertEntry(_ record: EntryRecord) async throws -> Int
    /// Changes an entry; `clockTimes` (ISO 8601 with offset) replaces its start and end when
    /// given, nil leaves them as they are.
    func updateEntry(id: Int, date: CalendarDate, minutes: Minutes, networkID: Int, outcomeID: Int,
                     note: String, clockTimes: (startedAt: String, endedAt: String)?, updatedAt: String) async throws
    func setEntryDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws
    func insertAudit(_ record: AuditRecord, subject: AuditSubject) async throws
    /// Inserts imported entries in order, each with its own copy of `audit`: a batch, so a
    /// server store can send it in one statement rather than two round trips per row.
    /// `lateWeeks[i]` is the late week of `records[i]`'s audit row (nil: not late). A server
    /// store may send the batch without waiting for it: its refusal then comes from the
    /// transaction's next statement or its commit, and nothing of the transaction is kept.
    func insertImportedEntries(_ records: [EntryRecord], audit: AuditRecord, lateWeeks: [ISOWeek?]) async throws

    // MARK: Justifications
    func insertJustification(staffID: Int, week: ISOWeek, text: String, submittedAt: String) async throws -> Int
    /// Replaces the text and sends it back for review: status `submitted`, review cleared.
    func resubmitJustification(id: Int, text: String, submittedAt: String) async throws
    func saveReview(justificationID: Int, _ review: ReviewRecord) async throws
    func insertJustificationEvent(justificationID: Int, _ event: JustificationEvent, byStaffID: Int) async throws

    // MARK: Results
    func insertResult(_ record: ResultRecord) async throws -> Int
    func updateResult(id: Int, date: CalendarDate, quantity: Int, outcomeID: Int, note: String, updatedAt: String) async throws
    func setResultDeleted(id: Int, _ deleted: Bool, updatedAt: String) async throws

    // MARK: Timers
    func saveTimer(_ timer: TimerRecord) async throws
    func deleteTimer(staffID: Int) async throws

    // MARK: Personal data
    /// Removes the person, their timer, results, justifications with their history, the audit
    /// rows about their entries and results and every audit row they made; their entries go too,
    /// unless `keepEntries` moves the live ones to `standIn`. Reviews they made of other people's
    /// justifications and thresholds they set are handed to `standIn`.
    func erasePersonalData(_ erasure: PersonalDataErasure) async throws
    /// Removes exactly what `pruneCounts(before:)` counts.
    func prune(before cutoff: CalendarDate) async throws

    // MARK: Copy
    /// `db copy` into an empty store: removes every row of `table` (the seeded catalogues, to
    /// be replaced by the source's with their ids).
    func deleteAllRows(of table: CopyTable) async throws
    /// Inserts rows of one table exactly as given, ids included (a batch, so a server store
    /// can send them in one statement).
    func insertCopied(_ rows: [CopyRow]) async throws
    /// After the last copied row: ids the store hands out next follow the copied ones
    /// (PostgreSQL's identity sequences; SQLite needs nothing).
    func finishCopy() async throws
}
