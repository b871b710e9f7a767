/// The rows of the demo database, generated from a fixed seed relative to "today": six weeks
/// of work ending last week, by eight people, so that last week shows every case a manager
/// meets — flagged without a justification, flagged after a rejection, awaiting review,
/// justified, just under the threshold — and outcomes with results and hours per result.
/// The company is Danish, as the people this is for are: its staff write their notes,
/// justifications and comments in Danish, and its report is in Danish (`language`: da). The
/// catalogue's keys and units stay as every new database has them.
public struct DemoDataset: Sendable {
    public struct Person: Sendable {
        public let handle: String
        public let name: String
        public let manager: Bool
    }

    public struct Work: Sendable {
        public let staff: String
        public let date: CalendarDate
        public let minutes: Int
        public let network: String
        public let outcome: String
        public let note: String
    }

    public struct Achievement: Sendable {
        public let staff: String
        public let date: CalendarDate
        public let outcome: String
        public let quantity: Int
        public let note: String
    }

    public struct Explanation: Sendable {
        public let staff: String
        public let week: ISOWeek
        public let text: String
        public let status: JustificationStatus
        public let comment: String?
    }

    public let weeks: [ISOWeek]
    public let people: [Person]
    public let manager: String
    public var entries: [Work] = []
    public var results: [Achievement] = []
    public var justifications: [Explanation] = []
    /// The language of its report and reminders (`config language`).
    public let language = ReportLanguage.da

    /// The six weeks ending with the one before `today`'s.
    public init(today: CalendarDate) {
        let last = ISOWeek(containing: today).previous
        weeks = (0..<6).map { last.adding(weeks: $0 - 5) }
        people = Self.profiles.map { Person(handle: $0.handle, name: $0.name, manager: $0.handle == "mette") }
        manager = "mette"
        var random = DemoRandom(seed: 20_141_105)
        for week in weeks {
            let isLast = week == last
            for profile in Self.profiles {
                let minutes = isLast ? profile.lastWeek
                    : max(30, profile.usual + random.int(in: -6...6) * 15)
                addWork(profile, week: week, minutes: minutes, random: &random)
                let status = isLast ? profile.lastStatus : Self.earlierStatus(minutes: minutes, random: &random)
                if let status {
                    justifications.append(Explanation(
                        staff: profile.handle, week: week, text: profile.justification, status: status,
                        comment: status == .rejected ? "Hvilke resultater kom der ud af de timer? Nævn dem, tak." : status == .accepted ? "Tak, det er klart." : nil))
                }
            }
            addResults(week: week, isLast: isLast, random: &random)
        }
    }

    /// Splits a week's minutes into a few entries on weekdays, in 5-minute steps.
    mutating func addWork(_ profile: Profile, week: ISOWeek, minutes total: Int, random: inout DemoRandom) {
        let count = min(max(2, total / 75), 7)
        var remaining = total
        for index in 0..<count {
            let share = index == count - 1 ? remaining : max(5, (total / count / 5 + random.int(in: -3...3)) * 5)
            let minutes = min(share, remaining - 5 * (count - 1 - index))
            remaining -= minutes
            let (network, outcome) = random.chance(70) ? profile.work[0] : random.pick(profile.work)
            entries.append(Work(staff: profile.handle, date: week.monday.adding(days: index % 5), minutes: minutes,
                                network: network, outcome: outcome, note: random.pick(Self.notes[outcome] ?? [""])))
        }
    }

    mutating func addResults(week: ISOWeek, isLast: Bool, random: inout DemoRandom) {
        let plan: [(String, String, Int, String)] = [
            ("anna", "recruiting", isLast ? 1 : random.int(in: 0...1), "Underskrevet efter jobopslaget på LinkedIn"),
            ("ida", "recruiting", isLast ? 0 : (random.chance(25) ? 1 : 0), "Studentermedhjælper fundet via en medarbejders deling"),
            ("sofie", "sales-leads", isLast ? 6 : random.int(in: 2...8), "Møder booket ud fra samtaler på LinkedIn"),
            ("jonas", "customer-service", isLast ? 24 : random.int(in: 12...30), "Spørgsmål besvaret i Messenger og kommentarer"),
            ("mikkel", "customer-service", isLast ? 14 : random.int(in: 8...20), "Klager løst på Facebook-siden"),
        ]
        for (staff, outcome, quantity, note) in plan where quantity > 0 {
            results.append(Achievement(staff: staff, date: week.monday.adding(days: 4), outcome: outcome, quantity: quantity, note: note))
        }
    }

