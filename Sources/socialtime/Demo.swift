import ArgumentParser
import SocialTimeCore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo database and print last week's report.",
        discussion: """
        Eight people, six weeks ending last week, several networks and outcomes, results, and \
        justifications in every state. Without --db it writes \(SQLiteStore.defaultDemoPath) in the current \
        folder (not $SOCIALTIME_DB: your real data is never touched). A demo database is rebuilt on \
        every run; any other existing file is refused.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Session.run(global) { session in
            let path = global.db.flatMap { $0.isEmpty ? nil : $0 } ?? SQLiteStore.defaultDemoPath
            let store = try SQLiteStore.buildDemo(at: path, clock: session.clock)
            let week = ISOWeek(containing: session.clock.today).previous
            let report = try store.weeklyReport(week)
            let colour = Output.stdoutIsTerminal && (session.environment["NO_COLOR"] ?? "").isEmpty
            Output.write(ReportTextRenderer(colour: colour).render(report))
            // The spec's demo also writes last week's CSVs into ./reports/, as `socialtime export` does.
            let written = try CSVExporter(store: store).export(kinds: ExportKind.allCases, range: .week(week),
                                                               dialect: .rfc4180, to: "reports/", mode: .createNew)
            Output.print("")
            Output.print("CSV files: \(written.joined(separator: ", "))")
            Output.print("Demo database: \(path)")
            Output.print("Try:  socialtime --db \(path) flags")
            Output.print("      socialtime --db \(path) report --format html --out report.html")
        }
    }
}
