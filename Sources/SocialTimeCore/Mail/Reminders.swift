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

    /// `Ærø ApS: 7h 10m on social networks in 2026-W48 needs a justification`.
    public static func subject(_ person: StaffWeek, week: ISOWeek, company: String?) -> String {
        let who = company.flatMap { $0.isEmpty ? nil : $0 + ": " } ?? ""
        let what = person.justificationStatus == .rejected ? "needs a new justification" : "needs a justification"
        return "\(who)\(person.minutes) on social networks in \(week) \(what)"
    }

    /// The reminder's text: the week, the time against the threshold, why (the rejection and its
    /// comment), and the command to run.
    public static func body(_ person: StaffWeek, week: ISOWeek, threshold: Minutes, company: String?) -> String {
        var out = "Hello \(person.name),\n\n"
        out += Wrap.lines("In \(week) (\(week.monday) – \(week.sunday)) you have logged \(person.minutes) on social networks. "
                          + "\(company.flatMap { $0.isEmpty ? nil : $0 } ?? "The company") asks everyone who spends \(threshold) "
                          + "or more in a week to explain what the business gets from it.", width: 72).joined(separator: "\n") + "\n\n"
        if person.justificationStatus == .rejected {
            var why = "Your justification was rejected"
            if let reviewer = person.reviewedBy { why += " by \(reviewer.value)" }
            why += person.reviewComment.map { $0.isEmpty ? "." : ": “\($0)”" } ?? "."
            out += Wrap.lines(why, width: 72).joined(separator: "\n") + "\n\n"
        }
        out += "To explain, run:\n\n    socialtime justify --week \(week) \"What the business gets …\"\n\n"
        out += "A manager reviews it after the week ends.\n\n-- \nsocialtime\n"
        return out
    }

    /// One message per person in `plan.toSend`, in order.
    public static func messages(_ plan: Plan, week: ISOWeek, threshold: Minutes, company: String?, from: Mailbox?,
                                date: MailDate, messageIDDomain: String) -> [MailMessage] {
        let stamp = "\(date.date.description.filter { $0 != "-" })T\(MailDate.two(date.hour))\(MailDate.two(date.minute))\(MailDate.two(date.second))"
        return plan.toSend.map { person, mailbox in
            MailMessage(from: from, to: [mailbox], subject: subject(person, week: week, company: company), date: date,
                        messageID: "socialtime.remind.\(week).\(person.staff.value).\(stamp)@\(messageIDDomain)",
                        parts: [.init(contentType: "text/plain", text: body(person, week: week, threshold: threshold, company: company),
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
