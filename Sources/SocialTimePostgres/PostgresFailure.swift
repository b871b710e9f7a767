#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import SocialTimeCore

/// A failure talking to PostgreSQL: the `SocialTimeError` a command reports, and the SQLSTATE
/// behind it, so a transaction can tell a serialization failure (retry) from a refusal.
public struct PostgresFailure: Error, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE the server sent, when the server sent one.
    public let sqlState: String?
    public let error: SocialTimeError
    /// The server's own words (already free of the password), for messages built on top.
    public var serverMessage: String?

    public init(sqlState: String?, error: SocialTimeError, serverMessage: String? = nil) {
        self.sqlState = sqlState
        self.error = error
        self.serverMessage = serverMessage
    }

    public var description: String { error.message }

    /// A conflict with another transaction that a fresh attempt can get past:
    /// serialization failure, deadlock, a lock not available within `lock_timeout`.
    public var isRetryable: Bool {
        guard let sqlState else { return false }
        return SQLState.retryable.contains(sqlState)
    }
}

/// The SQLSTATE codes socialtime tells apart (PostgreSQL's appendix "Error Codes").
public enum SQLState {
    public static let serializationFailure = "40001"
    public static let deadlockDetected = "40P01"
    public static let lockNotAvailable = "55P03"
    public static let queryCanceled = "57014"
    public static let invalidPassword = "28P01"
    public static let invalidAuthorization = "28000"
    public static let insufficientPrivilege = "42501"
    public static let checkViolation = "23514"
    public static let invalidCatalogName = "3D000"
    public static let cannotConnectNow = "57P03"
    public static let tooManyConnections = "53300"

    static let retryable: Set<String> = [serializationFailure, deadlockDetected, lockNotAvailable]
}

/// Turns what postgres-nio throws into socialtime's errors. Messages name the server (host and
/// port, or socket) and the reason; none contains the password, not even by accident: every
/// message is scrubbed of it before it leaves.
enum PostgresErrorMapping {
    /// An error while connecting: unreachable → `.failure`, refused login → `.permissionDenied`.
    static func connectFailure(_ error: any Error, settings: ConnectionSettings) -> PostgresFailure {
        let location = settings.location
        guard let psql = error as? PSQLError else {
            return scrubbed(nil, .failure("cannot connect to PostgreSQL at \(location): \(reason(error, settings: settings))"), settings)
        }
        switch psql.code {
        case .server:
            let state = psql.serverInfo?[.sqlState]
            let message = psql.serverInfo?[.message] ?? "the server refused the connection"
            switch state {
            case SQLState.invalidPassword, SQLState.invalidAuthorization:
                return scrubbed(state, .permissionDenied(
                    "PostgreSQL at \(location) refused role \(settings.user): \(message)\(passwordHint(settings))"), settings)
            case SQLState.cannotConnectNow, SQLState.tooManyConnections:
                return scrubbed(state, .busy("PostgreSQL at \(location) cannot take the connection now (\(message)); try again later"), settings)
            case SQLState.invalidCatalogName:
                // No such database: 66, as a missing file is for a command that only reads (a
                // mistyped URL in a crontab); `PostgresStore` makes it 1 where it would write.
                return scrubbed(state, .noDatabase("PostgreSQL at \(location) has no database \(settings.database): \(message) (create it with `createdb \(settings.database)`, then run `socialtime db init`)"), settings)
            default:
                return scrubbed(state, .failure("PostgreSQL at \(location) refused the connection: \(message)"), settings)
            }
        case .authMechanismRequiresPassword:
            return scrubbed(nil, .permissionDenied(
                "PostgreSQL at \(location) asks role \(settings.user) for a password and none was given: put it in ~/.pgpass (hostname:port:database:username:password, mode 0600) or PGPASSWORD"), settings)
        case .unsupportedAuthMechanism:
            return scrubbed(nil, .failure("PostgreSQL at \(location) asks for an authentication method socialtime does not speak; use scram-sha-256, md5 or trust in pg_hba.conf"), settings)
        case .saslError:
            return scrubbed(nil, .permissionDenied("PostgreSQL at \(location) refused role \(settings.user): the SCRAM password exchange failed\(passwordHint(settings))"), settings)
        case .sslUnsupported:
            return scrubbed(nil, .failure("PostgreSQL at \(location) does not offer TLS, and sslmode=\(settings.sslMode.rawValue) requires it: enable ssl on the server, or use sslmode=prefer or disable"), settings)
        default:
            return scrubbed(nil, .failure("cannot connect to PostgreSQL at \(location): \(reason(psql.underlying ?? psql, settings: settings))"), settings)
        }
    }

