/// Every failure the library reports. The executable maps each to the exit code in the spec
/// and prints `message` on stderr; the library itself never prints or exits.
public enum SocialTimeError: Error, Equatable, CustomStringConvertible {
    /// Bad usage or input: a duration, date, week, handle, network, outcome, the 24 h cap,
    /// a short justification, a person without the right role. Exit 64.
    case invalidInput(String)
    /// An import file with bad rows; nothing was imported. Exit 65.
    case invalidImportData(String)
    /// The database or the file system failed: not a database, newer schema, read-only,
    /// an export that cannot be written. Exit 1.
    case failure(String)
    /// The database stayed locked by other writers through every retry. Exit 75: safe to retry.
    case busy(String)
    /// A command that only reads found no database where it looked. Exit 66.
    case noDatabase(String)
    /// The rules of who may do what refuse the action; nothing was changed. Exit 77.
    case permissionDenied(String)

    public var exitCode: Int32 {
        switch self {
        case .invalidInput: return 64
        case .invalidImportData: return 65
        case .failure: return 1
        case .busy: return 75
        case .noDatabase: return 66
        case .permissionDenied: return 77
        }
    }

    public var message: String {
        switch self {
        case .invalidInput(let m), .invalidImportData(let m), .failure(let m), .busy(let m), .noDatabase(let m),
             .permissionDenied(let m): return m
        }
    }

    public var description: String { message }
}
