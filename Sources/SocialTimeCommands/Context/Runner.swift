import ArgumentParser
import SocialTimeCore

/// Runs a command line against a context and answers the exit code, printing failures on the
/// context's stderr as `socialtime: error: …`. The process and the in-process tests both run
/// commands through here, so they see the same exit codes and messages.
enum Runner {
    /// `quick: false` leaves every line to ArgumentParser (for the tests that compare the two).
    static func execute(_ arguments: [String], context: Context, quick: Bool = true) async -> Int32 {
        var command: any ParsableCommand
        do {
            let checked = try RawArguments.joiningNegativeValues(RawArguments.joiningTextValues(arguments))
            if quick {
                // `socialtime --version` alone, and the common `log` and `report` lines: read
                // directly (`QuickLine`), the rest by ArgumentParser. (A quick line names its
                // command, so it never needs the "did you mean" below.)
                if checked == ["--version"] {
                    try? context.stdout.write(SocialTime.configuration.version + "\n")
                    return 0
                }
                if let quick = quickCommand(checked) { return await execute(command: quick, context: context) }
            }
            if let unknown = CommandSuggestion.check(checked, root: SocialTime.self) { throw unknown }
            command = try SocialTime.parseAsRoot(checked)
        } catch let error as SocialTimeError {
            return report(error, context: context)
        } catch {
            return argumentParserFailure(error, context: context)
        }
        // A socialtime command's synchronous `run()` hands itself back (`CommandDispatch`), so no
        // `as? any SocialTimeCommand` is needed: that cast is a protocol-conformance lookup in
        // every run (about 2% of a one-entry `log`). The root command alone, or ArgumentParser's own
        // help command (`log --help`, `help log`), asks for the right help screen, printed below.
        do {
            try command.run()
        } catch let dispatch as CommandDispatch {
            return await execute(command: dispatch.command, context: context)
        } catch {
            return argumentParserFailure(error, context: context)
        }
        return 0
    }

    static func execute(command: any SessionCommand, context: Context) async -> Int32 {
        let session: Session
        do {
            session = try Session(context: context, options: command.settings)
        } catch {
            return report(error, context: context)
        }
        let code: Int32
        do {
            try await command.run(session)
            code = 0
        } catch let error as SocialTimeError {
            code = report(error, context: context)
        } catch {
            code = argumentParserFailure(error, context: context)
        }
        await session.close()
        return code
    }

    private static func report(_ error: SocialTimeError, context: Context) -> Int32 {
        try? context.stderr.write("socialtime: error: \(error.message)\n")
        return error.exitCode
    }

    /// Help, version, usage errors and `ExitCode`s, as ArgumentParser would print them.
    private static func argumentParserFailure(_ error: any Error, context: Context) -> Int32 {
        let code = SocialTime.exitCode(for: error).rawValue
        let message = SocialTime.fullMessage(for: error)
        if !message.isEmpty {
            try? (code == 0 ? context.stdout : context.stderr).write(message + "\n")
        }
        return code
    }
}
