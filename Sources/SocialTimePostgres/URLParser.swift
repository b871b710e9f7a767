import SocialTimeCore

/// Reads a `postgresql://` URL into libpq's connection keywords, following libpq's own URI
/// parser: `postgresql://[user[:password]@][host][:port][/dbname][?key=value&…]`, every part
/// percent-decoded, an IPv6 host in brackets, a socket folder as a percent-encoded host
/// (`%2Fvar%2Frun%2Fpostgresql`) or as `?host=/var/run/postgresql`. Query parameters win over
/// the parts before them, as in libpq. Messages never repeat the password.
enum URLParser {
    /// The keys a URL may set in its query; libpq has more, which socialtime does not use.
    static let acceptedParameters: [String] = [
        "host", "port", "dbname", "user", "password", "sslmode", "connect_timeout",
        "application_name", "fallback_application_name", "sslrootcert", "sslcert", "sslkey",
        "passfile", "options",
    ]

    /// The length of the scheme prefix when `text` starts with `postgresql://` or `postgres://`.
    static func scheme(of text: String) -> Int? {
        for prefix in ["postgresql://", "postgres://"] where text.hasPrefix(prefix) {
            return prefix.count
        }
        return nil
    }

    static func parse(_ url: String) throws(SocialTimeError) -> [String: String] {
        guard let prefixLength = scheme(of: url) else {
            throw .invalidInput("not a PostgreSQL URL: it starts with postgresql:// or postgres://")
        }
        var rest = Substring(url.dropFirst(prefixLength))
        var values: [String: String] = [:]

        // Credentials end at the first "@" before any "/", as libpq looks ahead for them.
        if let at = rest.firstIndex(where: { $0 == "@" || $0 == "/" }), rest[at] == "@" {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                values["user"] = try decode(credentials[..<colon], part: "user name")
                values["password"] = try decode(credentials[credentials.index(after: colon)...], part: "password")
            } else {
                values["user"] = try decode(credentials, part: "user name")
            }
        }

        // Host: an IPv6 address in brackets, or everything up to ":", "/", "?" or ",".
        var host: String
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else {
                throw .invalidInput("a bracketed IPv6 host has no closing \"]\": write postgresql://[::1]:5432/db")
            }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            guard !host.isEmpty else {
                throw .invalidInput("an empty IPv6 host \"[]\": write the address between the brackets")
            }
            rest = rest[rest.index(after: close)...]
            if let next = rest.first, !":/?,".contains(next) {
                throw .invalidInput("unexpected \"\(next)\" after the IPv6 host: a port follows as :5432, the database as /name")
            }
        } else {
            let end = rest.firstIndex(where: { ":/?,".contains($0) }) ?? rest.endIndex
            host = try decode(rest[..<end], part: "host")
            rest = rest[end...]
        }
        if rest.first == "," {
            throw .invalidInput("several hosts are not supported: give one host in the URL")
        }
        if !host.isEmpty { values["host"] = host }

        if rest.first == ":" {
            let end = rest.firstIndex(where: { "/?,".contains($0) }) ?? rest.endIndex
            let port = try decode(rest[rest.index(after: rest.startIndex)..<end], part: "port")
            rest = rest[end...]
            if rest.first == "," {
                throw .invalidInput("several hosts are not supported: give one host in the URL")
            }
            if !port.isEmpty { values["port"] = port }
        }

        if rest.first == "/" {
            let end = rest.firstIndex(of: "?") ?? rest.endIndex
            let database = try decode(rest[rest.index(after: rest.startIndex)..<end], part: "database name")
            rest = rest[end...]
            if !database.isEmpty { values["dbname"] = database }
        }

        if rest.first == "?" {
            for pair in rest.dropFirst().split(separator: "&", omittingEmptySubsequences: true) {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw .invalidInput("the URL parameter \"\(parts[0])\" has no \"=\": write key=value, such as sslmode=require")
                }
                var key = try decode(parts[0], part: "parameter name")
                let value = try decode(parts[1], part: key == "password" ? "password" : "parameter \(key)")
                if parts[1].contains("=") {
                    throw .invalidInput("the URL parameter \(key) has an extra \"=\" in its value: percent-encode it as %3D")
                }
                // libpq's JDBC-style spelling.
                if key == "ssl" {
                    guard value == "true" else {
                        throw .invalidInput("the URL parameter ssl accepts only \"true\" (use sslmode for the others)")
                    }
                    key = "sslmode"
                    values[key] = "require"
                    continue
                }
                guard acceptedParameters.contains(key) else {
                    throw .invalidInput("unknown URL parameter \"\(key)\": accepted are \(acceptedParameters.joined(separator: ", ")) and ssl=true")
                }
                values[key] = value
            }
        } else if !rest.isEmpty {
            throw .invalidInput("unexpected \"\(rest.first!)\" in the PostgreSQL URL: write postgresql://user@host:port/database?key=value")
        }
        return values
    }

    /// Percent-decodes one part; a bad escape names the part, not its text (it may be a password).
    static func decode(_ text: Substring, part: String) throws(SocialTimeError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = text.utf8[...]
        while let byte = utf8.first {
            utf8 = utf8.dropFirst()
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let high = hexValue(utf8.first!), let low = hexValue(utf8.dropFirst().first!) else {
                throw .invalidInput("the \(part) in the PostgreSQL URL has a bad percent escape: % is followed by two hex digits (%2F for /)")
            }
            utf8 = utf8.dropFirst(2)
            let decoded = high << 4 | low
            guard decoded != 0 else {
                throw .invalidInput("the \(part) in the PostgreSQL URL contains %00, which is not allowed")
            }
            bytes.append(decoded)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw .invalidInput("the \(part) in the PostgreSQL URL is not valid UTF-8 once percent-decoded")
        }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
