import ArgumentParser
import SocialTimeCore
#if canImport(Glibc)
import Glibc
#endif

struct Export: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write CSV files for payroll, HR and BI tools (default: last week, all kinds, into ./reports/).",
        discussion: """
        Files are named socialtime-<kind>-<week>.csv (or -<from>_<to>.csv, or -all.csv) and \
        written atomically: a reader never sees half a file, and a failed export leaves the \
        earlier file. entries holds the entries dated in the range; summary and flags hold \
        every ISO week that overlaps it, each judged on its whole week.

        Examples:
          socialtime export
          socialtime export --week 2026-W47 --dialect excel --out /srv/reports/
          socialtime export --kind flags --out -
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks). Default: last week.", valueName: "week"))
    var week: String?

    @Option(help: ArgumentHelp("First day of a date range (with --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Last day of a date range (with --from).", valueName: "date"))
    var to: String?

    @Flag(help: "Everything in the database (files named socialtime-<kind>-all.csv).")
    var all = false

    @Option(help: ArgumentHelp("Which file: entries, summary, flags, results or all.", valueName: "kind"))
    var kind: KindChoice = .all

    @Option(help: ArgumentHelp("A folder (existing, or ending in /), a .csv file (one kind only), or - for stdout (one kind only).", valueName: "dir|file|-"))
    var out: String = "reports/"

    @Option(help: ArgumentHelp("rfc4180 (comma, '.' decimals) or excel (semicolon, decimal comma, BOM: what a Danish Excel opens).", valueName: "dialect"))
    var dialect: DialectChoice = .rfc4180

    @OptionGroup var global: GlobalOptions

    enum KindChoice: String, ExpressibleByArgument, CaseIterable {
        case entries, summary, flags, results, all
        var kinds: [ExportKind] { self == .all ? ExportKind.allCases : [ExportKind(rawValue: rawValue)!] }
    }

    enum DialectChoice: String, ExpressibleByArgument, CaseIterable {
        case rfc4180, excel
        var dialect: CSVDialect { self == .excel ? .excel : .rfc4180 }
    }

    func validate() throws {
        let ranges = [week != nil, from != nil || to != nil, all].filter { $0 }.count
        if ranges > 1 { throw ValidationError("pick one of --week, --from/--to and --all") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together: give both") }
        if out == "-" && kind == .all {
            throw ValidationError("--out - writes one CSV to stdout: pick one --kind (entries, summary, flags or results)")
        }
        if out.hasSuffix(".csv") && kind == .all {
            throw ValidationError("--out \(out) is one file: pick one --kind (entries, summary, flags or results), or give a folder")
        }
    }

    func run(_ session: Session) async throws {
        let range = try self.range(session.dates)
        let exporter = CSVExporter(rulebook: try await session.rulebook(create: false))
        if out == "-" {
            try await exporter.export(kind.kinds[0], range: range, dialect: dialect.dialect) { text in try session.write(text) }
            try session.note("Wrote \(range.fileName(kind.kinds[0])) to stdout.")
        } else if out.hasSuffix(".csv") && !FileSystem.isDirectory(session.path(out)) {
            try FileSystem.createDirectories(FileSystem.directory(of: session.path(out)))
            try await exporter.export(kind.kinds[0], range: range, dialect: dialect.dialect, toFile: session.path(out))
            try session.print(out)
        } else if out.hasSuffix("/") || FileSystem.isDirectory(session.path(out)) {
            let folder = out.hasSuffix("/") ? out : out + "/"
            for path in try await exporter.export(kinds: kind.kinds, range: range, dialect: dialect.dialect, to: session.path(folder)) {
                try session.print(folder + path.split(separator: "/").last.map(String.init)!)
            }
        } else {
            throw SocialTimeError.invalidInput("--out \(out) is neither a folder nor a .csv file: end a folder with / (it is created), name a file .csv, or use - for stdout")
        }
    }

    private func range(_ dates: DateParser) throws(SocialTimeError) -> ExportRange {
        if all { return .all }
        if let from, let to {
            let first = try dates.date(from), last = try dates.date(to)
            guard first <= last else {
                throw .invalidInput("--from \(first) is after --to \(last): the range must run forward")
            }
            return .dates(from: first, to: last)
        }
        return .week(try dates.week(week ?? "last"))
    }
}
