/// `remind`: late in the week, one message to each person at or over the threshold whose
/// justification is `none` or `rejected`, telling them the `justify` command to run.
public enum Reminders {
    /// Who gets a reminder, and who should but has no address (the command names them on stderr).
    public struct Plan: Sendable, Equatable {
        public let toSend: [(person: StaffWeek, mailbox: Mailbox)]
        public let withoutAddress: [StaffWeek]

        public static func == (a: Plan, b: Plan) -> Bool {
            a.withoutAddress == b.withoutAddress && a.toSend.map(\.person) == b.toSend.map(\.person)
                && a.toSend.map(\.mailbox) == b.toSend.map(\.mailbox)
        }
    }

    /// The people the analyzer flags this week, split by whether `addresses` has a valid
    /// address for them; most time first (the analyzer's order).
    public static func plan(_ analysis: WeekAnalysis, addresses: [Handle: String]) -> Plan {
        var toSend: [(person: StaffWeek, mailbox: Mailbox)] = [], without: [StaffWeek] = []
        for person in analysis.flagged {
            if let address = addresses[person.staff], let mailbox = try? Mailbox(name: person.name, address: address) {
                toSend.append((person, mailbox))
            } else {
                without.append(person)
            }
        }
        return Plan(toSend: toSend, withoutAddress: without)
    }

    /// `Ærø ApS: 7h 10m on social networks in 2026-W48 needs a justification` (in `language`).
    public static func subject(_ person: StaffWeek, week: ISOWeek, company: String?, language: ReportLanguage = .en) -> String {
        let s = language.strings
        return s.reminderSubject(company.flatMap { $0.isEmpty ? nil : $0 }, s.duration(person.minutes), week,
                                 person.justificationStatus == .rejected)
    }

    /// The reminder's text: the week, the time against the threshold, why (the rejection and its
    /// comment), and the command to run (the command itself never changes with the language).
    public static func body(_ person: StaffWeek, week: ISOWeek, threshold: Minutes, company: String?, language: ReportLanguage = .en) -> String {
        let s = language.strings
        var out = s.reminderGreeting(person.name) + "\n\n"
        out += Wrap.lines(s.reminderLogged(s.week(week), "\(week.monday) – \(week.sunday)", s.duration(person.minutes),
                                           company.flatMap { $0.isEmpty ? nil : $0 }, s.duration(threshold)),
                          width: 72).joined(separator: "\n") + "\n\n"
        if person.justificationStatus == .rejected {
            let why = s.reminderRejected(person.reviewedBy?.value, person.reviewComment)
            out += Wrap.lines(why, width: 72).joined(separator: "\n") + "\n\n"
        }
        out += "\(s.reminderRun)\n\n    socialtime justify --week \(week) \"\(s.reminderExample)\"\n\n"
        out += "\(s.reminderReview)\n\n-- \nsocialtime\n"
        return out
    }

    /// One message per person in `plan.toSend`, in order.
    public static func messages(_ plan: Plan, week: ISOWeek, threshold: Minutes, company: String?, from: Mailbox?,
                                date: MailDate, messageIDDomain: String, language: ReportLanguage = .en) -> [MailMessage] {
        let stamp = "\(date.date.description.filter { $0 != "-" })T\(MailDate.two(date.hour))\(MailDate.two(date.minute))\(MailDate.two(date.second))"
        return plan.toSend.map { person, mailbox in
            MailMessage(from: from, to: [mailbox], subject: subject(person, week: week, company: company, language: language), date: date,
                        messageID: "socialtime.remind.\(week).\(person.staff.value).\(stamp)@\(messageIDDomain)",
                        parts: [.init(contentType: "text/plain", text: body(person, week: week, threshold: threshold, company: company, language: language),
                                      quotedPrintable: true)])
        }
    }
}

/// Messages as an mbox (mboxrd): each starts with a `From_` line, a body line that begins with
/// `From ` (after any number of `>`) gets one more `>`, and each message ends with a blank line.
public enum Mbox {
    public static func render(_ messages: [String], sender: String, date: MailDate) -> String {
        var out = ""
        for message in messages {
            out += "From \(sender.isEmpty ? "MAILER-DAEMON" : sender) \(date.asctime)\n"
            var lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            for line in lines {
                out += (line.drop(while: { $0 == ">" }).hasPrefix("From ") ? ">" : "") + line + "\n"
            }
            out += "\n"
        }
        return out
    }
}
