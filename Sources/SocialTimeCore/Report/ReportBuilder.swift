/// Builds a `WeeklyReport` from the rows the store read. Pure, so the rules (order, who is
/// flagged, minutes per result) are tested without a database.
public struct ReportBuilder: Sendable {
    /// One row of the week's breakdown: a person's minutes on a network for an outcome.
    public struct Slice: Sendable {
        public let staff: Handle
        public let network: String
        public let outcome: String
        public let unit: String?
        public let minutes: Minutes

        public init(staff: Handle, network: String, outcome: String, unit: String?, minutes: Minutes) {
            self.staff = staff
            self.network = network
            self.outcome = outcome
            self.unit = unit
            self.minutes = minutes
        }
    }

    /// The week's results, summed per outcome.
    public struct ResultTotal: Sendable {
        public let outcome: String
        public let unit: String?
        public let quantity: Int

        public init(outcome: String, unit: String?, quantity: Int) {
            self.outcome = outcome
            self.unit = unit
            self.quantity = quantity
        }
    }

    public let analyzer: Analyzer

    public init(threshold: Minutes) { analyzer = Analyzer(threshold: threshold) }

    public func build(week: ISOWeek, people: [StaffWeek], slices: [Slice], results: [ResultTotal],
                      trend: [(week: ISOWeek, people: [StaffWeek], threshold: Minutes)]) -> WeeklyReport {
        let analysis = analyzer.analyze(week, people)
        let slicesByStaff = Dictionary(grouping: slices, by: \.staff)
        let persons = analysis.people.map { person in
            let mine = slicesByStaff[person.staff] ?? []
            return ReportPerson(staff: person.staff, name: person.name, minutes: person.minutes,
                                byNetwork: Self.totals(mine.map { ($0.network, $0.minutes) }),
                                byOutcome: Self.totals(mine.map { ($0.outcome, $0.minutes) }),
                                justificationStatus: person.justificationStatus, justification: person.justification,
                                flagged: analyzer.isFlagged(person), awaitingReview: analyzer.isAwaitingReview(person))
        }.sorted { a, b in
            let rank = { (p: ReportPerson) in p.flagged ? 0 : p.awaitingReview ? 1 : 2 }
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if a.minutes != b.minutes { return a.minutes > b.minutes }
            return a.staff < b.staff
        }

        var units: [String: String?] = [:]
        for slice in slices { units[slice.outcome] = slice.unit }
        for result in results { units[result.outcome] = result.unit }
        let outcomeMinutes = Dictionary(slices.map { ($0.outcome, $0.minutes) }, uniquingKeysWith: +)
        let outcomeResults = Dictionary(results.map { ($0.outcome, $0.quantity) }, uniquingKeysWith: +)
        let outcomes = Set(outcomeMinutes.keys).union(outcomeResults.keys).map { key in
            ReportOutcome(outcome: key, unit: units[key] ?? nil, minutes: outcomeMinutes[key] ?? .zero, results: outcomeResults[key] ?? 0)
        }.sorted { ($0.minutes, $1.outcome) > ($1.minutes, $0.outcome) }

        let trendWeeks = trend.sorted { $0.week < $1.week }.map { week in
            TrendWeek(week: week.week, minutes: week.people.map(\.minutes).sum(),
                      flagged: week.people.filter(Analyzer(threshold: week.threshold).isFlagged).count)
        }
        return WeeklyReport(week: week, threshold: analyzer.threshold, people: persons, outcomes: outcomes,
                            networks: Self.totals(slices.map { ($0.network, $0.minutes) }), trend: trendWeeks)
    }

    /// Sums minutes per key; most time first, then by key, so the order is stable.
    static func totals(_ pairs: [(String, Minutes)]) -> [KeyedMinutes] {
        Dictionary(pairs, uniquingKeysWith: +).map { KeyedMinutes(key: $0.key, minutes: $0.value) }
            .sorted { ($0.minutes, $1.key) > ($1.minutes, $0.key) }
    }
}
