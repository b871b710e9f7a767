import Foundation
import Testing
import SocialTimeCore
@testable import SocialTimePostgres

/// Settings resolution as psql resolves them: URL, then PG* variables, then the password file,
/// then libpq's defaults. Pure: no server, no process environment.
@Suite struct ConnectionSettingsTests {
    func environment(_ variables: [String: String] = [:], home: String? = "/home/anna",
                     files: [String: PasswordFile] = [:]) -> ConnectionEnvironment {
        ConnectionEnvironment(variables: variables, home: home, login: "anna",
                              defaultSocketDirectory: "/var/run/postgresql",
                              readPasswordFile: { files[$0] })
    }

    func resolve(_ url: String, _ variables: [String: String] = [:], home: String? = "/home/anna",
                 files: [String: PasswordFile] = [:]) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(url: url, environment: environment(variables, home: home, files: files))
    }

    func refusal(_ url: String, _ variables: [String: String] = [:]) -> SocialTimeError? {
        do {
            _ = try resolve(url, variables)
            return nil
        } catch {
            return error as? SocialTimeError
        }
    }

    // MARK: URLs

    @Test func aFullURLSetsEveryPart() throws {
        let s = try resolve("postgresql://bob:s3cret@db.example.com:6543/team?sslmode=verify-full&connect_timeout=7&application_name=cron")
        #expect(s.user == "bob")
        #expect(s.password == "s3cret")
        #expect(s.passwordSource == .url)
        #expect(s.host == "db.example.com")
        #expect(s.port == 6543)
        #expect(s.database == "team")
        #expect(s.sslMode == .verifyFull)
        #expect(s.connectTimeoutSeconds == 7)
        #expect(s.applicationName == "cron")
        #expect(!s.usesUnixSocket)
        #expect(s.location == "db.example.com:6543")
    }

    @Test func bothSchemesSelectPostgreSQL() throws {
        #expect(ConnectionSettings.isPostgresURL("postgresql://h/db"))
        #expect(ConnectionSettings.isPostgresURL("postgres://h/db"))
        #expect(!ConnectionSettings.isPostgresURL("/home/anna/socialtime.db"))
        #expect(!ConnectionSettings.isPostgresURL("mysql://h/db"))
        #expect(try resolve("postgres://h/db").host == "h")
    }

    @Test func anIPv6HostIsWrittenInBrackets() throws {
        let s = try resolve("postgresql://anna@[2001:db8::1]:5433/team")
        #expect(s.host == "2001:db8::1")
        #expect(s.port == 5433)
        #expect(s.location == "[2001:db8::1]:5433")
        let loopback = try resolve("postgresql://[::1]/team")
        #expect(loopback.host == "::1")
        #expect(loopback.port == 5432)
        #expect(refusal("postgresql://[::1/team")?.message.contains("closing \"]\"") == true)
    }

    @Test func aSocketFolderComesFromTheHostParameterOrAPercentEncodedHost() throws {
        let byParameter = try resolve("postgresql:///team?host=/tmp/pg&port=5499")
        #expect(byParameter.usesUnixSocket)
        #expect(byParameter.unixSocketPath == "/tmp/pg/.s.PGSQL.5499")
        #expect(byParameter.location == "socket /tmp/pg/.s.PGSQL.5499")
        let encoded = try resolve("postgresql://%2Fvar%2Flib%2Fpostgresql/team")
        #expect(encoded.host == "/var/lib/postgresql")
        #expect(encoded.unixSocketPath == "/var/lib/postgresql/.s.PGSQL.5432")
        #expect(encoded.database == "team")
    }

    @Test func everyPartIsPercentDecoded() throws {
        let s = try resolve("postgresql://j%C3%B8rgen:p%40ss%3Aw%2Fd@h/my%20db")
        #expect(s.user == "jørgen")
        #expect(s.password == "p@ss:w/d")
        #expect(s.database == "my db")
    }

    @Test func queryParametersWinOverTheAuthority() throws {
        let s = try resolve("postgresql://anna@h1:1111/db1?host=h2&port=2222&dbname=db2&user=bob&password=pw")
        #expect(s.host == "h2")
        #expect(s.port == 2222)
        #expect(s.database == "db2")
        #expect(s.user == "bob")
        #expect(s.password == "pw")
    }

    @Test func sslTrueIsRequire() throws {
        #expect(try resolve("postgresql://h/db?ssl=true").sslMode == .require)
    }

    // MARK: Environment and defaults

    @Test func theEnvironmentFillsWhatTheURLLeavesOut() throws {
        let variables = ["PGHOST": "envhost", "PGPORT": "7777", "PGUSER": "envuser", "PGPASSWORD": "envpw",
                         "PGDATABASE": "envdb", "PGSSLMODE": "require", "PGCONNECT_TIMEOUT": "3", "PGAPPNAME": "envapp"]
        let s = try resolve("postgresql://", variables)
        #expect(s.host == "envhost")
        #expect(s.port == 7777)
        #expect(s.user == "envuser")
        #expect(s.password == "envpw")
        #expect(s.passwordSource == .environment)
        #expect(s.database == "envdb")
        #expect(s.sslMode == .require)
        #expect(s.connectTimeoutSeconds == 3)
        #expect(s.applicationName == "envapp")

        let urlWins = try resolve("postgresql://bob:pw@urlhost:1234/urldb?sslmode=disable&connect_timeout=5", variables)
        #expect(urlWins.host == "urlhost")
        #expect(urlWins.port == 1234)
        #expect(urlWins.user == "bob")
        #expect(urlWins.password == "pw")
        #expect(urlWins.passwordSource == .url)
        #expect(urlWins.database == "urldb")
        #expect(urlWins.sslMode == .disable)
        #expect(urlWins.connectTimeoutSeconds == 5)
    }

    @Test func defaultsAreLibpqs() throws {
        let s = try resolve("postgresql://")
        #expect(s.user == "anna")                      // the login
        #expect(s.database == "anna")                  // the user
        #expect(s.host == "/var/run/postgresql")       // the socket folder
        #expect(s.unixSocketPath == "/var/run/postgresql/.s.PGSQL.5432")
        #expect(s.port == 5432)
        #expect(s.password == nil)
        #expect(s.passwordSource == .none)
        #expect(s.sslMode == .prefer)
        #expect(s.connectTimeoutSeconds == 10)
        #expect(s.applicationName == "socialtime")
        #expect(s.rootCertificate == .file("/home/anna/.postgresql/root.crt"))
        #expect(!s.rootCertificateGiven)
        // The database defaults to the user, wherever the user came from.
        #expect(try resolve("postgresql://bob@h").database == "bob")
        #expect(try resolve("postgresql://h", ["PGUSER": "carl"]).database == "carl")
    }

    @Test func emptyValuesCountAsAbsent() throws {
        let s = try resolve("postgresql://", ["PGHOST": "", "PGPORT": "", "PGUSER": "", "PGDATABASE": "", "PGPASSWORD": ""])
        #expect(s.host == "/var/run/postgresql")
        #expect(s.port == 5432)
        #expect(s.user == "anna")
        #expect(s.database == "anna")
        #expect(s.password == nil)
    }

    @Test func connectTimeoutFollowsLibpq() throws {
        #expect(try resolve("postgresql://h?connect_timeout=0").connectTimeoutSeconds == nil)
        #expect(try resolve("postgresql://h?connect_timeout=-3").connectTimeoutSeconds == nil)
        #expect(try resolve("postgresql://h?connect_timeout=1").connectTimeoutSeconds == 2)
        #expect(try resolve("postgresql://h?connect_timeout=%2030").connectTimeoutSeconds == 30)
        #expect(refusal("postgresql://h?connect_timeout=ten")?.message.contains("whole seconds") == true)
        #expect(refusal("postgresql://h", ["PGCONNECT_TIMEOUT": "1.5"])?.exitCode == 64)
    }

    @Test func sslModesAndRootCertificates() throws {
        for mode in SSLMode.allCases {
            #expect(try resolve("postgresql://h?sslmode=\(mode.rawValue)").sslMode == mode)
        }
        let system = try resolve("postgresql://h?sslmode=verify-full&sslrootcert=system")
        #expect(system.rootCertificate == .system)
        #expect(system.rootCertificateGiven)
        let file = try resolve("postgresql://h?sslmode=verify-ca", ["PGSSLROOTCERT": "/etc/ca.pem"])
        #expect(file.rootCertificate == .file("/etc/ca.pem"))
        let message = refusal("postgresql://h?sslmode=strict")?.message ?? ""
        #expect(message.contains("invalid sslmode \"strict\""))
        #expect(message.contains("disable, allow, prefer, require, verify-ca, verify-full"))
    }

    // MARK: Bad input

    @Test func badPortsAreRefused() {
        for port in ["0", "65536", "54x", "-1"] {
            let error = refusal("postgresql://h:\(port)/db")
            #expect(error?.exitCode == 64, "port \(port)")
            #expect(error?.message.contains("1 to 65535") == true, "port \(port)")
        }
        #expect(refusal("postgresql://h/db", ["PGPORT": "abc"])?.message.contains("invalid port \"abc\"") == true)
    }

    @Test func unknownParametersNameWhatIsAccepted() {
        let message = refusal("postgresql://h/db?sslmod=require")?.message ?? ""
        #expect(message.contains("unknown URL parameter \"sslmod\""))
        #expect(message.contains("sslmode"))
        #expect(refusal("postgresql://h/db?sslmode")?.message.contains("no \"=\"") == true)
    }

    @Test func severalHostsAreRefused() {
        #expect(refusal("postgresql://h1,h2/db")?.message.contains("several hosts") == true)
        #expect(refusal("postgresql://h1:5432,h2:5432/db")?.message.contains("several hosts") == true)
        #expect(refusal("postgresql:///db", ["PGHOST": "a,b"])?.message.contains("several hosts") == true)
    }

    @Test func notAPostgresURLIsRefused() {
        #expect(refusal("mysql://h/db")?.message.contains("postgresql://") == true)
    }

    @Test func thePasswordIsNeverInAMessage() throws {
        let password = "Tr0ub4dor%zz"
        let error = refusal("postgresql://anna:\(password)@h/db")
        #expect(error?.exitCode == 64)
        #expect(error?.message.contains("password") == true)
        #expect(error?.message.contains("Tr0ub4dor") == false)
        let bad = refusal("postgresql://h/db?password=Tr0ub4dor%00")
        #expect(bad?.message.contains("Tr0ub4dor") == false)

        let settings = try resolve("postgresql://anna:hunter2@h:5432/db")
        #expect(!settings.description.contains("hunter2"))
        #expect(settings.description == "postgresql://anna:***@h:5432/db?sslmode=prefer")
        #expect(!"\(settings)".contains("hunter2"))
    }

    // MARK: The password file

    let pgpass = """
        # host:port:database:user:password
        other.example.com:5432:*:anna:not-this-one
        db.example.com:5432:team:anna:exact
        db.example.com:*:*:bob:bob-wild
        localhost:5432:*:anna:via-socket
        /tmp/pg:5432:*:anna:other-socket-folder
        colon\\:host:5432:*:anna:escaped
        *:*:*:carl:pa\\:ss\\\\word
        \\*:*:*:dora:literal-star-host
        """

    func withPassFile(_ url: String, _ variables: [String: String] = [:], permissions: UInt32 = 0o600,
                      regular: Bool = true, path: String = "/home/anna/.pgpass") throws -> ConnectionSettings {
        try resolve(url, variables, files: [path: PasswordFile(contents: pgpass, permissions: permissions, isRegularFile: regular)])
    }

    @Test func thePasswordFileMatchesHostPortDatabaseAndUser() throws {
        let s = try withPassFile("postgresql://anna@db.example.com/team")
        #expect(s.password == "exact")
        #expect(s.passwordSource == .passwordFile("/home/anna/.pgpass"))
        #expect(try withPassFile("postgresql://bob@db.example.com:9999/any").password == "bob-wild")
        #expect(try withPassFile("postgresql://anna@db.example.com/otherdb").password == nil)
        #expect(try withPassFile("postgresql://anna@db.example.com:5433/team").password == nil)
    }

    @Test func wildcardsAndEscapes() throws {
        #expect(try withPassFile("postgresql://carl@anywhere:1/x").password == "pa:ss\\word")
        #expect(try withPassFile("postgresql://anna@colon%3Ahost/x").password == "escaped")
        // An escaped star is a literal star, not a wildcard.
        #expect(try withPassFile("postgresql://dora@somewhere/x").password == nil)
    }

    @Test func theDefaultSocketFolderMatchesLocalhost() throws {
        #expect(try withPassFile("postgresql:///x?user=anna").password == "via-socket")
        #expect(try withPassFile("postgresql://anna@localhost/x").password == "via-socket")
        #expect(try withPassFile("postgresql:///x?user=anna&host=/tmp/pg").password == "other-socket-folder")
    }

    @Test func aGivenPasswordWinsOverTheFile() throws {
        #expect(try withPassFile("postgresql://anna:given@db.example.com/team").password == "given")
        #expect(try withPassFile("postgresql://anna@db.example.com/team", ["PGPASSWORD": "env"]).password == "env")
        // An empty password counts as none, so the file is read.
        #expect(try withPassFile("postgresql://anna:@db.example.com/team").password == "exact")
    }

    @Test func pgpassfileAndThePassfileParameterMoveTheFile() throws {
        let moved = try withPassFile("postgresql://anna@db.example.com/team", ["PGPASSFILE": "/etc/st/pgpass"], path: "/etc/st/pgpass")
        #expect(moved.password == "exact")
        #expect(moved.passwordSource == .passwordFile("/etc/st/pgpass"))
        let byURL = try withPassFile("postgresql://anna@db.example.com/team?passfile=/srv/pw", path: "/srv/pw")
        #expect(byURL.password == "exact")
        // Without a home and without PGPASSFILE there is no file to read.
        let homeless = try resolve("postgresql://anna@db.example.com/team", home: nil,
                                   files: ["/home/anna/.pgpass": PasswordFile(contents: pgpass)])
        #expect(homeless.password == nil)
    }

    @Test func aFileOthersCanReadIsIgnoredWithAWarning() throws {
        for permissions: UInt32 in [0o640, 0o604, 0o660, 0o644] {
            let s = try withPassFile("postgresql://anna@db.example.com/team", permissions: permissions)
            #expect(s.password == nil)
            #expect(s.warnings == ["WARNING: password file \"/home/anna/.pgpass\" has group or world access; permissions should be u=rw (0600) or less"])
        }
        #expect(try withPassFile("postgresql://anna@db.example.com/team", permissions: 0o400).password == "exact")
        let notAFile = try withPassFile("postgresql://anna@db.example.com/team", regular: false)
        #expect(notAFile.password == nil)
        #expect(notAFile.warnings.first?.contains("not a plain file") == true)
    }

    @Test func thePasswordFileIsReadFromDiskWithItsMode() throws {
        let folder = NSTemporaryDirectory() + "socialtime-pgpass-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/.pgpass"
        try "h:5432:db:anna:from-disk\r\n".write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let read = try #require(PasswordFile.read(path: path))
        #expect(read.permissions == 0o600)
        #expect(read.isRegularFile)
        let env = ConnectionEnvironment(variables: [:], home: folder, login: "anna")
        #expect(try ConnectionSettings.resolve(url: "postgresql://h/db", environment: env).password == "from-disk")

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let open = try ConnectionSettings.resolve(url: "postgresql://h/db", environment: env)
        #expect(open.password == nil)
        #expect(open.warnings.count == 1)
        #expect(PasswordFile.read(path: folder + "/missing") == nil)
        #expect(PasswordFile.read(path: folder)?.isRegularFile == false)
    }
}
