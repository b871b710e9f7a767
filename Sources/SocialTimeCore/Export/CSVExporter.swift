/// Writes the `export` CSV files: entries, summary and flags for a week, a date range or
/// everything. Rows stream from the SQLite statement into the output in chunks, so exporting a
/// million entries takes a small, constant amount of memory; rows come in a stable order (entries
/// by date, staff, entry id; summary and flags by week, oldest first, then most hours first as in
/// the report, ties by handle), so the same data always gives the same bytes.
///
/// `demo` writes last week's CSVs with `CSVExporter(store: store).export(kinds: ExportKind.allCases,
/// range: .week(lastWeek), dialect: .rfc4180, to: "reports")`.
public struct CSVExporter {
    public let store: SQLiteStore

    public init(store: SQLiteStore) { self.store = store }

    /// Text handed to a sink at a time.
    static let chunkSize = 1 << 16

    /// Writes one file per kind into `folder` (created when missing), each atomically, and
    /// returns the paths written. All kinds are read from one snapshot, so they agree.
    @discardableResult
    public func export(kinds: [ExportKind], range: ExportRange, dialect: CSVDialect, to folder: String) throws(SocialTimeError) -> [String] {
        try FileSystem.createDirectories(folder)
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return try store.read {
            try kinds.map { kind throws(SocialTimeError) in
                let path = base + range.fileName(kind)
                try writeFile(kind, range: range, dialect: dialect, path: path)
                return path
            }
        }
    }

    /// Writes one kind into the file `path` (its folder must exist), atomically.
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, toFile path: String) throws(SocialTimeError) {
        try store.read { try writeFile(kind, range: range, dialect: dialect, path: path) }
    }

    /// Streams one kind to `sink` in chunks (for `--out -`).
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect,
                       to sink: (String) throws(SocialTimeError) -> Void) throws(SocialTimeError) {
        try store.read { try stream(kind, range: range, dialect: dialect, to: sink) }
    }

    private func writeFile(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, path: String) throws(SocialTimeError) {
        let file = try AtomicFile(path: path)
        do {
            try stream(kind, range: range, dialect: dialect) { text throws(SocialTimeError) in try file.write(text) }
            try file.commit()
        } catch {
            file.abandon()
            throw SQLiteStore.mapped(error, path: store.path)
        }
    }

    /// Runs inside the caller's read transaction.
    private func stream(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect,
                        to sink: (String) throws(SocialTimeError) -> Void) throws {
        var chunk = dialect.byteOrderMark + CSVWriter.row(kind.header.map(CSVField.text), dialect: dialect)
        func emit(_ fields: [CSVField]) throws(SocialTimeError) {
            chunk += CSVWriter.row(fields, dialect: dialect)
            if chunk.utf8.count >= Self.chunkSize {
                try sink(chunk)
                chunk = ""
            }
        }
        switch kind {
        case .entries:
            let (statement, values) = try entryStatement(range)
            try statement.forEachRow(values) { row in
                try emit(EntryRendering.csvFields(SQLiteStore.entry(row)))
            }
        case .summary, .flags:
            let analyzer = Analyzer(threshold: try store.storedThreshold())
            for week in try weeks(range) {
                let analysis = analyzer.analyze(week, try store.staffWeeks(week))
                for person in kind == .flags ? analysis.flagged : analysis.people {
                    try emit(kind.fields(person, in: analysis))
                }
            }
        }
        if !chunk.isEmpty { try sink(chunk) }
    }

    /// The entries of the range, oldest first, then by staff and id: the order that makes
    /// re-exports byte-identical. Deleted entries are left out, as everywhere else.
    private func entryStatement(_ range: ExportRange) throws -> (statement: Statement, values: [SQLBindable]) {
        let order = " ORDER BY e.date, s.handle, e.id"
        switch range {
        case .all:
            return (try store.db.prepare(SQLiteStore.entrySelect + " WHERE e.deleted = 0" + order), [])
        case .week(let week):
            return (try store.db.prepare(SQLiteStore.entrySelect + " WHERE e.date BETWEEN ? AND ? AND e.deleted = 0" + order),
                    [week.monday.description, week.sunday.description])
        case .dates(let from, let to):
            return (try store.db.prepare(SQLiteStore.entrySelect + " WHERE e.date BETWEEN ? AND ? AND e.deleted = 0" + order),
                    [from.description, to.description])
        }
    }

    /// The ISO weeks `summary` and `flags` cover: those overlapping the range; for `all`, from the
    /// first to the last week with entries or a justification.
    private func weeks(_ range: ExportRange) throws -> [ISOWeek] {
        let first: ISOWeek, last: ISOWeek
        switch range {
        case .week(let week):
            return [week]
        case .dates(let from, let to):
            first = ISOWeek(containing: from)
            last = ISOWeek(containing: to)
        case .all:
            let dates = try store.db.prepare("SELECT min(date), max(date) FROM entries WHERE deleted = 0").firstRow([]) {
                ($0.optionalText(0).flatMap(CalendarDate.init(iso:)), $0.optionalText(1).flatMap(CalendarDate.init(iso:)))
            }
            let justified = try store.db.prepare("SELECT min(week), max(week) FROM justifications").firstRow([]) {
                ($0.optionalText(0).flatMap(ISOWeek.init(iso:)), $0.optionalText(1).flatMap(ISOWeek.init(iso:)))
            }
            let candidates = [dates?.0.map(ISOWeek.init(containing:)), dates?.1.map(ISOWeek.init(containing:)),
                              justified?.0, justified?.1].compactMap { $0 }
            guard let low = candidates.min(), let high = candidates.max() else { return [] }
            first = low
            last = high
        }
        var result: [ISOWeek] = []
        var week = first
        while week <= last {
            result.append(week)
            week = week.next
        }
        return result
    }
}
