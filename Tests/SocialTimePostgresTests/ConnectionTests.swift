#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PostgresNIO
import Testing
import SocialTimeCore
import PostgresScratch
@testable import SocialTimePostgres

/// Connecting to servers that are not there or do not answer: no PostgreSQL needed.
@Suite struct UnreachableServerTests {
    func settings(_ url: String) throws -> ConnectionSettings {
        try ConnectionSettings.resolve(url: url, environment: ConnectionEnvironment(variables: [:], home: nil, login: "anna"))
    }


    @Test func aRefusedConnectionIsAFailureNamingHostPortAndReason() async throws {
        let port = try ClosedPort.pick()
        let error = await connectRefusal(try settings("postgresql://anna:pw@127.0.0.1:\(port)/team"))
        #expect(error?.exitCode == 1)
        #expect(error?.message == "cannot connect to PostgreSQL at 127.0.0.1:\(port): connection refused")
    }

    @Test func aMissingSocketIsAFailureNamingTheSocket() async throws {
        let folder = NSTemporaryDirectory() + "socialtime-nosocket-\(UUID().uuidString)"
        let error = await connectRefusal(try settings("postgresql:///team?host=\(folder)"))
        #expect(error?.exitCode == 1)
        #expect(error?.message == "cannot connect to PostgreSQL at socket \(folder)/.s.PGSQL.5432: no such file or directory")
    }

    /// A server that accepts the connection and never says a word: the connect timeout ends it.
    @Test func aSilentServerTimesOutWithinTheConnectTimeout() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                guard bind(fd, $0, length) == 0, listen(fd, 8) == 0, getsockname(fd, $0, &length) == 0 else {
                    throw POSIXError(.EADDRINUSE)
                }
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let started = ContinuousClock.now
        let error = await connectRefusal(try settings("postgresql://anna:pw@127.0.0.1:\(port)/team?connect_timeout=2&sslmode=disable"))
        #expect(error?.exitCode == 1)
        // The message is made only from NIO's own deadline firing (ChannelError.connectTimeout),
        // not from the server hanging up: the deadline covers the whole start-up. No upper bound
        // on the wall time here: with the whole suite running on two cores, a resumed task can
        // wait long for a thread, which says nothing about the deadline.
        #expect(error?.message == "cannot connect to PostgreSQL at 127.0.0.1:\(port): no answer within 2 s (connect_timeout)")
        #expect(ContinuousClock.now - started >= .seconds(1.5))
    }

    @Test func verifyingWithoutARootCertificateSaysWhatToDo() async throws {
        let error = await connectRefusal(try settings("postgresql://anna@127.0.0.1/team?sslmode=verify-full&sslrootcert=/nonexistent/root.crt"))
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("root certificate file \"/nonexistent/root.crt\" does not exist") == true)
        #expect(error?.message.contains("sslrootcert=system") == true)
    }

    @Test func sslModesMapToPostgresNIO() throws {
        func tls(_ query: String) throws -> (allowed: Bool, enforced: Bool) {
            let mode = try PostgresTLS.configuration(for: try settings("postgresql://h/db?\(query)"))
            return (mode.isAllowed, mode.isEnforced)
        }
        #expect(try tls("sslmode=disable") == (false, false))
        #expect(try tls("sslmode=allow") == (true, false))
        #expect(try tls("sslmode=prefer") == (true, false))
        #expect(try tls("sslmode=require") == (true, true))
        #expect(try tls("sslmode=verify-ca&sslrootcert=system") == (true, true))
        #expect(try tls("sslmode=verify-full&sslrootcert=system") == (true, true))
        // A socket never uses TLS, whatever sslmode says (as libpq).
        let socket = try PostgresStoreConnection.makeConfiguration(try settings("postgresql:///db?host=/tmp&sslmode=require"), lockTimeoutMilliseconds: 1)
        #expect(!socket.tls.isAllowed)
        #expect(socket.unixSocketPath == "/tmp/.s.PGSQL.5432")
    }
}

