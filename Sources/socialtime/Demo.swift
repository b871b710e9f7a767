import ArgumentParser
import SocialTimeCore
import SocialTimeStores

struct Demo: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo database and print last week's report.",
        discussion: """
        Eight people, six weeks ending last week, several networks and outcomes, results, and \
        justifications in every state. Without --db it writes \(StoreOpener.defaultDemoPath) in the current \
        folder (not $SOCIALTIME_DB: your real data is never touched). A demo database is rebuilt on \
        every run; any other existing file is refused.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let path = global.db.flatMap { $0.isEmpty ? nil : $0 } ?? StoreOpener.defaultDemoPath
        let rulebook = try await session.demoRulebook(at: session.path(path))
        try await rulebook.loadDemo(DemoDataset(today: session.clock.today))
        let week = ISOWeek(containing: session.clock.today).previous
        let report = try await rulebook.weeklyReport(week)
        try session.write(ReportTextRenderer(colour: session.colour).render(report))
        // The spec's demo also writes last week's CSVs into ./reports/, as `socialtime export` does.
        let written = try await CSVExporter(rulebook: rulebook).export(kinds: ExportKind.allCases, range: .week(week),
                                                                       dialect: .rfc4180, to: session.path("reports/"))
        try session.print("")
        try session.print("CSV files: \(written.joined(separator: ", "))")
        try session.print("Demo database: \(path)")
        try session.print("Try:  socialtime --db \(path) flags")
        try session.print("      socialtime --db \(path) report --format html --out report.html")
    }
}
