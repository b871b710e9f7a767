import Testing
@testable import SocialTimeCore

@Suite struct CSVReaderTests {
    func records(_ text: String, delimiter: Character? = nil, chunkSize: Int = 1 << 16) throws -> [CSVRecord] {
        try records(Array(text.utf8), delimiter: delimiter, chunkSize: chunkSize)
    }

    func records(_ bytes: [UInt8], delimiter: Character? = nil, chunkSize: Int = 1 << 16) throws -> [CSVRecord] {
        var reader = try CSVReader(source: MemoryByteSource(bytes), delimiter: delimiter, chunkSize: chunkSize)
        var result: [CSVRecord] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    @Test func readsQuotedDelimitersDoubledQuotesAndLineBreaks() throws {
        let text = "a,b,c\r\n\"x,y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\r\n"
        let rows = try records(text)
        #expect(rows.map(\.fields) == [["a", "b", "c"], ["x,y", "say \"hi\"", "two\r\nlines"], ["last", "", ""]])
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows.allSatisfy { $0.problem == nil })
    }

    @Test func lineNumbersCountBlankLinesAndLineBreaksInsideFields() throws {
        let rows = try records("h\n\n\"a\nb\nc\"\n\nd\n")
        #expect(rows.map(\.fields) == [["h"], ["a\nb\nc"], ["d"]])
        #expect(rows.map(\.line) == [1, 3, 7])
    }

    @Test func acceptsLFAndCRLineEndsAndAMissingFinalNewline() throws {
        #expect(try records("a,b\nc,d").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try records("a,b\rc,d\r").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try records("").isEmpty)
        #expect(try records("\"\"\n").map(\.fields) == [[""]])
    }

    @Test func detectsTheExcelDialectFromTheBOMAndSemicolons() throws {
        var reader = try CSVReader(source: MemoryByteSource("\u{FEFF}a;b;c\r\n1;\"2;3\";4,5\r\n"))
        #expect(reader.hadByteOrderMark)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(try reader.next()?.fields == ["a", "b", "c"])
        #expect(try reader.next()?.fields == ["1", "2;3", "4,5"])
        var commas = try CSVReader(source: MemoryByteSource("a,\"b;c\",d\n"))
        #expect(!commas.hadByteOrderMark)
        #expect(commas.delimiter == UInt8(ascii: ","))
        #expect(try commas.next()?.fields == ["a", "b;c", "d"])
    }

    /// Refilling the buffer must not lose a quote, a CRLF or a multi-byte character at a boundary.
    @Test func tinyChunksGiveTheSameRecords() throws {
        let text = "id,note\r\n1,\"æøå \"\"quoted\"\", 👩‍💻\r\nsecond line\"\r\n2,plain\r\n"
        #expect(try records(text, chunkSize: 16) == records(text))
        #expect(try records(text, chunkSize: 16).map(\.fields)[1] == ["1", "æøå \"quoted\", 👩‍💻\r\nsecond line"])
    }

    @Test func invalidUTF8IsReportedOnItsRecord() throws {
        let bytes = Array("a,b\n".utf8) + [0x31, 0x2C, 0xFF, 0xFE, 0x0A] + Array("2,ok\n".utf8)
        let rows = try records(bytes)
        #expect(rows.count == 3)
        #expect(rows[1].line == 2)
        #expect(rows[1].problem?.contains("UTF-8") == true)
        #expect(rows[2].problem == nil)
    }

    @Test func brokenQuotingIsReportedNotGuessed() throws {
        let rows = try records("a,b\n\"x\"y,1\nab\"c,2\n\"open,3\n")
        #expect(rows[1].problem?.contains("quote") == true)
        #expect(rows[2].problem?.contains("quote") == true)
        #expect(rows.last?.problem?.contains("not closed") == true)
        #expect(rows.last?.line == 4)
    }

    /// What the writer writes, the reader reads back, in both dialects.
    @Test(arguments: CSVDialect.allCases)
    func writerOutputReadsBack(dialect: CSVDialect) throws {
        let values = ["plain", "a,b", "a;b", "say \"hi\"", "two\r\nlines", "", " spaced ", "æøå 👩‍💻", "'=x"]
        var writer = CSVWriter(dialect: dialect)
        writer.writeRow(values.map(CSVField.text))
        writer.writeRow(values.reversed().map(CSVField.text))
        let rows = try records(writer.output)
        #expect(rows.map { $0.fields.map(CSVWriter.unneutralised) } == [values, values.reversed()])
    }
}
