#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a `CSVReader` gets its bytes: a file read in chunks, or bytes in memory (tests).
public protocol ByteSource {
    /// Fills `buffer` with up to `buffer.count` bytes; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocialTimeError) -> Int
}

/// Bytes already in memory.
public struct MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocialTimeError) -> Int {
        let count = min(buffer.count, bytes.count - offset)
        if count > 0 {
            bytes.withUnsafeBytes { source in
                buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
            }
        }
        offset += count
        return count
    }
}

/// A file read with `pread(2)` from its own offset, so a large import never sits in memory whole,
/// and a copy of a reader (its source included) reads the same bytes again from where the copy
/// was made: an import checks the file in one pass and writes it in a second.
///
/// An input that cannot be read twice (a pipe, `/dev/stdin` fed by `timew export |`) is saved
/// as it is read, to an unnamed temporary file in `spoolDirectory`, and read again from there —
/// at most `spoolLimit` bytes: an endless stream (`yes | socialtime import /dev/stdin`) is
/// stopped there with exit 65, instead of filling the disk or the memory.
public struct FileByteSource: ByteSource {
    /// The open file (and, for a stream, its saved copy), shared by the copies of a source and
    /// closed with the last of them.
    final class Descriptor: @unchecked Sendable {
        let fd: Int32
        let path: String
        /// A stream: the copy, how much of it is written, and how much it may hold.
        var spool: Int32 = -1
        var spooled: off_t = 0
        var ended = false
        let spoolDirectory: String
        let spoolLimit: Int
        let isRegular: Bool

        init(_ fd: Int32, path: String, spoolDirectory: String, spoolLimit: Int) {
            self.fd = fd
            self.path = path
            self.spoolDirectory = spoolDirectory
            self.spoolLimit = spoolLimit
            var info = stat()
            isRegular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        }

        deinit {
            close(fd)
            if spool >= 0 { close(spool) }
        }

