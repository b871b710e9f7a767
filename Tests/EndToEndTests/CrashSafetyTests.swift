import Foundation
import Testing

/// SIGKILL at any moment leaves a database that needs no repair and holds no half-written entry.
@Suite struct CrashSafetyTests {
    static let attempts = 40

    @Test func killingLogAtAnyMomentLeavesNoPartialEntry() async throws {
        let box = try await Sandbox.make()
        // A database that exists already, so kills land in logging rather than only in creating it.
        #expect(await box.runInProcess(["log", "1h", "--network", "linkedin", "--outcome", "recruiting", "--note", "before"]).status == 0)

        var finished = 0, killed = 0
        for attempt in 0..<Self.attempts {
            // Delays spread over a log's whole run: start-up, open, the transaction, the commit.
            let delay = UInt32(attempt * 1_117 % 45_000)
            let run = try box.killMidway(["log", "\(attempt + 1)m", "--network", "facebook", "--outcome", "listening",
                                          "--note", "attempt \(attempt)"], afterMicroseconds: delay)
            if run.wasKilled {
                killed += 1
            } else {
                #expect(run.result.status == 0, "\(run.result.output)")
                finished += 1
            }
        }
        #expect(killed > 0, "no process was killed mid-way, so nothing was tested")

        // Every entry that exists is one of the attempts, whole: its own minutes and note.
        let stored = try box.sqlite("SELECT minutes || ' ' || note FROM entries WHERE note LIKE 'attempt %' ORDER BY id")
            .split(separator: "\n").map(String.init)
        #expect(stored.count >= finished && stored.count <= Self.attempts)
        for row in stored {
            let parts = row.split(separator: " ")
            #expect(parts.count == 3 && Int(parts[0]).map { "attempt \($0 - 1)" } == "\(parts[1]) \(parts[2])", "\(row)")
        }
        try box.expectIntactAfterCrash()
    }

    /// The first run creates the file, switches it to WAL and migrates it: a kill in any of those
    /// steps must leave something the next run can open and finish setting up.
    @Test func killingTheRunThatCreatesTheDatabaseNeedsNoRepair() async throws {
        // The login itself logs, registering on the fresh file: nobody needs to be on a roster yet.
        let box = try await Sandbox.make(user: nil)
        var killed = 0
        for attempt in 0..<12 {
            box.database = box.path("fresh-\(attempt)/socialtime.db")
            let run = try box.killMidway(["log", "1h", "--network", "linkedin", "--outcome", "recruiting"],
                                         afterMicroseconds: UInt32(attempt * 3_500))
            if run.wasKilled { killed += 1 }
            try box.expectIntactAfterCrash()
        }
        #expect(killed > 0, "no process was killed mid-way, so nothing was tested")
    }
}
