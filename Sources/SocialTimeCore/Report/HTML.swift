/// Escaping for the HTML report: every piece of user text goes through `escape`.
public enum HTML {
    /// Escapes the five characters that matter in element content and quoted attributes, so
    /// `<script>` shows as text and `&` stays an ampersand.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A number for SVG coordinates: whole pixels are plenty.
    static func px(_ value: Double) -> String { String(Int(value.rounded())) }
}
