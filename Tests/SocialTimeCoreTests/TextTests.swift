import Testing
@testable import SocialTimeCore

@Suite struct TextTests {
    @Test(arguments: ["line\nbreak", "tab\there", "esc\u{1B}[31m", "del\u{7F}", "c1\u{85}next", "cr\r", "nul\u{0}"])
    func controlCharactersAreRefused(text: String) {
        let error = socialTimeError { _ = try Text.validate(text, field: "note", maxLength: 100) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("control character") == true)
    }

    @Test(arguments: ["æøå ÆØÅ", "👩‍💻 with a zero-width joiner", "'); DROP TABLE entries;--", "\"quoted\", comma; semi",
                      "<script>alert(1)</script> & more", "=HYPERLINK(\"http://x\",\"y\")", "right-to-left \u{200F}mark", "Ω≈ç√∫"])
    func everythingElseIsKeptVerbatim(text: String) throws {
        #expect(try Text.validate(text, field: "note", maxLength: 100) == text)
    }

    @Test func lengthCountsCharactersNotBytes() async throws {
        let emoji = String(repeating: "👩‍💻", count: 10)
        #expect(try Text.validate(emoji, field: "note", maxLength: 10) == emoji)
        #expect(throws: SocialTimeError.self) { try Text.validate(emoji + "x", field: "note", maxLength: 10) }
    }

    @Test func printableShowsControlCharactersInsteadOfEmittingThem() {
        #expect(Text.printable("a\nb\u{1B}") == "a\\u{000A}b\\u{001B}")
    }

    @Test(arguments: ["anna", "a", "j.doe", "first_last-2", String(repeating: "a", count: 32)])
    func validHandles(text: String) throws {
        #expect(try Handle(validating: text).value == text)
    }

    @Test(arguments: ["", "Anna", "anna smith", "../etc", "æble", String(repeating: "a", count: 33), "anna;", "a/b"])
    func invalidHandles(text: String) {
        let error = socialTimeError { _ = try Handle(validating: text) }
        #expect(error?.exitCode == 64, "\(text)")
    }

    @Test func uppercaseHandleSuggestsTheLowercaseOne() {
        let error = socialTimeError { _ = try Handle(validating: "Anna") }
        #expect(error?.message.contains("did you mean 'anna'") == true)
    }

    @Test func minutesFormatting() {
        #expect(Minutes(330).description == "5h 30m")
        #expect(Minutes(45).description == "45m")
        #expect(Minutes(120).description == "2h")
        #expect(Minutes(90).hoursString() == "1.50")
        #expect(Minutes(1).hoursString() == "0.02")
        #expect(Minutes(299).hoursString() == "4.98")
        #expect(Minutes(100).hoursString(decimalSeparator: ",") == "1,67")
    }

    @Test func jsonEscapesWhatMustBeEscaped() {
        #expect(JSON.string("a\"b\\c\n\u{1}").serialized() == #""a\"b\\c\n\u0001""#)
        #expect(JSON.object([("b", .int(1)), ("a", .null)]).serialized() == #"{"b":1,"a":null}"#)
    }
}

@Suite struct LongTextStoreTests {
    @Test func aNoteOfManyMultiCodePointCharactersIsRefusedClearly() async throws {
        let box = try TemporaryStore()
        let family = "👨‍👩‍👧‍👦"  // one character, seven code points
        let error = await socialTimeError { _ = try await box.store.log(.make(note: String(repeating: family, count: 1500))) }
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("too long") == true)
        _ = try await box.store.log(.make(note: String(repeating: family, count: 1000)))
    }
}
