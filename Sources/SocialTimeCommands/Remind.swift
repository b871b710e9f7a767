import ArgumentParser
import SocialTimeCore

struct Remind: SocialTimeCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Remind everyone at or over the threshold without a justification (default: this week).",
        discussion: """
        For cron late in the week: one message to each person at or over the threshold whose \
        justification is none or rejected, with the justify command to run. Without --sendmail the \
        messages are written to stdout as an mbox; with it each is piped to CMD. A person without an \
        e-mail address is named on stderr. Nobody at risk: no output, exit 0.

        Examples:
          socialtime remind > reminders.mbox
          socialtime remind --sendmail "sendmail -t"
          socialtime remind --week 2026-W48 --sendmail "msmtp -t"
        """
    )

    @Option(help: ArgumentHelp("The week: \(DateParser.acceptedWeeks).", valueName: "week"))
    var week: String = "this"

    @Option(help: ArgumentHelp("Pipe each message to this command (run by /bin/sh), e.g. \"sendmail -t\".", valueName: "cmd"))
    var sendmail: String?

    @Option(help: ArgumentHelp("Seconds each message's mail command may take before it is stopped and the message counts as not sent (default 60).", valueName: "seconds"))
    var sendmailTimeout: Int = 60

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...86_400).contains(sendmailTimeout) else {
            throw ValidationError("--sendmail-timeout \(sendmailTimeout) is out of range: give whole seconds from 1 to 86400 (default 60)")
        }
    }

    func run(_ session: Session) async throws {
        let rulebook = try await session.rulebook(create: false)
        let week = try session.dates.week(self.week)
        let analysis = try await rulebook.analyze(week)
        var addresses: [Handle: String] = [:]
        for member in try await rulebook.listStaff() where member.active {
            if let email = member.email { addresses[member.handle] = email }
        }
        let company = try await rulebook.company()
        let language = try await rulebook.language()
        let plan = Reminders.plan(analysis, addresses: addresses)
        for person in plan.withoutAddress {
            let why = addresses[person.staff].map { "an e-mail address a mail header cannot carry (\($0))" } ?? "no e-mail address"
            try session.warning("\(person.staff.value) (\(person.name)) has \(person.minutes) in \(week) and \(why): "
                                + "not reminded; set one with socialtime staff set-email \(person.staff.value) ADDRESS")
        }
        let date = try MailDate(iso: session.clock.timestamp)
        let messages = Reminders.messages(plan, week: week, threshold: analysis.threshold, company: company, from: nil,
                                          date: date, messageIDDomain: Sendmail.hostName, language: language)
        guard !messages.isEmpty else { return }
        guard let sendmail else {
            try session.write(Mbox.render(messages.map(\.rendered), sender: "socialtime@\(Sendmail.hostName)", date: date))
            return
        }
        // Every message is tried; the failures are reported together after the rest went out.
        var failures: [String] = []
        for (message, (person, _)) in zip(messages, plan.toSend) {
            do throws(SocialTimeError) {
                try Sendmail.deliver(message.rendered, with: sendmail, timeout: sendmailTimeout)
            } catch {
                failures.append("\(person.staff.value): \(error.message)")
            }
        }
        if !failures.isEmpty {
            throw SocialTimeError.failure("\(failures.count) of \(messages.count) reminders were not sent: " + failures.joined(separator: "; "))
        }
    }
}
