import Foundation
import Testing

@Suite struct LogEndToEndTests {
    @Test func logsDanishDecimalCommaAndKeepsTheNoteVerbatim() throws {
        let box = try Sandbox()
        let note = "a \"quoted\", note; æøå 👩‍💻 '); DROP TABLE entries;--"
        let logged = try box.run(["log", "1,5", "--network", "LinkedIn", "--outcome", "recruiting", "--note", note])
        #expect(logged.status == 0, "\(logged.stderr)")
        #expect(logged.stdout.contains("1h 30m on linkedin for recruiting"))
        #expect(logged.stdout.contains("2026-W48: 1h 30m"))

        let listed = try box.run(["entries", "--format", "json"])
        #expect(listed.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as! [String: Any]
        let entries = json["entries"] as! [[String: Any]]
        #expect(entries.count == 1)
        #expect(entries[0]["minutes"] as? Int == 90)
        #expect(entries[0]["note"] as? String == note)
        #expect(entries[0]["week"] as? String == "2026-W48")
        #expect(entries[0]["date"] as? String == "2026-11-27")
        #expect(try box.sqlite("SELECT note FROM entries") == note)
    }
}
