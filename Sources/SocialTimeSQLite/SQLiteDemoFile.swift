#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SocialTimeCore

extension SQLiteStore {
    /// The settings key that marks a database as built by `demo`, so `demo` may rebuild it
    /// but never overwrites someone's real data.
    public static let demoMarker = DemoDataset.marker

    /// Whether the file at `path` is a demo database. Opened read-only: a real database, or a
    /// file that is not a database at all, is left exactly as it was.
    public static func isDemoDatabase(_ path: String) -> Bool {
        guard let connection = try? Connection(path: path, readOnly: true) else { return false }
        return (try? connection.scalarText("SELECT value FROM settings WHERE key = ?", [demoMarker])) != nil
    }
}

extension SQLiteStore {
    /// The file `demo` uses when no `--db` is given: in the current folder, named so nobody
    /// mistakes it for real data.
    public static let defaultDemoPath = "socialtime-demo.db"

    /// Builds the demo database at `path` from scratch. An existing demo database there is
    /// replaced; any other file is refused and left untouched.
    public static func openForDemo(at path: String) throws(SocialTimeError) -> SQLiteStore {
        if FileSystem.exists(path) {
            guard !FileSystem.isDirectory(path), isDemoDatabase(path) else {
                throw .invalidInput("\(path) exists and is not a socialtime demo database: the demo will not overwrite it. Pass --db with a new file name")
            }
            for suffix in ["", "-wal", "-shm", "-journal"] where FileSystem.exists(path + suffix) {
                guard unlink(path + suffix) == 0 else {
                    throw .failure("cannot replace the old demo database \(path)\(suffix): \(FileSystem.errorText())")
                }
            }
        }
        return try SQLiteStore(path: path)
    }
}
