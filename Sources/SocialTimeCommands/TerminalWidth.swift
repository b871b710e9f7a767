#if canImport(Glibc)
import Glibc
#endif

/// How wide the terminal on stdout is, for `entries` to give notes the room there is.
enum TerminalWidth {
    /// The terminal's columns, or nil when stdout is not a terminal (a pipe or a file gets whole
    /// notes). `$COLUMNS` is a fallback for terminals that do not answer the size query.
    static func columns(environment: [String: String]) -> Int? {
        guard isatty(STDOUT_FILENO) == 1 else { return nil }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = environment["COLUMNS"], let columns = Int(text), columns > 0 { return columns }
        return 80
    }
}