/// Connecting to the real test server: passwords, sockets, TLS.
@Suite(.enabled(if: PostgresTestServer.enabled)) struct ConnectionTests {
    @Test func aWrongPasswordIsPermissionDeniedWithoutThePassword() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            let wrong = "Wr0ng-Pa55word-xyz"
            let error = await connectRefusal(db.settings(db.admin, password: wrong))
            #expect(error?.exitCode == 77)
            #expect(error?.message.contains("refused role \(db.admin)") == true)
            #expect(error?.message.contains("password authentication failed") == true)
            #expect(error?.message.contains(wrong) == false)
            #expect(error?.message.contains(db.password) == false)
        }
    }

    @Test func aPasswordFromThePasswordFileIsNamedWhenItIsWrong() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            var settings = db.settings(db.admin, password: "stale-password")
            settings.passwordSource = .passwordFile("/home/anna/.pgpass")
            let error = await connectRefusal(settings)
            #expect(error?.exitCode == 77)
            #expect(error?.message.hasSuffix("(the password came from /home/anna/.pgpass)") == true)
        }
    }

    @Test func noPasswordWhenTheServerAsksForOneIsPermissionDenied() async throws {
        try await TeamDatabase.with(migrated: false) { db in
            var settings = db.settings(db.admin)
            settings.password = nil
            let error = await connectRefusal(settings)
            #expect(error?.exitCode == 77)
            #expect(error?.message.contains("~/.pgpass") == true)
        }
    }

    /// A mistyped database name is 66 for a command that only reads (as a missing file is),
    /// and 1 for one that would write or `db init`: socialtime never creates a database on a
    /// server. Every message says how to create it.
    @Test func aMissingDatabaseIsNoDatabaseForReadersAndAFailureForWriters() async throws {
        var settings = try PostgresTestServer.superuser()
        settings.database = "socialtime_no_such_db"
        let connecting = await connectRefusal(settings)
        #expect(connecting?.exitCode == 66)
        let reading = await refusal { _ = try await PostgresStore.open(settings, create: false) }
        #expect(reading?.exitCode == 66)
        let writing = await refusal { _ = try await PostgresStore.open(settings, create: true) }
        #expect(writing?.exitCode == 1)
        let initializing = await refusal { _ = try await PostgresStore.initialize(settings) }
        #expect(initializing?.exitCode == 1)
        for error in [connecting, reading, writing, initializing] {
            #expect(error?.message.contains("createdb socialtime_no_such_db") == true, "\(String(describing: error))")
        }
    }

    /// Statements sent ahead (an import's batches) run in the order sent; the transaction's next
    /// statement, or its COMMIT, waits for them and fails with the first one's error, and then
    /// nothing of the transaction is kept; a body that throws while writes are in flight rolls
    /// them back too.
    @Test func writesSentAheadRunInOrderAndTheirFailureEndsTheTransaction() async throws {
        try await PostgresStoreConnection.with(try PostgresTestServer.superuser()) { db async throws in
            try await db.execute("CREATE TEMP TABLE ahead (n int PRIMARY KEY)")
            let stored = { try await db.scalar("SELECT coalesce(string_agg(n::text, ',' ORDER BY n), '') FROM ahead", as: String.self) }
            try await db.transaction(.write, attempts: 1) { tx in
                try await tx.sendAhead("INSERT INTO ahead VALUES (1)")
                try await tx.sendAhead("UPDATE ahead SET n = 2 WHERE n = 1")
                #expect(try await tx.scalar("SELECT string_agg(n::text, ',') FROM ahead", as: String.self) == "2")
            }
            var failure: SocialTimeError?
            do {
                try await db.transaction(.write, attempts: 1) { tx in
                    try await tx.sendAhead("INSERT INTO ahead VALUES (3)")
                    try await tx.sendAhead("INSERT INTO ahead VALUES (2)")
                    try await tx.sendAhead("INSERT INTO ahead VALUES (4)")
                }
            } catch {
                failure = error as? SocialTimeError
            }
            #expect(failure?.message.contains("duplicate key") == true, "\(String(describing: failure))")
            #expect(try await stored() == "2")
            do {
                try await db.transaction(.write, attempts: 1) { tx in
                    try await tx.sendAhead("INSERT INTO ahead VALUES (5)")
                    throw SocialTimeError.invalidInput("stopped after sending")
                }
            } catch {
                #expect((error as? SocialTimeError)?.message == "stopped after sending", "\(error)")
            }
            #expect(try await stored() == "2")
            // A failed write in flight when the body throws: the ROLLBACK still ends the
            // transaction (the session is not left in an aborted one), and the body's error is the one said.
            do {
                try await db.transaction(.write, attempts: 1) { tx in
                    try await tx.sendAhead("INSERT INTO ahead VALUES (2)")
                    throw SocialTimeError.invalidInput("stopped after a failed write")
                }
            } catch {
                #expect((error as? SocialTimeError)?.message == "stopped after a failed write", "\(error)")
            }
            #expect(try await stored() == "2")
            // More than the limit in flight: the sender waits, and every one arrives, in order.
            try await db.transaction(.write, attempts: 1) { tx in
                for n in 10..<(10 + 3 * PostgresStoreConnection.aheadLimit) {
                    try await tx.sendAhead(PostgresQuery(unsafeSQL: "INSERT INTO ahead SELECT \(n) WHERE (SELECT max(n) FROM ahead) = \(n == 10 ? 2 : n - 1)"))
                }
            }
            #expect(try await db.scalar("SELECT count(*)::int FROM ahead", as: Int.self) == 1 + 3 * PostgresStoreConnection.aheadLimit)
        }
    }

    @Test func theSessionIsSetUpForSocialtime() async throws {
        try await PostgresStoreConnection.with(try PostgresTestServer.superuser()) { db async throws in
            #expect(try await db.scalar("SHOW search_path", as: String.self) == "socialtime")
            #expect(try await db.scalar("SHOW lock_timeout", as: String.self) == "10s")
            #expect(try await db.scalar("SHOW application_name", as: String.self) == "socialtime")
        }
    }

    @Test func aUnixSocketConnects() async throws {
        let folder = try #require(PostgresTestServer.socketDirectory, "the cluster script exports SOCIALTIME_TEST_POSTGRES_SOCKET_DIR")
        var settings = try PostgresTestServer.superuser()
        settings.host = folder
        try await PostgresStoreConnection.with(settings) { db async throws in
            // A socket connection has no client address.
            #expect(try await db.scalar("SELECT inet_client_addr() IS NULL", as: Bool.self) == true)
        }
    }

    @Test func tlsModesAgainstTheServer() async throws {
        let rootCertificate = try #require(PostgresTestServer.rootCertificate, "the cluster script exports SOCIALTIME_TEST_POSTGRES_ROOTCERT when openssl is present")
        let base = try PostgresTestServer.superuser()
        func usesTLS(_ change: (inout ConnectionSettings) -> Void) async throws -> Bool? {
            var settings = base
            change(&settings)
            return try await PostgresStoreConnection.with(settings) { db async throws in
                try await db.scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
            }
        }
        #expect(try await usesTLS { $0.sslMode = .disable } == false)
        #expect(try await usesTLS { $0.sslMode = .prefer } == true)
        #expect(try await usesTLS { $0.sslMode = .require } == true)
        #expect(try await usesTLS { $0.sslMode = .verifyCA; $0.rootCertificate = .file(rootCertificate) } == true)
        #expect(try await usesTLS { $0.sslMode = .verifyFull; $0.host = "localhost"; $0.rootCertificate = .file(rootCertificate) } == true)

        // The system's authorities do not know the throw-away certificate: verification fails.
        var untrusted = base
        untrusted.sslMode = .verifyFull
        untrusted.host = "localhost"
        untrusted.rootCertificate = .system
        let error = await connectRefusal(untrusted)
        #expect(error?.exitCode == 1)
        #expect(error?.message.contains("TLS failed") == true)
        #expect(error?.message.contains(base.password ?? "-") == false)
    }

    /// A server that ends an idle connection (a restart, an administrator's
    /// pg_terminate_backend) makes the next transaction fail at once with exit 1 naming the
    /// server, never wait for ever: a cron job must not hang.
    @Test(arguments: [SSLMode.disable, .require])
    func aConnectionTheServerEndsFailsTheNextTransaction(sslMode: SSLMode) async throws {
        var settings = try PostgresTestServer.superuser()
        settings.sslMode = sslMode
        let connection = try await PostgresStoreConnection.connect(settings)
        let pid = try await connection.scalar("SELECT pg_backend_pid()", as: Int.self)
        try await PostgresStoreConnection.with(settings) { su async throws in
            _ = try await su.execute("SELECT pg_terminate_backend(\(pid ?? 0)::integer, 5000)")
        }
        // Not a task group: a group waits for a hung child, and this test must fail, not hang.
        let outcome = OutcomeBox()
        Task {
            do {
                _ = try await connection.transaction(.read) { db in try await db.scalar("SELECT 1", as: Int.self) }
                await outcome.set("succeeded")
            } catch let error as SocialTimeError {
                await outcome.set("failed: \(error.exitCode) \(error.message)")
            } catch {
                await outcome.set("failed otherwise: \(error)")
            }
        }
        var waited = 0
        while await outcome.value == nil && waited < 200 {
            try await Task.sleep(nanoseconds: 100_000_000)
            waited += 1
        }
        let result = await outcome.value ?? "hung for 20 s"
        #expect(result.hasPrefix("failed: 1 "), "\(result)")
        #expect(result.contains(settings.location), "\(result)")
        await connection.close()
    }
}

/// What a task that may never finish reported, if anything.
actor OutcomeBox {
    private(set) var value: String?
    func set(_ text: String) { value = text }
}
