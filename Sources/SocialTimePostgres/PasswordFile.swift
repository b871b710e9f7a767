#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A libpq password file (`~/.pgpass`, or `PGPASSFILE`): lines of
/// `hostname:port:database:username:password`, `*` matching anything in the first four
/// fields, `\:` and `\\` escaping, `#` starting a comment. As in libpq, the file is ignored
/// with a warning when it is not a regular file or when its group or others may read it.
public struct PasswordFile: Sendable, Equatable {
    public var contents: String
    /// The permission bits (`st_mode & 0o7777`).
    public var permissions: UInt32
    public var isRegularFile: Bool

    public init(contents: String, permissions: UInt32 = 0o600, isRegularFile: Bool = true) {
        self.contents = contents
        self.permissions = permissions
        self.isRegularFile = isRegularFile
    }

    /// Reads the file at `path` with its mode; `nil` when it does not exist or cannot be read.
    @Sendable public static func read(path: String) -> PasswordFile? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mode = UInt32(info.st_mode)
        let isRegular = mode & 0o170000 == 0o100000   // S_IFMT, S_IFREG
        let permissions = mode & 0o7777
        guard isRegular else { return PasswordFile(contents: "", permissions: permissions, isRegularFile: false) }
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
            // A password file is a few lines; a huge one is not worth reading (libpq reads lines, too).
            if bytes.count > 1 << 20 { break }
        }
        return PasswordFile(contents: String(decoding: bytes, as: UTF8.self), permissions: permissions, isRegularFile: true)
    }

    enum Lookup: Equatable {
        case found(String)
        case notFound
        case ignored(warning: String)
    }

    /// The password of the first line matching `lookup`, as libpq takes it.
    func password(for lookup: PasswordFileLookup, path: String) -> Lookup {
        guard isRegularFile else {
            return .ignored(warning: "WARNING: password file \"\(path)\" is not a plain file")
        }
        guard permissions & 0o077 == 0 else {
            return .ignored(warning: "WARNING: password file \"\(path)\" has group or world access; permissions should be u=rw (0600) or less")
        }
        for rawLine in contents.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = Self.fields(of: line)
            guard fields.count == 5 else { continue }
            let wanted = [lookup.host, lookup.port, lookup.database, lookup.user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0.isWildcard || $0.value == $1 }) {
                return .found(fields[4].value)
            }
        }
        return .notFound
    }

    struct Field {
        var value: String
        /// A lone unescaped `*`; `\*` is a literal star.
        var isWildcard: Bool
    }

    /// Splits a line into at most five fields at unescaped colons; the fifth (the password)
    /// takes the rest of the line, its escapes resolved too.
    static func fields(of line: Substring) -> [Field] {
        var fields: [Field] = []
        var value = ""
        var raw = ""
        var escaping = false
        for character in line {
            if escaping {
                value.append(character)
                raw.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
                raw.append(character)
            } else if character == ":" && fields.count < 4 {
                fields.append(Field(value: value, isWildcard: raw == "*"))
                value = ""
                raw = ""
            } else {
                value.append(character)
                raw.append(character)
            }
        }
        fields.append(Field(value: value, isWildcard: fields.count < 4 && raw == "*"))
        return fields
    }
}

/// The four values a password file line is matched against.
struct PasswordFileLookup: Equatable {
    var host: String
    var port: String
    var database: String
    var user: String
}
