import SocialTimeCore

/// Where and how to reach a PostgreSQL server, resolved the way `psql` (libpq) resolves it:
/// the `postgresql://` URL first, then the `PG*` variables, then the password file, then
/// libpq's defaults. Pure: the environment, home folder, login and password file come in as
/// values (`ConnectionEnvironment`), so the library never reads the process environment.
public struct ConnectionSettings: Sendable, Equatable, CustomStringConvertible {
    /// A host name, an IP address (IPv6 without brackets), or — starting with `/` — the folder
    /// holding the server's Unix socket, as libpq reads `host`.
    public var host: String
    public var port: Int
    public var user: String
    /// Never printed: `description` and every message leave it out.
    public var password: String?
    /// Where the password came from, so an authentication failure can say which to fix.
    public var passwordSource: PasswordSource
    public var database: String
    public var sslMode: SSLMode
    /// The certificate authorities that `verify-ca`/`verify-full` trust.
    public var rootCertificate: RootCertificate
    /// Whether `sslrootcert` was given (libpq: then `require` checks the CA like `verify-ca`).
    public var rootCertificateGiven: Bool
    /// A client certificate and its key, when the server asks for one (`sslcert`, `sslkey`).
    public var clientCertificate: String?
    public var clientKey: String?
    /// Seconds to wait for the whole connection (socket, TLS, authentication); `nil` waits as
    /// long as it takes (libpq's `connect_timeout=0`).
    public var connectTimeoutSeconds: Int?
    public var applicationName: String
    /// libpq's `options` (`-c search_path=…`), sent to the server at start-up.
    public var options: String?
    /// Things the user should hear about but that do not stop the connection (a password
    /// file with group or world access is ignored, as libpq does, with this warning).
    public var warnings: [String]

    /// The default wait for a connection when neither the URL nor `PGCONNECT_TIMEOUT` sets one.
    public static let defaultConnectTimeoutSeconds = 10
    /// The name the server shows in `pg_stat_activity` when none is given.
    public static let defaultApplicationName = "socialtime"

    /// Whether `host` names a socket folder rather than a network host.
    public var usesUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq would open: `<folder>/.s.PGSQL.<port>`.
    public var unixSocketPath: String? {
        guard usesUnixSocket else { return nil }
        return (host.hasSuffix("/") ? host : host + "/") + ".s.PGSQL.\(port)"
    }

