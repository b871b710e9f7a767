import Testing
@testable import SocialTimeCore

/// MIME by hand, checked against known encodings and the RFCs' limits. The same messages go
/// through a real SMTP server in the end-to-end tests.
@Suite struct MailTests {
    static let date = try! MailDate(iso: "2026-11-30T06:00:00+01:00")
    static let managers = [try! Mailbox(name: "Mette Lund", address: "mette@example.com"),
                           try! Mailbox(name: "Bjørn Ærøe", address: "bjorn@example.dk")]

    /// A base64 decoder for the tests, so an encoded body can be compared with the original.
    static func decodeBase64(_ text: String) -> [UInt8] {
        let table = Dictionary(uniqueKeysWithValues: MIMEEncoding.alphabet.enumerated().map { ($1, UInt8($0)) })
        let values = text.utf8.compactMap { table[$0] }
        var out: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            out.append(values[index] << 2 | values[index + 1] >> 4)
            if index + 2 < values.count { out.append(values[index + 1] << 4 | values[index + 2] >> 2) }
            if index + 3 < values.count { out.append(values[index + 2] << 6 | values[index + 3]) }
            index += 4
        }
        return out
    }

    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy"), ("Ærø", "w4Zyw7g=")])
    func base64MatchesRFC4648(input: String, expected: String) {
        #expect(MIMEEncoding.base64(Array(input.utf8)) == expected)
    }

    @Test func base64BodyLinesAreAtMost76() {
        let text = String(repeating: "Søren Ødegård — ", count: 100)
        let body = MIMEEncoding.base64Body(text)
        let lines = body.split(separator: "\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.utf8.count == 76 })
        #expect(Self.decodeBase64(body) == Array(text.utf8))
    }

    @Test func quotedPrintableIsSevenBitShortAndSafe() {
        let text = "Hello Søren,\nFrom here on = means equals \n.\n" + String(repeating: "æ", count: 60) + "\n"
        let qp = MIMEEncoding.quotedPrintable(text)
        #expect(qp.utf8.allSatisfy { $0 < 128 })
        #expect(qp.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(qp.hasPrefix("Hello S=C3=B8ren,\n=46rom here on =3D means equals=20\n=2E\n=C3=A6"))
        #expect(!qp.split(separator: "\n").contains { $0.hasPrefix("From ") })
    }

    @Test func encodedWordsAreShortAndSplitOnCharacters() {
        let words = MIMEEncoding.encodedWords("Ærø Økologi & Søn ApS — weekly report 2026-W47 — 2 flagged")
        #expect(words.count > 1)
        for word in words {
            #expect(word.hasPrefix("=?utf-8?B?") && word.hasSuffix("?="))
            #expect(word.utf8.count <= 64)
            // Each word decodes to whole UTF-8 on its own (RFC 2047 §5: no character split).
            let payload = String(word.dropFirst(10).dropLast(2))
            #expect(String(validating: Self.decodeBase64(payload), as: UTF8.self) != nil)
        }
        let joined = words.map { String(validating: Self.decodeBase64(String($0.dropFirst(10).dropLast(2))), as: UTF8.self)! }.joined()
        #expect(joined == "Ærø Økologi & Søn ApS — weekly report 2026-W47 — 2 flagged")
        #expect(MIMEEncoding.headerText("plain ascii") == ["plain", "ascii"])
        #expect(MIMEEncoding.headerText("line\nbreak") == ["line", "break"])
    }

    @Test func displayNamesAreAtomsQuotedOrEncoded() throws {
        #expect(try Mailbox(name: "Anna Jensen", address: "anna@example.com").headerWords == ["Anna", "Jensen", "<anna@example.com>"])
        #expect(try Mailbox(name: "Jensen, Anna \"AJ\"", address: "a@x.dk").headerWords == [#""Jensen, Anna \"AJ\"""#, "<a@x.dk>"])
        #expect(try Mailbox(name: nil, address: "a@x.dk").headerWords == ["a@x.dk"])
        let danish = try Mailbox(name: "Bjørn", address: "b@x.dk").headerWords
        #expect(danish == ["=?utf-8?B?QmrDuHJu?=", "<b@x.dk>"])
        for bad in ["anna", "anna@", "@x.dk", "a b@x.dk", "a@x", "a@x.dk>", "ø@x.dk", "a,b@x.dk", "a@x.dk\nBcc: c@y.dk"] {
            #expect(throws: SocialTimeError.self) { try Mailbox(name: nil, address: bad) }
        }
    }

    @Test func datesForHeadersAndMbox() throws {
        #expect(Self.date.rfc5322 == "Mon, 30 Nov 2026 06:00:00 +0100")
        #expect(Self.date.asctime == "Mon Nov 30 06:00:00 2026")
        #expect(try MailDate(iso: "2026-07-04T23:05:09-05:30").rfc5322 == "Sat, 4 Jul 2026 23:05:09 -0530")
        #expect(try MailDate(iso: "2026-11-05T08:00Z").asctime == "Thu Nov  5 08:00:00 2026")
        for bad in ["2026-11-30", "2026-11-30T25:00:00+01:00", "2026-11-30 06:00:00+01:00", "2026-11-30T06:00:00+0100", "soon"] {
            #expect(throws: SocialTimeError.self) { try MailDate(iso: bad) }
        }
    }

    @Test func reportMailIsSevenBitMultipartWithTheExactHTMLReport() throws {
        let report = MailFixture.report
        let message = try ReportMail.message(report, to: Self.managers, from: nil, date: Self.date, messageIDDomain: "host.example")
        let text = message.rendered
        #expect(text.utf8.allSatisfy { $0 < 128 })
        let (head, body) = (String(text.prefix { _ in true }.split(separator: "\n\n", maxSplits: 1)[0]), text)
        #expect(head.split(separator: "\n").allSatisfy { $0.utf8.count <= 78 })
        // Folded before 78 characters, between the encoded name and its address.
        #expect(head.contains("To: Mette Lund <mette@example.com>, =?utf-8?B?QmrDuHJuIMOGcsO4ZQ==?=\n <bjorn@example.dk>\n"))
        #expect(head.contains("Date: Mon, 30 Nov 2026 06:00:00 +0100\n"))
        #expect(head.contains("Message-ID: <socialtime.report.2026-W47.20261130T060000@host.example>\n"))
        #expect(head.contains("MIME-Version: 1.0\n"))
        #expect(head.contains("Content-Type: multipart/alternative; boundary=\"=_socialtime_alternative_7b1d\""))
        #expect(ReportMail.subject(report) == "Ærø Økologi & Søn ApS: weekly report 2026-W47 — 2 flagged, 1 awaiting review")
        #expect(body.contains("Subject: =?utf-8?B?"))
        // The parts: text/plain is the text report, text/html exactly the --format html report.
        let parts = body.components("\n--=_socialtime_alternative_7b1d")
        #expect(parts.count == 4 && parts[3] == "--\n")
        #expect(parts[1].hasPrefix("\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"))
        #expect(parts[2].hasPrefix("\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"))
        let plain = Self.decodeBase64(String(parts[1].split(separator: "\n\n", maxSplits: 1)[1]))
        let html = Self.decodeBase64(String(parts[2].split(separator: "\n\n", maxSplits: 1)[1]))
        #expect(plain == Array(ReportTextRenderer(colour: false).render(report).utf8))
        #expect(html == Array(ReportHTMLRenderer().render(report).utf8))
        #expect(throws: SocialTimeError.self) { try ReportMail.message(report, to: [], from: nil, date: Self.date, messageIDDomain: "h") }
    }

    @Test func remindersGoToFlaggedPeopleWithAnAddressOnly() throws {
        let analysis = Analyzer(threshold: .defaultThreshold).analyze(MailFixture.week, MailFixture.people)
        let plan = Reminders.plan(analysis, addresses: [Handle(trusted: "anna"): "anna@example.com", Handle(trusted: "sofie"): "sofie@example.com",
                                                        Handle(trusted: "ida"): "ida@example.com"])
        // anna (rejected) and søren (none) are flagged; sofie awaits review, ida is under, lars accepted.
        #expect(plan.toSend.map(\.person.staff.value) == ["anna"])
        #expect(plan.withoutAddress.map(\.staff.value) == ["søren"])
        let messages = Reminders.messages(plan, week: MailFixture.week, threshold: .defaultThreshold, company: MailFixture.company,
                                          from: try Mailbox(name: "socialtime", address: "noreply@example.com"), date: Self.date, messageIDDomain: "h")
        #expect(messages.count == 1)
        let rendered = messages[0].rendered
        #expect(rendered.utf8.allSatisfy { $0 < 128 })
        #expect(rendered.contains("To: Anna Jensen <anna@example.com>\n"))
        #expect(rendered.contains("Message-ID: <socialtime.remind.2026-W47.anna.20261130T060000@h>"))
        #expect(rendered.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(Reminders.subject(plan.toSend[0].person, week: MailFixture.week, company: nil) == "7h 10m on social networks in 2026-W47 needs a new justification")
        let body = Reminders.body(plan.toSend[0].person, week: MailFixture.week, threshold: .defaultThreshold, company: MailFixture.company)
        #expect(body.contains("    socialtime justify --week 2026-W47 \"What the business gets …\"\n"))
        #expect(body.contains("Your justification was rejected by mette: “Say how many applied — and\nwhich post”"))
        #expect(body.contains("Ærø Økologi & Søn ApS asks everyone who spends 5h"))
        #expect(Reminders.plan(Analyzer(threshold: .defaultThreshold).analyze(MailFixture.week, []), addresses: [:]).toSend.isEmpty)
    }

    @Test func mboxEscapesFromLinesAndSeparatesMessages() {
        let mbox = Mbox.render(["Subject: a\n\nFrom here\n>From there\nok\n", "Subject: b\n\nbody"], sender: "st@h", date: Self.date)
        #expect(mbox == "From st@h Mon Nov 30 06:00:00 2026\nSubject: a\n\n>From here\n>>From there\nok\n\n"
                + "From st@h Mon Nov 30 06:00:00 2026\nSubject: b\n\nbody\n\n")
    }
}

extension String {
    /// Splits on a multi-character separator, keeping empty pieces.
    func components(_ separator: String) -> [String] {
        var pieces: [String] = [], rest = Substring(self)
        while let range = rest.range(of: separator) {
            pieces.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        return pieces + [String(rest)]
    }
}
