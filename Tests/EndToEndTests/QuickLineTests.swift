import ArgumentParser
import Foundation
import SocialTimeCore
import Testing
@testable import SocialTimeCommands
#if canImport(Glibc)
import Glibc
#endif

/// `log` and `report` lines are read without ArgumentParser when they are plainly well formed
/// (`QuickLine`, for start-up time). Each reading must be exactly ArgumentParser's, and every
/// other line must be left to ArgumentParser, so messages, help and completion stay its own.
@Suite struct QuickLineTests {
    /// What ArgumentParser makes of the line, after the same raw-argument checks as `Runner`.
    static func parsed(_ arguments: [String]) throws -> any ParsableCommand {
        try SocialTime.parseAsRoot(try RawArguments.joiningNegativeValues(RawArguments.joiningTextValues(arguments)))
    }

    static func checked(_ arguments: [String]) throws -> [String] {
        try RawArguments.joiningNegativeValues(RawArguments.joiningTextValues(arguments))
    }

    static let logLines: [[String]] = [
        ["log", "45m", "linkedin", "recruiting"],
        ["--db", "x.db", "--as", "bench", "log", "1m", "--network", "linkedin", "--outcome", "recruiting", "--note", "bench"],
        ["log", "1h30", "-n", "fb", "-o", "customer-service", "-d", "mon", "-m", "Answered DMs"],
        ["log", "--from", "09:00", "--to", "10:30", "linkedin", "recruiting", "--date", "yesterday"],
        ["log", "1,5", "--network=fb", "--outcome=customer-service", "--date=2026-11-23", "--note=a=b"],
        ["log", "20m", "x", "listening", "-m", "- replied to 3 DMs"],
        ["log", "20m", "x", "listening", "--note", "--"],
        ["log", "1h", "30m", "linkedin", "recruiting", "extra"],
        ["log", "1h", "linkedin", "recruiting", "--db", "late.db", "--as", "bo"],
        ["--db=x.db", "--as=bo", "log", "2h", "linkedin", "recruiting", "--reason", "forgot it"],
        ["--as", "log", "log", "1h", "log", "recruiting"],
        ["log", "30", "linkedin", "recruiting"],
        ["log", "linkedin", "recruiting"],
        ["log"],
        ["log", "1h", "linkedin", "recruiting", "-m", "a note with spaces, æøå 👩‍💻"],
    ]

    @Test(arguments: logLines) func aLogLineIsReadAsArgumentParserReadsIt(line: [String]) throws {
        let quick = try #require(Runner.quickCommand(try Self.checked(line)) as? LogRequest, "not read quickly: \(line)")
        let full = try #require(try Self.parsed(line) as? Log)
        #expect(quick == full.request)
    }

    static let reportLines: [[String]] = [
        ["report"],
        ["--db", "h.db", "report", "--week", "2025-W48", "--format", "json"],
        ["report", "--week=last", "--weeks=0", "--format=html", "--out", "report.html"],
        ["report", "--weeks", "\(Rulebook.maximumTrendWeeks)", "--format", "markdown", "--as", "bo", "--out=-"],
        ["report", "--format", "email", "--db", "x.db"],
    ]

    @Test(arguments: reportLines) func aReportLineIsReadAsArgumentParserReadsIt(line: [String]) throws {
        let quick = try #require(Runner.quickCommand(try Self.checked(line)) as? ReportRequest, "not read quickly: \(line)")
        let full = try #require(try Self.parsed(line) as? Report)
        #expect(quick == full.request)
    }

    /// Lines the quick reading leaves to ArgumentParser: help, completion, `--`, an option it does not
    /// know, given twice, joined to a short name or without a value, a separate value that looks like an
    /// option, an empty word, `help`, and a report's `--weeks`/`--format` that ArgumentParser refuses.
    static let declined: [[String]] = [
        ["log", "--help"], ["log", "-h"], ["help", "log"], ["log", "help"], ["--help"], ["--version", "log"],
        ["log", "1h", "linkedin", "recruiting", "--generate-completion-script", "bash"],
        ["log", "1h", "--", "linkedin", "recruiting"], ["log", "1h", "linkedin", "recruiting", "--bogus", "x"],
        ["log", "1h", "linkedin", "recruiting", "-m", "a", "--note", "b"], ["log", "1h", "-nfb", "-o", "recruiting"],
        ["log", "1h", "-n=fb", "-o", "recruiting"], ["log", "1h", "linkedin", "recruiting", "--date"],
        ["log", "1h", "linkedin", "recruiting", "--db", "--as", "bo"], ["log", "1h", "linkedin", "recruiting", "-m", ""],
        ["log", "", "linkedin", "recruiting"], ["--db", "x.db", "--as", "bo", "--as", "eve", "log", "1h", "a", "b"],
        ["log", "1h", "linkedin", "recruiting", "--weeks", "4"], ["1h", "log", "linkedin", "recruiting"],
        ["--note", "x", "log", "1h", "linkedin", "recruiting"], ["start", "linkedin", "recruiting"], ["entries"],
        ["report", "--weeks", "99"], ["report", "--weeks", "four"], ["report", "--format", "pdf"], ["report", "last"],
        ["report", "--week", "2025-W48", "--help"], ["report", "--note", "x"], ["report", "--format", "JSON"],
        ["---completion", "log", "--", "networkArgument", "1", "l"],
    ]

