import Foundation
import Testing

/// docs/socialtime.1 is generated from the command definitions (scripts/generate-man.sh); these
/// fail when a command or option was added without regenerating it, and check that it renders.
@Suite struct ManPageTests {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/socialtime.1")

    /// Every command path and its options, from the binary's own description of itself.
    static func commands() async throws -> [(path: String, options: [String])] {
        let box = try await Sandbox.make()
        let dump = await box.runInProcess(["--experimental-dump-help"], withDatabase: false)
        #expect(dump.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any]
        var found: [(String, [String])] = []
        func walk(_ command: [String: Any], path: String) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let options = arguments.filter { $0["shouldDisplay"] as? Bool ?? true }.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            }
            found.append((path, options))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path: path + " " + (sub["commandName"] as? String ?? "?"))
            }
        }
        walk(try #require(json?["command"] as? [String: Any]), path: "socialtime")
        return found
    }

    @Test func theCommittedPageNamesEveryCommandAndOption() async throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        let commands = try await Self.commands()
        #expect(commands.count > 30)
        for (path, options) in commands {
            if let name = path.split(separator: " ").last, path != "socialtime" {
                #expect(text.contains(".It Em \(name)"), "\(path) is missing from docs/socialtime.1: run scripts/generate-man.sh")
            }
            for option in options {
                // Followed by a space or the line's end, so --to is not found inside --total.
                #expect(text.contains("Fl -\(option) ") || text.contains("Fl -\(option)\n"), "\(path) --\(option) is missing from docs/socialtime.1: run scripts/generate-man.sh")
            }
        }
    }

    static let man = ["/usr/bin/man", "/bin/man"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: man != nil, "SKIPPED: `man` is not installed (apt-get install man-db groff-base); the page's rendering is not checked"))
    func manRendersThePage() async throws {
        let box = try await Sandbox.make()
        let result = try RunningProcess(binary: URL(fileURLWithPath: Self.man!), arguments: ["-l", Self.page.path],
                                        environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "100", "HOME": box.folder.path],
                                        directory: box.folder, stdin: nil).finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SOCIALTIME(1)"))
        #expect(result.stdout.contains("Record time spent on a social network"))
        #expect(result.stdout.contains("--from HH:MM"))
    }

    /// `man --warnings` printed 22 "mdoc warning: Empty input line" and EXIT STATUS named only 0
    /// and 1 (issue 24): the page renders without a warning and explains every exit code.
    @Test(.enabled(if: man != nil, "SKIPPED: `man` is not installed (apt-get install man-db groff-base); the page's warnings are not checked"))
    func manPrintsNoWarningsAndExplainsEveryExitCode() async throws {
        let box = try await Sandbox.make()
        let result = try RunningProcess(binary: URL(fileURLWithPath: Self.man!), arguments: ["--warnings", "-l", Self.page.path],
                                        environment: ["PATH": "/usr/bin:/bin", "MANPAGER": "cat", "MANWIDTH": "80", "HOME": box.folder.path],
                                        directory: box.folder, stdin: nil).finish()
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let exitStatus = try #require(result.stdout.components(separatedBy: "EXIT STATUS").last)
        for code in ["0", "1", "3", "64", "65", "66", "75", "77"] {
            #expect(exitStatus.contains("\n     \(code) "), "exit code \(code) is explained")
        }
    }

    /// The man page generator drops every non-ASCII character ("Instagram  against"), so the
    /// texts it takes from the commands are kept ASCII.
    @Test func helpTextsTheManPageTakesAreASCII() async throws {
        let box = try await Sandbox.make()
        let dump = await box.runInProcess(["--experimental-dump-help"], withDatabase: false)
        #expect(dump.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var texts: [String] = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, item) in object {
                    if ["abstract", "discussion"].contains(key), let text = item as? String { texts.append(text) } else { walk(item) }
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(json)
        #expect(texts.count > 30)
        for text in texts where !text.allSatisfy({ $0.isASCII }) { Issue.record("not ASCII, the man page would drop it: \(text)") }
    }
}
