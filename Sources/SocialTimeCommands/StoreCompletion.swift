import ArgumentParser
import Dispatch
import SocialTimeCore

/// Shell completion of the names in the database: networks (keys and aliases), outcomes that take
/// entries, and active staff handles. The generated bash, zsh and fish scripts call back into
/// socialtime (ArgumentParser's `---completion`) when TAB is pressed, with the words typed so far,
/// so `--db` on the command line picks the database as it would for the command itself.
enum StoreCompletion {
    enum Names: String, ExpressibleByArgument, CaseIterable, Sendable {
        case networks, outcomes, staff
    }

    static let networks = CompletionKind.custom { words, _, _ in names(.networks, words: words) }
    static let outcomes = CompletionKind.custom { words, _, _ in names(.outcomes, words: words) }
    static let staff = CompletionKind.custom { words, _, _ in names(.staff, words: words) }

    /// The names, or none at all when anything is wrong: TAB must never print an error into the
    /// command line or create a database.
    static func names(_ names: Names, words: [String]) -> [String] {
        guard let options = try? GlobalOptions.parse(databaseArguments(in: words)) else { return [] }
        return (try? self.names(names, options: options)) ?? []
    }

    /// ArgumentParser asks synchronously; the store answers asynchronously, on another thread.
    static func names(_ names: Names, options: GlobalOptions) throws -> [String] {
        let box = ResultBox()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do {
                let session = try Session(context: .live(), options: options.settings)
                do {
                    box.result = .success(try await self.names(names, session: session))
                } catch {
                    box.result = .failure(error)
                }
                await session.close()
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result?.get() ?? []
    }

    static func names(_ names: Names, session: Session) async throws -> [String] {
        // Only an existing database is read (rulebook(create: false)): completing in a new shell must not make one.
        let rulebook = try await session.rulebook(create: false)
        let stored: [String]
        switch names {
        case .networks: stored = try await rulebook.networks().flatMap { [$0.key] + $0.aliases }
        case .outcomes: stored = try await rulebook.outcomes().filter { !$0.retired }.map { $0.key }
        case .staff: stored = try await rulebook.listStaff().filter { $0.active }.map { $0.handle.value }
        }
        // The shells' scripts hand these words to `compgen -W` (bash), `_describe` (zsh) or a
        // command substitution (fish), which expand `$(…)`, backticks and globs. A value written
        // into the database with other tools must never run as code in a colleague's shell: only
        // words of the key grammar — nothing a shell treats specially — are offered.
        return stored.filter(Self.isOfferable)
    }

    /// `[a-z0-9._-]{1,32}`: the grammar of handles and catalogue keys, none of it special to a shell.
    static func isOfferable(_ word: String) -> Bool {
        (1...32).contains(word.utf8.count)
            && word.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 46 || $0 == 95 || $0 == 45 }
    }

    private final class ResultBox: @unchecked Sendable {
        var result: Result<[String], any Error>?
    }

    /// `--db PATH` (or `--db=PATH`) from the shell words typed so far, with one level of shell
    /// quotes taken off, for `GlobalOptions.parse`.
    static func databaseArguments(in words: [String]) -> [String] {
        var result: [String] = []
        for (index, word) in words.enumerated() {
            if word == "--db", index + 1 < words.count {
                result = ["--db", unquoted(words[index + 1])]
            } else if word.hasPrefix("--db=") {
                result = ["--db", unquoted(String(word.dropFirst(5)))]
            }
        }
        return result
    }

    static func unquoted(_ word: String) -> String {
        guard word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first else { return word }
        return String(word.dropFirst().dropLast())
    }
}

/// `socialtime __complete networks|outcomes|staff`: the names, one a line, for shell scripts and
/// completion setups of one's own. Hidden from help: it is plumbing.
struct CompleteCommand: SocialTimeCommand {
    static let configuration = CommandConfiguration(commandName: "__complete",
        abstract: "Print the network, outcome or staff names that completion offers.",
        shouldDisplay: false)

    @Argument(help: "networks, outcomes or staff")
    var names: StoreCompletion.Names

    @OptionGroup var global: GlobalOptions

    func run(_ session: Session) async throws {
        for name in try await StoreCompletion.names(names, session: session) { try session.print(name) }
    }
}
