import Foundation
import Testing
@testable import SocialTimeCore
@testable import SocialTimeSQLite

/// The demo database is generated from a fixed seed relative to today, so its report is a
/// golden file: any change to the dataset, the analyzer or the text renderer shows up here.
@Suite struct DemoGoldenTests {
    @Test func demoReportForAFixedTodayIsStable() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("socialtime-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let clock = Clock(today: CalendarDate(iso: "2026-11-27")!, timestamp: "2026-11-27T09:00:00+01:00")
        let store = try SQLiteStore.openForDemo(at: folder.appendingPathComponent("demo.db").path)
        let rules = Rulebook(store: store, clock: clock, identity: Identity(login: "admin", requested: nil, administersStore: true))
        try await rules.loadDemo(DemoDataset(today: clock.today))
        let text = ReportTextRenderer(colour: false).render(try await rules.weeklyReport(ISOWeek(year: 2026, week: 47)!))
        #expect(text == Self.golden)
    }

    @Test func demoDatasetCoversEveryCase() {
        let demo = DemoDataset(today: CalendarDate(iso: "2026-11-27")!)
        #expect(demo.weeks.map(\.description) == ["2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46", "2026-W47"])
        #expect(demo.people.count == 8 && demo.people.filter(\.manager).count == 1)
        let lastWeek = demo.justifications.filter { $0.week.description == "2026-W47" }.map(\.status)
        #expect(Set(lastWeek) == [.submitted, .accepted, .rejected])
        #expect(demo.entries.allSatisfy { $0.minutes >= 5 && $0.minutes <= 24 * 60 })
        #expect(Set(demo.results.map(\.outcome)) == ["recruiting", "sales-leads", "customer-service"])
    }

    static let golden = """
        Weekly report 2026-W47 (2026-11-16 – 2026-11-22)
        Threshold 5h · 8 people · 38h 29m logged · 2 flagged · 1 awaiting review

        People — flagged first
        STAFF   NAME               TIME  JUSTIFICATION  VERDICT
        anna    Anna Jensen      7h 10m  none           FLAGGED
        jonas   Jonas Holm           5h  rejected       FLAGGED
        sofie   Sofie Berg       6h 20m  submitted      awaiting review
        lars    Lars Nielsen     8h 15m  accepted       justified
        mikkel  Mikkel Andersen  4h 59m  none           under threshold
        freja   Freja Thomsen     3h 5m  none           under threshold
        ida     Ida Madsen       2h 10m  none           under threshold
        mette   Mette Lund       1h 30m  none           under threshold

        Where the time went — networks · outcomes
        anna    linkedin 5h 45m, facebook 1h 25m · recruiting 7h 10m
        jonas   facebook 5h · customer-service 5h
        sofie   linkedin 6h 20m · sales-leads 6h 20m
        lars    instagram 7h, facebook 1h 15m · brand-awareness 7h, advertising 1h 15m
        mikkel  facebook 4h 59m · customer-service 4h 59m
        freja   linkedin 1h 45m, bluesky 1h 20m · knowledge-sharing 3h 5m
        ida     facebook 1h 5m, linkedin 1h 5m · internal-communication 1h 5m,
                recruiting 1h 5m
        mette   linkedin 1h 30m · internal-communication 1h 30m

        Outcomes — effort to value
        OUTCOME                   TIME       RESULTS  TIME PER RESULT
        customer-service        9h 59m  38 inquiries  16m per inquiry
        recruiting              8h 15m        1 hire  8h 15m per hire
        brand-awareness             7h             —  —
        sales-leads             6h 20m       6 leads  1h 3m per lead
        knowledge-sharing        3h 5m             —  —
        internal-communication  2h 35m             —  —
        advertising             1h 15m             —  —

        Networks
        NETWORK       TIME  SHARE
        linkedin   16h 25m    43%  ████████████████████████
        facebook   13h 44m    36%  ████████████████████
        instagram       7h    18%  ██████████
        bluesky     1h 20m     3%  █

        Trend — the 4 weeks before, and this one (*)
        WEEK          TIME  FLAGGED
        2026-W43   34h 20m        1  █████████████████████
        2026-W44   32h 50m        1  ████████████████████
        2026-W45    31h 5m        2  ███████████████████
        2026-W46    31h 5m        1  ███████████████████
        2026-W47*  38h 29m        2  ████████████████████████

        Justifications
        jonas (rejected):
            Customers write to us on Facebook, so I answer them there.
            reviewed by mette at 5h: “Which results came from these hours? Name them,
              please.”
        sofie (submitted):
            Follow-ups with the trade fair contacts on LinkedIn: six meetings booked for
            the sales team.
        lars (accepted):
            Product launch week: the Instagram and TikTok series plus tending the
            Facebook ads campaign.
            reviewed by mette at 8h 15m: “Thanks, clear.”

        """
}
