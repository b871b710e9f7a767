/// The language of the documents a manager and staff read: the weekly report (text, Markdown,
/// HTML, e-mail) and the reminders. `config language` sets it (setting `language`; absent = en).
/// JSON keys, CSV headers, command names and error messages never change with it.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case en, da

    /// The words and formats of this language.
    public var strings: ReportStrings {
        switch self {
        case .en: return .en
        case .da: return .da
        }
    }
}

/// Every word the report and the reminders print, per language: the string table. A translator
/// edits one block below (`en` or `da`), or copies one for a new language and adds its case to
/// `ReportLanguage`. Durations, percentages and weeks are formatted here too, so "7 timer 10 min."
/// and "uge 47" read as a Danish manager writes them.
public struct ReportStrings: Sendable {
    // MARK: Numbers, weeks and words used everywhere
    /// `7h 10m` · `7 timer 10 min.`
    public let duration: @Sendable (Minutes) -> String
    /// `43%` · `43 %`
    public let percent: @Sendable (Int) -> String
    /// `2026-W47` · `uge 47 2026`
    public let week: @Sendable (ISOWeek) -> String
    /// A week in a chart on a phone: `W47` · `u. 47`
    public let shortWeek: @Sendable (ISOWeek) -> String
    /// The HTML `lang` attribute.
    public let htmlLanguage: String
    public let status: @Sendable (JustificationStatus) -> String
    public let flaggedVerdict, awaitingVerdict, justifiedVerdict, underThresholdVerdict: String

    // MARK: The report
    public let weeklyReport: String
    public let generated: String
    /// `Threshold 5h · 8 people · 38h 29m logged · 2 flagged · 1 awaiting review`
    public let headline: @Sendable (_ threshold: String, _ people: Int, _ logged: String, _ flagged: Int, _ awaiting: Int) -> String
    public let peopleHeading, nobodyLogged, breakdownHeading, outcomesHeading, networksHeading, justificationsHeading: String
    /// `Trend — the 4 weeks before, and this one (*)`
    public let trendHeading: @Sendable (Int) -> String
    public let trendShortHeading: String
    public let staffColumn, nameColumn, timeColumn, justificationColumn, verdictColumn, networksColumn, outcomesColumn: String
    public let outcomeColumn, resultsColumn, timePerResultColumn, networkColumn, shareColumn, weekColumn, flaggedColumn: String
    public let personColumn: String
    public let thisReport: String
    /// `3 leads`, `1 result` (`unit` is the company's own word, as entered).
    public let results: @Sendable (_ count: Int, _ unit: String?) -> String
    /// `per lead` · `pr. stk.` (a Danish unit is entered in the plural: "pr. stk." reads for any)
    public let perResult: @Sendable (_ unit: String?) -> String
    /// `reviewed by mette`, ` at `, ` added since`
    public let reviewedBy: @Sendable (String) -> String
    public let reviewedAt, addedSince: String
    /// Quotation marks around a reviewer's comment.
    public let quoted: @Sendable (String) -> String

    // MARK: HTML and charts
    public let hoursPerPersonHeading: String
    public let legendFlagged, legendAwaiting, legendNormal: String
    public let threshold: @Sendable (String) -> String
    public let madeBy: String
    public let onDate: String
    /// `Flagged: 5h or more in the week with no justification or a rejected one.`
    public let flaggedMeans: @Sendable (String) -> String
    public let documentTitle: @Sendable (ISOWeek) -> String
    public let hoursChartTitle: @Sendable (_ week: ISOWeek, _ threshold: String) -> String
    public let trendChartTitle: @Sendable (_ from: ISOWeek, _ to: ISOWeek) -> String
    public let outcomesChartTitle: @Sendable (ISOWeek) -> String
    public let networksChartTitle: @Sendable (ISOWeek) -> String
    public let flaggedCount: @Sendable (Int) -> String
    public let noneFlagged, noneFlaggedShort, noResults: String
    public let ofTheTime: @Sendable (String) -> String

