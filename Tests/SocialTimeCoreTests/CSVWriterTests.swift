import Testing
@testable import SocialTimeCore

@Suite struct CSVWriterTests {
    func row(_ fields: [CSVField], _ dialect: CSVDialect = .rfc4180) -> String { CSVWriter.row(fields, dialect: dialect) }

    @Test func plainFieldsAreJoinedAndRowsEndInCRLF() {
        #expect(row([.text("anna"), .number("90"), .decimal("1.50")]) == "anna,90,1.50\r\n")
        #expect(row([.text("anna"), .number("90"), .decimal("1.50")], .excel) == "anna;90;1,50\r\n")
        #expect(row([.text(""), .text("")]) == ",\r\n")
    }

    @Test func fieldsWithTheDelimiterAreQuotedOnlyInTheirDialect() {
        #expect(row([.text("a,b")]) == "\"a,b\"\r\n")
        #expect(row([.text("a;b")]) == "a;b\r\n")
        #expect(row([.text("a;b")], .excel) == "\"a;b\"\r\n")
        #expect(row([.text("a,b")], .excel) == "a,b\r\n")
    }

    @Test(arguments: CSVDialect.allCases)
    func quotesAreDoubledInsideQuotedFields(dialect: CSVDialect) {
        #expect(row([.text("say \"hi\"")], dialect) == "\"say \"\"hi\"\"\"\r\n")
        #expect(row([.text("\"")], dialect) == "\"\"\"\"\r\n")
    }

    @Test(arguments: CSVDialect.allCases)
    func lineBreaksAreQuoted(dialect: CSVDialect) {
        #expect(row([.text("a\nb")], dialect) == "\"a\nb\"\r\n")
        #expect(row([.text("a\r\nb")], dialect) == "\"a\r\nb\"\r\n")
        #expect(row([.text("a\rb")], dialect) == "\"a\rb\"\r\n")
    }

    @Test func excelHasAByteOrderMarkAndDecimalComma() {
        var excel = CSVWriter(dialect: .excel)
        excel.writeHeader(["minutes", "hours"])
        excel.writeRow([.number("90"), .decimal("1.50")])
        #expect(Array(excel.output.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(excel.output == "\u{FEFF}minutes;hours\r\n90;1,50\r\n")
        var plain = CSVWriter(dialect: .rfc4180)
        plain.writeRow([.decimal("1.50")])
        #expect(plain.output == "1.50\r\n")
    }

    /// OWASP "CSV Injection": every formula start is neutralised, in both dialects.
    @Test(arguments: ["=", "+", "-", "@", "\t", "\r"], CSVDialect.allCases)
    func formulaStartsAreNeutralised(prefix: String, dialect: CSVDialect) {
        let text = prefix + "1+1"
        let written = row([.text(text)], dialect)
        let body = written.hasPrefix("\"") ? String(written.dropFirst()) : written
        #expect(body.hasPrefix("'" + prefix), "\(written.debugDescription)")
        #expect(CSVWriter.neutralised(text) == "'" + text)
        #expect(CSVWriter.unneutralised(CSVWriter.neutralised(text)) == text)
    }

    /// Spreadsheets skip leading spaces and read full-width and small forms as the ASCII ones.
    @Test(arguments: [" =1+1", "   +1", " \t-1", "\u{FF1D}1+1", "\u{FF0B}1", "\u{FF0D}1", "\u{FF20}SUM(A1)",
                      "\u{FE66}1+1", "\u{FE62}1", "\u{FE63}1", "\u{FE6B}x", " \u{FF1D}1", "\u{3000}=1"])
    func spacedFullWidthAndSmallFormulaStartsAreNeutralised(text: String) {
        #expect(CSVWriter.neutralised(text) == "'" + text, "\(text.debugDescription)")
        #expect(CSVWriter.unneutralised(CSVWriter.neutralised(text)) == text)
    }

    @Test func spacedApostrophesStayInvertible() {
        for text in ["' =x", " ' =x", "'\u{FF1D}x", " ", "  a", "' a", " '"] {
            #expect(CSVWriter.unneutralised(CSVWriter.neutralised(text)) == text, "\(text.debugDescription)")
            #expect(CSVWriter.unneutralised(text) == text || CSVWriter.neutralised(CSVWriter.unneutralised(text)) == text)
        }
        #expect(CSVWriter.neutralised(" a=b") == " a=b")
    }

    @Test(arguments: CSVDialect.allCases)
    func hyperlinkFormulaIsNeutralisedAndQuoted(dialect: CSVDialect) {
        let note = "=HYPERLINK(\"http://x\",\"y\")"
        let delimiter = dialect == .excel ? ";" : ","
        #expect(row([.text("a"), .text(note)], dialect) == "a\(delimiter)\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n")
    }

    @Test func numbersAreNeverTouched() {
        #expect(row([.number("-5"), .decimal("-1.25")]) == "-5,-1.25\r\n")
        #expect(row([.number("-5"), .decimal("-1.25")], .excel) == "-5;-1,25\r\n")
    }

    @Test func textThatMerelyContainsAFormulaCharacterIsLeftAlone() {
        #expect(CSVWriter.neutralised("a=b") == "a=b")
        #expect(CSVWriter.neutralised("") == "")
        #expect(CSVWriter.neutralised("'quoted'") == "'quoted'")
    }

    /// A note that really begins with an apostrophe before a formula character gets one more, so
    /// the inverse can always strip exactly one.
    @Test func neutralisingIsExactlyInvertible() {
        for text in ["'=x", "''=x", "'", "''", "'a", "=", "-1", "plain", "", "@home", "\t", "\r\n"] {
            #expect(CSVWriter.unneutralised(CSVWriter.neutralised(text)) == text, "\(text.debugDescription)")
        }
        #expect(CSVWriter.neutralised("'=x") == "''=x")
        #expect(CSVWriter.unneutralised("'a") == "'a")
    }
}
