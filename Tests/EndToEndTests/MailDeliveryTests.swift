import Foundation
import Testing
@testable import SocialTimeCore

/// Mail end to end: messages rendered by the library (and, once the store has e-mail addresses,
/// by the binary through the cron scripts) are handed to Debian's msmtp, sent over SMTP to a
/// real server on loopback (aiosmtpd), and read back with Python's email module.
@Suite(.serialized) struct MailDeliveryTests {
    static let helpers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mail")
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts")
    static let date = try! MailDate(iso: "2026-11-30T06:00:00+01:00")
    static let report = MailFixtureE2E.report

    /// The SMTP server, in its own folder; it stops by itself after two minutes at the latest.
    final class SMTPServer {
        let folder: URL
        let process: RunningProcess
        let port: Int

        init(in box: Sandbox) throws {
            folder = box.folder.appendingPathComponent("smtp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process = try RunningProcess(binary: URL(fileURLWithPath: ExternalTools.smtpPython!),
                                         arguments: [helpers.appendingPathComponent("smtp_sink.py").path, folder.path, "120"],
                                         environment: ["PATH": "/usr/bin:/bin", "HOME": box.folder.path], directory: box.folder, stdin: nil)
            let deadline = Date().addingTimeInterval(30)
            var port: Int?
            while port == nil && Date() < deadline && process.process.isRunning {
                port = (try? String(contentsOf: folder.appendingPathComponent("port"), encoding: .utf8)).flatMap { Int($0) }
                if port == nil { Thread.sleep(forTimeInterval: 0.05) }
            }
            guard let port else { throw SocialTimeError.failure("the SMTP server did not start: \(try process.finish().stderr)") }
            self.port = port
        }

        /// The `sendmail -t` command that delivers to this server.
        var sendmail: String {
            "\(ExternalTools.msmtp!) -C /dev/null --host=127.0.0.1 --port=\(port) --auth=off --tls=off --from=socialtime@example.com"
        }

