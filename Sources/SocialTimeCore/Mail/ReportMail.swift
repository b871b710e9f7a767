/// `report --format email`: the weekly report as one message to the managers, with the text
/// report as the plain part and exactly the `--format html` report as the HTML part.
public enum ReportMail {
    /// `Ærø ApS: weekly report 2026-W47 — 2 flagged` (without a company:
    /// `socialtime weekly report 2026-W47 — …`). Nobody flagged says so.
    public static func subject(_ report: WeeklyReport) -> String {
        report.strings.mailSubject(report.company.flatMap { $0.isEmpty ? nil : $0 }, report.week, report.flaggedCount, report.awaitingReviewCount)
    }

    /// The complete message. `managers` are those with an address (at least one: a message to
    /// nobody is a usage error the caller reports); `date` and `messageIDDomain` come from the
    /// caller, as the library reads no clock and no host name.
    public static func message(_ report: WeeklyReport, to managers: [Mailbox], from: Mailbox?, date: MailDate,
                               messageIDDomain: String) throws(SocialTimeError) -> MailMessage {
        guard !managers.isEmpty else {
            throw .invalidInput("no manager has an e-mail address: add one with socialtime staff set-email HANDLE ADDRESS")
        }
        let stamp = "\(date.date.description.filter { $0 != "-" })T\(MailDate.two(date.hour))\(MailDate.two(date.minute))\(MailDate.two(date.second))"
        return MailMessage(from: from, to: managers, subject: subject(report), date: date,
                           messageID: "socialtime.report.\(report.week).\(stamp)@\(messageIDDomain)",
                           parts: [.init(contentType: "text/plain", text: ReportTextRenderer(colour: false).render(report)),
                                   .init(contentType: "text/html", text: ReportHTMLRenderer().render(report))])
    }
}
