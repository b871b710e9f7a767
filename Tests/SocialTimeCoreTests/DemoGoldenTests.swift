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
        Ugerapport uge 47 2026 (2026-11-16 – 2026-11-22)
        Grænse 5 timer · 8 personer · 38 timer 29 min. registreret · 2 flaget ·
        1 til godkendelse

        Medarbejdere — flagede først
        BRUGER  NAVN                         TID  BEGRUNDELSE      VURDERING
        anna    Anna Jensen      7 timer 10 min.  ingen            FLAGET
        jonas   Jonas Holm               5 timer  afvist           FLAGET
        sofie   Sofie Berg       6 timer 20 min.  til godkendelse  til godkendelse
        lars    Lars Nielsen     8 timer 15 min.  godkendt         begrundet
        mikkel  Mikkel Andersen  4 timer 59 min.  ingen            under grænsen
        freja   Freja Thomsen     3 timer 5 min.  ingen            under grænsen
        ida     Ida Madsen       2 timer 10 min.  ingen            under grænsen
        mette   Mette Lund        1 time 30 min.  ingen            under grænsen

        Hvor tiden gik hen — netværk · formål
        anna    linkedin 5 timer 45 min., facebook 1 time 25 min. ·
                recruiting 7 timer 10 min.
        jonas   facebook 5 timer · customer-service 5 timer
        sofie   linkedin 6 timer 20 min. · sales-leads 6 timer 20 min.
        lars    instagram 7 timer, facebook 1 time 15 min. · brand-awareness 7 timer,
                advertising 1 time 15 min.
        mikkel  facebook 4 timer 59 min. · customer-service 4 timer 59 min.
        freja   linkedin 1 time 45 min., bluesky 1 time 20 min. ·
                knowledge-sharing 3 timer 5 min.
        ida     facebook 1 time 5 min., linkedin 1 time 5 min. ·
                internal-communication 1 time 5 min., recruiting 1 time 5 min.
        mette   linkedin 1 time 30 min. · internal-communication 1 time 30 min.

        Formål — indsats og værdi
        FORMÅL                              TID       RESULTATER  TID PR. RESULTAT
        customer-service        9 timer 59 min.  38 henvendelser  16 min.
        recruiting              8 timer 15 min.     1 ansættelse  8 timer 15 min.
        brand-awareness                 7 timer                —  —
        sales-leads             6 timer 20 min.          6 leads  1 time 3 min.
        knowledge-sharing        3 timer 5 min.                —  —
        internal-communication  2 timer 35 min.                —  —
        advertising              1 time 15 min.                —  —

        Netværk
        NETVÆRK                 TID  ANDEL
        linkedin   16 timer 25 min.   43 %  ████████████████████████
        facebook   13 timer 44 min.   36 %  ████████████████████
        instagram           7 timer   18 %  ██████████
        bluesky      1 time 20 min.    3 %  █

        Udvikling — de 4 foregående uger og denne (*)
        UGE                        TID  FLAGET
        uge 43 2026   34 timer 20 min.       1  █████████████████████
        uge 44 2026   32 timer 50 min.       1  ████████████████████
        uge 45 2026    31 timer 5 min.       2  ███████████████████
        uge 46 2026    31 timer 5 min.       1  ███████████████████
        uge 47 2026*  38 timer 29 min.       2  ████████████████████████

        Begrundelser
        jonas (afvist):
            Kunderne skriver til os på Facebook, så jeg svarer dem dér.
            vurderet af mette ved 5 timer: „Hvilke resultater kom der ud af de timer?
              Nævn dem, tak.“
        sofie (til godkendelse):
            Opfølgning på messekontakterne på LinkedIn: seks møder booket til
            salgsteamet.
        lars (godkendt):
            Lanceringsuge: serien på Instagram og TikTok og pasning af annoncekampagnen
            på Facebook.
            vurderet af mette ved 8 timer 15 min.: „Tak, det er klart.“

        """
}
