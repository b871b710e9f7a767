/// Writes the `export` CSV files: entries, summary and flags for a week, a date range or
/// everything. Rows stream from the SQLite statement into the output in chunks, so exporting a
/// million entries takes a small, constant amount of memory; rows come in a stable order (entries
/// by date, staff, entry id; summary and flags by week, oldest first, then most hours first as in
/// the report, ties by handle), so the same data always gives the same bytes.
///
/// `demo` writes last week's CSVs with `CSVExporter(store: store).export(kinds: ExportKind.allCases,
/// range: .week(lastWeek), dialect: .rfc4180, to: "reports")`.
public struct CSVExporter {
    public let store: any SocialTimeStore

    public init(store: any SocialTimeStore) { self.store = store }

    /// Text handed to a sink at a time.
    static let chunkSize = 1 << 16

    /// Writes one file per kind into `folder` (created when missing), each atomically, and
    /// returns the paths written. All kinds are read from one snapshot, so they agree.
    /// With `.createNew` (`demo`) an existing file is refused and left as it was.
    @discardableResult
    public func export(kinds: [ExportKind], range: ExportRange, dialect: CSVDialect, to folder: String,
                       mode: AtomicFile.Mode = .replace) throws(SocialTimeError) -> [String] {
        try FileSystem.createDirectories(folder)
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return try store.snapshot {
            try kinds.map { kind throws(SocialTimeError) in
                let path = base + range.fileName(kind)
                try writeFile(kind, range: range, dialect: dialect, path: path, mode: mode)
                return path
            }
        }
    }

    /// Writes one kind into the file `path` (its folder must exist), atomically.
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, toFile path: String) throws(SocialTimeError) {
        try store.snapshot { try writeFile(kind, range: range, dialect: dialect, path: path) }
    }

    /// Streams one kind to `sink` in chunks (for `--out -`).
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect,
                       to sink: (String) throws(SocialTimeError) -> Void) throws(SocialTimeError) {
        try store.snapshot { try stream(kind, range: range, dialect: dialect, to: sink) }
    }

    private func writeFile(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, path: String,
                           mode: AtomicFile.Mode = .replace) throws(SocialTimeError) {
        let file = try AtomicFile(path: path, mode: mode)
        do {
            try stream(kind, range: range, dialect: dialect) { text throws(SocialTimeError) in try file.write(text) }
            try file.commit()
        } catch {
            file.abandon()
            throw SQLiteStore.mapped(error, path: store.location)
        }
    }

    /// Runs inside the caller's read transaction.
    private func stream(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect,
                        to sink: (String) throws(SocialTimeError) -> Void) throws {
        var chunk = dialect.byteOrderMark + CSVWriter.row(kind.header.map(CSVField.text), dialect: dialect)
        func emit(_ fields: [CSVField]) throws(SocialTimeError) {
            CSVWriter.append(fields, dialect: dialect, to: &chunk)
            if chunk.utf8.count >= Self.chunkSize {
                try sink(chunk)
                chunk = ""
            }
        }
        switch kind {
        case .entries:
            try store.forEachEntry(in: range) { entry in try emit(EntryRendering.csvFields(entry)) }
        case .summary, .flags:
            for week in try weeks(range) {
                let analysis = try store.analyze(week)
                for person in kind == .flags ? analysis.flagged : analysis.people {
                    try emit(kind.fields(person, in: analysis))
                }
            }
        }
        if !chunk.isEmpty { try sink(chunk) }
    }

    /// The ISO weeks `summary` and `flags` cover: those overlapping the range; for `all`, from the
    /// first to the last week with entries or a justification.
    private func weeks(_ range: ExportRange) throws(SocialTimeError) -> [ISOWeek] {
        switch range {
        case .week(let week): return [week]
        case .dates(let from, let to):
            // Only the weeks that hold data can have rows: a range of a thousand years must not
            // analyse fifty thousand empty weeks one by one.
            let withData = try store.weeksWithData()
            guard let first = withData.first, let last = withData.last else { return [] }
            return ISOWeek.all(from: max(first, ISOWeek(containing: from)), through: min(last, ISOWeek(containing: to)))
        case .all: return try store.weeksWithData()
        }
    }
}