    /// An error from a statement: conflicts → busy (the caller retries first), refusals →
    /// permission denied, broken rules → invalid input, the rest → failure.
    static func queryFailure(_ error: any Error, settings: ConnectionSettings) -> PostgresFailure {
        if let failure = error as? PostgresFailure { return failure }
        if let socialTime = error as? SocialTimeError { return PostgresFailure(sqlState: nil, error: socialTime) }
        guard let psql = error as? PSQLError else {
            return scrubbed(nil, .failure("PostgreSQL at \(settings.location): \(reason(error, settings: settings))"), settings)
        }
        guard psql.code == .server, let info = psql.serverInfo else {
            switch psql.code {
            case .serverClosedConnection, .connectionError, .uncleanShutdown, .clientClosedConnection:
                return scrubbed(nil, .failure("the connection to PostgreSQL at \(settings.location) was lost: \(reason(psql.underlying ?? psql, settings: settings)); nothing of the unfinished transaction was kept"), settings)
            default:
                return scrubbed(nil, .failure("PostgreSQL at \(settings.location): \(psql.code)"), settings)
            }
        }
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? "error \(state)"
        let detail = info[.detail].map { " (\($0))" } ?? ""
        switch state {
        case SQLState.serializationFailure, SQLState.deadlockDetected, SQLState.lockNotAvailable, SQLState.queryCanceled:
            var failure = scrubbed(state, .busy("PostgreSQL at \(settings.location) stayed busy with other writers: \(message); safe to retry"), settings)
            failure.serverMessage = scrubbed(nil, .busy(message), settings).error.message
            return failure
        case SQLState.insufficientPrivilege:
            return scrubbed(state, .permissionDenied("PostgreSQL refused role \(settings.user): \(message)"), settings)
        case let s where s.hasPrefix("23"):
            return scrubbed(state, .invalidInput("\(message)\(detail)"), settings)
        case let s where s.hasPrefix("08") || s.hasPrefix("57P"):
            return scrubbed(state, .failure("the connection to PostgreSQL at \(settings.location) was lost: \(message)"), settings)
        default:
            return scrubbed(state, .failure("PostgreSQL at \(settings.location): \(message)\(detail) [\(state)]"), settings)
        }
    }

    /// Why a connection could not be made, in words: refused, timed out, no such host or socket.
    static func reason(_ error: any Error, settings: ConnectionSettings) -> String {
        switch error {
        case let psql as PSQLError:
            if let underlying = psql.underlying { return reason(underlying, settings: settings) }
            return "\(psql.code)"
        case let channel as ChannelError:
            if case .connectTimeout = channel { return timeoutReason(settings) }
            return "\(channel)"
        case let connection as NIOConnectionError:
            if let first = connection.connectionErrors.first { return reason(first.error, settings: settings) }
            return "the host name \(settings.host) could not be resolved"
        case let io as IOError:
            return String(cString: strerror(io.errnoCode)).lowercased()
        case let ssl as NIOSSLError:
            return "TLS failed (\(ssl)); check sslmode and the server's certificate"
        case let ssl as NIOSSLExtraError:
            return "TLS failed (\(ssl)); check sslmode and the server's certificate"
        case is PostgresConnectTimeout:
            return timeoutReason(settings)
        default:
            return "\(error)"
        }
    }

    static func timeoutReason(_ settings: ConnectionSettings) -> String {
        if let seconds = settings.connectTimeoutSeconds {
            return "no answer within \(seconds) s (connect_timeout)"
        }
        return "no answer"
    }

    static func passwordHint(_ settings: ConnectionSettings) -> String {
        switch settings.passwordSource {
        case .none: return " (no password was given)"
        case .url: return " (the password came from the URL)"
        case .environment: return " (the password came from PGPASSWORD)"
        case .passwordFile(let path): return " (the password came from \(path))"
        }
    }

    /// The last line of defence: no message ever carries the password, even if a server or a
    /// library echoed it.
    static func scrubbed(_ state: String?, _ error: SocialTimeError, _ settings: ConnectionSettings) -> PostgresFailure {
        guard let password = settings.password, !password.isEmpty, error.message.contains(password) else {
            return PostgresFailure(sqlState: state, error: error)
        }
        let clean = error.message.replacingAll(password, with: "***")
        let rebuilt: SocialTimeError
        switch error {
        case .invalidInput: rebuilt = .invalidInput(clean)
        case .invalidImportData: rebuilt = .invalidImportData(clean)
        case .failure: rebuilt = .failure(clean)
        case .busy: rebuilt = .busy(clean)
        case .noDatabase: rebuilt = .noDatabase(clean)
        case .permissionDenied: rebuilt = .permissionDenied(clean)
        }
        return PostgresFailure(sqlState: state, error: rebuilt)
    }
}

/// The whole connection (socket, TLS, authentication) took longer than `connect_timeout`.
struct PostgresConnectTimeout: Error {}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return replacingOccurrences(of: target, with: replacement)
    }
}
