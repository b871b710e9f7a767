import Foundation
import Testing

/// Issue 24: `config language da` writes the report (text, Markdown, HTML, e-mail) and the
/// reminders in Danish; JSON keys, CSV headers and commands stay as they are. The mail is read
/// back with Python's `email` module, RFC 2047 subject included.
@Suite struct LanguageEndToEndTests {
    static func danishBox(_ store: StoreKind) async throws -> Sandbox {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        #expect(await box.runAsOwnerInProcess(["staff", "set-email", "boss", "bo@example.com"]).status == 0)
        #expect(await box.runAsOwnerInProcess(["staff", "set-email", "anna", "anna@example.com"]).status == 0)
        let set = await box.runInProcess(["--as", "boss", "config", "language", "da"])
        #expect(set.status == 0, "\(set.stderr)")
        return box
    }

    /// Subject (decoded), then each text part, separated by a line of `=`.
    static func parse(_ message: String, in box: Sandbox, mbox: Bool = false) throws -> [String] {
        let path = box.path("message.eml")
        try message.write(toFile: path, atomically: true, encoding: .utf8)
        let script = """
            import email, email.header, mailbox, sys
            from email import policy
            if sys.argv[2] == "mbox":
                messages = [email.message_from_bytes(m.as_bytes(), policy=policy.default) for m in mailbox.mbox(sys.argv[1])]
            else:
                messages = [email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)]
            m = messages[0]
            out = [str(m["subject"])]
            for part in m.walk():
                if part.get_content_maintype() == "text":
                    out.append(part.get_content())
            print("\\n=====\\n".join(out))
            """
        let run = try ExternalTools.run("/usr/bin/python3", ["-c", script, path, mbox ? "mbox" : "eml"], in: box.folder)
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.components(separatedBy: "\n=====\n")
    }

    @Test(arguments: StoreKind.all) func theReportIsWrittenInDanish(store: StoreKind) async throws {
        let box = try await Self.danishBox(store)
        let text = await box.runInProcess(["--as", "boss", "report"])
        #expect(text.status == 0, "\(text.stderr)")
        for phrase in ["Ugerapport uge 47 2026", "Grænse 5 timer", "FLAGET", "til godkendelse", "afvist", "Begrundelser",
                       "Formål — indsats og værdi", "2 timer 30 min. pr. stk.", "vurderet af boss"] {
            #expect(text.stdout.contains(phrase), "\(phrase) in:\n\(text.stdout)")
        }
        #expect(!text.stdout.contains("FLAGGED") && !text.stdout.contains("awaiting review"))
        let markdown = await box.runInProcess(["--as", "boss", "report", "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Ugerapport uge 47 2026"), "\(markdown.stdout.prefix(200))")
        let html = await box.runInProcess(["--as", "boss", "report", "--format", "html"])
        #expect(html.stdout.contains("<html lang=\"da\">") && html.stdout.contains("Timer pr. person") && html.stdout.contains("FLAGET"))
        // Programs read the same keys and headers as before.
        let json = try ReportFixture.json(await box.runInProcess(["--as", "boss", "report", "--format", "json"]).stdout)
        #expect(json["week"] as? String == "2026-W47")
        #expect((json["staff"] as? [[String: Any]])?.first?["justification_status"] as? String == "rejected")
        let csv = await box.runInProcess(["--as", "boss", "export", "--kind", "summary", "--out", "-"])
        #expect(csv.stdout.hasPrefix("week,staff,staff_name,minutes,hours,threshold_hours,justification_status"), "\(csv.stdout.prefix(120))")

        let mail = await box.runInProcess(["--as", "boss", "report", "--format", "email"])
        #expect(mail.status == 0, "\(mail.stderr)")
        let headers = mail.stdout.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")[0]
        #expect(headers.utf8.allSatisfy { $0 < 128 } && headers.contains("=?utf-8?") || headers.contains("=?UTF-8?"), "the headers are 7-bit: \(headers)")
        let parts = try Self.parse(mail.stdout, in: box)
        #expect(parts.count == 3, "\(parts)")
        #expect(parts.first == "socialtime ugerapport uge 47 2026 — 2 flaget, 1 til godkendelse", "\(parts.first ?? "")")
        #expect(parts.dropFirst().first?.contains("Ugerapport uge 47 2026") == true)
        #expect(parts.last?.contains("Timer pr. person") == true)
    }

    @Test(arguments: StoreKind.all) func remindersAreWrittenInDanish(store: StoreKind) async throws {
        let box = try await Self.danishBox(store)
        let remind = await box.runInProcess(["--as", "boss", "remind", "--week", "2026-W47"])
        #expect(remind.status == 0, "\(remind.stderr)")
        let parts = try Self.parse(remind.stdout, in: box, mbox: true)
        #expect(parts.first == "5 timer på sociale medier i uge 47 kræver en begrundelse", "\(parts)")
        let body = parts.dropFirst().joined().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(body.contains("Hej Anna Jensen,") && body.contains("har du registreret 5 timer på sociale medier"), "\(body)")
        #expect(body.contains("socialtime justify --week 2026-W47"), "the command is not translated")
    }

    @Test(arguments: StoreKind.all) func onlyManagersSetTheLanguageAndOnlyEnOrDa(store: StoreKind) async throws {
        let box = try await Sandbox.make(store: store)
        try await ReportFixture.build(box)
        let refused = await box.runInProcess(["--as", "jonas", "config", "language", "da"])
        #expect(refused.status == 77, "\(refused.stderr)")
        let bad = await box.runInProcess(["--as", "boss", "config", "language", "de"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'en'") && bad.stderr.contains("'da'"), "\(bad.stderr)")
        #expect(await box.runInProcess(["--as", "boss", "config", "language"]).stdout.contains(": en"))
        #expect(await box.runInProcess(["--as", "boss", "report"]).stdout.hasPrefix("Weekly report 2026-W47"))
        #expect(await box.runInProcess(["--as", "boss", "config", "language", "da"]).status == 0)
        #expect(await box.runInProcess(["--as", "boss", "config", "language"]).stdout.contains(": da"))
        #expect(await box.runInProcess(["--as", "boss", "config", "language", "en"]).status == 0)
        #expect(await box.runInProcess(["--as", "boss", "report"]).stdout.hasPrefix("Weekly report 2026-W47"))
    }
}