        func read(at offset: off_t, into buffer: UnsafeMutableRawBufferPointer) throws(SocialTimeError) -> Int {
            guard !isRegular else { return try Self.pread(fd, at: offset, into: buffer, path: path) }
            // A stream: what is saved is read from the copy; past it, more is read and saved first.
            if offset >= spooled && !ended { try fill(into: buffer) }
            guard offset < spooled else { return 0 }
            return try Self.pread(spool, at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<min(buffer.count, Int(spooled - offset))]), path: path)
        }

        /// Reads the next piece of the stream (into `buffer`, as scratch) and appends it to the copy.
        private func fill(into buffer: UnsafeMutableRawBufferPointer) throws(SocialTimeError) {
            if spool < 0 {
                // A private name (mode 0600), unlinked at once: the copy vanishes with the process.
                var template = Array((spoolDirectory + "/.socialtime-import-XXXXXX").utf8CString)
                let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
                guard made >= 0 else {
                    throw .failure("cannot make a temporary file in \(spoolDirectory) to hold \(path) (it is not a regular file, so import saves it to read it twice): \(FileSystem.errorText())")
                }
                template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
                _ = fcntl(made, F_SETFD, FD_CLOEXEC)
                spool = made
            }
            var count: Int
            repeat { count = Glibc.read(fd, buffer.baseAddress, buffer.count) } while count < 0 && errno == EINTR
            guard count >= 0 else { throw .failure("cannot read \(path): \(FileSystem.errorText())") }
            if count == 0 { ended = true; return }
            guard Int(spooled) + count <= spoolLimit else {
                throw .invalidImportData("\(path) is not a file but a stream, and it went past \(FileByteSource.size(spoolLimit)) without ending; nothing was imported. Import saves a stream to read it twice, up to that size (--max-stream-size): save a larger export to a file and import the file, or raise the limit")
            }
            var written = 0
            while written < count {
                let done = Glibc.pwrite(spool, buffer.baseAddress! + written, count - written, spooled + off_t(written))
                if done < 0 && errno == EINTR { continue }
                guard done > 0 else { throw .failure("cannot write the temporary copy of \(path) in \(spoolDirectory): \(FileSystem.errorText())") }
                written += done
            }
            spooled += off_t(count)
        }

        private static func pread(_ fd: Int32, at offset: off_t, into buffer: UnsafeMutableRawBufferPointer, path: String) throws(SocialTimeError) -> Int {
            while true {
                let count = Glibc.pread(fd, buffer.baseAddress, buffer.count, offset)
                if count >= 0 { return count }
                if errno == EINTR { continue }
                throw .failure("cannot read \(path): \(FileSystem.errorText())")
            }
        }
    }

    private let descriptor: Descriptor
    private var offset: off_t = 0
    public var path: String { descriptor.path }

    /// A size in bytes as a person reads it: `512 MiB`, `64 KiB`, `1000 bytes`.
    static func size(_ bytes: Int) -> String {
        if bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// The most of a stream that is saved by default: 512 MiB, several times a million-row export.
    public static let defaultSpoolLimit = 512 << 20

    public init(path: String, spoolDirectory: String = "/tmp", spoolLimit: Int = defaultSpoolLimit) throws(SocialTimeError) {
        if FileSystem.isDirectory(path) { throw .invalidInput("\(path) is a folder: give the CSV file to import") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .invalidInput("cannot read \(path): \(FileSystem.errorText())") }
        descriptor = Descriptor(fd, path: path, spoolDirectory: spoolDirectory, spoolLimit: spoolLimit)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(SocialTimeError) -> Int {
        let count = try descriptor.read(at: offset, into: buffer)
        offset += off_t(count)
        return count
    }
}

// File-level constants, not static members: a static on the generic reader would instantiate its
// type metadata on every byte read.
private let quoteByte = UInt8(ascii: "\"")
private let carriageReturn: UInt8 = 13
private let lineFeed: UInt8 = 10

/// One record of a CSV file: its fields and the line it starts on (the header is line 1).
public struct CSVRecord: Sendable, Equatable {
    public let line: Int
    public let fields: [String]
    /// Why the record cannot be trusted (invalid UTF-8, broken quoting), or nil.
    public let problem: String?
    /// The record's bytes as they were in the file, without its line break, when the reader was
    /// asked to keep them (`keepsRawText`): what a rejects file gives back unchanged.
    public var raw: [UInt8]? = nil

    public init(line: Int, fields: [String], problem: String?, raw: [UInt8]? = nil) {
        self.line = line
        self.fields = fields
        self.problem = problem
        self.raw = raw
    }
}

/// Reads RFC 4180 CSV as it streams in: quoted fields may hold the delimiter, doubled quotes and
/// line breaks; rows end in CRLF, LF or CR. A UTF-8 byte order mark is skipped (and remembered:
/// it says "Excel dialect"). Blank lines are skipped but still counted, so line numbers are the
/// ones a person sees in an editor.
///
/// Not generic over its source: the source is asked for bytes once per chunk, while a generic
/// reader paid for its type's metadata on every byte.
public struct CSVReader {
    private var source: any ByteSource
    private var buffer: [UInt8]
    private var position = 0
    private var filled = 0
    private var atEnd = false
    private var line = 1

    public private(set) var delimiter: UInt8
    public private(set) var hadByteOrderMark = false
    /// Whether records carry their raw bytes (`CSVRecord.raw`); off by default, since a large
    /// import would copy every byte twice.
    public var keepsRawText = false

    /// No record may be longer than this: a CSV export of time entries has short rows, and a
    /// stream with no line break (`/dev/zero`, a binary file) must not grow without bound.
    public static let maxRecordBytes = 1 << 20


    /// `delimiter` nil detects it from the first line: whichever of `,` `;` and tab occurs most
    /// (a BOM with no other clue means semicolons, the Excel dialect).
    public init(source: any ByteSource, delimiter: Character? = nil, chunkSize: Int = 1 << 16) throws(SocialTimeError) {
        self.source = source
        buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
        self.delimiter = delimiter?.asciiValue ?? UInt8(ascii: ",")
        try refill()
        if filled - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
            hadByteOrderMark = true
        }
        if delimiter == nil { self.delimiter = detectDelimiter() }
    }

    /// The first byte of the input that is not white space, without reading it (within the
    /// first chunk): `[` for a JSON file, `i` for Timewarrior's `inc` lines.
    var firstSignificantByte: UInt8? {
        buffer[position..<filled].first { ![9, 10, 13, 32].contains($0) }
    }

    /// Counts candidate delimiters in the first line held in the buffer, outside quotes.
    private func detectDelimiter() -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 9: 0]
        var quoted = false
        for byte in buffer[position..<filled] {
            if byte == quoteByte { quoted.toggle(); continue }
            if !quoted && (byte == lineFeed || byte == carriageReturn) { break }
            if !quoted, counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!
        if best.value == 0 { return hadByteOrderMark ? UInt8(ascii: ";") : UInt8(ascii: ",") }
        return best.key
    }

    /// Keeps unread bytes and reads more behind them.
    private mutating func refill() throws(SocialTimeError) {
        guard !atEnd else { return }
        if position > 0 {
            let remaining = filled - position
            if remaining > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + position, byteCount: remaining)
                }
            }
            filled = remaining
            position = 0
        }
        while filled < buffer.count {
            let start = filled
            var source = self.source
            var result: Result<Int, SocialTimeError> = .success(0)
            buffer.withUnsafeMutableBytes { raw in
                do throws(SocialTimeError) {
                    result = .success(try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start...])))
                } catch {
                    result = .failure(error)
                }
            }
            self.source = source
            let count = try result.get()
            if count == 0 { atEnd = true; return }
            filled += count
        }
    }

    mutating func nextByte() throws(SocialTimeError) -> UInt8? {
        if position == filled { try refill() }
        guard position < filled else { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    mutating func peek() throws(SocialTimeError) -> UInt8? {
        if position == filled { try refill() }
        return position < filled ? buffer[position] : nil
    }

    /// The next record, or nil at the end of the input.
    public mutating func next() throws(SocialTimeError) -> CSVRecord? {
        var fields: [String] = []
        var field: [UInt8] = []
        var problem: String?
        var startLine = line
        var inQuotes = false
        var fieldWasQuoted = false
        var afterClosingQuote = false
        var sawAnything = false
        var recordBytes = 0
        var raw: [UInt8] = []
        let keepRaw = keepsRawText
        let limit = Self.maxRecordBytes

        func finishField() {
            // ASCII (nearly every field of a time export) is valid as it is; `String(validating:)`
            // instantiates generic metadata on each call, a twentieth of a large import.
            if !field.contains(where: { $0 >= 0x80 }) {
                fields.append(String(decoding: field, as: UTF8.self))
            } else if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
                if problem == nil { problem = "the text is not valid UTF-8 (save the file as UTF-8)" }
            }
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
            afterClosingQuote = false
        }

        while true {
            guard let byte = try nextByte() else {
                if inQuotes {
                    problem = "a quoted field is not closed before the end of the file"
                }
                guard sawAnything else { return nil }
                finishField()
                return CSVRecord(line: startLine, fields: fields, problem: problem, raw: keepRaw ? raw : nil)
            }
            recordBytes += 1
            if recordBytes > limit {
                throw .invalidImportData("line \(startLine) is longer than 1 MiB, so this is not a CSV export of time entries (or a quote is never closed): nothing was imported")
            }
            if keepRaw { raw.append(byte) }
            if inQuotes {
                if byte == quoteByte {
                    if try peek() == quoteByte {
                        position += 1
                        field.append(quoteByte)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else {
                    if byte == lineFeed { line += 1 }
                    if byte == carriageReturn, try peek() != lineFeed { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case delimiter:
                sawAnything = true
                finishField()
            case carriageReturn, lineFeed:
                if byte == carriageReturn, try peek() == lineFeed { position += 1 }
                line += 1
                if keepRaw { raw.removeLast() }
                if !sawAnything && field.isEmpty && !fieldWasQuoted {
                    startLine = line  // a blank line: skipped, but counted
                    recordBytes = 0
                    continue
                }
                finishField()
                return CSVRecord(line: startLine, fields: fields, problem: problem, raw: keepRaw ? raw : nil)
            case quoteByte where field.isEmpty && !fieldWasQuoted:
                sawAnything = true
                inQuotes = true
                fieldWasQuoted = true
            default:
                sawAnything = true
                if afterClosingQuote || byte == quoteByte, problem == nil {
                    problem = "a quote in the middle of a field (quote the whole field and double the quotes inside)"
                }
                field.append(byte)
            }
        }
    }
}