    // MARK: Late changes
    public let lateChangesHeading: @Sendable (ISOWeek) -> String
    public let lateChangesSummary: @Sendable (_ staff: String, _ count: Int, _ net: String) -> String
    public let action: @Sendable (String) -> String
    /// `#12 edit of 2026-11-26 by anna at …: 4h → 30m`
    public let lateChangeDetail: @Sendable (_ id: Int, _ action: String, _ date: String, _ by: String, _ at: String, _ change: String) -> String
    public let reason: @Sendable (String) -> String

    // MARK: The report's e-mail
    /// `Ærø ApS: weekly report 2026-W47 — 2 flagged, 1 awaiting review`
    public let mailSubject: @Sendable (_ company: String?, _ week: ISOWeek, _ flagged: Int, _ awaiting: Int) -> String

    // MARK: Reminders
    public let reminderSubject: @Sendable (_ company: String?, _ time: String, _ week: ISOWeek, _ rejected: Bool) -> String
    public let reminderGreeting: @Sendable (String) -> String
    public let reminderLogged: @Sendable (_ week: String, _ dates: String, _ time: String, _ company: String?, _ threshold: String) -> String
    public let reminderRejected: @Sendable (_ reviewer: String?, _ comment: String?) -> String
    public let reminderRun: String
    public let reminderExample: String
    public let reminderReview: String
}

extension ReportStrings {
    public static let en = ReportStrings(
        duration: { $0.description },
        percent: { "\($0)%" },
        week: { $0.description },
        shortWeek: { "W" + String($0.description.suffix(2)) },
        htmlLanguage: "en",
        status: { $0.rawValue },
        flaggedVerdict: "FLAGGED", awaitingVerdict: "awaiting review", justifiedVerdict: "justified", underThresholdVerdict: "under threshold",
        weeklyReport: "Weekly report",
        generated: "generated",
        headline: { threshold, people, logged, flagged, awaiting in
            "Threshold \(threshold) · \(people) \(people == 1 ? "person" : "people") · \(logged) logged · \(flagged) flagged · \(awaiting) awaiting review"
        },
        peopleHeading: "People — flagged first", nobodyLogged: "Nobody logged time this week.",
        breakdownHeading: "Where the time went — networks · outcomes", outcomesHeading: "Outcomes — effort to value",
        networksHeading: "Networks", justificationsHeading: "Justifications",
        trendHeading: { "Trend — the \($0) weeks before, and this one (*)" },
        trendShortHeading: "Trend",
        staffColumn: "Staff", nameColumn: "Name", timeColumn: "Time", justificationColumn: "Justification", verdictColumn: "Verdict",
        networksColumn: "Networks", outcomesColumn: "Outcomes",
        outcomeColumn: "Outcome", resultsColumn: "Results", timePerResultColumn: "Time per result", networkColumn: "Network",
        shareColumn: "Share", weekColumn: "Week", flaggedColumn: "Flagged",
        personColumn: "Person",
        thisReport: "(this report)",
        results: { count, unit in
            guard let unit else { return count == 1 ? "1 result" : "\(count) results" }
            return "\(count) \(count == 1 ? ReportOutcome.singular(unit) : unit)"
        },
        perResult: { "per " + ($0.map(ReportOutcome.singular) ?? "result") },
        reviewedBy: { "reviewed by \($0)" }, reviewedAt: " at ", addedSince: " added since",
        quoted: { "“\($0)”" },
        hoursPerPersonHeading: "Hours per person",
        legendFlagged: "flagged", legendAwaiting: "awaiting review", legendNormal: "under threshold or justified",
        threshold: { "threshold \($0)" },
        madeBy: "Made by socialtime", onDate: " on ",
        flaggedMeans: { "Flagged: \($0) or more in the week with no justification or a rejected one." },
        documentTitle: { "socialtime weekly report \($0)" },
        hoursChartTitle: { "Hours per person in \($0), threshold \($1)" },
        trendChartTitle: { "Total hours per week, \($0) to \($1)" },
        outcomesChartTitle: { "Time per outcome in \($0), with results and time per result" },
        networksChartTitle: { "Time per network in \($0)" },
        flaggedCount: { "\($0) flagged" }, noneFlagged: "none flagged", noneFlaggedShort: "none", noResults: "no results",
        ofTheTime: { "\($0) of the time" },
        lateChangesHeading: { "Late changes — made after \($0) ended" },
        lateChangesSummary: { "\($0): \($1) late \($1 == 1 ? "change" : "changes"), net \($2)" },
        action: { $0 },
        lateChangeDetail: { id, action, date, by, at, change in "#\(id) \(action) of \(date) by \(by) at \(at): \(change)" },
        reason: { " (reason: \($0))" },
        mailSubject: { company, week, flagged, awaiting in
            let who = company.map { $0 + ":" } ?? "socialtime"
            return "\(who) weekly report \(week) — \(flagged == 0 ? "nobody flagged" : "\(flagged) flagged")"
                + (awaiting == 0 ? "" : ", \(awaiting) awaiting review")
        },
        reminderSubject: { company, time, week, rejected in
            "\(company.map { $0 + ": " } ?? "")\(time) on social networks in \(week) \(rejected ? "needs a new justification" : "needs a justification")"
        },
        reminderGreeting: { "Hello \($0)," },
        reminderLogged: { week, dates, time, company, threshold in
            "In \(week) (\(dates)) you have logged \(time) on social networks. \(company ?? "The company") asks everyone who spends "
                + "\(threshold) or more in a week to explain what the business gets from it."
        },
        reminderRejected: { reviewer, comment in
            "Your justification was rejected" + (reviewer.map { " by \($0)" } ?? "")
                + (comment.map { $0.isEmpty ? "." : ": “\($0)”" } ?? ".")
        },
        reminderRun: "To explain, run:",
        reminderExample: "What the business gets …",
        reminderReview: "A manager reviews it after the week ends."
    )

