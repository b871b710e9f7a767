/// Everything the commands and the exporter need from storage. `SQLiteStore` is the one
/// implementation today; a PostgreSQL store, for organisations whose staff log from many
/// machines, implements this protocol and no command changes.
///
/// Every method validates what it is given and throws `SocialTimeError`; a write either happens
/// whole or not at all.
public protocol SocialTimeStore: AnyObject {
    /// Where the data lives, for messages (a file path, or a connection name).
    var location: String { get }
    var isReadOnly: Bool { get }

    // MARK: Roster
    func staff(_ handle: Handle) throws(SocialTimeError) -> StaffMember?
    func listStaff() throws(SocialTimeError) -> [StaffMember]
    @discardableResult func addStaff(_ handle: Handle, name: String?, manager: Bool) throws(SocialTimeError) -> StaffMember
    @discardableResult func renameStaff(_ handle: Handle, to name: String) throws(SocialTimeError) -> StaffMember
    @discardableResult func setRole(_ handle: Handle, _ role: StaffMember.Role) throws(SocialTimeError) -> StaffMember
    @discardableResult func setActive(_ handle: Handle, _ active: Bool) throws(SocialTimeError) -> StaffMember

    // MARK: Catalogues and settings
    func networks() throws(SocialTimeError) -> [Network]
    @discardableResult func addNetwork(key: String, name: String, aliases: [String]) throws(SocialTimeError) -> Network
    func outcomes() throws(SocialTimeError) -> [Outcome]
    @discardableResult func addOutcome(key: String, description: String, unit: String?) throws(SocialTimeError) -> Outcome
    @discardableResult func renameOutcome(_ key: String, to newKey: String) throws(SocialTimeError) -> Outcome
    @discardableResult func retireOutcome(_ key: String) throws(SocialTimeError) -> Outcome
    func threshold() throws(SocialTimeError) -> Minutes
    func setThreshold(_ minutes: Minutes) throws(SocialTimeError)

    // MARK: Entries
    func log(_ entry: NewEntry) throws(SocialTimeError) -> LogReceipt
    func entries(_ query: EntryQuery) throws(SocialTimeError) -> [Entry]
    func entry(_ id: Int) throws(SocialTimeError) -> Entry?
    func edit(_ id: Int, _ change: EntryChange, actor: Handle) throws(SocialTimeError) -> Entry
    func delete(_ id: Int, actor: Handle) throws(SocialTimeError) -> Entry
    func restore(_ id: Int, actor: Handle) throws(SocialTimeError) -> Entry
    func history(of id: Int) throws(SocialTimeError) -> [AuditRecord]

    // MARK: Justifications and results
    func justify(staff handle: Handle, week: ISOWeek, text: String) throws(SocialTimeError) -> (justification: Justification, registered: Bool)
    func review(staff handle: Handle, week: ISOWeek, reviewer reviewerHandle: Handle, accept: Bool, comment: String?) throws(SocialTimeError) -> Justification
    func recordResult(_ result: NewResult) throws(SocialTimeError) -> (result: RecordedResult, registered: Bool)

    // MARK: Analysis and reports
    func analyze(_ week: ISOWeek, threshold: Minutes?) throws(SocialTimeError) -> WeekAnalysis
    func weeklyReport(_ week: ISOWeek, trendWeeks: Int, threshold: Minutes?) throws(SocialTimeError) -> WeeklyReport

    // MARK: Export and import
    /// Runs `body` against one consistent snapshot of the data, so that several reads agree.
    func snapshot<T>(_ body: () throws -> T) throws(SocialTimeError) -> T
    /// Streams the entries dated in `range` (all of them for `.all`), in export order: date,
    /// staff, entry id. Deleted entries are left out.
    func forEachEntry(in range: ExportRange, _ body: (Entry) throws -> Void) throws(SocialTimeError)
    /// The ISO weeks from the first to the last with entries or a justification.
    func weeksWithData() throws(SocialTimeError) -> [ISOWeek]
    func importEntries(_ reader: inout CSVReader, options: ImportOptions, actor: Handle,
                                           sourceName: String, progress: ((Int) -> Void)?) throws(SocialTimeError) -> ImportSummary

    // MARK: Maintenance
    func loadDemo(_ demo: DemoDataset) throws(SocialTimeError)
    func check() throws(SocialTimeError) -> HealthReport
    func backup(to destination: String) throws(SocialTimeError)
}

extension SocialTimeStore {
    public func analyze(_ week: ISOWeek) throws(SocialTimeError) -> WeekAnalysis {
        try analyze(week, threshold: nil)
    }

    public func weeklyReport(_ week: ISOWeek, trendWeeks: Int = 4) throws(SocialTimeError) -> WeeklyReport {
        try weeklyReport(week, trendWeeks: trendWeeks, threshold: nil)
    }
}

extension SQLiteStore: SocialTimeStore {
    public var location: String { path }
}