    /// Where the server is, for messages: `db.example.com:5432`, `[::1]:5432`, or the socket file.
    public var location: String {
        if let path = unixSocketPath { return "socket \(path)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// The settings as a URL without the password, safe for any message or log.
    public var description: String {
        var text = "postgresql://" + percentEncoded(user)
        if password != nil { text += ":***" }
        text += "@"
        if usesUnixSocket {
            text += "/" + percentEncoded(database) + "?host=" + percentEncoded(host) + "&port=\(port)"
        } else {
            text += (host.contains(":") ? "[\(host)]" : percentEncoded(host)) + ":\(port)/" + percentEncoded(database)
        }
        text += (text.contains("?") ? "&" : "?") + "sslmode=\(sslMode.rawValue)"
        return text
    }
}

/// libpq's `sslmode`. postgres-nio can try TLS and fall back to plain, or insist on TLS; it
/// cannot do libpq's `allow` (plain first, TLS only if the server insists), so `allow` behaves
/// like `prefer` here: TLS when the server offers it, plain otherwise — never less protection
/// than libpq would give.
public enum SSLMode: String, Sendable, Equatable, CaseIterable {
    case disable
    case allow
    case prefer
    case require
    case verifyCA = "verify-ca"
    case verifyFull = "verify-full"

    /// Whether the server's certificate is checked against trusted authorities.
    public var verifiesCertificate: Bool { self == .verifyCA || self == .verifyFull }
}

/// Which authorities `verify-ca` and `verify-full` trust.
public enum RootCertificate: Sendable, Equatable {
    /// A PEM file of CA certificates (libpq's default: `~/.postgresql/root.crt`).
    case file(String)
    /// The operating system's trusted authorities (`sslrootcert=system`).
    case system
}

/// Where a password came from.
public enum PasswordSource: Sendable, Equatable {
    case none
    case url
    case environment
    /// A line of this password file matched.
    case passwordFile(String)
}

/// What libpq would read from the process and the disk, handed in as values.
public struct ConnectionEnvironment: Sendable {
    /// The process environment (only the `PG*` variables are read from it).
    public var variables: [String: String]
    /// The home folder, for `~/.pgpass` and `~/.postgresql/root.crt`; `nil` when there is none.
    public var home: String?
    /// The operating-system login: libpq's default user name.
    public var login: String
    /// The folder of the server's socket when no host is given (Debian's libpq: /var/run/postgresql).
    public var defaultSocketDirectory: String
    /// Reads a password file: `nil` when it does not exist.
    public var readPasswordFile: @Sendable (String) -> PasswordFile?

    public init(variables: [String: String], home: String?, login: String,
                defaultSocketDirectory: String = ConnectionEnvironment.platformSocketDirectory,
                readPasswordFile: @escaping @Sendable (String) -> PasswordFile? = PasswordFile.read(path:)) {
        self.variables = variables
        self.home = home
        self.login = login
        self.defaultSocketDirectory = defaultSocketDirectory
        self.readPasswordFile = readPasswordFile
    }

    /// Where the platform's libpq looks for the socket by default.
    #if os(Linux)
    public static let platformSocketDirectory = "/var/run/postgresql"
    #else
    public static let platformSocketDirectory = "/tmp"
    #endif
}

extension ConnectionSettings {
    /// Whether `text` selects the PostgreSQL store (`postgresql://` or `postgres://`).
    public static func isPostgresURL(_ text: String) -> Bool {
        URLParser.scheme(of: text) != nil
    }

    /// Resolves `url` with what it leaves out taken from `environment`, as libpq does.
    /// Bad input (a malformed URL, an unknown parameter, a bad port or `sslmode`) is
    /// `.invalidInput` naming what was wrong and what is accepted; the password is never echoed.
    public static func resolve(url: String, environment: ConnectionEnvironment) throws(SocialTimeError) -> ConnectionSettings {
        var given = try URLParser.parse(url)
        var passwordSource = PasswordSource.none
        if let password = given["password"], !password.isEmpty { passwordSource = .url }

        // What the URL leaves out comes from the environment, key by key; an empty value
        // counts as absent for host, port, user, database and password, as in libpq.
        for (key, variable) in environmentVariables where given[key] == nil {
            if let value = environment.variables[variable] {
                given[key] = value
                if key == "password", !value.isEmpty { passwordSource = .environment }
            }
        }
        func value(_ key: String) -> String? {
            guard let value = given[key], !value.isEmpty else { return nil }
            return value
        }

        let host = value("host") ?? environment.defaultSocketDirectory
        if host.contains(",") {
            throw .invalidInput("several hosts (\(host)) are not supported: give one host in the URL or PGHOST")
        }
        let port = try parsePort(value("port"))
        let user = value("user") ?? environment.login
        let database = value("dbname") ?? user
        let sslMode = try parseSSLMode(value("sslmode"))
        let timeout = try parseConnectTimeout(value("connect_timeout"))

        let rootCertificate: RootCertificate
        if let given = value("sslrootcert") {
            rootCertificate = given == "system" ? .system : .file(given)
        } else {
            rootCertificate = .file((environment.home ?? "~") + "/.postgresql/root.crt")
        }

        var settings = ConnectionSettings(
            host: host, port: port, user: user,
            password: value("password"), passwordSource: passwordSource,
            database: database, sslMode: sslMode,
            rootCertificate: rootCertificate, rootCertificateGiven: value("sslrootcert") != nil,
            clientCertificate: value("sslcert"), clientKey: value("sslkey"),
            connectTimeoutSeconds: timeout,
            applicationName: value("application_name") ?? value("fallback_application_name") ?? defaultApplicationName,
            options: value("options"), warnings: [])

        // The password file is read only when no password was given, as libpq does.
        if settings.password == nil {
            let path = value("passfile") ?? environment.home.map { $0 + "/.pgpass" }
            if let path, let file = environment.readPasswordFile(path) {
                let lookup = PasswordFileLookup(
                    host: pgpassHost(host: host, defaultSocketDirectory: environment.defaultSocketDirectory),
                    port: String(port), database: database, user: user)
                switch file.password(for: lookup, path: path) {
                case .found(let password):
                    settings.password = password
                    settings.passwordSource = .passwordFile(path)
                case .ignored(let warning):
                    settings.warnings.append(warning)
                case .notFound:
                    break
                }
            }
        }
        return settings
    }

    /// The URL keys and the variables that fill them when the URL leaves them out.
    static let environmentVariables: [(key: String, variable: String)] = [
        ("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER"), ("password", "PGPASSWORD"),
        ("dbname", "PGDATABASE"), ("sslmode", "PGSSLMODE"), ("connect_timeout", "PGCONNECT_TIMEOUT"),
        ("application_name", "PGAPPNAME"), ("sslrootcert", "PGSSLROOTCERT"), ("sslcert", "PGSSLCERT"),
        ("sslkey", "PGSSLKEY"), ("passfile", "PGPASSFILE"), ("options", "PGOPTIONS"),
    ]

    /// libpq matches the password file's host field against `localhost` for its own default
    /// socket folder, and against the host as given otherwise.
    static func pgpassHost(host: String, defaultSocketDirectory: String) -> String {
        host == defaultSocketDirectory ? "localhost" : host
    }

    static func parsePort(_ text: String?) throws(SocialTimeError) -> Int {
        guard let text else { return 5432 }
        guard text.allSatisfy(\.isASCIIDigit), let port = Int(text), (1...65535).contains(port) else {
            throw .invalidInput("invalid port \"\(text)\": a port is a number from 1 to 65535")
        }
        return port
    }

    static func parseSSLMode(_ text: String?) throws(SocialTimeError) -> SSLMode {
        guard let text else { return .prefer }
        guard let mode = SSLMode(rawValue: text) else {
            throw .invalidInput("invalid sslmode \"\(text)\": use one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
    }

    /// libpq: a whole number of seconds; 0 or less waits for ever, and 1 counts as 2.
    static func parseConnectTimeout(_ text: String?) throws(SocialTimeError) -> Int? {
        guard let text else { return defaultConnectTimeoutSeconds }
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), let seconds = Int(trimmed) else {
            throw .invalidInput("invalid connect_timeout \"\(text)\": give whole seconds, such as 10 (0 waits for ever)")
        }
        if seconds <= 0 { return nil }
        return max(seconds, 2)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

private func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        let c = Character(Unicode.Scalar(byte))
        if byte < 0x80, c.isLetter || c.isASCIIDigit || "-._~".contains(c) {
            out.append(c)
        } else {
            out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return out
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
