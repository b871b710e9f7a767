#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NIOSSL
import PostgresNIO
import SocialTimeCore

/// `sslmode` mapped to postgres-nio's TLS modes:
///
/// | sslmode | postgres-nio | certificate check |
/// |---|---|---|
/// | disable | `.disable` | — |
/// | allow, prefer (default) | `.prefer` — TLS if the server offers it, plain otherwise | none (as libpq) |
/// | require | `.require` | none; with `sslrootcert` given, the CA is checked (as libpq) |
/// | verify-ca | `.require` | the chain up to `sslrootcert` (default `~/.postgresql/root.crt`, or `system`) |
/// | verify-full | `.require` | the chain and the host name |
///
/// A Unix socket never uses TLS, whatever `sslmode` says, as in libpq.
enum PostgresTLS {
    static func configuration(for settings: ConnectionSettings) throws(SocialTimeError) -> PostgresConnection.Configuration.TLS {
        switch settings.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer:
            return .prefer(try context(settings, verification: .none))
        case .require:
            return .require(try context(settings, verification: settings.rootCertificateGiven ? .noHostnameVerification : .none))
        case .verifyCA:
            return .require(try context(settings, verification: .noHostnameVerification))
        case .verifyFull:
            return .require(try context(settings, verification: .fullVerification))
        }
    }

    static func context(_ settings: ConnectionSettings, verification: CertificateVerification) throws(SocialTimeError) -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = verification
        if verification != .none {
            switch settings.rootCertificate {
            case .system:
                tls.trustRoots = .default
            case .file(let path):
                guard access(path, R_OK) == 0 else {
                    throw .failure("root certificate file \"\(path)\" does not exist or cannot be read: sslmode=\(settings.sslMode.rawValue) checks the server's certificate against it; give one with sslrootcert=FILE, use the system's authorities with sslrootcert=system, or choose sslmode=require")
                }
                tls.trustRoots = .file(path)
            }
        }
        do {
            if let certificate = settings.clientCertificate {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) }
                guard let key = settings.clientKey else {
                    throw SocialTimeError.invalidInput("sslcert is given without sslkey: give the client certificate's private key too")
                }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))
            }
            return try NIOSSLContext(configuration: tls)
        } catch let error as SocialTimeError {
            throw error
        } catch {
            throw .failure("cannot set up TLS for PostgreSQL at \(settings.location): \(error)")
        }
    }
}
