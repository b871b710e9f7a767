/// A JSON value with object keys kept in the order they were written, so machine output is
/// stable and reads in a sensible order. Numbers are kept as their final text.
public indirect enum JSON: Equatable, Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    public static func int(_ value: Int) -> JSON { .number(String(value)) }
    public static func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    /// Hours with two decimals, as a JSON number: `1.50`.
    public static func hours(_ minutes: Minutes) -> JSON { .number(minutes.hoursString()) }

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// Compact JSON, or indented with two spaces when `pretty`.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    /// Indented as if nested `indent` levels deep, for output written a piece at a time.
    public func serialized(pretty: Bool, indent: Int) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: indent)
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .string(let s): JSON.escape(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(into: &out, pretty: pretty, indent: indent + 1)
                item.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            JSON.newline(into: &out, pretty: pretty, indent: indent)
            out += "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSON.newline(into: &out, pretty: pretty, indent: indent + 1)
                JSON.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, indent: indent + 1)
            }
            JSON.newline(into: &out, pretty: pretty, indent: indent)
            out += "}"
        }
    }

    /// A line break and `indent` levels of two spaces, when `pretty`. Written in place: building
    /// the indentation as a new string for every value (scalars too) was a tenth of a weekly report.
    private static func newline(into out: inout String, pretty: Bool, indent: Int) {
        guard pretty else { return }
        out += "\n"
        for _ in 0..<indent { out += "  " }
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        // Most text needs no escaping at all: append it whole instead of scalar by scalar.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u" + Text.hex(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
