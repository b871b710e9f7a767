import Testing
@testable import SocialTimeCore

/// Issue 20's findings that are decided on values: mail headers, e-mail addresses, terminal text.
@Suite struct CrossAccountUnitTests {
    /// A display name or company of `=?utf-8?B?…?=` went out raw, and mail clients decoded it:
    /// "Anna" could show as "Your bank". Text holding `=?` is encoded itself.
    @Test func aNameThatLooksLikeAnEncodedWordIsEncoded() throws {
        let posing = "=?utf-8?B?WW91ciBiYW5r?="  // "Your bank"
        let words = try Mailbox(name: posing, address: "eve@example.com").headerWords
        #expect(!words.contains(posing), "\(words)")
        #expect(words.last == "<eve@example.com>")
        #expect(words.dropLast() == ArraySlice(MIMEEncoding.encodedWords(posing)))
        let subject = MIMEEncoding.headerText("Weekly report of \(posing) 2026-W48")
        #expect(!subject.contains(posing) && subject == MIMEEncoding.encodedWords("Weekly report of \(posing) 2026-W48"), "\(subject)")
        // Plain names still go as they are.
        #expect(try Mailbox(name: "Anna Jensen", address: "anna@example.com").headerWords == ["Anna", "Jensen", "<anna@example.com>"])
        #expect(MIMEEncoding.headerText("a = b ? c") == ["a", "=", "b", "?", "c"])
    }

    /// `set-email` accepted addresses that `remind` then refused to send to: one rule now.
    @Test(arguments: ["anna;x@example.com", "anna:x@example.com", "anna(x)@example.com", "ænne@example.com",
                      "anna\\x@example.com", "anna[x]@example.com", "anna@exam ple.com", "anna@example"])
    func everyAddressSetEmailTakesIsOneMailCanGoTo(address: String) {
        #expect(!Mailbox.isValid(address))
        #expect(throws: SocialTimeError.self) { try Rulebook.validatedEmail(address) }
    }

    @Test func terminalTextEscapesControlsButKeepsLinesAndOwnColours() {
        #expect(Text.terminalSafe("plain\nline\ttab") == "plain\nline\ttab")
        #expect(Text.terminalSafe("a\u{1B}]0;title\u{7}b") == "a\\u{001B}]0;title\\u{0007}b")
        #expect(Text.terminalSafe("x\u{2028}y\u{202E}z\u{85}") == "x\\u{2028}y\\u{202E}z\\u{0085}")
        #expect(Text.terminalSafe("\u{1B}[1;31mred\u{1B}[0m") == "\u{1B}[1;31mred\u{1B}[0m")
        #expect(Text.terminalSafe("\r\u{1B}[Kprogress") == "\r\u{1B}[Kprogress")
        #expect(Text.terminalSafe("\u{1B}[2J") == "\\u{001B}[2J")
    }

    /// `9999-12-31T23:59:59-23:59` is a timestamp, but not one within the dates socialtime keeps.
    @Test func storedTimestampsOutsideTheSupportedDatesAreRefused() {
        #expect(Instant.storedEpochSeconds(iso: "9999-12-31T23:59:59-23:59") == nil)
        #expect(Instant.storedEpochSeconds(iso: "1999-12-31T23:59:59+00:00") == nil)
        #expect(Instant.storedEpochSeconds(iso: "2026-11-25T09:00:00+01:00") == Instant.epochSeconds(iso: "2026-11-25T09:00:00+01:00"))
        // The system zone never traps on a moment past 9999, whatever the caller does with it.
        _ = LocalZone.system.local(Instant.epochSeconds(iso: "9999-12-31T23:59:59-23:59")!)
    }
}
