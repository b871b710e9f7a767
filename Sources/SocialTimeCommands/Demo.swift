import ArgumentParser
import SocialTimeCore
import SocialTimeStores

struct Demo: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo database and print last week's report.",
        discussion: """
        A Danish company: eight people, six weeks ending last week, several networks and outcomes, \
        results, and justifications in every state, with its report in Danish (config language da). Without --db it writes \(StoreOpener.defaultDemoPath) in the current \
        folder (not $SOCIALTIME_DB: your real data is never touched). A demo database is rebuilt on \
        every run; any other existing file is refused. Last week's CSVs go into \(DemoReports.folderName); \
        a second run rebuilds the ones it wrote, and never overwrites a file it did not write.
        """
    )

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        let path = global.db.flatMap { $0.isEmpty ? nil : $0 } ?? StoreOpener.defaultDemoPath
        let week = ISOWeek(containing: session.clock.today).previous
        // Its own CSVs from an earlier run are rebuilt; any other file of those names is refused
        // before the database is touched.
        let reports = DemoReports(folder: session.path(DemoReports.folderName))
        let names = ExportKind.allCases.map { ExportRange.week(week).fileName($0) }
        let own = try reports.writable(names)
        let rulebook = try await session.demoRulebook(at: session.path(path))
        try await rulebook.loadDemo(DemoDataset(today: session.clock.today))
        let report = try await rulebook.weeklyReport(week)
        try session.write(ReportTextRenderer(colour: session.colour).render(report))
        // Last week's CSVs, as `socialtime export` writes them, into ./reports/demo/.
        let exporter = CSVExporter(rulebook: rulebook)
        for (kind, name) in zip(ExportKind.allCases, names) {
            try await exporter.export(kinds: [kind], range: .week(week), dialect: .rfc4180, to: reports.folder,
                                      mode: own[name] == true ? .replace : .createNew)
        }
        try reports.record(names)
        try session.print("")
        try session.print("CSV files: \(names.map { DemoReports.folderName + $0 }.joined(separator: ", "))")
        try session.print("Demo database: \(path)")
        try session.print("Try:  socialtime --db \(path) flags")
        try session.print("      socialtime --db \(path) report --format html --out report.html")
    }
}
