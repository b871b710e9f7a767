#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// Writes a report file so that a reader never sees half of it: a temporary file in the same
/// folder (so the rename stays on one file system), synced, then renamed over the target.
/// A failed write leaves any previous file in place.
public enum ReportFile {
    public static func write(_ text: String, to path: String) throws(SocialTimeError) {
        if path.hasSuffix("/") || FileSystem.isDirectory(path) {
            throw .invalidInput("--out \(path) is a folder: give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")report.html")
        }
        let folder = FileSystem.directory(of: path)
        guard FileSystem.isDirectory(folder) else {
            throw .failure("cannot write \(path): the folder \(folder) does not exist")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = folder + "/.\(name).tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw .failure("cannot write \(path): \(FileSystem.errorText())")
        }
        var failure: String?
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = FileSystem.errorText()
                break
            }
            written += count
        }
        // Synced before the rename, so a crash cannot leave a renamed but empty file.
        if failure == nil && fsync(descriptor) != 0 { failure = FileSystem.errorText() }
        if close(descriptor) != 0 && failure == nil { failure = FileSystem.errorText() }
        if failure == nil && rename(temporary, path) != 0 { failure = FileSystem.errorText() }
        if let failure {
            unlink(temporary)
            throw .failure("cannot write \(path): \(failure); any previous file was left in place")
        }
    }
}
