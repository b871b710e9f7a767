#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CSV files `demo` writes into `reports/demo/`, and how a later run knows them again: a
/// manifest, `.socialtime-demo`, beside them names each file with the size and a fingerprint of
/// the bytes demo wrote. A second run rebuilds a file whose bytes are still those; any other file
/// of the same name — copied there, edited since, or written by `export` — is never overwritten.
public struct DemoReports: Sendable {
    /// Where `demo` writes, relative to the current folder.
    public static let folderName = "reports/demo/"
    public static let manifestName = ".socialtime-demo"
    static let manifestHeader = "# socialtime demo: the files below are rebuilt by the next `socialtime demo`"

    /// The folder, ending in `/`.
    public let folder: String

    public init(folder: String) {
        self.folder = folder.hasSuffix("/") ? folder : folder + "/"
    }

    var manifestPath: String { folder + Self.manifestName }

    /// Which of `names` may be written: `true` for a file an earlier demo wrote (unchanged since),
    /// `false` for one that does not exist yet. Any other existing file is refused (64, naming it),
    /// before anything is written.
    public func writable(_ names: [String]) throws(SocialTimeError) -> [String: Bool] {
        let recorded = try manifest()
        var result: [String: Bool] = [:]
        for name in names {
            let path = folder + name
            guard FileSystem.exists(path) else {
                result[name] = false
                continue
            }
            guard let bytes = Self.contents(of: path), let mark = recorded[name], mark == Self.mark(bytes) else {
                throw .invalidInput("\(path) already exists and was not written by socialtime demo: it was left as it was; "
                    + "move it away or run demo in another folder")
            }
            result[name] = true
        }
        return result
    }

    /// Records `names` (as they are on disk now) as demo's own, for the next run.
    public func record(_ names: [String]) throws(SocialTimeError) {
        var text = Self.manifestHeader + "\n"
        for name in names.sorted() {
            guard let bytes = Self.contents(of: folder + name) else { continue }
            text += Self.mark(bytes) + " " + name + "\n"
        }
        let file = try AtomicFile(path: manifestPath)
        do throws(SocialTimeError) {
            try file.write(text)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
    }

    /// The manifest's marks by file name; none when there is no manifest. A file of that name
    /// that is not demo's manifest is refused rather than overwritten.
    func manifest() throws(SocialTimeError) -> [String: String] {
        guard FileSystem.exists(manifestPath) else { return [:] }
        guard let bytes = Self.contents(of: manifestPath) else {
            throw .failure("cannot read \(manifestPath), where socialtime demo keeps the names of the files it wrote")
        }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.first.map(String.init) == Self.manifestHeader else {
            throw .invalidInput("\(manifestPath) already exists and was not written by socialtime demo: it was left as it was; "
                + "move it away or run demo in another folder")
        }
        var marks: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let space = line.firstIndex(of: " ") else { continue }
            marks[String(line[line.index(after: space)...])] = String(line[..<space])
        }
        return marks
    }

    /// Size and 64-bit FNV-1a of the bytes: enough to tell demo's own file from one changed since.
    static func mark(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return "\(bytes.count)-" + String(hash, radix: 16)
    }

    /// A regular file's bytes; nil for anything else or a file that cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        guard FileSystem.isRegularFile(path) else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}
