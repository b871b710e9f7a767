/// Writes a report file (`report --out`) so that a reader never sees half of it, through the
/// same atomic temporary-file-and-rename as the CSV exports.
public enum ReportFile {
    public static func write(_ text: String, to path: String) throws(SocialTimeError) {
        if path.hasSuffix("/") || FileSystem.isDirectory(path) {
            throw .invalidInput("--out \(path) is a folder: give a file name, e.g. \(path.hasSuffix("/") ? path : path + "/")report.html")
        }
        let file = try AtomicFile(path: path)
        try file.write(text)
        try file.commit()
    }
}