    /// The units every new database's outcomes start with (`StoreSeed`), as a Danish report
    /// writes them: "1 ansættelse", "38 henvendelser". A unit the company entered itself is
    /// printed as entered.
    public static let danishUnits: [String: (one: String, many: String)] = [
        "hires": ("ansættelse", "ansættelser"),
        "inquiries": ("henvendelse", "henvendelser"),
        "leads": ("lead", "leads"),
    ]

    /// Dansk, som en dansk leder skriver det: "uge 47", "7 timer 10 min.", "43 %".
    public static let da = ReportStrings(
        duration: { minutes in
            let hours = minutes.value / 60, rest = minutes.value % 60
            let hourText = hours == 1 ? "1 time" : "\(hours) timer"
            if hours == 0 { return "\(rest) min." }
            return rest == 0 ? hourText : "\(hourText) \(rest) min."
        },
        percent: { "\($0) %" },
        week: { "uge \($0.week) \($0.year)" },
        shortWeek: { "u. \($0.week)" },
        htmlLanguage: "da",
        status: { status in
            switch status {
            case .none: return "ingen"
            case .submitted: return "til godkendelse"
            case .accepted: return "godkendt"
            case .rejected: return "afvist"
            }
        },
        flaggedVerdict: "FLAGET", awaitingVerdict: "til godkendelse", justifiedVerdict: "begrundet", underThresholdVerdict: "under grænsen",
        weeklyReport: "Ugerapport",
        generated: "lavet",
        headline: { threshold, people, logged, flagged, awaiting in
            "Grænse \(threshold) · \(people) \(people == 1 ? "person" : "personer") · \(logged) registreret · \(flagged) flaget · \(awaiting) til godkendelse"
        },
        peopleHeading: "Medarbejdere — flagede først", nobodyLogged: "Ingen har registreret tid i denne uge.",
        breakdownHeading: "Hvor tiden gik hen — netværk · formål", outcomesHeading: "Formål — indsats og værdi",
        networksHeading: "Netværk", justificationsHeading: "Begrundelser",
        trendHeading: { "Udvikling — de \($0) foregående uger og denne (*)" },
        trendShortHeading: "Udvikling",
        staffColumn: "Bruger", nameColumn: "Navn", timeColumn: "Tid", justificationColumn: "Begrundelse", verdictColumn: "Vurdering",
        networksColumn: "Netværk", outcomesColumn: "Formål",
        outcomeColumn: "Formål", resultsColumn: "Resultater", timePerResultColumn: "Tid pr. resultat", networkColumn: "Netværk",
        shareColumn: "Andel", weekColumn: "Uge", flaggedColumn: "Flaget",
        personColumn: "Person",
        thisReport: "(denne rapport)",
        results: { count, unit in
            guard let unit else { return count == 1 ? "1 resultat" : "\(count) resultater" }
            if let danish = ReportStrings.danishUnits[unit] { return "\(count) \(count == 1 ? danish.one : danish.many)" }
            return "\(count) \(unit)"
        },
        perResult: { _ in "pr. stk." },
        reviewedBy: { "vurderet af \($0)" }, reviewedAt: " ved ", addedSince: " kommet til siden",
        quoted: { "„\($0)“" },
        hoursPerPersonHeading: "Timer pr. person",
        legendFlagged: "flaget", legendAwaiting: "til godkendelse", legendNormal: "under grænsen eller begrundet",
        threshold: { "grænse \($0)" },
        madeBy: "Lavet af socialtime", onDate: " den ",
        flaggedMeans: { "Flaget: \($0) eller mere i ugen uden begrundelse eller med en afvist begrundelse." },
        documentTitle: { "socialtime ugerapport uge \($0.week) \($0.year)" },
        hoursChartTitle: { "Timer pr. person i uge \($0.week) \($0.year), grænse \($1)" },
        trendChartTitle: { "Timer i alt pr. uge, uge \($0.week) \($0.year) til uge \($1.week) \($1.year)" },
        outcomesChartTitle: { "Tid pr. formål i uge \($0.week) \($0.year), med resultater og tid pr. resultat" },
        networksChartTitle: { "Tid pr. netværk i uge \($0.week) \($0.year)" },
        flaggedCount: { "\($0) flaget" }, noneFlagged: "ingen flaget", noneFlaggedShort: "ingen", noResults: "ingen resultater",
        ofTheTime: { "\($0) af tiden" },
        lateChangesHeading: { "Sene ændringer — foretaget efter uge \($0.week) \($0.year) sluttede" },
        lateChangesSummary: { "\($0): \($1) \($1 == 1 ? "sen ændring" : "sene ændringer"), netto \($2)" },
        action: { action in
            ["log": "registrering", "edit": "rettelse", "delete": "sletning", "restore": "gendannelse", "import": "import"][action] ?? action
        },
        lateChangeDetail: { id, action, date, by, at, change in "#\(id) \(action) af \(date) foretaget af \(by) \(at): \(change)" },
        reason: { " (årsag: \($0))" },
        mailSubject: { company, week, flagged, awaiting in
            let who = company.map { $0 + ":" } ?? "socialtime"
            return "\(who) ugerapport uge \(week.week) \(week.year) — \(flagged == 0 ? "ingen flaget" : "\(flagged) flaget")"
                + (awaiting == 0 ? "" : ", \(awaiting) til godkendelse")
        },
        reminderSubject: { company, time, week, rejected in
            "\(company.map { $0 + ": " } ?? "")\(time) på sociale medier i uge \(week.week) kræver \(rejected ? "en ny begrundelse" : "en begrundelse")"
        },
        reminderGreeting: { "Hej \($0)," },
        reminderLogged: { week, dates, time, company, threshold in
            "I \(week) (\(dates)) har du registreret \(time) på sociale medier. \(company ?? "Virksomheden") beder alle, der bruger "
                + "\(threshold) eller mere på en uge, om at forklare, hvad virksomheden får ud af det."
        },
        reminderRejected: { reviewer, comment in
            "Din begrundelse blev afvist" + (reviewer.map { " af \($0)" } ?? "")
                + (comment.map { $0.isEmpty ? "." : ": „\($0)“" } ?? ".")
        },
        reminderRun: "Skriv din begrundelse med:",
        reminderExample: "Hvad virksomheden får ud af det …",
        reminderReview: "En leder vurderer den, når ugen er slut."
    )
}