    /// Earlier weeks: most people over the threshold explained and were accepted, some never
    /// explained, a few were rejected — so the trend's flagged count moves.
    static func earlierStatus(minutes: Int, random: inout DemoRandom) -> JustificationStatus? {
        guard minutes >= 300 else { return nil }
        let roll = random.int(in: 1...100)
        return roll <= 60 ? .accepted : roll <= 85 ? nil : .rejected
    }

    struct Profile {
        let handle: String
        let name: String
        /// (network, outcome) pairs this person works on; the first is their main one.
        let work: [(String, String)]
        let usual: Int
        let lastWeek: Int
        let lastStatus: JustificationStatus?
        let justification: String
    }

    static let profiles: [Profile] = [
        Profile(handle: "anna", name: "Anna Jensen", work: [("linkedin", "recruiting"), ("facebook", "recruiting")],
                usual: 330, lastWeek: 430, lastStatus: nil,
                justification: "Rekruttering til de to udviklerstillinger på LinkedIn; én ansættelse er underskrevet."),
        Profile(handle: "jonas", name: "Jonas Holm", work: [("facebook", "customer-service"), ("instagram", "customer-service")],
                usual: 290, lastWeek: 300, lastStatus: .rejected,
                justification: "Kunderne skriver til os på Facebook, så jeg svarer dem dér."),
        Profile(handle: "sofie", name: "Sofie Berg", work: [("linkedin", "sales-leads"), ("linkedin", "listening")],
                usual: 310, lastWeek: 380, lastStatus: .submitted,
                justification: "Opfølgning på messekontakterne på LinkedIn: seks møder booket til salgsteamet."),
        Profile(handle: "lars", name: "Lars Nielsen", work: [("instagram", "brand-awareness"), ("tiktok", "brand-awareness"), ("facebook", "advertising")],
                usual: 400, lastWeek: 495, lastStatus: .accepted,
                justification: "Lanceringsuge: serien på Instagram og TikTok og pasning af annoncekampagnen på Facebook."),
        Profile(handle: "mikkel", name: "Mikkel Andersen", work: [("facebook", "customer-service"), ("x", "listening")],
                usual: 250, lastWeek: 299, lastStatus: nil, justification: "Kundeservice på Facebook og overvågning af omtaler på X."),
        Profile(handle: "freja", name: "Freja Thomsen", work: [("linkedin", "knowledge-sharing"), ("bluesky", "knowledge-sharing")],
                usual: 180, lastWeek: 185, lastStatus: nil, justification: "Deler vores tekniske artikler dér, hvor vores kunder læser."),
        Profile(handle: "ida", name: "Ida Madsen", work: [("linkedin", "recruiting"), ("facebook", "internal-communication")],
                usual: 120, lastWeek: 130, lastStatus: nil, justification: "Employer branding og medarbejdergruppen."),
        Profile(handle: "mette", name: "Mette Lund", work: [("linkedin", "internal-communication"), ("linkedin", "listening")],
                usual: 90, lastWeek: 90, lastStatus: nil, justification: "Ledelsesopdateringer til teamet."),
    ]

    static let notes: [String: [String]] = [
        "recruiting": ["Delte jobannoncen til udviklerstillingen", "Svarede på kandidaternes beskeder", "Søgte efter backend-profiler", "Lagde opslag op fra kontordagen"],
        "customer-service": ["Besvarede spørgsmål i Messenger", "Svarede på kommentarer til opslaget om levering", "Fulgte op på en klage", ""],
        "sales-leads": ["Fulgte op på messekontakter", "Kommenterede i logistikgruppen", "Bookede en demo via en privat besked"],
        "listening": ["Læste omtalerne af vores brand", "Fulgte konkurrentens lancering", ""],
        "brand-awareness": ["Optog og lagde produktvideoen op", "Story-serie fra lageret", "Svarede på kommentarer til videoen"],
        "advertising": ["Justerede kampagnens målgrupper", "Nye annoncematerialer", "Tjekkede annoncebudgettet"],
        "knowledge-sharing": ["Delte artiklen om API-design", "Besvarede spørgsmål under artiklen"],
        "internal-communication": ["Skrev i medarbejdergruppen", "Delte fredagsopdateringen"],
    ]
}