        /// The received messages' paths, after waiting a little for `count` of them.
        func messages(expecting count: Int) -> [String] {
            let deadline = Date().addingTimeInterval(10)
            var found: [String] = []
            repeat {
                found = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".eml") }
                    .sorted { Int($0.dropLast(4))! < Int($1.dropLast(4))! }.map { folder.appendingPathComponent($0).path }
                if found.count >= count { break }
                Thread.sleep(forTimeInterval: 0.05)
            } while Date() < deadline
            return found
        }

        func envelope(_ message: String) -> [String] {
            ((try? String(contentsOfFile: message.replacingOccurrences(of: ".eml", with: ".envelope"), encoding: .utf8)) ?? "")
                .split(separator: "\n").map(String.init)
        }

        func stop() {
            FileManager.default.createFile(atPath: folder.appendingPathComponent("stop").path, contents: nil)
            _ = try? process.finish()
        }
    }

    /// What Python's email module reads from a received message.
    static func parse(_ path: String, in box: Sandbox) throws -> [String: Any] {
        let result = try ExternalTools.run(ExternalTools.smtpPython!, [helpers.appendingPathComponent("check_mail.py").path, path], in: box.folder)
        #expect(result.status == 0, "\(result.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    static func parts(_ parsed: [String: Any]) -> [(type: String, text: String)] {
        ((parsed["parts"] as? [[String: Any]]) ?? []).map { ($0["type"] as? String ?? "", $0["text"] as? String ?? "") }
    }

    static let managers = [try! Mailbox(name: "Bjørn Ærø", address: "bjorn@example.dk"), try! Mailbox(name: "Mette Lund", address: "mette@example.com")]

    @Test(.enabled(if: ExternalTools.mailReady)) func reportMailThroughMsmtpArrivesWithTextAndTheExactHTML() async throws {
        let box = try await Sandbox.make()
        let server = try SMTPServer(in: box)
        defer { server.stop() }
        let message = try ReportMail.message(Self.report, to: Self.managers, from: nil, date: Self.date, messageIDDomain: "test.example").rendered
        let sent = try ExternalTools.run("/bin/sh", ["-c", server.sendmail + " -t"], in: box.folder, stdin: message)
        #expect(sent.status == 0, "\(sent.output)")
        let received = server.messages(expecting: 1)
        try #require(received.count == 1)
        #expect(Set(server.envelope(received[0]).dropFirst()) == ["bjorn@example.dk", "mette@example.com"])
        let parsed = try Self.parse(received[0], in: box)
        #expect(parsed["subject"] as? String == "Ærø Økologi & Søn ApS: weekly report 2026-W47 — 2 flagged, 1 awaiting review")
        #expect(parsed["to"] as? [String] == ["Bjørn Ærø <bjorn@example.dk>", "Mette Lund <mette@example.com>"])
        #expect(parsed["date"] as? String == "Mon, 30 Nov 2026 06:00:00 +0100")
        #expect(parsed["message_id"] as? String == "<socialtime.report.2026-W47.20261130T060000@test.example>")
        #expect(parsed["mime_version"] as? String == "1.0")
        #expect(parsed["content_type"] as? String == "multipart/alternative")
        #expect(parsed["headers_7bit"] as? Bool == true)
        #expect((parsed["longest_header_line"] as? Int ?? 999) <= 78)
        #expect((parsed["defects"] as? [String]) == [])
        let parts = Self.parts(parsed)
        #expect(parts.map(\.type) == ["text/plain", "text/html"])
        #expect(parts.first?.text == ReportTextRenderer(colour: false).render(Self.report))
        #expect(parts.last?.text == ReportHTMLRenderer().render(Self.report))
        #expect(parts.last?.text.contains("Ærø Økologi &amp; Søn ApS") == true)
        #expect(parts.first?.text.contains("Søren Ødegård") == true)
    }

    @Test(.enabled(if: ExternalTools.mailReady)) func remindersThroughMsmtpArriveOnePerPerson() async throws {
        let box = try await Sandbox.make()
        let server = try SMTPServer(in: box)
        defer { server.stop() }
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(Self.report.week, MailFixtureE2E.people)
        let plan = Reminders.plan(analysis, addresses: [Handle(trusted: "anna"): "anna@example.com", Handle(trusted: "søren"): "soren@example.dk"])
        let messages = Reminders.messages(plan, week: Self.report.week, threshold: .defaultThreshold, company: MailFixtureE2E.company,
                                          from: nil, date: Self.date, messageIDDomain: "test.example")
        #expect(messages.count == 2)
        for message in messages {
            let sent = try ExternalTools.run("/bin/sh", ["-c", server.sendmail + " -t"], in: box.folder, stdin: message.rendered)
            #expect(sent.status == 0, "\(sent.output)")
        }
        let received = server.messages(expecting: 2)
        try #require(received.count == 2)
        let parsed = try received.map { try Self.parse($0, in: box) }
        #expect(parsed.map { $0["to"] as? [String] ?? [] } == [["Anna Jensen <anna@example.com>"], ["Søren Ødegård <soren@example.dk>"]])
        #expect(parsed[1]["subject"] as? String == "Ærø Økologi & Søn ApS: 6h on social networks in 2026-W47 needs a justification")
        // Quoted-printable line breaks are the wire's CRLF: MIME's canonical form of text.
        let body = (Self.parts(parsed[1]).first?.text ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        #expect(body.contains("Hello Søren Ødegård,"))
        #expect(body.contains("    socialtime justify --week 2026-W47 \"What the business gets …\"\n"))
        #expect(Self.parts(parsed[0]).first?.text.contains("Your justification was rejected by mette") == true)
    }

    // MARK: scripts/weekly-report.sh, with a stand-in for `socialtime report --format email`

    /// A stand-in binary that prints `message` for `report … --format email`, after exiting 75
    /// `busy` times (counted in a file), so the script's own handling is tested on its own.
    static func standIn(_ box: Sandbox, message: String, busy: Int = 0) throws -> String {
        let messageFile = box.path("message.eml"), counter = box.path("busy-count"), script = box.path("socialtime-stand-in")
        try message.write(toFile: messageFile, atomically: true, encoding: .utf8)
        try """
            #!/bin/sh
            n=$(cat '\(counter)' 2>/dev/null || echo 0)
            if [ "$n" -lt \(busy) ]; then echo $((n + 1)) > '\(counter)'; echo "socialtime: error: the database is busy" >&2; exit 75; fi
            [ "$1" = report ] && [ "$5" = email ] || { echo "unexpected arguments: $*" >&2; exit 64; }
            cat '\(messageFile)'
            """.write(toFile: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return script
    }

    static func runScript(_ name: String, _ box: Sandbox, environment: [String: String]) throws -> RunResult {
        try ExternalTools.run("/bin/bash", [scripts.appendingPathComponent(name).path], in: box.folder,
                              environment: ["SOCIALTIME_MAIL_LOCK": box.path("mail.lock"), "SOCIALTIME_REMIND_LOCK": box.path("remind.lock"),
                                            "SOCIALTIME_MAIL_PAUSE": "0", "TZ": "Europe/Copenhagen"].merging(environment) { $1 })
    }

    @Test(.enabled(if: ExternalTools.mailReady)) func weeklyReportScriptIsSilentAndRetriesWhenBusy() async throws {
        let box = try await Sandbox.make()
        let server = try SMTPServer(in: box)
        defer { server.stop() }
        let message = try ReportMail.message(Self.report, to: Self.managers, from: nil, date: Self.date, messageIDDomain: "t").rendered
        let result = try Self.runScript("weekly-report.sh", box, environment: [
            "SOCIALTIME": try Self.standIn(box, message: message, busy: 2), "SENDMAIL": server.sendmail])
        #expect(result.status == 0 && result.stdout.isEmpty && result.stderr.isEmpty, "\(result.output)")
        let received = server.messages(expecting: 1)
        try #require(received.count == 1)
        #expect(Self.parts(try Self.parse(received[0], in: box)).last?.text == ReportHTMLRenderer().render(Self.report))
    }

    @Test(.enabled(if: ExternalTools.mailReady)) func weeklyReportScriptFailsLoudlyWhenSendmailFails() async throws {
        let box = try await Sandbox.make()
        let message = try ReportMail.message(Self.report, to: Self.managers, from: nil, date: Self.date, messageIDDomain: "t").rendered
        // Nothing listens on this port once the probe is closed: msmtp cannot connect.
        let server = try SMTPServer(in: box)
        let sendmail = server.sendmail
        server.stop()
        let result = try Self.runScript("weekly-report.sh", box, environment: ["SOCIALTIME": try Self.standIn(box, message: message), "SENDMAIL": sendmail])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("weekly-report:") && result.stderr.contains("FAILED") && result.stderr.contains("msmtp"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line for cron: \(result.stderr)")

        let missing = try Self.runScript("weekly-report.sh", box, environment: [
            "SOCIALTIME": try Self.standIn(box, message: message), "SENDMAIL": box.path("no-such-sendmail")])
        #expect(missing.status == 127 && missing.stderr.contains("FAILED"), "\(missing.output)")
    }

    // MARK: the scripts against the real binary (needs the store's e-mail addresses)

    /// The binary can store e-mail addresses (`staff add --email`): until the store has them,
    /// `report --format email` has no managers to send to and `remind` nobody to remind.
    static let binaryHasEmail: Bool = {
        guard let box = try? Sandbox() else { return false }
        let ok = (try? box.run(["staff", "add", "probe", "--email", "probe@example.com"]).status) == 0
        if !ok { print("SKIPPED: the mail scripts against the binary wait for staff e-mail addresses in the store (staff add --email)") }
        return ok
    }()

    @Test(.enabled(if: ExternalTools.mailReady && binaryHasEmail)) func scriptsDeliverTheBinarysMail() async throws {
        let box = try await Sandbox.make(user: nil)
        let server = try SMTPServer(in: box)
        defer { server.stop() }
        for step in [["staff", "add", "bjorn", "--name", "Bjørn Ærø", "--manager", "--email", "bjorn@example.dk"],
                     ["staff", "add", "mette", "--name", "Mette Lund", "--manager", "--email", "mette@example.com"],
                     ["staff", "add", "lone", "--name", "Lone Uden", "--manager"],
                     ["staff", "add", "anna", "--name", "Anna Jensen", "--email", "anna@example.com"],
                     ["staff", "add", "soren", "--name", "Søren Ødegård", "--email", "soren@example.dk"],
                     ["staff", "add", "ida", "--name", "Ida Madsen"],
                     ["--as", "anna", "log", "6h", "linkedin", "recruiting", "--date", "2026-11-24"],
                     ["--as", "soren", "log", "5h", "facebook", "customer-service", "--date", "2026-11-24"],
                     ["--as", "ida", "log", "2h", "facebook", "customer-service", "--date", "2026-11-24"],
                     ["--as", "anna", "log", "6h", "linkedin", "recruiting", "--date", "2026-11-17"]] {
            let result = await box.runInProcess(step)
            #expect(result.status == 0, "\(step): \(result.output)")
        }
        let environment = ["SOCIALTIME": Sandbox.binary.path, "SOCIALTIME_DB": box.database, "SENDMAIL": server.sendmail,
                           "SOCIALTIME_NOW": "2026-11-27T14:00:00", "SOCIALTIME_TODAY": "", "NO_COLOR": "1"]
        let report = try Self.runScript("weekly-report.sh", box, environment: environment)
        #expect(report.status == 0 && report.output.isEmpty, "\(report.output)")
        let html = try box.run(["report", "--format", "html"], environment: ["SOCIALTIME_NOW": "2026-11-27T14:00:00", "SOCIALTIME_TODAY": ""])
        var received = server.messages(expecting: 1)
        try #require(received.count == 1)
        #expect(Set(server.envelope(received[0]).dropFirst()) == ["bjorn@example.dk", "mette@example.com"])
        let parsed = try Self.parse(received[0], in: box)
        #expect(parsed["subject"] as? String == "socialtime weekly report 2026-W47 — 1 flagged")
        #expect(parsed["to"] as? [String] == ["Bjørn Ærø <bjorn@example.dk>", "Mette Lund <mette@example.com>"])
        #expect(Self.parts(parsed).map(\.type) == ["text/plain", "text/html"])
        #expect(Self.parts(parsed).last?.text == html.stdout)

        let remind = try Self.runScript("remind.sh", box, environment: environment)
        #expect(remind.status == 0 && remind.stdout.isEmpty, "\(remind.output)")
        received = server.messages(expecting: 3)
        #expect(received.count == 3, "one reminder each to anna and søren")
        let reminders = try received.dropFirst().map { try Self.parse($0, in: box) }
        #expect(Set(reminders.flatMap { $0["to_addresses"] as? [String] ?? [] }) == ["anna@example.com", "soren@example.dk"])
        #expect(reminders.contains { ($0["to"] as? [String]) == ["Søren Ødegård <soren@example.dk>"] })

        // Nobody at risk (a later week): nothing sent, nothing printed.
        let quiet = try Self.runScript("remind.sh", box, environment: environment.merging(["SOCIALTIME_REMIND_WEEK": "2026-W50"]) { $1 })
        #expect(quiet.status == 0 && quiet.output.isEmpty, "\(quiet.output)")
        #expect(server.messages(expecting: 4).count == 3)

        let failing = try Self.runScript("remind.sh", box, environment: environment.merging(["SENDMAIL": "/bin/false"]) { $1 })
        #expect(failing.status != 0 && failing.stderr.contains("FAILED"), "\(failing.output)")
    }
}

/// The mail tests' week: a Danish company, names with æøå, a rejection with a comment.
enum MailFixtureE2E {
    static let company = "Ærø Økologi & Søn ApS"
    static let people = [
        StaffWeek(staff: Handle(trusted: "anna"), name: "Anna Jensen", minutes: 430, justificationStatus: .rejected,
                  justification: "Recruiting posts for the warehouse jobs", reviewedBy: Handle(trusted: "mette"),
                  reviewComment: "Say how many applied — and which post", reviewedMinutes: 400),
        StaffWeek(staff: Handle(trusted: "søren"), name: "Søren Ødegård", minutes: 360, justificationStatus: .none),
        StaffWeek(staff: Handle(trusted: "sofie"), name: "Sofie Berg", minutes: 380, justificationStatus: .submitted,
                  justification: "Follow-ups with the trade fair contacts on LinkedIn"),
        StaffWeek(staff: Handle(trusted: "ida"), name: "Ida Madsen", minutes: 130, justificationStatus: .none),
    ]
    static let report = ReportBuilder(threshold: .defaultThreshold).build(
        week: ISOWeek(year: 2026, week: 47)!, people: people,
        slices: [.init(staff: Handle(trusted: "anna"), network: "linkedin", outcome: "recruiting", unit: "hires", minutes: 430),
                 .init(staff: Handle(trusted: "søren"), network: "facebook", outcome: "customer-service", unit: nil, minutes: 360),
                 .init(staff: Handle(trusted: "sofie"), network: "linkedin", outcome: "sales-leads", unit: "leads", minutes: 380),
                 .init(staff: Handle(trusted: "ida"), network: "facebook", outcome: "customer-service", unit: nil, minutes: 130)],
        results: [.init(outcome: "recruiting", unit: "hires", quantity: 2)],
        trend: [(ISOWeek(year: 2026, week: 46)!, [], .defaultThreshold)], company: company, generatedAt: "2026-11-30T06:00:00+01:00")
}
