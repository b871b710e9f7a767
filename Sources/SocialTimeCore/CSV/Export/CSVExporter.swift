/// Writes the `export` CSV files: entries, summary and flags for a week, a date range or
/// everything. Rows stream from the SQLite statement into the output in chunks, so exporting a
/// million entries takes a small, constant amount of memory; rows come in a stable order (entries
/// by date, staff, entry id; summary and flags by week, oldest first, then most hours first as in
/// the report, ties by handle), so the same data always gives the same bytes.
///
/// It reads through `Rulebook.export`, so only a manager exports, and weeks are judged by the
/// same rules as the report. `demo` writes last week's CSVs with
/// `CSVExporter(rulebook: rulebook).export(kinds: ExportKind.allCases, range: .week(lastWeek), dialect: .rfc4180, to: "reports")`.
public struct CSVExporter: Sendable {
    public let rulebook: Rulebook

    public init(rulebook: Rulebook) { self.rulebook = rulebook }

    /// Text handed to a sink at a time.
    static let chunkSize = 1 << 16

    /// Writes one file per kind into `folder` (created when missing), each atomically, and
    /// returns the paths written. All kinds are read from one snapshot, so they agree.
    /// With `.createNew` (`demo`) an existing file is refused and left as it was.
    @discardableResult
    public func export(kinds: [ExportKind], range: ExportRange, dialect: CSVDialect, to folder: String,
                       mode: AtomicFile.Mode = .replace) async throws(SocialTimeError) -> [String] {
        try FileSystem.createDirectories(folder)
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return try await rulebook.export { reader in
            var paths: [String] = []
            for kind in kinds {
                let path = base + range.fileName(kind)
                try await writeFile(kind, range: range, dialect: dialect, path: path, mode: mode, reader: reader)
                paths.append(path)
            }
            return paths
        }
    }

    /// Writes one kind into the file `path` (its folder must exist), atomically.
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, toFile path: String) async throws(SocialTimeError) {
        try await rulebook.export { reader in try await writeFile(kind, range: range, dialect: dialect, path: path, reader: reader) }
    }

    /// Streams one kind to `sink` in chunks (for `--out -`).
    public func export(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect,
                       to sink: (String) throws -> Void) async throws(SocialTimeError) {
        try await rulebook.export { reader in try await stream(kind, range: range, dialect: dialect, reader: reader, to: sink) }
    }

    private func writeFile(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, path: String,
                           mode: AtomicFile.Mode = .replace, reader: ExportReader) async throws {
        let file = try AtomicFile(path: path, mode: mode)
        do {
            try await stream(kind, range: range, dialect: dialect, reader: reader) { text in try file.write(text) }
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// Runs inside the caller's read transaction.
    private func stream(_ kind: ExportKind, range: ExportRange, dialect: CSVDialect, reader: ExportReader,
                        to sink: (String) throws -> Void) async throws {
        var chunk = dialect.byteOrderMark + CSVWriter.row(kind.header.map(CSVField.text), dialect: dialect)
        func emit(_ fields: [CSVField]) throws {
            CSVWriter.append(fields, dialect: dialect, to: &chunk)
            if chunk.utf8.count >= Self.chunkSize {
                try sink(chunk)
                chunk = ""
            }
        }
        switch kind {
        case .entries:
            try await reader.forEachEntry(in: range) { entry in try emit(EntryRendering.csvFields(entry)) }
        case .results:
            let (from, to) = try await dates(range, reader: reader)
            for result in try await reader.results(from: from, to: to) { try emit(ResultRendering.csvFields(result)) }
        case .summary, .flags:
            for week in try await weeks(range, reader: reader) {
                let analysis = try await reader.analysis(week)
                for person in kind == .flags ? analysis.flagged : analysis.people {
                    try emit(kind.fields(person, in: analysis))
                }
            }
        }
        if !chunk.isEmpty { try sink(chunk) }
    }

    /// The dates `entries` and `results` cover; for `all`, every date there is.
    private func dates(_ range: ExportRange, reader: ExportReader) async throws -> (CalendarDate, CalendarDate) {
        switch range {
        case .week(let week): return (week.monday, week.sunday)
        case .dates(let from, let to): return (from, to)
        case .all: return (CalendarDate(year: 1, month: 1, day: 1)!, CalendarDate(year: 9999, month: 12, day: 31)!)
        }
    }

    /// The ISO weeks `summary` and `flags` cover: those overlapping the range; for `all`, from the
    /// first to the last week with entries or a justification.
    private func weeks(_ range: ExportRange, reader: ExportReader) async throws -> [ISOWeek] {
        switch range {
        case .week(let week): return [week]
        case .dates(let from, let to):
            // Only the weeks that hold data can have rows: a range of a thousand years must not
            // analyse fifty thousand empty weeks one by one.
            let withData = try await reader.weeksWithData()
            guard let first = withData.first, let last = withData.last else { return [] }
            return ISOWeek.all(from: max(first, ISOWeek(containing: from)), through: min(last, ISOWeek(containing: to)))
        case .all: return try await reader.weeksWithData()
        }
    }
}
