import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The completion scripts ArgumentParser generates, driven in a real shell: TAB after
/// `socialtime log --network li` offers `linkedin` from the database the command line names.
@Suite struct CompletionEndToEndTests {
    /// Runs `script` in bash with `$0` the binary's path, in the sandbox's folder.
    static func bash(_ script: String, in box: Sandbox, asNobody: Bool = false) throws -> RunResult {
        // As a colleague: the unprivileged account `nobody` (uid 65534) through setpriv.
        let colleague = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", "/bin/bash"]
        return try RunningProcess(binary: URL(fileURLWithPath: asNobody ? "/usr/bin/setpriv" : "/bin/bash"),
                                  arguments: (asNobody ? colleague : []) + ["-c", script, Sandbox.binary.path],
                                  environment: ["PATH": "/usr/bin:/bin", "HOME": box.folder.path, "TZ": box.timeZone],
                                  directory: box.folder, stdin: nil).finish()
    }

    /// Sources the generated bash completion and presses TAB after `words` (the last one being
    /// completed), printing the candidates one a line.
    static func complete(_ words: [String], in box: Sandbox, asNobody: Bool = false) throws -> [String] {
        let quoted = words.map { "'" + $0 + "'" }.joined(separator: " ")
        let script = """
            source ./socialtime.bash
            COMP_WORDS=("$0" \(quoted))
            COMP_CWORD=\(words.count)
            COMP_LINE="${COMP_WORDS[*]}"
            COMP_POINT=${#COMP_LINE}
            COMPREPLY=()
            _socialtime socialtime "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try bash(script, in: box, asNobody: asNobody)
        #expect(result.status == 0, "\(result.output)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    static func sandboxWithCompletion() async throws -> Sandbox {
        let box = try await Sandbox.make()
        let script = try box.run(["--generate-completion-script", "bash"], withDatabase: false)
        #expect(script.status == 0)
        #expect(FileManager.default.createFile(atPath: box.path("socialtime.bash"), contents: Data(script.stdout.utf8)))
        return box
    }

    @Test func bashCompletesNetworksOutcomesAndStaffFromTheDatabase() async throws {
        let box = try await Self.sandboxWithCompletion()
        #expect(await box.runInProcess("log 1h linkedin recruiting").status == 0)
        #expect(await box.runInProcess("networks add linkup LinkUp").status == 0)
        #expect(await box.runInProcess("staff add lis --name Lis").status == 0)
        #expect(await box.runInProcess("outcomes add rebranding --description Rebranding").status == 0)
        #expect(await box.runInProcess("outcomes retire rebranding").status == 0)

        // `li` is linkedin's seeded alias: offered beside the keys that begin with it.
        #expect(Set(try Self.complete(["--db", box.database, "log", "--network", "li"], in: box)) == ["li", "linkedin", "linkup"])
        #expect(try Self.complete(["log", "--db", box.database, "-n", "linkedin", "--outcome", "re"], in: box) == ["recruiting"])
        // The positional network and outcome, the short options, and --db=PATH.
        #expect(try Self.complete(["--db=\(box.database)", "log", "45m", "faceb"], in: box) == ["facebook"])
        #expect(try Self.complete(["--db", box.database, "log", "45m", "linkedin", "cust"], in: box) == ["customer-service"])
        #expect(try Self.complete(["--db", box.database, "entries", "--staff", "li"], in: box) == ["lis"])
        #expect(try Self.complete(["--db", box.database, "--as", "a"], in: box) == ["anna"])
    }

    @Test func completingWithoutADatabaseOffersNothingAndCreatesNone() async throws {
        let box = try await Self.sandboxWithCompletion()
        let missing = box.path("nowhere/socialtime.db")
        #expect(try Self.complete(["--db", missing, "log", "--network", "li"], in: box).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: box.path("nowhere")))
    }

    @Test func theHiddenCompleteCommandListsNamesForScripts() async throws {
        let box = try await Sandbox.make()
        #expect(await box.runInProcess("log 1h linkedin recruiting").status == 0)
        let networks = await box.runInProcess("__complete networks")
        #expect(networks.status == 0)
        #expect(networks.stdout.split(separator: "\n").contains("linkedin"))
        #expect(networks.stdout.split(separator: "\n").contains("twitter"))  // aliases too
        #expect(await box.runInProcess("__complete staff").stdout == "anna\n")
        #expect(await box.runInProcess("__complete outcomes").stdout.contains("recruiting\n"))
        #expect(await box.runInProcess("__complete nothing").status == 64)
    }

    /// A name planted in the shared file with other tools (CHECKs off) would reach `compgen -W`,
    /// which expands `$(…)` and backticks: pressing TAB ran the planter's code as whoever pressed
    /// it. Only words of the key grammar are offered, to the owner and to a colleague's account.
    @Test(.enabled(if: getuid() == 0, "needs root to press TAB as a second account"))
    func storedNamesThatAreNotKeysAreNeverOfferedNorRun() async throws {
        let box = try await Self.sandboxWithCompletion()
        #expect(await box.runInProcess("log 1h linkedin recruiting").status == 0)
        let marker = box.path("ran")
        let planted = try box.sqlite("""
            PRAGMA ignore_check_constraints = ON;
            INSERT INTO network_aliases(alias, network_id) SELECT 'li$(touch \(marker)-dollar)', id FROM networks WHERE key = 'linkedin';
            INSERT INTO network_aliases(alias, network_id) SELECT 'li`touch \(marker)-tick`', id FROM networks WHERE key = 'linkedin';
            INSERT INTO network_aliases(alias, network_id) SELECT 'li*', id FROM networks WHERE key = 'linkedin';
            UPDATE outcomes SET key = 're$(touch \(marker)-outcome)' WHERE key = 'advertising';
            INSERT INTO staff(handle, name, role, active, created_at) VALUES ('an$(touch \(marker)-staff)', 'Planted', 'staff', 1, '2026-11-25T09:00:00Z');
            SELECT count(*) FROM network_aliases WHERE alias LIKE 'li%';
            """)
        #expect(planted.hasSuffix("4"), "\(planted)")  // the seeded `li` and the three planted
        #expect(chmod(box.folder.path, 0o777) == 0 && chmod(box.database, 0o666) == 0)
        #expect(chmod(box.path("socialtime.bash"), 0o644) == 0)

        for asColleague in [false, true] {
            let network = try Self.complete(["--db", box.database, "log", "--network", "li"], in: box, asNobody: asColleague)
            #expect(Set(network) == ["linkedin", "li"], "\(network)")
            #expect(try Self.complete(["--db", box.database, "log", "45m", "linkedin", "re"], in: box, asNobody: asColleague) == ["recruiting"])
            #expect(try Self.complete(["--db", box.database, "--as", "an"], in: box, asNobody: asColleague) == ["anna"])
            let ran = try FileManager.default.contentsOfDirectory(atPath: box.folder.path).filter { $0.hasPrefix("ran") }
            #expect(ran.isEmpty, "TAB ran stored text as code: \(ran)")
        }
        let helper = await box.runInProcess("__complete networks")
        #expect(helper.status == 0 && !helper.stdout.contains("$(") && !helper.stdout.contains("`") && !helper.stdout.contains("*"), "\(helper.stdout)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func everyShellsScriptAsksSocialtimeForTheNames(shell: String) async throws {
        let box = try await Sandbox.make()
        let script = try box.run(["--generate-completion-script", shell], withDatabase: false)
        #expect(script.status == 0)
        // The names come from the binary at TAB time, not from a list frozen into the script.
        #expect(script.stdout.contains("---completion log -- --network"), "\(shell)")
        #expect(!script.stdout.contains("linkedin"), "\(shell)")
    }
}
