import Foundation
import Testing

@Suite struct LogEndToEndTests {
    @Test(arguments: StoreKind.all) func logsDanishDecimalCommaAndKeepsTheNoteVerbatim(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        let note = "a \"quoted\", note; æøå 👩‍💻 '); DROP TABLE entries;--"
        let logged = await box.runInProcess(["log", "1,5", "--network", "LinkedIn", "--outcome", "recruiting", "--note", note])
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("1h 30m on linkedin for recruiting"))
        #expect(logged.stdout.contains("2026-W48: 1h 30m"))

        let listed = await box.runInProcess(["entries", "--format", "json"])
        #expect(listed.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [String: Any]
        let entries = json["entries"] as! [[String: Any]]
        #expect(entries.count == 1)
        #expect(entries[0]["minutes"] as? Int == 90)
        #expect(entries[0]["note"] as? String == note)
        #expect(entries[0]["week"] as? String == "2026-W48")
        #expect(entries[0]["date"] as? String == "2026-11-27")
        #expect(try box.query("SELECT note FROM entries") == note)
    }

    func minutes(_ box: Sandbox, id: Int) throws -> String { try box.query("SELECT minutes FROM entries WHERE id = \(id)") }

    @Test(arguments: StoreKind.all) func issueTensSpellingsStoreWhatTheyMean(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)  // today is Friday 2026-11-27
        let positional = await box.runInProcess(["log", "45m", "linkedin", "recruiting"])
        #expect(positional.status == 0, "\(positional.stderr)")
        #expect(try minutes(box, id: 1) == "45")

        let decimal = await box.runInProcess(["log", "1.30", "linkedin", "recruiting"])
        #expect(decimal.status == 0)
        #expect(try minutes(box, id: 2) == "78")
        #expect(decimal.stdout.contains("1.30 is read as 1.3 h = 1h 18m; for 1 h 30 min write 1:30"), "\(decimal.stdout)")

        #expect(await box.runInProcess(["log", "1h30", "-n", "fb", "-o", "customer-service", "-d", "mon"]).status == 0)
        #expect(try box.query("SELECT minutes, date FROM entries WHERE id = 3") == "90|2026-11-23")

        let span = await box.runInProcess(["log", "--from", "09:00", "--to", "10:30", "linkedin", "recruiting", "--date", "wednesday"])
        #expect(span.status == 0, "\(span.stderr)")
        #expect(try box.query("SELECT minutes, date FROM entries WHERE id = 4") == "90|2026-11-25")
        #expect(!span.stdout.contains("read as"))
    }

    @Test(arguments: StoreKind.all, ["- replied to 3 DMs", "-1 follower", "--", "-", "--- three dashes"])
    func notesThatBeginWithADashAreKeptAsTyped(store: StoreKind, note: String) async throws {
        let box = try await Sandbox.make(store: store)
        for option in ["-m", "--note"] {
            let logged = await box.runInProcess(["log", "20m", "x", "listening", option, note])
            #expect(logged.status == 0, "\(option) \(note): \(logged.stderr)")
        }
        #expect(try box.query("SELECT DISTINCT note FROM entries") == note)
        #expect(try box.entryCount() == 2)
    }

    @Test(arguments: StoreKind.all) func aSpanThatHasNotEndedYetIsRefused(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        box.today = ""  // the real clock: "now" is now
        let before = try box.run(["log", "1m", "x", "listening"])
        #expect(before.status == 0)
        let fingerprint = try DatabaseFingerprint(box)
        // 23:59 ends in the future at any time of day but the last minute of it.
        let late = try box.run(["log", "--from", "00:00", "--to", "23:59", "x", "listening"])
        if late.status == 0 {
            Issue.record("the test ran in the day's last minute; run it again: \(late.stdout)")
        } else {
            #expect(late.status == 64)
            #expect(late.stderr.contains("--to 23:59 on "), "\(late.stderr)")
            #expect(late.stderr.contains("is in the future (it is now"))
            #expect(try DatabaseFingerprint(box) == fingerprint)
        }
    }
}
