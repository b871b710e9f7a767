import Foundation
import Testing

/// How a process that was sent SIGKILL ended: killed mid-way, or done before the signal came.
struct KilledRun {
    let result: RunResult
    let wasKilled: Bool
}

extension Sandbox {
    /// Starts `socialtime ARGS…`, waits `delay` microseconds and SIGKILLs it, as a power cut or the
    /// OOM killer would. Import and export kills use the same helper once those commands exist.
    func killMidway(_ arguments: [String], afterMicroseconds delay: UInt32) throws -> KilledRun {
        let process = try start(arguments)
        if delay > 0 { usleep(delay) }
        process.kill()
        let result = try process.finish()
        return KilledRun(result: result, wasKilled: process.process.terminationReason == .uncaughtSignal)
    }

    /// Starts `socialtime ARGS…` and SIGKILLs it as soon as `isMidway` holds (polled every
    /// millisecond), e.g. once its temporary file or write-ahead log has grown: a kill that lands in
    /// the middle of the work however fast or slow the machine is. Gives up waiting after `timeout`.
    func killWhen(_ arguments: [String], timeout: Double = 60, _ isMidway: () -> Bool) throws -> KilledRun {
        let process = try start(arguments)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && !isMidway() && Date() < deadline { usleep(1_000) }
        process.kill()
        let result = try process.finish()
        return KilledRun(result: result, wasKilled: process.process.terminationReason == .uncaughtSignal)
    }

    /// The size of a file in the sandbox (0 when it does not exist).
    func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// What must hold after any crash: `db check` passes without manual repair, every stored entry
    /// is whole (it has the audit row written in the same transaction), and the next write works.
    func expectIntactAfterCrash(sourceLocation: SourceLocation = #_sourceLocation) throws {
        // Killed before SQLite wrote a byte, a first run leaves no file or an empty one: `db check`
        // (read-only) rightly refuses to make that a database, so the next write sets it up.
        if ((try? FileManager.default.attributesOfItem(atPath: database))?[.size] as? Int ?? 0) == 0 {
            #expect(try run(["db", "check"]).status != 0, "db check made a database of nothing", sourceLocation: sourceLocation)
            let setup = try run(["log", "5m", "--network", "reddit", "--outcome", "listening", "--note", "sets it up"])
            #expect(setup.status == 0, "the next command after a crash: \(setup.output)", sourceLocation: sourceLocation)
        }
        let check = try run(["db", "check"])
        #expect(check.status == 0, "db check after a crash: \(check.output)", sourceLocation: sourceLocation)
        #expect(check.stdout.contains("integrity:      ok"), "\(check.stdout)", sourceLocation: sourceLocation)
        #expect(try sqlite("PRAGMA integrity_check") == "ok", sourceLocation: sourceLocation)
        let orphans = try sqlite("""
            SELECT count(*) FROM entries e
            WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entry_id = e.id AND a.action IN ('create', 'import'))
            """)
        #expect(orphans == "0", "entries without their audit row", sourceLocation: sourceLocation)

        let before = try entryCount()
        let next = try run(["log", "5m", "--network", "reddit", "--outcome", "listening", "--note", "after the crash"])
        #expect(next.status == 0, "the next command after a crash: \(next.output)", sourceLocation: sourceLocation)
        #expect(try entryCount() == before + 1, sourceLocation: sourceLocation)
    }
}
