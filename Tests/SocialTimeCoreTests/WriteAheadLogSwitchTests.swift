import Foundation
import SocialTimeCore
import SocialTimeSQLite
import Testing

/// When many processes open a new database at once, one switches it to WAL while another is
/// mid-transaction. SQLite then answers the switch with SQLITE_BUSY at once, without calling the
/// busy handler (it would deadlock), so `enableWriteAheadLog` must retry rather than fail.
@Suite struct WriteAheadLogSwitchTests {
    /// What the background thread saw, handed back across threads.
    final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var value: String?? = .none
        func set(_ error: String?) { lock.withLock { value = .some(error) } }
        var error: String?? { lock.withLock { value } }
    }

    @Test func theSwitchWaitsForAWriterInsteadOfFailingAtOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("socialtime-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("fresh.db").path

        // A file still in SQLite's default rollback-journal mode, with a writer holding its lock.
        let writer = try Connection(path: path)
        try writer.execute("CREATE TABLE t(x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")

        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                try Connection(path: path).enableWriteAheadLog()
                outcome.set(nil)
            } catch {
                outcome.set("\(error)")
            }
            done.signal()
        }
        usleep(300_000)
        try writer.execute("COMMIT")
        done.wait()

        #expect(outcome.error == .some(nil), "the switch failed: \(String(describing: outcome.error))")
        let mode = try Connection(path: path).scalarText("PRAGMA journal_mode")
        #expect(mode == "wal")
    }
}