    @Test(arguments: declined) func otherLinesAreLeftToArgumentParser(line: [String]) throws {
        let checked = (try? Self.checked(line)) ?? line
        #expect(Runner.quickCommand(checked) == nil, "\(line)")
    }

    /// Whole runs, read quickly and by ArgumentParser alone: the same exit code, output and data.
    /// The refusals and bad input come from the command's own checks, so they must match too.
    static let runs: [[String]] = [
        ["--version"],
        ["log", "45m", "linkedin", "recruiting", "-m", "- replied"],
        ["log", "30", "linkedin", "recruiting"],
        ["log", "1h", "30m", "linkedin", "recruiting"],
        ["log", "1h", "nosuchnetwork", "recruiting"],
        ["log", "1h", "linkedin"],
        ["log", "1h", "linkedin", "recruiting", "--date", "2099-01-01"],
        ["log", "25h", "linkedin", "recruiting"],
        ["--as", "nobody-here", "log", "1h", "linkedin", "recruiting", "--reason", "x"],
        ["report", "--week", "2026-W48", "--format", "json"],
        ["report", "--week", "W99"],
        ["report", "--weeks", "99"],
        ["report", "--format", "pdf"],
        ["log", "--help"],
        ["report", "--help"],
    ]

    @Test(arguments: StoreKind.all, runs) func aRunEndsAlikeReadQuicklyOrByArgumentParser(store: StoreKind, line: [String]) async throws {
        var results: [String] = []
        for quick in [true, false] {
            let box = try await Sandbox.make(store: store)
            let stdout = CapturedOutput(), stderr = CapturedOutput()
            let environment = ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "SOCIALTIME_TODAY": box.today, "NO_COLOR": "1",
                               "SOCIALTIME_USER": "anna", "SOCIALTIME_NOW": "2026-11-27T12:00"]
            let context = Context(environment: environment, epochSeconds: Int(time(nil)), loginName: Context.loginName(of: getuid()),
                                  userID: getuid(), stdout: stdout, stderr: stderr, workingDirectory: box.folder.path, stores: .team)
            let status = await Runner.execute(["--db", box.database] + line, context: context, quick: quick)
            let data = try box.query("SELECT id, date, minutes, network_id, outcome_id, note FROM entries ORDER BY id")
            results.append("\(status)\n\(stdout.text)\n\(stderr.text)\n\(data)"
                .replacingOccurrences(of: box.database, with: "<database>").replacingOccurrences(of: box.folder.path, with: "<folder>"))
        }
        #expect(results[0] == results[1], "\(line)")
        if line.first == "log", !line.contains("--help") { #expect(Runner.quickCommand(try Self.checked(line)) != nil, "\(line) not read quickly") }
    }
}

/// The live context's environment, read byte-wise from `environ`.
@Suite(.serialized) struct ProcessEnvironmentTests {
    @Test func eachVariableIsSplitAtItsFirstEqualsSign() {
        let name = "SOCIALTIME_QUICKLINE_TEST"
        let value = "a=b==c æøå 👩‍💻 =\u{0338}"
        setenv(name, value, 1)
        setenv(name + "_EMPTY", "", 1)
        defer { unsetenv(name); unsetenv(name + "_EMPTY") }
        let environment = ProcessEnvironment.current
        #expect(environment[name] == value)
        #expect(environment[name + "_EMPTY"] == "")
        #expect(environment["PATH"] == ProcessInfo.processInfo.environment["PATH"])
        #expect(environment.count == ProcessInfo.processInfo.environment.count)
    }
}
